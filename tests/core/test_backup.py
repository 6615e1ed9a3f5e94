import sqlite3
from datetime import date, timedelta

import pytest

from shopdesk.core import backup
from shopdesk.core.db import make_engine, read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.store import counts
from shopdesk.settings import Settings
from tests.helpers.items import incoming


def test_backup_and_restore_round_trip_keeping_the_current_copy(engine, blobs, events, data_paths, tmp_path):
    ingest(engine, [incoming("önce", raw=b"raw-1")], blobs=blobs, publish=events)
    saved = backup.backup_database(data_paths.database, tmp_path / "b" / "x.sqlite3")
    backup.copy_new_blobs(data_paths)
    ingest(engine, [incoming("sonra", sender="z@x.com")], blobs=blobs, publish=events)
    engine.dispose()
    kept = backup.restore(data_paths, saved)
    assert kept is not None and kept.exists()
    fresh = make_engine(data_paths.database_url)
    with read_session(fresh) as s:
        assert counts(s)["messages"] == 1
    fresh.dispose()
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT count(*) FROM message").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"hello", "not a ShopDesk database"), (None, "not a ShopDesk database")],
)
def test_restore_refuses_what_is_not_a_shopdesk_database(data_paths, tmp_path, content, reason):
    path = tmp_path / "other.sqlite3"
    if content is None:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes(x)")
    else:
        path.write_bytes(content)
    before = data_paths.database.read_bytes()
    with pytest.raises(backup.BackupError, match=reason):
        backup.restore(data_paths, path)
    assert data_paths.database.read_bytes() == before


def test_restore_refuses_a_newer_schema(data_paths, tmp_path):
    newer = backup.backup_database(data_paths.database, tmp_path / "newer.sqlite3")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999'")
    with pytest.raises(backup.BackupError, match="newer ShopDesk"):
        backup.restore(data_paths, newer)


def test_daily_backup_once_a_day_with_retention(engine, data_paths):
    settings = Settings(backups_daily=7, backups_weekly=4)
    start = date(2026, 1, 1)
    for offset in range(60):
        backup.daily_backup(data_paths, engine, settings, today=start + timedelta(days=offset))
    assert backup.daily_backup(data_paths, engine, settings, today=start + timedelta(days=59)) is None
    kept = sorted(p.name for p in data_paths.backups.glob("daily-*.sqlite3"))
    last_day = start + timedelta(days=59)
    dailies = {f"daily-{(last_day - timedelta(days=i)).isoformat()}.sqlite3" for i in range(7)}
    assert dailies <= set(kept)
    assert 7 <= len(kept) <= 7 + 4
    assert len({date.fromisoformat(n[6:16]).isocalendar()[:2] for n in kept}) >= 4


def test_prune_keeps_weekly_copies(tmp_path):
    for i in range(40):
        (tmp_path / f"daily-{(date(2026, 3, 1) + timedelta(days=i)).isoformat()}.sqlite3").write_bytes(b"")
    backup.prune(tmp_path, daily=7, weekly=4)
    kept = sorted(p.name[6:16] for p in tmp_path.iterdir())
    # 7 newest days, plus the newest of each of the last 4 ISO weeks (two of them already among the 7).
    assert kept == ["2026-03-22", "2026-03-29", *[f"2026-04-0{d}" for d in range(3, 10)]]
