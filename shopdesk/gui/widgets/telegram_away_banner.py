"""A banner over the inbox: a bot was not checked for over 20 hours, so Telegram may have dropped messages."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shopdesk.channels.telegram import texts
from shopdesk.gui import theme
from shopdesk.gui.widgets.telegram_account_dialog import running_telegram

# The channel words the warning in English (texts.AWAY): read its parts back to say it in the
# owner's language.
_AWAY = re.compile(
    re.escape(texts.AWAY)
    .replace(re.escape("{handle}"), "(?P<handle>.+?)")
    .replace(re.escape("{hours}"), r"(?P<hours>\d+)")
)
STYLE = f"""
#telegramAwayBanner {{ background: {theme.NOTE}; border-bottom: 1px solid {theme.NOTE_BORDER}; }}
#telegramAwayBanner QLabel {{ color: {theme.TEXT}; background: transparent; }}
#telegramAwayBanner QPushButton {{
    background: transparent; border: 1px solid {theme.NOTE_BORDER}; border-radius: 6px; padding: 3px 10px;
}}
#telegramAwayBanner QPushButton:hover {{ background: {theme.SURFACE}; }}
"""


class TelegramAwayBanner(QWidget):
    """Shows the Telegram channel's ``away_warnings()``, one line per bot with "Dismiss"; hidden when none.

    Call ``refresh()`` (or connect ``bridge.channel_status`` to ``on_channel_status``) after the channel
    started; the warnings are read and dismissed on the app's loop, where the channel lives.
    """

    def __init__(self, ctx, tasks, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.setObjectName("telegramAwayBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self._warnings: dict[int, str] = {}
        self.rows: dict[int, tuple[QWidget, QLabel, QPushButton]] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 12, 6)
        self._layout.setSpacing(4)
        self.hide()

    def refresh(self) -> None:
        """Ask the running channel for its warnings (in the background) and show them."""
        channel = running_telegram(self.ctx)
        if channel is None or not hasattr(channel, "away_warnings"):
            self._show({})
            return

        async def warnings() -> dict[int, str]:
            return dict(channel.away_warnings())

        self.tasks.run_coro(warnings(), self._show, lambda _exc: self._show({}))

    def on_channel_status(self, event) -> None:
        if event.channel == "telegram":
            self.refresh()

    def dismiss(self, account_id: int) -> None:
        channel = running_telegram(self.ctx)
        self._show({k: v for k, v in self._warnings.items() if k != account_id})
        if channel is None:
            return

        async def forget() -> None:
            channel.dismiss_away_warning(account_id)

        self.tasks.run_coro(forget(), lambda _: self.refresh())

    def _show(self, warnings: dict[int, str]) -> None:
        self._warnings = warnings
        for row, _label, _button in self.rows.values():
            row.hide()
            row.deleteLater()
        self.rows = {}
        for account_id, text in sorted(warnings.items()):
            self._layout.addWidget(self._row(account_id, text))
        self.setVisible(bool(warnings))

    def _row(self, account_id: int, text: str) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"⚠ {self.words(text)}", wordWrap=True)
        button = QPushButton(self.tr("Dismiss"))
        button.setToolTip(self.tr("I have checked the chats in Telegram"))
        button.clicked.connect(lambda: self.dismiss(account_id))
        line.addWidget(label, 1)
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.rows[account_id] = (row, label, button)
        return row

    def words(self, text: str) -> str:
        """The channel's warning in the owner's language (as it came, when it is not the known sentence)."""
        found = _AWAY.fullmatch(text)
        if found is None:
            return text
        said = self.tr(
            "Telegram keeps messages for about 24 hours; some may be lost: %1 was last checked %2 hours "
            "ago. Open its chats in Telegram to see what came in meanwhile."
        )
        return said.replace("%1", found["handle"]).replace("%2", found["hours"])

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show(self._warnings)
        super().changeEvent(event)
