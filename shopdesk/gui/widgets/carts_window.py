"""The Abandoned carts window: what the follow-ups achieved, the latest carts, and the follow-up settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import shiboken6
from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import carts
from shopdesk.core.cart_stats import CartLine, CartSummary, recent_carts, summary
from shopdesk.core.db import read_session
from shopdesk.core.models import utcnow
from shopdesk.gui import theme, time_text
from shopdesk.gui.bridge import BusSignal
from shopdesk.gui.widgets.cart_settings_page import CartSettingsPage
from shopdesk.gui.widgets.channel_marks import channel_name
from shopdesk.gui.widgets.report_charts import DASH, KpiTile, percent_text
from shopdesk.gui.widgets.reports_window import STYLE as TILE_STYLE
from shopdesk.gui.widgets.settings_style import STYLE as FORM_STYLE
from shopdesk.gui.widgets.tables import read_only_table, table_item
from shopdesk.gui.widgets.visitor_section import money, plain_tooltip

PERIODS = (7, 30, 90)  # days
COLUMNS = ("when", "customer", "value", "items", "state")
TILES = ("carts", "followed_up", "recovered", "value")
CHANGE_DELAY_MS = 500  # a burst of cart events reloads the window once
STATE_COLORS = {"recovered": theme.SUCCESS, "skipped": theme.MUTED, "ordered": theme.MUTED}

STYLE = (
    TILE_STYLE
    + FORM_STYLE.replace("#settingsDialog", "#cartsWindow")
    + f"""
QPlainTextEdit#cartPreview {{
    background: {theme.PANE}; border: 1px solid {theme.BORDER}; border-radius: 6px; padding: 4px;
}}
QLabel#cartsEmpty {{ color: {theme.MUTED}; }}
#cartSettingsScroll, #cartSettings {{ background: {theme.SURFACE}; }}
QTableWidget::item {{ padding: 0 6px; }}
"""
)


@dataclass(frozen=True)
class CartsData:
    """One load of the window, read off the GUI thread."""

    days: int
    summary: CartSummary
    lines: list[CartLine]
    settings: carts.CartSettings


def load_carts(engine, days: int, now: datetime | None = None) -> CartsData:
    """The period's figures, its carts and the settings, in one short read."""
    now = now or utcnow()
    since = now - timedelta(days=days)
    with read_session(engine) as session:
        return CartsData(
            days=days,
            summary=summary(session, since=since, until=now + timedelta(minutes=1)),
            lines=recent_carts(session, since=since),
            settings=carts.load_cart_settings(session),
        )


