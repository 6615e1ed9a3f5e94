"""A group of settings (one dataclass: the FAQ bot's, the surveys', the hours', the carts') as one JSON row
of the Setting table."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, fields
from typing import TypeVar

from sqlmodel import Session

from shopdesk.core.models import Setting

log = logging.getLogger(__name__)
T = TypeVar("T")


def load_group(session: Session, key: str, group: type[T]) -> T:
    """The stored values over ``group``'s defaults; names it no longer has are left out.

    A row that cannot be read (edited by hand, or a shape ShopDesk never wrote) gives the defaults, and a
    value of the wrong type gives its default, each with a warning in the log: a setting never stops the
    app from starting.
    """
    defaults = group()
    row = session.get(Setting, key)
    if row is None:
        return defaults
    try:
        stored = json.loads(row.value_json)
    except ValueError:
        stored = None
    if not isinstance(stored, dict):
        log.warning("the stored %r settings are unreadable; the defaults are used", key)
        return defaults
    values = {}
    for name in {f.name for f in fields(group)} & stored.keys():
        if _fits(getattr(defaults, name), stored[name]):
            values[name] = stored[name]
        else:
            log.warning("the stored %r setting %r is not a %s; its default is used", key, name,
                        type(getattr(defaults, name)).__name__)  # fmt: skip
    return group(**values)


def _fits(default: object, value: object) -> bool:
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def save_group(session: Session, key: str, value: object) -> None:
    """Keep ``value`` (a dataclass) as the row ``key``, in the caller's transaction."""
    row = session.get(Setting, key) or Setting(key=key)
    row.value_json = json.dumps(asdict(value), ensure_ascii=False)
    session.add(row)
