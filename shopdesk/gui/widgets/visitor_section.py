"""The customer pane's web visit section: where a web chat visitor is, came from, and has in the cart."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shopdesk.core import visitors
from shopdesk.core.db import read_session
from shopdesk.core.models import WebVisitor
from shopdesk.gui import theme, time_text
from shopdesk.gui.bridge import BusSignal
from shopdesk.gui.widgets.customer_parts import ElidedLabel

MAX_PAGES_SHOWN = 10
TICK_MS = 60_000  # "last seen 5 min" and "online now" age without any event
FACTS = ("referrer", "search", "campaign", "language", "device", "city", "time", "cart")

STYLE = f"""
QLabel#visitorPresence {{ color: {theme.MUTED}; font-size: 12px; }}
QLabel#visitorPresence[online="true"] {{ color: {theme.SUCCESS}; font-weight: 600; }}
QLabel#visitorPageTitle {{ color: {theme.TEXT}; font-size: 12px; font-weight: 600; }}
QLabel#visitorUrl, QLabel#visitorPageTime, QLabel#visitorMore {{ color: {theme.MUTED}; font-size: 11px; }}
QLabel#visitorPage, QLabel#visitorFact {{ color: {theme.TEXT}; font-size: 12px; }}
QLabel#visitorSubtitle {{ color: {theme.MUTED}; font-size: 11px; font-weight: 600; }}
"""


# -- helpers shared with the live visitors dialog ---------------------------------------------------


def visitor_changes(ctx, bridge, owner: QObject) -> SignalInstance:
    """``bridge.visitor_changed`` if the bridge has it, else a bus relay that lives with ``owner``."""
    signal = getattr(bridge, "visitor_changed", None)
    return signal if signal is not None else BusSignal(ctx.bus, visitors.VisitorChanged, owner).event


def duration(span: timedelta) -> str:
    """Time on the site: "< 1 min", "12 min", "1 h 5 min"."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return QCoreApplication.translate("VisitorSection", "< 1 min")
    if minutes < 60:
        return QCoreApplication.translate("VisitorSection", "%n min", None, minutes)
    hours, rest = divmod(minutes, 60)
    text = QCoreApplication.translate("VisitorSection", "%1 h %2 min")
    return text.replace("%1", str(hours)).replace("%2", str(rest))


def money(value: float | None, currency: str) -> str:
    """A cart value as "1,150.00 TRY" in the owner's locale."""
    return f"{QLocale().toString(float(value or 0), 'f', 2)} {currency}".strip()


def is_online(row: WebVisitor, now: datetime | None = None) -> bool:
    """The same rule as ``live_visitors``: a widget open, and seen in the last few minutes."""
    now = now or datetime.now(UTC)
    last = row.last_seen_at if row.last_seen_at.tzinfo else row.last_seen_at.replace(tzinfo=UTC)
    return row.online and now - last <= timedelta(minutes=visitors.LIVE_MINUTES)


