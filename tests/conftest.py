"""Shared fixtures: a migrated store per test (copied from one template), event capture, contexts."""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import make_engine, migrate
from shopdesk.paths import DataPaths


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "shopdesk.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def data_paths(tmp_path, template_db) -> DataPaths:
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    shutil.copy(template_db, paths.database)
    return paths


@pytest.fixture
def engine(data_paths):
    engine = make_engine(data_paths.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def blobs(data_paths) -> BlobStore:
    return BlobStore(data_paths.blobs)


class Events(list):
    def __call__(self, event):
        self.append(event)

    def of(self, kind):
        return [e for e in self if isinstance(e, kind)]


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def ctx(data_paths):
    from shopdesk.context import open_context, shutdown

    context = open_context(data_paths.root)
    yield context
    shutdown(context)
