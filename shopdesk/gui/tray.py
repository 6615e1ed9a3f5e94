"""The tray icon with the unread count drawn on it, and desktop notifications for new messages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from shopdesk import APP_NAME
from shopdesk.core import store
from shopdesk.core.db import read_session
from shopdesk.core.models import Message
from shopdesk.core.notify_rules import should_notify
from shopdesk.gui import theme

ICON_SIZE = 64
BATCH_MS = 800  # a sync that brings 50 messages makes one notification, not 50
PREVIEW_CHARS = 140


def badge_icon(base: QIcon, count: int) -> QIcon:
    """``base`` with a red badge showing ``count`` (nothing drawn for zero)."""
    pixmap = base.pixmap(ICON_SIZE, ICON_SIZE) if not base.isNull() else _plain_icon()
    if count <= 0:
        return QIcon(pixmap)
    pixmap = pixmap.copy()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = str(count) if count < 100 else "99+"
    width = ICON_SIZE * (0.52 if len(text) == 1 else 0.62 if len(text) == 2 else 0.78)
    rect = QRectF(ICON_SIZE - width, 0, width, ICON_SIZE * 0.52)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(theme.DANGER))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(rect.height() * 0.72))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


def _plain_icon() -> QPixmap:
    """A stand-in when the application has no icon: a blue rounded square with an S."""
    pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(theme.ACCENT))
    painter.drawRoundedRect(QRectF(4, 4, ICON_SIZE - 8, ICON_SIZE - 8), 14, 14)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(36)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, ICON_SIZE, ICON_SIZE), Qt.AlignmentFlag.AlignCenter, "S")
    painter.end()
    return pixmap


class Tray(QObject):
    """Emits ``show_requested`` (icon clicked), ``conversation_requested(id)`` (notification clicked)."""

    show_requested = Signal()
    conversation_requested = Signal(int)
    quit_requested = Signal()

    def __init__(self, ctx, bridge, tasks, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.unread = 0
        self.notified: list[tuple[str, str]] = []  # (title, text) of each notification shown
        self.is_watching: Callable[[int], bool] = lambda _cid: False
        self.pending_notifications: list[tuple[int, str, str]] = []  # waiting for the batch to close
        self._last_conversation: int | None = None
        self._base = QApplication.windowIcon()
        self.icon = QSystemTrayIcon(self)
        self.menu = QMenu()
        self.open_action = self.menu.addAction("", self.show_requested.emit)
        self.quit_action = self.menu.addAction("", self.quit_requested.emit)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(self._on_message_clicked)
        self._count_timer = QTimer(self, singleShot=True, interval=300)
        self._count_timer.timeout.connect(self.refresh_count)
        self._batch_timer = QTimer(self, singleShot=True, interval=BATCH_MS)
        self._batch_timer.timeout.connect(self._announce)
        bridge.message_ingested.connect(self.on_message_ingested)
        bridge.handover_requested.connect(self.on_handover_requested)
        bridge.conversation_changed.connect(self.on_conversation_changed)
        self.retranslate()
        self.refresh_count()
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon.show()

    def retranslate(self) -> None:
        """Called by the window on a language change (a plain QObject gets no LanguageChange event)."""
        self.open_action.setText(self.tr("Open %1").replace("%1", APP_NAME))
        self.quit_action.setText(self.tr("Quit"))
        self._show_count()

    def hide(self) -> None:
        self.icon.hide()

    # --- unread count --------------------------------------------------------------------------

    def on_conversation_changed(self, _event) -> None:
        if not self._count_timer.isActive():
            self._count_timer.start()

    def refresh_count(self) -> None:
        with read_session(self._ctx.engine) as session:
            self.unread = store.unread_total(session)
        self._show_count()

    def _show_count(self) -> None:
        self.icon.setIcon(badge_icon(self._base, self.unread))
        tip = self.tr("%n unread", "", self.unread) if self.unread else self.tr("No unread messages")
        self.icon.setToolTip(f"{APP_NAME} — {tip}")

    # --- notifications -------------------------------------------------------------------------

    def _may_notify(self) -> bool:
        settings = self._ctx.settings
        return should_notify(
            enabled=settings.notifications,
            now=datetime.now().time(),
            quiet_start=settings.quiet_hours_start,
            quiet_end=settings.quiet_hours_end,
        )

    def on_message_ingested(self, event) -> None:
        if not self._may_notify():
            return
        if self.is_watching(event.conversation_id):
            return
        with read_session(self._ctx.engine) as session:
            message = session.get(Message, event.message_id)
        if message is None or message.direction != "incoming":
            return
        text = " ".join(message.text.split())[:PREVIEW_CHARS]
        self.pending_notifications.append((event.conversation_id, message.author, text))
        if not self._batch_timer.isActive():  # one notification per burst, never held back for long
            self._batch_timer.start()

    def on_handover_requested(self, event) -> None:
        """A customer asked the bot for a person: said at once, even in the open conversation."""
        if not self._may_notify():
            return
        self._last_conversation = event.conversation_id
        title = self.tr("%1 asks for a person").replace("%1", event.contact_name or self.tr("A customer"))
        text = self.tr("The bot handed the conversation over to you.")
        self.notified.append((title, text))
        self.icon.showMessage(title, text, badge_icon(self._base, 0), 8000)

    def _announce(self) -> None:
        pending, self.pending_notifications = self.pending_notifications, []
        if not pending:
            return
        self._last_conversation = pending[-1][0]
        if len(pending) == 1:
            _cid, author, text = pending[0]
            title = author or APP_NAME
        else:
            title = self.tr("%n new messages", "", len(pending))
            people = list(dict.fromkeys(author for _c, author, _t in pending if author))
            text = ", ".join(people[:4]) + ("…" if len(people) > 4 else "")
        self.notified.append((title, text))
        self.icon.showMessage(title, text, badge_icon(self._base, 0), 6000)

    def _on_message_clicked(self) -> None:
        self.show_requested.emit()
        if self._last_conversation is not None:
            self.conversation_requested.emit(self._last_conversation)

    def _on_activated(self, reason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_requested.emit()
