"""The conversation list as a lazy Qt model: every id of the query, rows loaded a page at a time."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt, QTimer
from sqlalchemy.engine import Engine

from shopdesk.core import store
from shopdesk.core.db import read_session
from shopdesk.core.snippets import message_texts, snippet
from shopdesk.core.store import ConversationFilter, ConversationRow
from shopdesk.core.text import fts_query, match_spans

Spans = list[tuple[int, int]]
ROLE_BASE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ListEntry:
    """One cached row: the store's row plus what the search adds (snippet and highlight spans)."""

    row: ConversationRow
    snippet: str
    snippet_spans: Spans = field(default_factory=list)
    name_spans: Spans = field(default_factory=list)
    subject_spans: Spans = field(default_factory=list)


class ConversationListModel(QAbstractListModel):
    """Keeps the ids of the current query and a bounded cache of rows, filled a page at a time."""

    (
        IdRole,
        NameRole,
        ChannelRole,
        StatusRole,
        SubjectRole,
        PreviewRole,
        SnippetRole,
        UnreadRole,
        TimeRole,
        LabelsRole,
        SnippetSpansRole,
        NameSpansRole,
        SubjectSpansRole,
        SnoozedUntilRole,
        ContactIdRole,
    ) = range(ROLE_BASE, ROLE_BASE + 15)

    PAGE_SIZE = 100
    CACHE_LIMIT = 1000
    REFRESH_DELAY_MS = 150
    RESET_ABOVE = 500  # more removals than this in one refresh: a reset is cheaper than many signals

    def __init__(self, engine: Engine, parent=None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._filter = ConversationFilter()
        self._search = ""
        self._ids: list[int] = []
        self._hits: dict[int, int | None] = {}
        self._rows: dict[int, int] | None = None  # id -> row, built when first needed
        self._cache: OrderedDict[int, ListEntry] = OrderedDict()
        self.page_loads = 0
        self._refresh_timer = QTimer(self, singleShot=True, interval=self.REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

    # --- queries -------------------------------------------------------------------------------

    @property
    def conversation_filter(self) -> ConversationFilter:
        return self._filter

    @property
    def search_text(self) -> str:
        return self._search

    def set_filter(self, flt: ConversationFilter) -> None:
        self.set_query(flt, self._search)

    def set_search(self, text: str) -> None:
        """Show the conversations matching ``text`` (FTS, Turkish folding); empty text ends the search."""
        self.set_query(self._filter, text)

    def set_query(self, flt: ConversationFilter, search: str) -> None:
        """A new filter and search text at once: one query, one model reset."""
        self._filter, self._search = flt, search.strip()
        self._reset()

    def searching(self) -> bool:
        return bool(fts_query(self._search))

    def _query(self) -> tuple[list[int], dict[int, int | None]]:
        with read_session(self._engine) as session:
            if self.searching():
                hits = store.search(session, query=self._search, flt=self._filter)
                return [h.conversation_id for h in hits], {h.conversation_id: h.message_id for h in hits}
            return store.conversation_ids(session, flt=self._filter), {}

    def _reset(self) -> None:
        self._refresh_timer.stop()
        ids, hits = self._query()
        self.beginResetModel()
        self._ids, self._hits, self._rows = ids, hits, None
        self._cache.clear()
        self.endResetModel()

    # --- lookups -------------------------------------------------------------------------------

    def conversation_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, conversation_id: int) -> int:
        """The row showing ``conversation_id``, or -1."""
        if self._rows is None:
            self._rows = {cid: row for row, cid in enumerate(self._ids)}
        return self._rows.get(conversation_id, -1)

    def index_of(self, conversation_id: int) -> QModelIndex:
        row = self.row_of(conversation_id)
        return self.index(row, 0) if row >= 0 else QModelIndex()

    def cached_count(self) -> int:
        return len(self._cache)

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == self.IdRole:
            return self._ids[index.row()]
        entry = self._entry(index.row())
        if entry is None:
            return None
        return self._value(entry, role)

    def roleNames(self) -> dict[int, QByteArray]:
        names = {
            self.IdRole: b"conversationId",
            self.NameRole: b"name",
            self.ChannelRole: b"channel",
            self.StatusRole: b"status",
            self.SubjectRole: b"subject",
            self.PreviewRole: b"preview",
            self.SnippetRole: b"snippet",
            self.UnreadRole: b"unread",
            self.TimeRole: b"time",
            self.LabelsRole: b"labels",
            self.SnippetSpansRole: b"snippetSpans",
            self.NameSpansRole: b"nameSpans",
            self.SubjectSpansRole: b"subjectSpans",
            self.SnoozedUntilRole: b"snoozedUntil",
            self.ContactIdRole: b"contactId",
        }
        return {**super().roleNames(), **{k: QByteArray(v) for k, v in names.items()}}

    def _value(self, entry: ListEntry, role: int):
        row = entry.row
        values = {
            Qt.ItemDataRole.DisplayRole: row.contact_name,
            Qt.ItemDataRole.ToolTipRole: row.subject or None,
            self.NameRole: row.contact_name,
            self.ChannelRole: row.channel,
            self.StatusRole: row.status,
            self.SubjectRole: row.subject,
            self.PreviewRole: row.preview,
            self.SnippetRole: entry.snippet,
            self.UnreadRole: row.unread_count,
            self.TimeRole: row.last_message_at,
            self.LabelsRole: row.labels,
            self.SnippetSpansRole: entry.snippet_spans,
            self.NameSpansRole: entry.name_spans,
            self.SubjectSpansRole: entry.subject_spans,
            self.SnoozedUntilRole: row.snoozed_until,
            self.ContactIdRole: row.contact_id,
        }
        return values.get(role)

    # --- the row cache -------------------------------------------------------------------------

    def _entry(self, row: int) -> ListEntry | None:
        cid = self._ids[row]
        entry = self._cache.get(cid)
        if entry is None:
            self._load_page(row)
            entry = self._cache.get(cid)
        else:
            self._cache.move_to_end(cid)
        return entry

    def _load_page(self, row: int) -> None:
        """One query for the uncached ids of the page around ``row``; the oldest entries make room."""
        start = row - row % self.PAGE_SIZE
        wanted = [cid for cid in self._ids[start : start + self.PAGE_SIZE] if cid not in self._cache]
        if not wanted:
            return
        self.page_loads += 1
        hit_ids = [mid for cid in wanted if (mid := self._hits.get(cid)) is not None]
        with read_session(self._engine) as session:
            rows = store.conversation_rows(session, ids=wanted)
            texts = message_texts(session, message_ids=hit_ids) if self.searching() else {}
        for cid in wanted:
            if cid in rows:
                self._cache[cid] = self._make_entry(rows[cid], texts.get(self._hits.get(cid)))
        while len(self._cache) > self.CACHE_LIMIT:
            self._cache.popitem(last=False)

    def _make_entry(self, row: ConversationRow, hit_text: str | None) -> ListEntry:
        if not self.searching():
            return ListEntry(row, row.preview)
        text, spans = snippet(hit_text if hit_text is not None else row.preview, self._search)
        return ListEntry(
            row,
            text,
            spans,
            match_spans(row.contact_name, self._search),
            match_spans(row.subject, self._search),
        )

    # --- live updates --------------------------------------------------------------------------

    def on_conversation_changed(self, event) -> None:
        """Refresh that row now and the order shortly after (several changes make one re-query)."""
        cid = event.conversation_id
        self._cache.pop(cid, None)
        row = self.row_of(cid)
        if row >= 0:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)
        if not self._refresh_timer.isActive():  # a burst of changes (a mail sync) refreshes as it goes
            self._refresh_timer.start()

    def refresh(self) -> None:
        """Re-run the query and move rows to their new places; selections (persistent indexes) follow."""
        self._refresh_timer.stop()
        started = time.perf_counter()
        new_ids, new_hits = self._query()
        # A slow query (a big "All" list) waits longer between refreshes, so a sync stays smooth.
        spent_ms = int((time.perf_counter() - started) * 1000)
        self._refresh_timer.setInterval(max(self.REFRESH_DELAY_MS, 3 * spent_ms))
        for cid, mid in new_hits.items():
            if self._hits.get(cid, mid) != mid:
                self._cache.pop(cid, None)
        self._hits = new_hits
        if new_ids == self._ids:
            return
        wanted = set(new_ids)
        gone = [row for row, cid in enumerate(self._ids) if cid not in wanted]
        if len(gone) > self.RESET_ABOVE:
            self.beginResetModel()
            self._ids, self._rows = new_ids, None
            self.endResetModel()
            return
        self._remove_rows(gone)
        self._insert_new(new_ids)
        self._reorder(new_ids)

    def _remove_rows(self, rows: list[int]) -> None:
        """Remove ``rows`` (ascending) in contiguous runs, from the bottom so the rest stay valid."""
        runs: list[list[int]] = []
        for row in rows:
            if runs and runs[-1][1] == row - 1:
                runs[-1][1] = row
            else:
                runs.append([row, row])
        for first, last in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self._rows = None
            self.endRemoveRows()

    def _insert_new(self, new_ids: list[int]) -> None:
        present = set(self._ids)
        added = [cid for cid in new_ids if cid not in present]
        if not added:
            return
        self.beginInsertRows(QModelIndex(), 0, len(added) - 1)
        self._ids[0:0] = added
        self._rows = None
        self.endInsertRows()

    def _reorder(self, new_ids: list[int]) -> None:
        if new_ids == self._ids:
            return
        self.layoutAboutToBeChanged.emit()
        position = {cid: row for row, cid in enumerate(new_ids)}
        old = self.persistentIndexList()
        moved = [self.index(position[self._ids[i.row()]], i.column()) for i in old]
        self._ids, self._rows = list(new_ids), position
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()
