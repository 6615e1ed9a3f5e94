"""Above the composer: up to three canned replies that match the customer's last message, one click each."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from shopdesk.core.models import CannedReply

STYLE = """
#cannedSuggestions QLabel#suggestLabel { color: #6b7280; font-size: 11px; font-weight: 600; }
#cannedSuggestions QPushButton {
    background: #eef2ff; color: #3730a3; border: 1px solid #c7d2fe; border-radius: 10px;
    padding: 3px 10px; font-size: 12px;
}
#cannedSuggestions QPushButton:hover { background: #e0e7ff; border-color: #a5b4fc; }
"""


class SuggestionBar(QWidget):
    chosen = Signal(object)  # CannedReply

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cannedSuggestions")
        self.setStyleSheet(STYLE)
        self.label = QLabel(objectName="suggestLabel")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(2, 0, 2, 4)
        self._layout.setSpacing(6)
        self._layout.addWidget(self.label)
        self._layout.addStretch(1)
        self.buttons: list[QPushButton] = []
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.label.setText(self.tr("SUGGESTED"))
        for button in self.buttons:
            button.setToolTip(self._tooltip(button.property("reply")))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_replies(self, replies: list[CannedReply]) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for reply in replies[:3]:
            button = QPushButton(reply.title or f"/{reply.shortcut}")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setProperty("reply", reply)
            button.setToolTip(self._tooltip(reply))
            button.clicked.connect(lambda _=False, r=reply: self.chosen.emit(r))
            self._layout.insertWidget(self._layout.count() - 1, button)
            self.buttons.append(button)
        self.setVisible(bool(self.buttons))

    def titles(self) -> list[str]:
        return [b.text() for b in self.buttons]

    def _tooltip(self, reply: CannedReply) -> str:
        return self.tr("Insert /%1: %2").replace("%1", reply.shortcut).replace("%2", reply.body[:200])
