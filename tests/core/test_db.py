import sqlite3

import pytest
from sqlalchemy import text

from shopdesk.core.db import (
    SCHEMA_HEAD,
    CorruptStoreError,
    NewerSchemaError,
    check_schema,
    make_engine,
    migrate,
    write_session,
)

FTS_TRIGGERS = {
    "message_fts_ai",
    "message_fts_ad",
    "message_fts_au",
    "conversation_fts_ai",
    "conversation_fts_ad",
    "conversation_fts_au",
    "contact_fts_ai",
    "contact_fts_au",
    "contact_fts_ad",
    "contact_fts_identity_ai",
    "contact_fts_identity_au",
    "contact_fts_identity_ad",
    "canned_fts_ai",
    "canned_fts_au",
    "canned_fts_ad",
}


def test_empty_database_upgrades_to_head_with_fts_triggers(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert migrate(engine) == SCHEMA_HEAD
    with engine.connect() as conn:
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert triggers >= FTS_TRIGGERS
    assert version == SCHEMA_HEAD
    migrate(engine)  # a second start changes nothing


def test_head_constant_matches_the_alembic_scripts(engine):
    from alembic.script import ScriptDirectory

    from shopdesk.core.db import KNOWN_REVISIONS, alembic_config

    scripts = ScriptDirectory.from_config(alembic_config(engine))
    assert scripts.get_current_head() == SCHEMA_HEAD
    assert {s.revision for s in scripts.walk_revisions()} == set(KNOWN_REVISIONS)


def test_models_match_the_migrations(engine):
    """Autogenerate against a migrated DB finds nothing: every model change has a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from shopdesk.core.db import include_object

    with engine.connect() as conn:
        mc = MigrationContext.configure(conn, opts={"include_object": include_object})
        assert compare_metadata(mc, SQLModel.metadata) == []


def test_pragmas_are_set(engine):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_write_session_takes_the_write_lock_at_begin(engine, data_paths):
    other = sqlite3.connect(data_paths.database, timeout=0)
    with write_session(engine) as session:
        session.connection().execute(text("SELECT 1"))
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.close()


def test_write_session_rolls_back_on_error(engine):
    from sqlmodel import select

    from shopdesk.core.models import Label

    with pytest.raises(RuntimeError), write_session(engine) as session:
        session.add(Label(name="iade"))
        session.flush()
        raise RuntimeError("boom")
    with write_session(engine) as session:
        assert session.exec(select(Label)).all() == []


def test_a_database_from_a_newer_version_is_refused_untouched(engine, data_paths):
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()  # checkpoint: the whole store is in the main file now
    before = data_paths.database.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer ShopDesk"):
        migrate(engine)
    engine.dispose()
    assert data_paths.database.read_bytes() == before


def test_a_corrupt_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    engine = make_engine(f"sqlite:///{path}")
    with pytest.raises(CorruptStoreError, match="restore a backup"):
        check_schema(engine)


def test_a_full_disk_gives_a_clear_error_and_keeps_what_was_saved(engine, blobs, events):
    from sqlalchemy import event

    from shopdesk.core.db import DiskFullError, read_session
    from shopdesk.core.ingest import ingest
    from shopdesk.core.store import counts
    from tests.helpers.items import incoming

    ingest(engine, [incoming("önce")], blobs=blobs, publish=events)
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def cap(dbapi_conn, _record):  # SQLite's own "disk is full" once the file would grow
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    engine.dispose()
    event.listen(engine, "connect", cap)
    big = [incoming("x" * 50_000, key=f"big{i}", sender=f"s{i}@x.com") for i in range(20)]
    with pytest.raises(DiskFullError, match="disk is full"):
        ingest(engine, big, blobs=blobs, publish=events)
    with read_session(engine) as s:
        assert counts(s)["messages"] == 1
