"""The Abandoned carts window: what the follow-ups achieved, the latest carts, and the follow-up settings."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta

import shiboken6
from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
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
from shopdesk.gui.widgets.channel_marks import channel_name
from shopdesk.gui.widgets.report_charts import DASH, KpiTile, percent_text
from shopdesk.gui.widgets.reports_window import STYLE as TILE_STYLE
from shopdesk.gui.widgets.settings_style import STYLE as FORM_STYLE
from shopdesk.gui.widgets.visitor_section import money, plain_tooltip

PERIODS = (7, 30, 90)  # days
COLUMNS = ("when", "customer", "value", "items", "state")
TILES = ("carts", "followed_up", "recovered", "value")
LANGUAGES = ("tr", "en")
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


class _CartRelay(QObject):
    """CartChanged events from the bus as a Qt signal, until the bridge carries them itself."""

    cart_changed = Signal(object)

    def __init__(self, bus, parent: QObject) -> None:
        super().__init__(parent)
        unsubscribe = bus.subscribe(self.cart_changed.emit, carts.CartChanged)
        parent.destroyed.connect(lambda *_: unsubscribe())


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
        _CartRelay(ctx.bus, self).cart_changed.connect(self.on_cart_changed)
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
        self.table = _table(len(COLUMNS))
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
        when = _item(time_text.relative(line.updated_at))
        when.setToolTip(time_text.full(line.updated_at))
        customer = _item(line.name or line.email or self.tr("Visitor"))
        customer.setToolTip(plain_tooltip(line.email or line.visitor_id))
        items = _item(", ".join(_item_text(name, quantity) for name, quantity in line.items))
        items.setToolTip(plain_tooltip("\n".join(_item_text(n, q) for n, q in line.items)))
        state = _item(self.state_text(line))
        if line.state in STATE_COLORS:
            state.setForeground(QColor(STATE_COLORS[line.state]))
        if line.conversation_id is not None:
            state.setToolTip(self.tr("Double-click to open the conversation"))
        return [when, customer, _item(money(line.value, line.currency), align_right=True), items, state]

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


class CartSettingsPage(QWidget):
    """Edits a copy of the cart settings, with a preview of the follow-up; ``values()`` gives them back."""

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, shop_name: str = "") -> None:
        super().__init__(parent)
        self.shop_name = shop_name
        self._loaded = carts.CartSettings()
        self.enabled = QCheckBox()
        self.consent = QLabel(objectName="hint", wordWrap=True)
        self.min_value = QDoubleSpinBox(minimum=0, maximum=10_000_000, decimals=2, singleStep=50)
        self.delay = QSpinBox(minimum=1, maximum=carts.MAX_DELAY_HOURS)
        self.channel_boxes = {name: QCheckBox() for name in carts.CHANNELS}
        self.cart_url = QLineEdit(placeholderText="https://")
        self.subject = {lang: QLineEdit() for lang in LANGUAGES}
        self.template = {lang: QPlainTextEdit() for lang in LANGUAGES}
        self.opt_out = {lang: QLineEdit() for lang in LANGUAGES}
        self.preview = QPlainTextEdit(objectName="cartPreview", readOnly=True)
        self.save_button = QPushButton(objectName="primaryButton")
        self.save_button.clicked.connect(lambda: self.save_requested.emit())
        self.status = QLabel(objectName="hint", wordWrap=True)
        self.labels = {
            key: QLabel(objectName="fieldLabel" if key in ("when", "texts", "preview") else "")
            for key in ("when", "min_value", "delay", "channels", "cart_url", "texts", "preview")
        }
        self.hints = {
            key: QLabel(objectName="hint", wordWrap=True) for key in ("min_value", "channels", "texts")
        }
        self._build()
        self.retranslate()
        self.load(self._loaded)

    def _build(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(6)
        minimum = QHBoxLayout()  # the hints beside their fields: a wrapped label in a form row takes
        minimum.addWidget(self.min_value)  # more height than it needs
        minimum.addWidget(self.hints["min_value"], 1)
        form.addRow(self.labels["min_value"], minimum)
        delay = QHBoxLayout()
        delay.addWidget(self.delay)
        delay.addStretch(1)
        form.addRow(self.labels["delay"], delay)
        channels = QHBoxLayout()
        for box in self.channel_boxes.values():
            channels.addWidget(box)
        channels.addStretch(1)
        form.addRow(self.labels["channels"], channels)
        form.addRow(self.labels["cart_url"], self.cart_url)
        for spin in (self.min_value, self.delay):
            spin.setMinimumWidth(200)
        self.languages = QTabWidget()
        for lang in LANGUAGES:
            self.languages.addTab(self._texts_page(lang), "")
        self.languages.currentChanged.connect(self.update_preview)
        texts = QGridLayout()
        texts.addWidget(self.languages, 0, 0)
        preview = QVBoxLayout()
        preview.addWidget(self.labels["preview"])
        preview.addWidget(self.preview, 1)
        texts.addLayout(preview, 0, 1)
        texts.setColumnStretch(0, 3)
        texts.setColumnStretch(1, 2)
        content = QWidget(objectName="cartSettings")
        layout = QVBoxLayout(content)
        layout.setSpacing(6)
        for widget in (self.enabled, self.consent):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.labels["when"])
        layout.addLayout(form)
        layout.addWidget(self.hints["channels"])
        layout.addSpacing(8)
        layout.addWidget(self.labels["texts"])
        layout.addLayout(texts, 1)
        layout.addWidget(self.hints["texts"])
        scroll = QScrollArea(widgetResizable=True, objectName="cartSettingsScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        buttons = QHBoxLayout()  # outside the scrolled part: Save is always in sight
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 8)
        buttons.setContentsMargins(10, 0, 10, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        self.enabled.toggled.connect(self._update_enabled)
        for edit in (*self.subject.values(), *self.opt_out.values(), self.cart_url):
            edit.textChanged.connect(self.update_preview)
        for edit in self.template.values():
            edit.textChanged.connect(self.update_preview)

    def _texts_page(self, lang: str) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setVerticalSpacing(4)
        self.template[lang].setMinimumHeight(160)
        form.addRow(QLabel(objectName=f"subject_{lang}"), self.subject[lang])
        form.addRow(QLabel(objectName=f"template_{lang}"), self.template[lang])
        form.addRow(QLabel(objectName=f"opt_out_{lang}"), self.opt_out[lang])
        return page

    def retranslate(self) -> None:
        self.enabled.setText(self.tr("Send one follow-up for a cart left without an order"))
        self.consent.setText(
            self.tr(
                "Off until you turn it on: a reminder about a cart is a commercial message, which KVKK and "
                "GDPR allow only when the customer agreed to such messages (for example on your site's "
                "checkout or sign-up form). Every follow-up says how to stop them, and a reply such as "
                "STOP is honoured at once."
            )
        )
        self.labels["when"].setText(self.tr("When"))
        self.labels["min_value"].setText(self.tr("Carts worth at least"))
        self.hints["min_value"].setText(self.tr("in your shop's currency"))
        self.labels["delay"].setText(self.tr("Send after"))
        self.delay.setSuffix(self.tr(" h without an order"))
        self.labels["channels"].setText(self.tr("Send by"))
        self.channel_boxes["email"].setText(channel_name("email"))
        self.channel_boxes["telegram"].setText(channel_name("telegram"))
        self.hints["channels"].setText(
            self.tr(
                "By email when the visitor gave their address, else on Telegram when you know them there. "
                "A follow-up that could not go out within a day is skipped."
            )
        )
        self.labels["cart_url"].setText(self.tr("Link to your cart page"))
        self.cart_url.setToolTip(self.tr("Empty: the page the visitor was on."))
        self.labels["texts"].setText(self.tr("The message"))
        self.labels["preview"].setText(self.tr("Preview"))
        self.languages.setTabText(0, self.tr("Turkish"))
        self.languages.setTabText(1, self.tr("English"))
        for lang in LANGUAGES:
            page = self.languages.widget(LANGUAGES.index(lang))
            page.findChild(QLabel, f"subject_{lang}").setText(self.tr("Email subject"))
            page.findChild(QLabel, f"template_{lang}").setText(self.tr("Text"))
            page.findChild(QLabel, f"opt_out_{lang}").setText(self.tr("How to stop"))
        self.hints["texts"].setText(
            self.tr(
                "Variables: {{name}} (first name), {{items}}, {{total}}, {{cart_link}}, {{shop_name}}. "
                "A line whose variable has no value is left out. Visitors whose browser is in Turkish get "
                "the Turkish text, everyone else the English one."
            )
        )
        self.save_button.setText(self.tr("Save"))
        self.update_preview()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, settings: carts.CartSettings) -> None:
        self._loaded = settings
        self.enabled.setChecked(settings.enabled)
        self.min_value.setValue(settings.min_value)
        self.delay.setValue(settings.delay_hours)
        for name, box in self.channel_boxes.items():
            box.setChecked(settings.channels.get(name, False))
        self.cart_url.setText(settings.cart_url)
        for lang in LANGUAGES:
            self.subject[lang].setText(getattr(settings, f"subject_{lang}"))
            self.template[lang].setPlainText(getattr(settings, f"template_{lang}"))
            self.opt_out[lang].setText(getattr(settings, f"opt_out_{lang}"))
            for edit in (self.subject[lang], self.opt_out[lang]):
                edit.setCursorPosition(0)
        self._update_enabled()
        self.update_preview()

    def values(self) -> carts.CartSettings:
        """The settings as the page shows them (an emptied text falls back to the default one)."""
        texts = {}
        for lang in LANGUAGES:
            texts[f"subject_{lang}"] = self.subject[lang].text()
            texts[f"template_{lang}"] = self.template[lang].toPlainText()
            texts[f"opt_out_{lang}"] = self.opt_out[lang].text()
        return carts.clamped(
            dataclasses.replace(
                self._loaded,
                enabled=self.enabled.isChecked(),
                min_value=self.min_value.value(),
                delay_hours=self.delay.value(),
                channels={name: box.isChecked() for name, box in self.channel_boxes.items()},
                cart_url=self.cart_url.text(),
                **texts,
            )
        )

    def language(self) -> str:
        return LANGUAGES[max(self.languages.currentIndex(), 0)]

    def update_preview(self) -> None:
        lang = self.language()
        text = carts.preview(self.values(), language=lang, shop_name=self.shop_name)
        subject = self.subject[lang].text().strip() or getattr(carts.CartSettings(), f"subject_{lang}")
        self.preview.setPlainText(self.tr("Email subject: %1").replace("%1", subject) + "\n\n" + text)

    def show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setObjectName("errorLabel" if error else "hint")
        self.status.style().unpolish(self.status)  # the new name's colour, from the window's style sheet
        self.status.style().polish(self.status)
        self.status.setText(text)

    def _update_enabled(self) -> None:
        on = self.enabled.isChecked()
        for widget in (self.min_value, self.delay, self.cart_url, *self.channel_boxes.values()):
            widget.setEnabled(on)


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(text: str, *, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # never rich text: what the widget sent stays plain
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _item_text(name: str, quantity: float) -> str:
    return f"{name} × {quantity:g}" if quantity != 1 else name
