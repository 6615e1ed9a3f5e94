"""The conversations pane: filter bar, search box (Ctrl+K) and the lazy list of conversations."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStackedLayout,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import store
from shopdesk.core.db import read_session
from shopdesk.core.store import ConversationFilter
from shopdesk.gui.models.conversation_list import ConversationListModel
from shopdesk.gui.widgets.channel_marks import CHANNEL_NAMES, channel_name
from shopdesk.gui.widgets.conversation_delegate import ConversationDelegate

STATUSES = ("open", "pending", "snoozed", "resolved", "all")
SEARCH_DELAY_MS = 200


class ConversationListPane(QWidget):
    """Emits ``conversation_selected(id)`` when the owner moves to another conversation."""

    conversation_selected = Signal(int)

    def __init__(self, ctx, bridge, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("ConversationListPane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._ctx, self._tasks = ctx, tasks
        self._current: int | None = None
        self.model = ConversationListModel(ctx.engine, self)
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self._labels_timer = QTimer(self, singleShot=True, interval=1000)
        self._labels_timer.timeout.connect(self._reload_labels)
        bridge.conversation_changed.connect(self.on_conversation_changed)
        self.retranslate()
        self._reload_labels()
        self.model.set_filter(self.current_filter())
        self._select_row(0)

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(objectName="ListHeader")
        self.count = QLabel(objectName="ListCount")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.count)
        self.search = QLineEdit(objectName="SearchBox", clearButtonEnabled=True)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.installEventFilter(self)
        self.status_tabs = QTabBar(objectName="StatusTabs", expanding=True, drawBase=False)
        for status in STATUSES:
            self.status_tabs.setTabData(self.status_tabs.addTab(""), status)
        self.status_tabs.currentChanged.connect(self._apply_filter)
        self.channel_box = QComboBox()
        self.label_box = QComboBox()
        self.unread_button = QToolButton(checkable=True)
        for box in (self.channel_box, self.label_box):
            box.currentIndexChanged.connect(self._apply_filter)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unread_button.toggled.connect(self._apply_filter)
        bar = QWidget(objectName="FilterBar")
        filters = QHBoxLayout(bar)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(6)
        for widget in (self.channel_box, self.label_box, self.unread_button):
            filters.addWidget(widget)
        filters.addStretch(1)
        top = QVBoxLayout()
        top.setContentsMargins(14, 12, 14, 8)
        top.setSpacing(8)
        top.addLayout(header)
        top.addWidget(self.search)
        top.addWidget(self.status_tabs)
        top.addWidget(bar)
        self.view = self._make_view()
        self.empty = QLabel(objectName="EmptyState", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addLayout(self.stack, 1)

    def _make_view(self) -> QListView:
        view = QListView()
        view.setModel(self.model)
        view.setItemDelegate(ConversationDelegate(view))
        view.setUniformItemSizes(True)  # row heights are never measured one by one: 100,000 rows stay fast
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setMouseTracking(True)
        view.setFrameShape(QListView.Shape.NoFrame)
        view.selectionModel().currentChanged.connect(self._on_current_changed)
        for sig in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            sig.connect(self._update_count)
        self.model.modelReset.connect(self._restore_selection)
        return view

    def retranslate(self) -> None:
        self.title.setText(self.tr("Conversations"))
        self.search.setPlaceholderText(self.tr("Search…  (Ctrl+K)"))
        self.search.setToolTip(self.tr("Searches messages, names, addresses and subjects"))
        status_names = [
            self.tr("Open"),
            self.tr("Pending"),
            self.tr("Snoozed"),
            self.tr("Resolved"),
            self.tr("All"),
        ]
        for i, name in enumerate(status_names):
            self.status_tabs.setTabText(i, name)
        channels = [(self.tr("All channels"), ""), *((channel_name(c), c) for c in CHANNEL_NAMES)]
        _fill(self.channel_box, channels)
        if self.label_box.count():
            self.label_box.setItemText(0, self.tr("All labels"))
        self.status_tabs.setToolTip(
            self.tr("Which conversations to show; a search looks through all of them")
        )
        self.unread_button.setText(self.tr("Unread"))
        self.unread_button.setToolTip(self.tr("Show only conversations with unread messages"))
        self._update_count()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- filters and search --------------------------------------------------------------------

    def current_filter(self) -> ConversationFilter:
        status = self.status_tabs.tabData(self.status_tabs.currentIndex())
        if status == "all" or self.search.text().strip():
            status = None  # a search looks through every status; each row shows its own
        return ConversationFilter(
            status=status,
            channel=self.channel_box.currentData() or None,
            label_id=self.label_box.currentData() or None,
            unread_only=self.unread_button.isChecked(),
        )

    def _apply_filter(self, *_args) -> None:
        if self.channel_box.count() and self.label_box.count():
            self.model.set_filter(self.current_filter())

    def _apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text()
        self.status_tabs.setEnabled(not text.strip())
        self.model.set_query(self.current_filter(), text)

    def set_status_filter(self, status: str) -> None:
        """Show one status ("open" … "resolved") or "all"."""
        self.status_tabs.setCurrentIndex(STATUSES.index(status))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                self._apply_search()
                self.view.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._apply_search()
                self.view.setFocus()
                if self._current is None or self.model.row_of(self._current) < 0:
                    self._select_row(0)
                return True
        return super().eventFilter(obj, event)

    def _reload_labels(self) -> None:
        with read_session(self._ctx.engine) as session:
            labels = [(label.name, label.id) for label in store.labels(session)]
        chosen = self.label_box.currentData()
        self.label_box.blockSignals(True)
        _fill(self.label_box, [(self.tr("All labels"), 0), *labels])
        index = self.label_box.findData(chosen)
        self.label_box.setCurrentIndex(max(index, 0))
        self.label_box.blockSignals(False)
        self.label_box.setVisible(bool(labels))
        if chosen and index < 0:
            self._apply_filter()

    # --- selection -----------------------------------------------------------------------------

    def current_conversation(self) -> int | None:
        return self._current

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        row = self.view.currentIndex().row()
        target = 0 if row < 0 else min(max(row + delta, 0), self.model.rowCount() - 1)
        self._select_row(target)

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def select_conversation(self, conversation_id: int) -> None:
        """Show ``conversation_id``: selected in the list when it is there, else opened on its own."""
        index = self.model.index_of(conversation_id)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:
            self.view.selectionModel().clearCurrentIndex()
            self.view.clearSelection()
            self._emit_current(conversation_id)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._emit_current(current.data(ConversationListModel.IdRole))

    def _emit_current(self, conversation_id: int) -> None:
        if conversation_id != self._current:
            self._current = conversation_id
            self.conversation_selected.emit(conversation_id)

    def _restore_selection(self) -> None:
        if self._current is not None and self.model.row_of(self._current) >= 0:
            self.select_conversation(self._current)

    def _update_count(self, *_args) -> None:
        n = self.model.rowCount()
        self.count.setText(QLocale().toString(n))
        if self.model.searching():
            self.empty.setText(self.tr("No conversation matches “%1”.").replace("%1", self.model.search_text))
        else:
            self.empty.setText(self.tr("Nothing here. Inbox zero!"))
        self.stack.setCurrentWidget(self.view if n else self.empty)

    # --- live updates --------------------------------------------------------------------------

    def on_conversation_changed(self, event) -> None:
        self.model.on_conversation_changed(event)
        if not self._labels_timer.isActive():
            self._labels_timer.start()


def _fill(box: QComboBox, items: list[tuple[str, object]]) -> None:
    """Replace the items of ``box`` and keep the chosen data when it is still there."""
    chosen = box.currentData() if box.count() else items[0][1]
    blocked = box.blockSignals(True)
    box.clear()
    for text, data in items:
        box.addItem(text, data)
    box.setCurrentIndex(max(box.findData(chosen), 0))
    box.blockSignals(blocked)
