"""Where ShopDesk keeps its files: data directory, blobs, backups, logs and bundled resources."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from shopdesk import APP_AUTHOR, APP_NAME

ENV_DATA_DIR = "SHOPDESK_DATA_DIR"


def default_data_dir(*, demo: bool = False) -> Path:
    """The platform's data directory, or ``$SHOPDESK_DATA_DIR``; the demo lives beside it."""
    override = os.environ.get(ENV_DATA_DIR)
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    return base.with_name(base.name + "-demo") if demo else base


@dataclass(frozen=True)
class DataPaths:
    """Every location inside one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "shopdesk.sqlite3"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def lock_file(self) -> Path:
        return self.root / "shopdesk.lock"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"

    def ensure(self) -> None:
        """Create the directories; raises OSError with the path when that is impossible."""
        for path in (self.root, self.blobs, self.backups, self.logs):
            path.mkdir(parents=True, exist_ok=True)


def resource(name: str) -> Path:
    """A bundled file under ``resources/``, from a source checkout or a frozen (PyInstaller) app."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    base = Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent
    return base / "resources" / name
