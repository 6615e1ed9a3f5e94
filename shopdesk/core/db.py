"""Engines, pragmas, transactions and schema migrations for the ShopDesk store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from shopdesk.core.text import fold

# The newest schema this code knows; tests check it against the Alembic scripts.
SCHEMA_HEAD = "0005"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
FTS_PREFIXES = ("message_fts", "contact_fts", "conversation_fts", "canned_fts")


class StoreError(Exception):
    """A store that cannot be used, with a message meant for the owner."""


class NewerSchemaError(StoreError):
    pass


class CorruptStoreError(StoreError):
    pass


class DiskFullError(StoreError):
    pass


DISK_FULL = (
    "The disk is full, so ShopDesk could not save. Free some space; nothing saved before was lost, "
    "and messages that could not be saved are fetched again."
)


def _fold_sql(value: object) -> str:
    return fold(value if isinstance(value, str) else "")


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # pysqlite's own transaction handling is switched off; the "begin" hook below issues BEGIN.
    dbapi_conn.isolation_level = None
    dbapi_conn.create_function("sd_fold", 1, _fold_sql, deterministic=True)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA cache_size=-32000")
    cur.close()


def _on_begin(conn) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url``; for SQLite with WAL, FULL sync, foreign keys and our fold function."""
    if not url.startswith("sqlite"):
        return create_engine(url, echo=echo, pool_pre_ping=True)
    memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"check_same_thread": False, "timeout": 10},
        # Pooled connections: opening one costs a connect, our pragmas and functions, and closing the
        # last one checkpoints the WAL.
        **({"poolclass": StaticPool} if memory else {"pool_size": 4, "max_overflow": 8}),
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session inside one ``BEGIN IMMEDIATE`` transaction: committed on success, else rolled back."""
    writer = engine.execution_options(sqlite_begin="IMMEDIATE")
    try:
        with Session(writer, expire_on_commit=False) as session, session.begin():
            yield session
    except (OperationalError, sqlite3.OperationalError) as exc:
        if "full" in str(getattr(exc, "orig", exc)).lower():
            raise DiskFullError(DISK_FULL) from exc
        raise


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A short read transaction; keep it short, a long reader stops WAL checkpoints."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: FTS5 tables and their shadow tables are managed by hand in the migrations."""
    return not (type_ == "table" and name and name.startswith(FTS_PREFIXES))


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty one."""
    with engine.connect() as conn:
        try:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        except OperationalError:
            return None
        return row[0] if row else None


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> str:
    """Bring the schema to head; refuse a database written by a newer ShopDesk."""
    revision = check_schema(engine)
    if revision != SCHEMA_HEAD:
        from alembic import command

        command.upgrade(alembic_config(engine), "head")
    return SCHEMA_HEAD


def check_schema(engine: Engine) -> str | None:
    """The stored revision; raises a StoreError the owner can act on when it is unusable."""
    try:
        revision = current_revision(engine)
    except DatabaseError as exc:
        raise CorruptStoreError(
            f"The database file cannot be read ({exc.orig}). It may be damaged; "
            "restore a backup with 'shopdesk restore FILE'."
        ) from exc
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(
            f"This database was written by a newer ShopDesk (schema {revision}). "
            "Install the newer version to open it; nothing was changed."
        )
    return revision


def integrity_problems(engine: Engine) -> list[str]:
    """SQLite's quick_check and the foreign keys; empty when the file is sound."""
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
        problems = [r for r in rows if r != "ok"]
        fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems += [f"foreign key: {tuple(r)}" for r in fk]
    return problems


def checkpoint(engine: Engine) -> None:
    """Fold the WAL back into the database file (after big imports)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
