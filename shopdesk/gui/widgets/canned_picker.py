"""The pop-up list of canned replies that "/" opens in the composer, filtered as the owner types."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core.models import CannedReply

ROW_HEIGHT = 46
MAX_ROWS = 6
WIDTH = 440
ACCENT = "#2563eb"


class CannedReplyDelegate(QStyledItemDelegate):
    """Two lines per reply: "/shortcut  Title" and the start of the body."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        reply: CannedReply = index.data(Qt.ItemDataRole.UserRole)
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor("#eff6ff"))
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), QColor(ACCENT))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor("#f9fafb"))
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(QColor(ACCENT))
        top = QRect(rect.left() + 12, rect.top() + 5, rect.width() - 60, 18)
        shortcut = f"/{reply.shortcut}"
        painter.drawText(top, Qt.AlignmentFlag.AlignVCenter, shortcut)
        title_left = top.left() + painter.fontMetrics().horizontalAdvance(shortcut) + 10
        painter.setFont(option.font)
        painter.setPen(QColor("#111827"))
        title_rect = QRect(title_left, top.top(), top.right() - title_left, top.height())
        title = painter.fontMetrics().elidedText(reply.title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter, title)
        self._paint_language(painter, option, reply.language)
        painter.setPen(QColor("#6b7280"))
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        painter.setFont(small)
        body_rect = QRect(rect.left() + 12, rect.top() + 24, rect.width() - 24, 16)
        body = " ".join(reply.body.split())
        elided = painter.fontMetrics().elidedText(body, Qt.TextElideMode.ElideRight, body_rect.width())
        painter.drawText(body_rect, Qt.AlignmentFlag.AlignVCenter, elided)
        painter.restore()

    def _paint_language(self, painter: QPainter, option: QStyleOptionViewItem, language: str) -> None:
        if not language:
            return
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.8)
        painter.setFont(small)
        box = QRect(option.rect.right() - 38, option.rect.top() + 7, 26, 15)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#f3f4f6"))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor("#4b5563"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, language.upper())


class CannedPicker(QFrame):
    """Shows replies; the editor keeps the keyboard and drives it with ``step``/``choose``."""

    chosen = Signal(object)  # CannedReply

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cannedPicker")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(
            "#cannedPicker { background: white; border: 1px solid #d1d5db; border-radius: 10px; }"
            "#cannedPicker QListWidget { border: none; background: transparent; outline: none; }"
            "#cannedPickerTitle, #cannedPickerHint { color: #6b7280; font-size: 11px; }"
        )
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(24)
        shadow.setOffset(0, 4)
        shadow.setColor(QColor(15, 23, 42, 60))
        self.setGraphicsEffect(shadow)
        self.title = QLabel(objectName="cannedPickerTitle")
        self.hint = QLabel(objectName="cannedPickerHint")
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setItemDelegate(CannedReplyDelegate(self.list))
        self.list.setMouseTracking(True)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.itemClicked.connect(lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        self.title.setContentsMargins(8, 0, 0, 0)
        self.hint.setContentsMargins(8, 0, 0, 0)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(self.tr("CANNED REPLIES"))
        self.hint.setText(self.tr("↑ ↓ to choose · Enter to insert · Esc to close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_replies(self, replies: list[CannedReply]) -> None:
        self.list.clear()
        for reply in replies:
            item = QListWidgetItem(f"/{reply.shortcut} {reply.title}")
            item.setData(Qt.ItemDataRole.UserRole, reply)
            self.list.addItem(item)
        if replies:
            self.list.setCurrentRow(0)
        rows = min(len(replies), MAX_ROWS)
        self.list.setFixedHeight(rows * ROW_HEIGHT + 4)
        self.adjustSize()

    def show_near(self, editor: QPlainTextEdit) -> None:
        """Float over the window, just above the editor's cursor (below it when there is no room)."""
        host = editor.window()
        if self.parent() is not host:
            self.setParent(host)
        self.setFixedWidth(max(min(WIDTH, host.width() - 16), 240))
        self.adjustSize()
        cursor = editor.cursorRect()
        anchor = editor.viewport().mapTo(host, cursor.topLeft())
        x = max(8, min(anchor.x() - 12, host.width() - self.width() - 8))
        y = anchor.y() - self.height() - 6
        if y < 8:
            y = anchor.y() + cursor.height() + 6
        self.move(QPoint(x, y))
        self.show()
        self.raise_()

    def shortcuts(self) -> list[str]:
        """The shortcuts shown, top to bottom."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole).shortcut for i in range(self.list.count())]

    def step(self, delta: int) -> None:
        """Move the highlight ``delta`` rows, wrapping around."""
        if self.list.count():
            self.list.setCurrentRow((self.list.currentRow() + delta) % self.list.count())

    def current_reply(self) -> CannedReply | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def choose(self) -> None:
        reply = self.current_reply()
        if reply is not None:
            self.chosen.emit(reply)
