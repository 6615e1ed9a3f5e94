"""The command-line checks and maintenance: --check, backup, restore (no Qt)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from shopdesk.core import backup
from shopdesk.core.db import (
    SCHEMA_HEAD,
    StoreError,
    check_schema,
    integrity_problems,
    make_engine,
    read_session,
)
from shopdesk.core.store import counts
from shopdesk.paths import DataPaths
from shopdesk.secrets import keyring_description


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def run_check(data_dir: Path) -> int:
    """Print ``name: value`` lines about the store; non-zero with a clear message when it is unusable."""
    paths = DataPaths(data_dir)
    print(f"data_dir: {paths.root}")
    print(f"database: {paths.database}")
    print(f"keyring: {keyring_description()}")
    if not paths.database.exists():
        if not _can_write(paths.root):
            return fail(f"The data directory {paths.root} cannot be written. Choose another with --data-dir.")
        print("schema: none (a new store is created on first start)")
        return 0
    if not os.access(paths.root, os.W_OK) or not os.access(paths.database, os.W_OK):
        return fail(
            f"The data directory {paths.root} is not writable. Fix its permissions or use --data-dir."
        )
    engine = make_engine(paths.database_url)
    try:
        revision = check_schema(engine)
        problems = integrity_problems(engine)
        print(f"schema: {revision} (this version: {SCHEMA_HEAD})")
        if problems:
            return fail("integrity check failed: " + "; ".join(problems[:5]))
        print("integrity: ok")
        if revision != SCHEMA_HEAD:
            print("note: the schema will be upgraded on the next start, after a backup")
            return 0
        with read_session(engine) as session:
            for name, value in counts(session).items():
                print(f"{name}: {value}")
        return 0
    except StoreError as exc:
        return fail(str(exc))
    finally:
        engine.dispose()


def _can_write(folder: Path) -> bool:
    """Whether ``folder`` exists and is writable, or could be created."""
    while not folder.exists():
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK)


def run_backup(data_dir: Path, target: Path | None) -> int:
    paths = DataPaths(data_dir)
    if not paths.database.exists():
        return fail(f"There is no ShopDesk database in {paths.root}.")
    from shopdesk.core.models import utcnow

    target = target or paths.backups / f"manual-{utcnow():%Y%m%d-%H%M%S}.sqlite3"
    try:
        backup.backup_database(paths.database, target)
    except OSError as exc:
        return fail(f"The backup could not be written to {target}: {exc.strerror or exc}.")
    print(f"backup: {target}")
    return 0


def run_restore(data_dir: Path, source: Path) -> int:
    paths = DataPaths(data_dir)
    from shopdesk.gui.instance import InstanceLock

    lock = InstanceLock(paths)
    if not lock.acquire():
        return fail(f"ShopDesk is running on {paths.root}. Close it, then restore.")
    try:
        kept = backup.restore(paths, source)
    except backup.BackupError as exc:
        return fail(str(exc))
    finally:
        lock.release()
    print(f"restored: {source}")
    if kept:
        print(f"previous_database_kept: {kept}")
    return 0