def plain_label(object_name: str, *, wrap: bool = True) -> QLabel:
    """A label for text the visitor sent: never read as HTML, selectable for copying."""
    label = QLabel(objectName=object_name, wordWrap=wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def elided_label(object_name: str) -> ElidedLabel:
    label = ElidedLabel(objectName=object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def set_elided(label: ElidedLabel, text: str) -> None:
    label.set_full_text(text)
    label.setToolTip(plain_tooltip(text))


def plain_tooltip(text: str) -> str:
    """Tooltips guess HTML as labels do; this one is always shown as the text itself."""
    return f"<p>{html.escape(text)}</p>" if text else ""


# -- the section ------------------------------------------------------------------------------------


class VisitorSection(QWidget):
    """For a web chat conversation: presence, current page, pages seen, origin, cart; hidden otherwise."""

    def __init__(self, ctx, bridge, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="visitorSection")
        self.ctx, self.tasks = ctx, tasks
        self.conversation_id: int | None = None
        self.visitor: WebVisitor | None = None
        self.setStyleSheet(STYLE)
        self._build()
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._render)
        visitor_changes(ctx, bridge, self).connect(self.on_visitor_changed)
        self.retranslate()
        self.hide()

    def _build(self) -> None:
        self.heading = QLabel(objectName="sectionTitle")
        self.presence = QLabel(objectName="visitorPresence")
        self.page_title = plain_label("visitorPageTitle")
        self.page_url = elided_label("visitorUrl")
        self.pages_title = QLabel(objectName="visitorSubtitle")
        self.pages_box = QVBoxLayout()
        self.pages_box.setSpacing(1)
        self.more_pages = QLabel(objectName="visitorMore")
        self.fact_labels = {key: QLabel(objectName="fieldLabel") for key in FACTS}
        self.facts = {key: plain_label("visitorFact") for key in FACTS}
        self.facts["referrer"] = elided_label("visitorFact")
        form = QFormLayout()
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(3)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for key in FACTS:
            form.addRow(self.fact_labels[key], self.facts[key])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(3)
        for widget in (self.heading, self.presence, self.page_title, self.page_url):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(self.pages_title)
        layout.addLayout(self.pages_box)
        layout.addWidget(self.more_pages)
        layout.addSpacing(6)
        layout.addLayout(form)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("WEB VISIT"))
        self.pages_title.setText(self.tr("Pages this visit"))
        names = {
            "referrer": self.tr("Came from"),
            "search": self.tr("Searched"),
            "campaign": self.tr("Campaign"),
            "language": self.tr("Language"),
            "device": self.tr("Device"),
            "city": self.tr("City"),
            "time": self.tr("On site"),
            "cart": self.tr("Cart"),
        }
        for key, name in names.items():
            self.fact_labels[key].setText(name)
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ------------------------------------------------------------------------------------

    def show_conversation(self, conversation_id: int | None) -> None:
        """Show the visitor behind ``conversation_id``; hidden until it is known to be a web chat."""
        if conversation_id != self.conversation_id:
            self.visitor = None
            self.hide()
        self.conversation_id = conversation_id
        self.reload()

    def reload(self) -> None:
        conversation_id = self.conversation_id
        if conversation_id is None:
            self._loaded(None, None)
            return
        engine = self.ctx.engine

        def load() -> WebVisitor | None:
            with read_session(engine) as session:
                return visitors.visitor_of_conversation(session, conversation_id=conversation_id)

        self.tasks.run_in_background(load, lambda row: self._loaded(conversation_id, row))

    def _loaded(self, conversation_id: int | None, row: WebVisitor | None) -> None:
        if not shiboken6.isValid(self) or conversation_id != self.conversation_id:
            return  # closed, or another conversation was picked while this one loaded
        self.visitor = row
        self._render()  # before showing, so the new page rows appear with the section
        self.setVisible(row is not None)
        if row is None:
            self._tick.stop()
        elif not self._tick.isActive():
            self._tick.start()

    def on_visitor_changed(self, event: visitors.VisitorChanged) -> None:
        row = self.visitor
        if row is not None and (event.account_id, event.visitor_id) == (row.account_id, row.visitor_id):
            self.reload()

    # -- showing ------------------------------------------------------------------------------------

    def _render(self) -> None:
        row = self.visitor
        if row is None:
            return
        online = is_online(row)
        self.presence.setProperty("online", online)
        self.presence.style().unpolish(self.presence)  # the style sheet follows the property
        self.presence.style().polish(self.presence)
        self.presence.setText(
            "● " + self.tr("Online now")
            if online
            else self.tr("Last seen %1").replace("%1", time_text.relative(row.last_seen_at))
        )
        self.presence.setToolTip(time_text.full(row.last_seen_at))
        self.page_title.setText(row.current_title or self.tr("(page without a title)"))
        self.page_title.setVisible(bool(row.current_url or row.current_title))
        set_elided(self.page_url, row.current_url)
        self.page_url.setVisible(bool(row.current_url))
        self._show_pages(row.pages)
        self._show_facts(row)

    def _show_pages(self, pages: list[dict]) -> None:
        while self.pages_box.count():
            item = self.pages_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        newest = list(reversed(pages))
        for page in newest[:MAX_PAGES_SHOWN]:
            self.pages_box.addWidget(self._page_row(page))
        hidden = len(newest) - MAX_PAGES_SHOWN
        self.more_pages.setText(self.tr("and %n earlier page(s)", "", hidden) if hidden > 0 else "")
        self.more_pages.setVisible(hidden > 0)
        self.pages_title.setVisible(bool(pages))

    def _page_row(self, page: dict) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(8)
        at = datetime.fromisoformat(page["at"]) if page.get("at") else None
        when = QLabel(time_text.clock(at) if at else "", objectName="visitorPageTime")
        when.setToolTip(time_text.full(at) if at else "")
        title = elided_label("visitorPage")
        set_elided(title, page.get("title") or page.get("url", ""))
        title.setToolTip(plain_tooltip(page.get("url", "")))
        line.addWidget(when)
        line.addWidget(title, 1)
        return row

    def _show_facts(self, row: WebVisitor) -> None:
        dash = "—"
        campaign = " · ".join(part for part in (row.campaign, row.source) if part)
        values = {
            "search": row.search_terms or dash,
            "campaign": campaign or dash,
            "language": self._language(row.language) or dash,
            "device": row.device or dash,
            "city": row.city or self.tr("unknown"),
            "time": duration(row.time_on_site),
            "cart": self._cart(row),
        }
        for key, text in values.items():
            self.facts[key].setText(text)
        set_elided(self.facts["referrer"], row.referrer or self.tr("Direct visit (no referrer)"))

    def _language(self, code: str) -> str:
        locale = QLocale(code.replace("-", "_"))
        if not code or locale.language() == QLocale.Language.C:
            return code
        return f"{locale.nativeLanguageName()} ({code})"

    def _cart(self, row: WebVisitor) -> str:
        items = (row.cart or {}).get("items") or []
        if not items and not row.cart_value:
            return self.tr("Empty")
        unnamed = self.tr("(no name)")
        lines = [money(row.cart_value, row.cart_currency)]
        for item in items:
            lines.append(f"{item.get('quantity', 1)} × {item.get('name') or unnamed}")
        return "\n".join(lines)