class CartsWindow(QDialog):
    """Non-modal: four figures on top, then the carts and the settings in two tabs.

    ``open_conversation`` asks the main window to show the conversation a follow-up went to.
    """

    open_conversation = Signal(int)

    def __init__(self, ctx, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cartsWindow")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.setModal(False)
        self.setStyleSheet(STYLE)
        self.ctx, self.tasks = ctx, tasks
        self.data: CartsData | None = None
        self.loads = 0  # finished loads, for tests
        self._generation = 0
        self._build()
        self._change_timer = QTimer(self, singleShot=True, interval=CHANGE_DELAY_MS)
        self._change_timer.timeout.connect(self.reload)
        BusSignal(ctx.bus, carts.CartChanged, self).event.connect(self.on_cart_changed)
        self.retranslate()
        self.resize(1000, 760)
        self.reload()

    def _build(self) -> None:
        self.period = QComboBox()
        self.period.addItems([""] * len(PERIODS))
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.setCurrentIndex(PERIODS.index(30))
        self.period.currentIndexChanged.connect(self.reload)
        self.period_label, self.status = QLabel(), QLabel(objectName="reportStatus")
        self.refresh_button = QPushButton(objectName="secondaryButton", clicked=self.reload)
        top = QHBoxLayout()
        for widget in (self.period_label, self.period):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.refresh_button)
        self.tiles = {name: KpiTile() for name in TILES}
        tiles = QGridLayout()
        for column, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, column)
        self.table = read_only_table(len(COLUMNS))
        self.table.itemDoubleClicked.connect(lambda item: self.open_row(item.row()))
        self.empty = QLabel(objectName="cartsEmpty", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        carts_page = QWidget()
        carts_layout = QVBoxLayout(carts_page)
        carts_layout.addWidget(self.table, 1)
        carts_layout.addWidget(self.empty, 1)
        self.settings_page = CartSettingsPage(shop_name=self.ctx.settings.shop_name)
        self.settings_page.save_requested.connect(self.save)
        self.tabs = QTabWidget()
        self.tabs.addTab(carts_page, "")
        self.tabs.addTab(self.settings_page, "")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addWidget(self.tabs, 1)

    # -- texts ---------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Abandoned carts"))
        self.period_label.setText(self.tr("Period:"))
        for i, text in enumerate((self.tr("Last 7 days"), self.tr("Last 30 days"), self.tr("Last 90 days"))):
            self.period.setItemText(i, text)
        self.refresh_button.setText(self.tr("Refresh"))
        titles = {
            "carts": self.tr("Carts"),
            "followed_up": self.tr("Followed up"),
            "recovered": self.tr("Recovered"),
            "value": self.tr("Value recovered"),
        }
        for name, title in titles.items():
            self.tiles[name].title.setText(title)
        self.tabs.setTabText(0, self.tr("Carts"))
        self.tabs.setTabText(1, self.tr("Settings"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Last change"),
                self.tr("Customer"),
                self.tr("Value"),
                self.tr("Items"),
                self.tr("State"),
            ]
        )
        self.empty.setText(
            self.tr(
                "No carts in this period yet. They appear here when visitors put something in their cart "
                "on your site (the chat widget reports it)."
            )
        )
        if self.data is not None:
            self._show(self.data)

    # -- loading and saving --------------------------------------------------------------------------

    def days(self) -> int:
        return PERIODS[max(self.period.currentIndex(), 0)]

    def reload(self) -> None:
        """Load the figures and carts of the period shown; an older load still running is ignored."""
        self._generation += 1
        generation, engine, days = self._generation, self.ctx.engine, self.days()
        self.status.setText(self.tr("Loading…"))
        self.tasks.run_in_background(
            lambda: load_carts(engine, days),
            lambda data: self._loaded(generation, data),
            lambda error: self._failed(generation, error),
        )

    def loading(self) -> bool:
        return self.data is None or self.data.days != self.days()

    def on_cart_changed(self, _event: carts.CartChanged) -> None:
        self._change_timer.start()

    def _loaded(self, generation: int, data: CartsData) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        first = self.data is None
        self.data = data
        self.loads += 1
        if first:  # later loads never overwrite what the owner is typing
            self.settings_page.load(data.settings)
        self._show(data)

    def _failed(self, generation: int, error: BaseException) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self.status.setText(self.tr("The carts could not be loaded: %1").replace("%1", str(error)))

    def save(self) -> None:
        engine, wanted = self.ctx.engine, self.settings_page.values()
        self.settings_page.show_status(self.tr("Saving…"))
        self.tasks.run_in_background(
            lambda: carts.save_cart_settings(engine, wanted), self._saved, self._save_failed
        )

    def _saved(self, settings: carts.CartSettings) -> None:
        if shiboken6.isValid(self):
            self.settings_page.load(settings)
            self.settings_page.show_status(
                self.tr("Saved. Carts waiting for a follow-up follow the new settings.")
            )
            self.reload()

    def _save_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self.settings_page.show_status(self.tr("Not saved: %1").replace("%1", str(error)), error=True)

    # -- showing -------------------------------------------------------------------------------------

    def _show(self, data: CartsData) -> None:
        self.status.setText("")
        self._show_tiles(data.summary, data.settings)
        self.table.setRowCount(len(data.lines))
        for row, line in enumerate(data.lines):
            for column, item in enumerate(self._cells(line)):
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(data.lines))
        self.empty.setVisible(not data.lines)

    def _show_tiles(self, numbers: CartSummary, settings: carts.CartSettings) -> None:
        number, tiles = QLocale().toString, self.tiles
        minimum = number(settings.min_value, "f", 0)
        tiles["carts"].show_value(
            number(numbers.carts), self.tr("with %1 or more in the cart").replace("%1", minimum)
        )
        before = number(numbers.ordered_without_follow_up)
        tiles["followed_up"].show_value(
            number(numbers.followed_up), self.tr("%1 ordered before a reminder").replace("%1", before)
        )
        rate = numbers.recovery_rate
        share = self.tr("%1 of those followed up").replace(
            "%1", percent_text(None if rate is None else rate * 100)
        )
        tiles["recovered"].show_value(number(numbers.recovered), share if rate is not None else "")
        values = [money(value, currency) for currency, value in numbers.value_recovered.items()]
        others = " · ".join(values[1:]) or self.tr("orders after a follow-up")
        tiles["value"].show_value(values[0] if values else DASH, others)

    def _cells(self, line: CartLine) -> list[QTableWidgetItem]:
        when = table_item(time_text.relative(line.updated_at))
        when.setToolTip(time_text.full(line.updated_at))
        customer = table_item(line.name or line.email or self.tr("Visitor"))
        customer.setToolTip(plain_tooltip(line.email or line.visitor_id))
        items = table_item(", ".join(_item_text(name, quantity) for name, quantity in line.items))
        items.setToolTip(plain_tooltip("\n".join(_item_text(n, q) for n, q in line.items)))
        state = table_item(self.state_text(line))
        if line.state in STATE_COLORS:
            state.setForeground(QColor(STATE_COLORS[line.state]))
        if line.conversation_id is not None:
            state.setToolTip(self.tr("Double-click to open the conversation"))
        return [when, customer, table_item(money(line.value, line.currency), align_right=True), items, state]

    def state_text(self, line: CartLine) -> str:
        """What became of the cart, in the owner's words."""
        if line.state == "open" and line.due_at is not None:
            return self.tr("Follow-up: %1").replace("%1", time_text.upcoming(line.due_at))
        if line.state == "followed_up":
            return self.tr("Followed up by %1").replace("%1", channel_name(line.channel))
        if line.state == "recovered":
            return self.tr("Recovered: %1").replace(
                "%1", money(line.recovered_value, line.recovered_currency or line.currency)
            )
        if line.state == "ordered":
            return self.tr("Ordered before the follow-up") if line.followed_up_at else self.tr("Ordered")
        if line.state == "skipped":
            skipped = {
                "no_contact": self.tr("Skipped: no email or Telegram"),
                "opted_out": self.tr("Skipped: opted out"),
                "too_old": self.tr("Skipped: too late (ShopDesk was closed)"),
                "no_email_account": self.tr("Skipped: no mailbox to send from"),
                "below_threshold": self.tr("Skipped: below the minimum"),
                "off": self.tr("Skipped: follow-ups were off"),
            }
            return skipped.get(line.reason, self.tr("Skipped"))
        waiting = {
            "below_threshold": self.tr("Below the minimum"),
            "off": self.tr("Follow-ups are off"),
            "too_old": self.tr("Too late to follow up"),
            "empty": self.tr("Emptied"),
        }
        return waiting.get(line.reason, self.tr("Waiting"))

    def open_row(self, row: int) -> None:
        if self.data is not None and 0 <= row < len(self.data.lines):
            conversation_id = self.data.lines[row].conversation_id
            if conversation_id is not None:
                self.open_conversation.emit(conversation_id)


def _item_text(name: str, quantity: float) -> str:
    return f"{name} × {quantity:g}" if quantity != 1 else name
