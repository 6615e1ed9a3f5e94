"""Opening the store: an older schema is backed up, then migrated; a newer one is refused untouched."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command

from shopdesk.context import open_context, shutdown
from shopdesk.core.db import SCHEMA_HEAD, StoreError, alembic_config, current_revision, make_engine
from shopdesk.paths import DataPaths


def store_at(tmp_path, revision: str) -> DataPaths:
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    engine = make_engine(paths.database_url)
    command.upgrade(alembic_config(engine), revision)
    engine.dispose()
    return paths


def test_an_older_store_is_backed_up_then_upgraded(tmp_path):
    paths = store_at(tmp_path, "0001")
    ctx = open_context(paths.root)
    try:
        assert current_revision(ctx.engine) == SCHEMA_HEAD
    finally:
        shutdown(ctx)
    [kept] = paths.backups.glob(f"before-upgrade-0001-to-{SCHEMA_HEAD}-*.sqlite3")
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_a_current_or_new_store_is_not_copied(tmp_path):
    paths = store_at(tmp_path, "head")
    shutdown(open_context(paths.root))
    shutdown(open_context(tmp_path / "new"))
    assert not list(paths.backups.glob("before-upgrade-*"))


def test_a_newer_store_is_refused_and_not_copied(tmp_path):
    paths = store_at(tmp_path, "head")
    with sqlite3.connect(paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer ShopDesk"):
        open_context(paths.root)
    assert not list(paths.backups.glob("before-upgrade-*"))
