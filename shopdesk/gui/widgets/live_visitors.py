"""Who is on the shop's site now: name, page, cart and time on site; open the chat of one who wrote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import visitors
from shopdesk.core.db import read_session
from shopdesk.gui import theme, time_text
from shopdesk.gui.widgets.visitor_section import duration, money, plain_tooltip, visitor_changes

REFRESH_MS = 30_000
CHANGE_DELAY_MS = 200  # a burst of page views and cart events reloads the list once
COLUMNS = ("visitor", "page", "cart", "since")

STYLE = f"""
QLabel#liveCount {{ color: {theme.TEXT}; font-size: 14px; font-weight: 600; }}
QLabel#liveHint {{ color: {theme.MUTED}; font-size: 12px; }}
QTreeWidget#liveList {{ border: 1px solid {theme.BORDER}; border-radius: 6px; background: {theme.SURFACE}; }}
QTreeWidget#liveList::item {{ padding: 4px 2px; }}
"""


@dataclass(frozen=True)
class LiveVisitor:
    """One row of the list, read off the GUI thread."""

    visitor_id: str
    account_id: int
    name: str
    page_title: str
    page_url: str
    cart_value: float | None
    cart_currency: str
    visit_started_at: datetime
    time_on_site: timedelta
    conversation_id: int | None


def load_live_visitors(engine) -> list[LiveVisitor]:
    """The visitors on the site now, each with their open conversation if they wrote."""
    with read_session(engine) as session:
        return [
            LiveVisitor(
                visitor_id=row.visitor_id,
                account_id=row.account_id,
                name=row.name or row.email,
                page_title=row.current_title,
                page_url=row.current_url,
                cart_value=row.cart_value,
                cart_currency=row.cart_currency,
                visit_started_at=row.visit_started_at,
                time_on_site=row.time_on_site,
                conversation_id=visitors.conversation_of_visitor(session, visitor_id=row.visitor_id),
            )
            for row in visitors.live_visitors(session)
        ]


class LiveVisitorsDialog(QDialog):
    """A non-modal window of live visitors; ``open_conversation`` asks the main window to show a chat."""

    open_conversation = Signal(int)

    def __init__(self, ctx, bridge, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.rows: list[LiveVisitor] = []
        self.loads = 0  # finished loads, for tests
        self.setObjectName("liveVisitors")
        self.setStyleSheet(STYLE)
        self.resize(640, 420)
        self._build()
        self._change_timer = QTimer(self, singleShot=True, interval=CHANGE_DELAY_MS)
        self._change_timer.timeout.connect(self.reload)
        self._refresh_timer = QTimer(self, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.reload)
        self._refresh_timer.start()
        visitor_changes(ctx, bridge, self).connect(self.on_visitor_changed)
        self.retranslate()
        self.reload()

    def _build(self) -> None:
        self.count = QLabel(objectName="liveCount")
        self.list = QTreeWidget(objectName="liveList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setColumnCount(len(COLUMNS))
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMNS.index("page"), QHeaderView.ResizeMode.Stretch)
        self.list.setColumnWidth(COLUMNS.index("visitor"), 160)
        self.list.setColumnWidth(COLUMNS.index("cart"), 110)
        self.list.setColumnWidth(COLUMNS.index("since"), 120)
        self.empty = QLabel(objectName="liveHint", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.hint = QLabel(objectName="liveHint", wordWrap=True)
        self.open_button = QPushButton(enabled=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.list.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.list.currentItemChanged.connect(lambda *_: self._update_button())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Visitors on the site"))
        self.list.setHeaderLabels(
            [self.tr("Visitor"), self.tr("Page"), self.tr("Cart"), self.tr("On site for")]
        )
        self.empty.setText(self.tr("Nobody is on the site right now."))
        self._fit_open_button()
        self._show_rows()

    def _fit_open_button(self) -> None:
        """Wide enough for both of its texts, so it does not jump as the selection moves."""
        widths = []
        for text in (self.tr("Open chat"), self.tr("Start a chat")):
            self.open_button.setText(text)
            widths.append(self.open_button.sizeHint().width())
        self.open_button.setMinimumWidth(max(widths))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        engine = self.ctx.engine
        self.tasks.run_in_background(lambda: load_live_visitors(engine), self._loaded)

    def _loaded(self, rows: list[LiveVisitor]) -> None:
        if not shiboken6.isValid(self):
            return
        self.rows = rows
        self.loads += 1
        self._show_rows()

    def on_visitor_changed(self, _event: visitors.VisitorChanged) -> None:
        self._change_timer.start()

    # -- showing ------------------------------------------------------------------------------------

    def _show_rows(self) -> None:
        current = self.selected()
        keep = current.visitor_id if current else None
        self.list.clear()
        for row in self.rows:
            item = QTreeWidgetItem(self._texts(row))
            item.setData(0, Qt.ItemDataRole.UserRole, row.visitor_id)
            item.setToolTip(COLUMNS.index("page"), plain_tooltip(row.page_url))
            since = self.tr("On the site since %1").replace("%1", time_text.full(row.visit_started_at))
            item.setToolTip(COLUMNS.index("since"), since)
            if row.conversation_id is None:
                item.setToolTip(COLUMNS.index("visitor"), self.tr("Has not written yet"))
            self.list.addTopLevelItem(item)
            if row.visitor_id == keep:
                self.list.setCurrentItem(item)
        self.count.setText(self.tr("%n visitor(s) on the site now", "", len(self.rows)))
        self.list.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)
        self._update_button()

    def _texts(self, row: LiveVisitor) -> list[str]:
        name = row.name or self.tr("Visitor")
        page = row.page_title or row.page_url
        cart = money(row.cart_value, row.cart_currency) if row.cart_value else "—"
        return [name, page, cart, duration(row.time_on_site)]

    def selected(self) -> LiveVisitor | None:
        item = self.list.currentItem()
        if item is None:
            return None
        visitor_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((row for row in self.rows if row.visitor_id == visitor_id), None)

    def _update_button(self) -> None:
        row = self.selected()
        silent = row is not None and row.conversation_id is None
        self.open_button.setEnabled(row is not None)
        self.open_button.setText(self.tr("Start a chat") if silent else self.tr("Open chat"))
        self.hint.setText(
            self.tr("This visitor has not written yet: your first message appears in the chat on their page.")
            if silent
            else ""
        )
        self.hint.setVisible(silent)

    def open_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.conversation_id is not None:
            self.open_conversation.emit(row.conversation_id)
            return
        engine, publish = self.ctx.engine, self.ctx.publish
        self.tasks.run_in_background(
            lambda: visitors.start_conversation(
                engine, publish, account_id=row.account_id, visitor_id=row.visitor_id
            ),
            self._started,
        )

    def _started(self, conversation_id: int) -> None:
        self.open_conversation.emit(conversation_id)
        self.reload()  # the visitor has a conversation now: the button says so
