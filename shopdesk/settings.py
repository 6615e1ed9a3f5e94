"""The owner's settings, typed with defaults and kept in the store (secrets go to the OS keyring)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.core.db import write_session
from shopdesk.core.models import Setting


@dataclass
class Settings:
    shop_name: str = ""
    owner_name: str = ""
    language: str = ""  # "" follows the system locale; "tr" or "en"
    notifications: bool = True
    quiet_hours_start: str = ""  # "22:00"; empty means no quiet hours
    quiet_hours_end: str = ""
    backups_enabled: bool = True
    backups_daily: int = 7
    backups_weekly: int = 4
    first_run_done: bool = False


def load_settings(session: Session) -> Settings:
    """Stored values over the defaults; a value of the wrong type falls back to its default."""
    stored = {row.key: row.value_json for row in session.exec(select(Setting))}
    result = Settings()
    for f in fields(Settings):
        if f.name not in stored:
            continue
        try:
            value = json.loads(stored[f.name])
        except ValueError:
            continue
        if isinstance(value, type(getattr(result, f.name))):
            setattr(result, f.name, value)
    return result


def save_settings(engine: Engine, settings: Settings) -> None:
    with write_session(engine) as session:
        for key, value in asdict(settings).items():
            row = session.get(Setting, key) or Setting(key=key)
            row.value_json = json.dumps(value, ensure_ascii=False)
            session.add(row)
