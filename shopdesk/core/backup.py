"""Backups: SQLite online backups (daily, with retention), the blobs not yet copied, and restore."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine

from shopdesk.core import jobs
from shopdesk.core.db import KNOWN_REVISIONS, write_session
from shopdesk.core.models import utcnow
from shopdesk.paths import DataPaths

DAILY_JOB = "backup.daily"
DAILY_PREFIX = "daily-"
REQUIRED_TABLES = {"alembic_version", "conversation", "message", "contact"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def backup_database(database: Path, dest: Path) -> Path:
    """Copy the live database to ``dest`` with SQLite's backup API (consistent while in use)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    src = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")
        finally:
            out.close()
    finally:
        src.close()
    tmp.replace(dest)
    return dest


def copy_new_blobs(paths: DataPaths) -> int:
    """Copy the content files (raw mail, attachments) that the backup folder does not have yet."""
    target_root = paths.backups / "blobs"
    copied = 0
    for src in paths.blobs.glob("??/*"):
        if src.name.startswith(".tmp-"):
            continue
        target = target_root / src.parent.name / src.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
            copied += 1
    return copied


def daily_backup(paths: DataPaths, engine: Engine, settings, *, today: date | None = None) -> Path | None:
    """Today's backup (once a day), blobs, old backups pruned, and tomorrow's job scheduled."""
    today = today or utcnow().date()
    dest = paths.backups / f"{DAILY_PREFIX}{today.isoformat()}.sqlite3"
    made = None
    if settings.backups_enabled and not dest.exists():
        made = backup_database(paths.database, dest)
        copy_new_blobs(paths)
        prune(paths.backups, daily=settings.backups_daily, weekly=settings.backups_weekly)
    ensure_daily_job(engine, after=datetime.combine(today + timedelta(days=1), datetime.min.time()))
    return made


def ensure_daily_job(engine: Engine, *, after: datetime | None = None) -> None:
    with write_session(engine) as session:
        if jobs.pending(session, kind=DAILY_JOB) and after is None:
            return
        run_at = after.replace(tzinfo=UTC) if after else utcnow()
        jobs.schedule(session, kind=DAILY_JOB, run_at=run_at, key=DAILY_JOB)


def prune(folder: Path, *, daily: int, weekly: int) -> list[Path]:
    """Keep the newest ``daily`` backups and the newest of each of the last ``weekly`` weeks."""
    dated = []
    for path in folder.glob(f"{DAILY_PREFIX}*.sqlite3"):
        try:
            dated.append((date.fromisoformat(path.stem[len(DAILY_PREFIX) :]), path))
        except ValueError:
            continue
    dated.sort(reverse=True)
    keep = {p for _, p in dated[:daily]}
    weeks_seen: list[tuple[int, int]] = []
    for day, path in dated:
        week = day.isocalendar()[:2]
        if week not in weeks_seen:
            weeks_seen.append(week)
            if len(weeks_seen) <= weekly:
                keep.add(path)
    removed = [p for _, p in dated if p not in keep]
    for path in removed:
        path.unlink()
    return removed


def check_backup_file(path: Path) -> str:
    """The schema revision of a ShopDesk backup; BackupError when the file is not one we can restore."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise BackupError(f"{path} is not a ShopDesk database (not an SQLite file). Nothing was changed.")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables >= REQUIRED_TABLES:
            raise BackupError(f"{path} is an SQLite file but not a ShopDesk database. Nothing was changed.")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"{path} is damaged (integrity check failed). Nothing was changed.")
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} cannot be read as a database ({exc}). Nothing was changed.") from exc
    finally:
        conn.close()
    if revision is None or revision[0] not in KNOWN_REVISIONS:
        raise BackupError(
            f"{path} was written by a newer ShopDesk (schema {revision and revision[0]}). "
            "Install the newer version to restore it. Nothing was changed."
        )
    return revision[0]


def restore(paths: DataPaths, source: Path) -> Path | None:
    """Replace the database with ``source``; the current one is kept first. Returns that copy."""
    check_backup_file(source)
    paths.ensure()
    kept = None
    if paths.database.exists():
        stamp = utcnow().strftime("%Y%m%d-%H%M%S")
        kept = backup_database(paths.database, paths.backups / f"before-restore-{stamp}.sqlite3")
    tmp = paths.database.with_name(paths.database.name + ".restoring")
    backup_database(source, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(paths.database) + suffix).unlink(missing_ok=True)
    tmp.replace(paths.database)
    blobs = source.parent / "blobs"
    if blobs.is_dir():
        for src in blobs.glob("??/*"):
            target = paths.blobs / src.parent.name / src.name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target)
    return kept
