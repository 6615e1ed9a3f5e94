"""The lazy conversation list model at 100,000 conversations: counts, page loads, bounded cache, updates."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel
from sqlalchemy import event
from sqlmodel import func, select

from shopdesk.core import conversations, outbox
from shopdesk.core.db import make_engine, read_session
from shopdesk.core.events import ConversationChanged
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Conversation
from shopdesk.core.store import ConversationFilter
from shopdesk.gui.models.conversation_list import ConversationListModel as Model
from tests.helpers.items import incoming

N = 100_000
CONTACTS = 1_000
CHANNELS = ("email", "telegram", "webchat")
STATUSES = ("open", "open", "pending", "resolved", "snoozed")


def _bulk_insert(path) -> None:
    """100,000 conversations straight into SQLite (seconds, not minutes).

    The FTS triggers are set aside during the insert and put back after it: folding and indexing
    100,000 subjects is the search tests' business, not this model's.
    """
    engine = make_engine(f"sqlite:///{path}")
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        triggers = cur.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND tbl_name IN ('contact', 'conversation')"
        ).fetchall()
        cur.execute("BEGIN IMMEDIATE")
        for name, _sql in triggers:
            cur.execute(f"DROP TRIGGER {name}")
        now = datetime.now(UTC)
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        cur.executemany(
            "INSERT INTO contact (id, name, notes, created_at) VALUES (?, ?, '', ?)",
            [(i, f"Müşteri {i}", stamp) for i in range(1, CONTACTS + 1)],
        )
        rows = []
        for i in range(1, N + 1):
            when = (now - timedelta(minutes=10 + i)).strftime("%Y-%m-%d %H:%M:%S.%f")
            subject, preview = f"Sipariş {i}", f"önizleme {i}"
            rows.append(
                (i, 1 + i % CONTACTS, CHANNELS[i % 3], STATUSES[i % 5], subject, preview, i % 2, when, when)
            )
        cur.executemany(
            "INSERT INTO conversation (id, contact_id, channel, status, subject, preview, unread_count, "
            "last_message_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        for _name, sql in triggers:
            cur.execute(sql)
        cur.execute("COMMIT")
    finally:
        raw.close()
        engine.dispose()


@pytest.fixture(scope="module")
def big_store(template_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "shopdesk.sqlite3"
    shutil.copy(template_db, path)
    _bulk_insert(path)
    return path


@pytest.fixture
def engine(big_store, data_paths):
    shutil.copy(big_store, data_paths.database)
    engine = make_engine(data_paths.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def model(qtbot, engine):
    model = Model(engine)
    model.set_filter(ConversationFilter(status=None))
    return model


class Statements(list):
    """Every SELECT the engine runs while attached."""

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            self.append(statement)


@pytest.fixture
def statements(engine):
    seen = Statements()
    event.listen(engine, "before_cursor_execute", seen)
    yield seen
    event.remove(engine, "before_cursor_execute", seen)


def publish_to(model):
    """A publish function that hands the model its conversation events, as the bridge does."""
    return lambda e: model.on_conversation_changed(e) if isinstance(e, ConversationChanged) else None


def count(engine, **where) -> int:
    stmt = select(func.count()).select_from(Conversation)
    for name, value in where.items():
        stmt = stmt.where(getattr(Conversation, name) == value)
    with read_session(engine) as session:
        return session.exec(stmt).one()


def test_row_count_is_every_conversation_and_no_row_is_loaded(model):
    assert model.rowCount() == N
    assert model.page_loads == 0
    assert model.cached_count() == 0
    assert model.data(model.index(0), Model.IdRole) == 1  # the newest; ids need no row load
    assert model.page_loads == 0


def test_a_visible_row_loads_only_its_page(model, statements):
    index = model.index(54_321)
    assert model.data(index, Model.NameRole) == f"Müşteri {(54_322 % CONTACTS) + 1}"
    assert model.page_loads == 1
    assert model.cached_count() == Model.PAGE_SIZE
    assert 0 < len(statements) <= 2  # the page's rows and their labels: no query per row
    statements.clear()
    for row in range(54_300, 54_400):  # the same page: served from the cache
        model.data(model.index(row), Model.SubjectRole)
    assert statements == []
    assert model.data(index, Model.SubjectRole) == "Sipariş 54322"


def test_the_row_cache_stays_bounded(model):
    pages = Model.CACHE_LIMIT // Model.PAGE_SIZE * 3
    for page in range(pages):
        model.data(model.index(page * 2_000), Model.NameRole)
    assert model.page_loads == pages
    assert model.cached_count() <= Model.CACHE_LIMIT
    assert model.data(model.index((pages - 1) * 2_000), Model.NameRole)  # the newest page is still cached
    assert model.page_loads == pages


def test_filters_match_the_store(model, engine):
    model.set_filter(ConversationFilter(status="open"))
    assert model.rowCount() == count(engine, status="open") == 40_000
    model.set_filter(ConversationFilter(status=None, channel="telegram"))
    assert model.rowCount() == count(engine, channel="telegram")
    model.set_filter(ConversationFilter(status="pending", unread_only=True))
    assert model.rowCount() == count(engine, status="pending", unread_count=1)
    assert all(model.data(model.index(r), Model.UnreadRole) == 1 for r in range(50))


def test_a_new_query_is_one_reset(qtbot, model):
    with qtbot.waitSignal(model.modelReset):
        model.set_query(ConversationFilter(status="resolved"), "")
    resets = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    model.set_filter(ConversationFilter(status="open", channel="email"))
    assert resets == [1]


def test_search_folds_turkish_letters_and_highlights_the_words(model, engine, blobs, events):
    text = "Merhaba, IŞIK kablosu 2 metre olanından stokta var mı?"
    [hit] = ingest(engine, [incoming(text, sender="isik@example.com")], blobs=blobs, publish=events)
    for query in ("isik", "ışık", "IŞIK", "işik"):
        model.set_search(query)
        assert model.rowCount() == 1, query
        index = model.index(0)
        assert model.data(index, Model.IdRole) == hit.conversation_id
        snippet = model.data(index, Model.SnippetRole)
        [(start, end)] = model.data(index, Model.SnippetSpansRole)
        assert snippet[start:end] == "IŞIK"
    model.set_search("")
    assert model.rowCount() == N + 1


def test_a_changed_conversation_moves_to_the_top_and_the_selection_stays(qtbot, model, engine):
    selection = QItemSelectionModel(model)
    first = model.data(model.index(0), Model.IdRole)
    selection.setCurrentIndex(model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    target = model.data(model.index(70_000), Model.IdRole)
    assert model.data(model.index(70_000), Model.UnreadRole) is not None
    resets = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    outbox.queue_reply(engine, publish_to(model), conversation_id=target, text="Tamam", author="D")
    qtbot.waitUntil(lambda: model.data(model.index(0), Model.IdRole) == target)
    assert model.data(model.index(0), Model.PreviewRole) == "Tamam"
    assert selection.currentIndex().row() == 1
    assert model.data(selection.currentIndex(), Model.IdRole) == first
    assert model.rowCount() == N
    assert resets == []


def test_a_resolved_conversation_leaves_the_open_list(qtbot, model, engine):
    model.set_filter(ConversationFilter(status="open"))
    before = model.rowCount()
    target = model.data(model.index(10), Model.IdRole)
    selection = QItemSelectionModel(model)
    keep = model.data(model.index(20), Model.IdRole)
    selection.setCurrentIndex(model.index(20), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    conversations.set_status(engine, publish_to(model), conversation_id=target, status="resolved")
    qtbot.waitUntil(lambda: model.rowCount() == before - 1)
    assert model.row_of(target) == -1
    assert model.data(selection.currentIndex(), Model.IdRole) == keep
