"""The status bar: each channel's state (connected, offline, sign-in failed), the outbox, short notices."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QWidget

from shopdesk.core import outbox
from shopdesk.core.db import read_session
from shopdesk.gui import theme
from shopdesk.gui.widgets.channel_marks import channel_name

STATE_COLORS = {
    "connected": theme.SUCCESS,
    "syncing": theme.ACCENT,
    "offline": theme.FAINT,
    "auth_failed": theme.DANGER,
    "disabled": theme.FAINT,
}
NOTICE_MS = 5000


class StatusBar(QStatusBar):
    """Listens to ``channel_status`` and ``outbox_changed``; ``notify(text)`` shows a short notice."""

    def __init__(self, ctx, bridge, tasks, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._states: dict[tuple[str, int | None], object] = {}
        self._labels: dict[tuple[str, int | None], QLabel] = {}
        self._outbox: dict[str, int] = {}
        self._channels_box = QWidget()
        self._channels_row = QHBoxLayout(self._channels_box)
        self._channels_row.setContentsMargins(0, 0, 8, 0)
        self._channels_row.setSpacing(14)
        self.no_channels = QLabel()
        self._channels_row.addWidget(self.no_channels)
        self.outbox_label = QLabel(textFormat=Qt.TextFormat.RichText)
        self.addPermanentWidget(self._channels_box)
        self.addPermanentWidget(self.outbox_label)
        self._outbox_timer = QTimer(self, singleShot=True, interval=200)
        self._outbox_timer.timeout.connect(self.refresh_outbox)
        bridge.channel_status.connect(self.on_channel_status)
        bridge.outbox_changed.connect(self.on_outbox_changed)
        for status in ctx.channels.statuses():
            self.on_channel_status(status)
        self.refresh_outbox()
        self.retranslate()

    def retranslate(self) -> None:
        self.no_channels.setText(self.tr("No channels connected yet"))
        for key, status in self._states.items():
            self._show_channel(key, status)
        self._show_outbox()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def notify(self, text: str) -> None:
        self.showMessage(text, NOTICE_MS)

    def show_error(self, text: str) -> None:
        self.showMessage("⚠ " + text, NOTICE_MS * 2)

    # --- channels ------------------------------------------------------------------------------

    def on_channel_status(self, event) -> None:
        key = (event.channel, event.account_id)
        self._states[key] = event
        if key not in self._labels:
            label = QLabel(textFormat=Qt.TextFormat.RichText)
            self._labels[key] = label
            self._channels_row.addWidget(label)
        self.no_channels.hide()
        self._show_channel(key, event)

    def _show_channel(self, key, event) -> None:
        names = {
            "connected": self.tr("connected"),
            "syncing": self.tr("syncing"),
            "offline": self.tr("offline"),
            "auth_failed": self.tr("sign-in failed"),
            "disabled": self.tr("off"),
        }
        color = STATE_COLORS.get(event.state, theme.WARNING)
        state = names.get(event.state, event.state)
        name = html.escape(channel_name(event.channel))
        label = self._labels[key]
        label.setText(f'<span style="color:{color}">●</span> {name}: {html.escape(state)}')
        label.setToolTip(event.detail or f"{channel_name(event.channel)}: {state}")

    def channel_label(self, channel: str) -> QLabel | None:
        """The label showing ``channel`` (its first account), if that channel reported a state."""
        return next((label for (name, _acc), label in self._labels.items() if name == channel), None)

    def channel_text(self, channel: str) -> str:
        label = self.channel_label(channel)
        return label.text() if label else ""

    # --- outbox --------------------------------------------------------------------------------

    def on_outbox_changed(self, _event) -> None:
        if not self._outbox_timer.isActive():
            self._outbox_timer.start()

    def refresh_outbox(self) -> None:
        with read_session(self._ctx.engine) as session:
            self._outbox = outbox.summary(session)
        self._show_outbox()

    def _show_outbox(self) -> None:
        queued = self._outbox.get("queued", 0) + self._outbox.get("sending", 0)
        failed, unknown = self._outbox.get("failed", 0), self._outbox.get("unknown", 0)
        parts = []
        if queued:
            parts.append(html.escape(self.tr("%n waiting", "", queued)))
        if failed:
            text = html.escape(self.tr("%n failed", "", failed))
            parts.append(f'<span style="color:{theme.DANGER}">{text}</span>')
        if unknown:
            text = html.escape(self.tr("%n to check", "", unknown))
            parts.append(f'<span style="color:{theme.WARNING}">{text}</span>')
        summary = " · ".join(parts) if parts else html.escape(self.tr("all sent"))
        title = html.escape(self.tr("Outbox"))
        self.outbox_label.setText(f"{title}: {summary}")
        self.outbox_label.setToolTip(
            self.tr(
                "Replies wait in the outbox until their channel is online; failed and unclear sends need you."
            )
        )

    def outbox_counts(self) -> dict[str, int]:
        return dict(self._outbox)
