"""The owner's per-sender "load images" choice for HTML mail, kept as one JSON list in the Setting table."""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine
from sqlmodel import Session

from shopdesk.core.db import write_session
from shopdesk.core.models import Setting

KEY = "email_images_senders"


def _normal(address: str) -> str:
    return address.strip().lower()


def _load(row: Setting | None) -> list[str]:
    try:
        value = json.loads(row.value_json) if row is not None else []
    except ValueError:
        return []
    return [a for a in value if isinstance(a, str)] if isinstance(value, list) else []


def allowed_senders(session: Session) -> set[str]:
    """Every sender address whose mail may load its remote images (lower-case)."""
    return set(_load(session.get(Setting, KEY)))


def images_allowed(session: Session, *, address: str) -> bool:
    return bool(address.strip()) and _normal(address) in allowed_senders(session)


def allow_images(engine: Engine, *, address: str, allowed: bool = True) -> None:
    """Remember (or forget) that mail from ``address`` may load its remote images."""
    address = _normal(address)
    if not address:
        raise ValueError("a sender address is needed")
    with write_session(engine) as session:
        row = session.get(Setting, KEY) or Setting(key=KEY)
        senders = [a for a in _load(row) if a != address]
        if allowed:
            senders.append(address)
        row.value_json = json.dumps(sorted(senders), ensure_ascii=False)
        session.add(row)
