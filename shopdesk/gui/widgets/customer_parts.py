"""Pieces of the customer pane: the initials avatar, the list of past conversations, the pane's look."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from shopdesk.core.contact_queries import PastConversation
from shopdesk.gui import theme, time_text
from shopdesk.gui.widgets.channel_marks import avatar_color, channel_image, channel_name, initials

STYLE = f"""
#customerPane, #customerBody {{ background: {theme.SURFACE}; }}
#customerPane QLabel {{ background: transparent; }}
QLabel#customerName {{ font-size: 16px; font-weight: 600; color: {theme.TEXT}; }}
QLabel#customerSubtitle {{ color: {theme.MUTED}; font-size: 12px; }}
QLabel#customerEmpty {{ color: {theme.FAINT}; padding: 40px 8px; }}
QLabel#sectionTitle {{ color: {theme.MUTED}; font-size: 11px; font-weight: 700; letter-spacing: 1px; }}
QLabel#fieldLabel {{ color: {theme.MUTED}; font-size: 12px; min-width: 44px; }}
QLabel#fieldError {{ color: {theme.DANGER}; font-size: 12px; }}
QLabel#identityAddress {{ color: {theme.TEXT}; font-size: 12px; }}
QLineEdit#inlineEdit {{
    border: 1px solid transparent; border-radius: 6px; padding: 3px 6px; background: transparent;
    color: {theme.TEXT};
}}
QLineEdit#inlineEdit:hover {{ border-color: {theme.BORDER}; background: {theme.PANE}; }}
QLineEdit#inlineEdit:focus {{ border-color: {theme.ACCENT}; background: {theme.SURFACE}; }}
QPlainTextEdit#customerNotes {{
    border: 1px solid {theme.BORDER}; border-radius: 8px; padding: 4px; background: {theme.NOTE};
    color: {theme.TEXT};
}}
QPlainTextEdit#customerNotes:focus {{ border-color: {theme.NOTE_BORDER}; }}
QPushButton#mergeButton {{
    border: 1px solid {theme.BORDER}; border-radius: 6px; padding: 5px 12px; background: {theme.SURFACE};
    color: {theme.TEXT};
}}
QPushButton#mergeButton:hover {{ background: {theme.PANE}; }}
#pastRow {{ border: 1px solid {theme.BORDER}; border-radius: 8px; background: {theme.SURFACE}; }}
#pastRow:hover {{ border-color: #c7d2fe; background: #f8faff; }}
#pastRow[current="true"] {{ border-color: {theme.ACCENT}; background: #eff6ff; }}
#pastRow QLabel#pastSubject {{ color: {theme.TEXT}; font-weight: 600; font-size: 12px; }}
#pastRow QLabel#pastDate, #pastRow QLabel#pastPreview {{ color: {theme.MUTED}; font-size: 11px; }}
"""

STATUS_NAMES = {
    "open": QT_TRANSLATE_NOOP("CustomerPane", "Open"),
    "pending": QT_TRANSLATE_NOOP("CustomerPane", "Pending"),
    "snoozed": QT_TRANSLATE_NOOP("CustomerPane", "Snoozed"),
    "resolved": QT_TRANSLATE_NOOP("CustomerPane", "Resolved"),
}


def status_title(status: str) -> str:
    source = STATUS_NAMES.get(status)
    return QCoreApplication.translate("CustomerPane", source) if source else status


class ElidedLabel(QLabel):
    """One line that shrinks with the pane and ends in "…" (the full text is the tooltip)."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, objectName: str = "") -> None:
        super().__init__(parent, objectName=objectName)
        # Names and subjects come from customers: never let Qt guess that they are HTML.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(20)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = " ".join(text.split())
        self.setToolTip(f"<qt>{html.escape(self._full)}</qt>" if self._full else "")
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(
            self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 20))
        )


class Avatar(QLabel):
    """A coloured circle with the customer's initials."""

    SIZE = 44

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(self.SIZE, self.SIZE)

    def set_name(self, name: str) -> None:
        ratio = 2.0
        pixmap = QPixmap(QSize(self.SIZE, self.SIZE) * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(avatar_color(name))
        painter.drawEllipse(QRectF(0, 0, self.SIZE, self.SIZE))
        font = QFont(self.font())
        font.setPixelSize(17)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, self.SIZE, self.SIZE), Qt.AlignmentFlag.AlignCenter, initials(name))
        painter.end()
        self.setPixmap(pixmap)


class _PastRow(QFrame):
    clicked = Signal(int)

    def __init__(self, conv: PastConversation, current: bool) -> None:
        super().__init__(objectName="pastRow")
        self.conversation_id = conv.id
        self.conv = conv
        self.setProperty("current", current)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        glyph = QLabel()
        glyph.setPixmap(QPixmap.fromImage(channel_image(conv.channel, 14)))
        self.subject = ElidedLabel(objectName="pastSubject")
        self.date = QLabel(time_text.relative(conv.last_message_at), objectName="pastDate")
        self.date.setToolTip(time_text.full(conv.last_message_at))
        self.status = QLabel()
        color = theme.STATUS_COLORS.get(conv.status, theme.MUTED)
        self.status.setStyleSheet(
            f"color: {color}; border: 1px solid {color}; border-radius: 7px; padding: 0 6px; font-size: 10px;"
        )
        self.preview = ElidedLabel(objectName="pastPreview")
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(glyph)
        top.addWidget(self.subject, 1)
        top.addWidget(self.date)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self.status)
        bottom.addWidget(self.preview, 1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 6, 8, 6)
        rows.setSpacing(3)
        rows.addLayout(top)
        rows.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        conv = self.conv
        subject = conv.subject or conv.preview or self.tr("(no subject)")
        self.subject.set_full_text(subject)
        self.status.setText(status_title(conv.status))
        self.preview.set_full_text(conv.preview if conv.subject else "")
        self.setToolTip(self.tr("%1 · %2").replace("%1", channel_name(conv.channel)).replace("%2", subject))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.conversation_id)
        super().mouseReleaseEvent(event)


class PastConversationList(QWidget):
    """Every conversation of the contact, newest first; a click opens it."""

    open_conversation = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_PastRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)

    def set_conversations(self, past: list[PastConversation], *, current: int | None) -> None:
        for row in self.rows:
            row.deleteLater()
        self.rows = [_PastRow(conv, conv.id == current) for conv in past]
        for row in self.rows:
            row.clicked.connect(self.open_conversation)
            self._layout.addWidget(row)

    def ids(self) -> list[int]:
        return [row.conversation_id for row in self.rows]

    def count(self) -> int:
        return len(self.rows)

    def retranslate(self) -> None:
        for row in self.rows:
            row.retranslate()
