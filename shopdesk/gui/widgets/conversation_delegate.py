"""Paints one conversation row: avatar with channel mark, name, time, subject, snippet, badges, labels."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from shopdesk.gui import theme, time_text
from shopdesk.gui.models.conversation_list import ConversationListModel as M
from shopdesk.gui.widgets.channel_marks import avatar_color, initials, label_color, paint_channel_glyph

PAD_X, PAD_Y, AVATAR, GAP = 14, 11, 36, 10
STATUS_NAMES = {
    "pending": QT_TRANSLATE_NOOP("ConversationDelegate", "Pending"),
    "snoozed": QT_TRANSLATE_NOOP("ConversationDelegate", "Snoozed"),
    "resolved": QT_TRANSLATE_NOOP("ConversationDelegate", "Resolved"),
}


def status_name(status: str) -> str:
    source = STATUS_NAMES.get(status, status)
    return QCoreApplication.translate("ConversationDelegate", source)


class ConversationDelegate(QStyledItemDelegate):
    """Three fixed lines per row, so the view can use uniform item sizes at 100,000 rows."""

    def sizeHint(self, option, index) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(300, PAD_Y * 2 + line * 3 + 8)

    def paint(self, painter: QPainter, option, index) -> None:
        name = index.data(M.NameRole)
        if name is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect)
        self._paint_background(painter, option, rect)
        unread = index.data(M.UnreadRole) or 0
        base = QFont(option.font)
        line = QFontMetrics(base).height()
        self._paint_avatar(painter, rect, name, index.data(M.ChannelRole))
        left = rect.left() + PAD_X + AVATAR + GAP
        right = rect.right() - PAD_X
        y = rect.top() + PAD_Y
        self._paint_first_line(painter, index, base, QRectF(left, y, right - left, line), unread)
        second = QRectF(left, y + line + 3, right - left, line)
        free = self._paint_second_line(painter, index, base, second, unread)
        third = QRectF(left, y + 2 * line + 6, right - left, line)
        color = QColor(theme.TEXT if unread else theme.MUTED)
        text, spans = index.data(M.SnippetRole) or "", index.data(M.SnippetSpansRole)
        if index.data(M.SubjectRole):
            _draw_highlighted(painter, third, text, spans, base, color)
        else:  # chats have no subject: their last message gets both lines
            _draw_two_lines(
                painter, QRectF(second.left(), second.top(), free, line), third, text, spans, base, color
            )
        painter.setPen(QColor(theme.BORDER))
        painter.drawLine(QPointF(left, rect.bottom()), QPointF(rect.right(), rect.bottom()))
        painter.restore()

    def _paint_background(self, painter, option, rect) -> None:
        selected = option.state & QStyle.StateFlag.State_Selected
        hovered = option.state & QStyle.StateFlag.State_MouseOver
        if selected:
            painter.fillRect(rect, QColor(theme.ACCENT_SOFT))
            painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), QColor(theme.ACCENT))
        elif hovered:
            painter.fillRect(rect, QColor("#eef2f7"))

    def _paint_avatar(self, painter, rect, name, channel) -> None:
        circle = QRectF(rect.left() + PAD_X, rect.top() + PAD_Y + 2, AVATAR, AVATAR)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(avatar_color(name))
        painter.drawEllipse(circle)
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(14)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, initials(name))
        mark = QRectF(circle.right() - 13, circle.bottom() - 13, 18, 18)
        painter.setPen(QColor(theme.BORDER))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(mark)
        paint_channel_glyph(painter, mark.adjusted(3, 3, -3, -3), channel or "", _channel_color(channel))

    def _paint_first_line(self, painter, index, base, rect, unread) -> None:
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.88)
        when = index.data(M.TimeRole)
        stamp = time_text.relative(when) if when else ""
        painter.setFont(small)
        painter.setPen(QColor(theme.ACCENT if unread else theme.FAINT))
        stamp_width = QFontMetrics(small).horizontalAdvance(stamp)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, stamp)
        status = index.data(M.StatusRole)
        pill_width = 0.0
        if status in STATUS_NAMES:
            text = status_name(status)
            pill_width = QFontMetrics(small).horizontalAdvance(text) + 12
            pill = QRectF(
                rect.right() - stamp_width - 8 - pill_width, rect.top() + 1, pill_width, rect.height() - 2
            )
            _pill(painter, pill, text, QColor(theme.STATUS_COLORS.get(status, theme.MUTED)), small)
            pill_width += 8
        bold = QFont(base)
        bold.setWeight(QFont.Weight.Bold if unread else QFont.Weight.DemiBold)
        room = QRectF(rect.left(), rect.top(), rect.width() - stamp_width - pill_width - 10, rect.height())
        _draw_highlighted(
            painter, room, index.data(M.NameRole), index.data(M.NameSpansRole), bold, theme.TEXT
        )

    def _paint_second_line(self, painter, index, base, rect, unread) -> float:
        """Unread badge, labels and subject; returns the width left of the badges."""
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        right = rect.right()
        if unread:
            text = str(unread) if unread < 100 else "99+"
            width = max(QFontMetrics(small).horizontalAdvance(text) + 10, rect.height())
            badge = QRectF(right - width, rect.top() + 1, width, rect.height() - 2)
            _pill(painter, badge, text, QColor(theme.ACCENT), small, filled=True)
            right = badge.left() - 6
        for name in reversed(index.data(M.LabelsRole) or ()):
            width = QFontMetrics(small).horizontalAdvance(name) + 12
            if right - width < rect.left() + 80:
                break
            _pill(
                painter,
                QRectF(right - width, rect.top() + 1, width, rect.height() - 2),
                name,
                label_color(name),
                small,
            )
            right -= width + 4
        subject = index.data(M.SubjectRole) or ""
        if not subject:
            return right - rect.left() - 4
        font = QFont(base)
        font.setWeight(QFont.Weight.DemiBold if unread else QFont.Weight.Normal)
        room = QRectF(rect.left(), rect.top(), right - rect.left() - 4, rect.height())
        color = theme.TEXT if unread else "#374151"
        _draw_highlighted(painter, room, subject, index.data(M.SubjectSpansRole), font, color)
        return room.width()


def _channel_color(channel: str | None) -> QColor:
    return QColor(theme.CHANNEL_COLORS.get(channel or "", theme.MUTED))


def _pill(painter, rect, text, color: QColor, font, *, filled: bool = False) -> None:
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    soft = QColor(color)
    soft.setAlpha(255 if filled else 32)
    painter.setBrush(soft)
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setFont(font)
    painter.setPen(QColor("white") if filled else color.darker(115))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def _draw_two_lines(painter, first: QRectF, second: QRectF, text: str, spans, font, color) -> None:
    """``text`` wrapped over two lines (the first may be shorter), the second elided."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(max(first.width(), 1))
    layout.endLayout()
    cut = line.textLength()
    spans = spans or []
    _draw_highlighted(
        painter, first, text[:cut], [(a, min(b, cut)) for a, b in spans if a < cut], font, color
    )
    if cut < len(text):
        rest = [(max(a - cut, 0), b - cut) for a, b in spans if b > cut]
        _draw_highlighted(painter, second, text[cut:], rest, font, color)


def _draw_highlighted(painter, rect: QRectF, text: str, spans, font: QFont, color) -> None:
    """One elided line of ``text`` with the searched words marked (yellow background, bold)."""
    if rect.width() <= 0 or not text:
        return
    elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
    layout = QTextLayout(elided, font)
    formats = []
    for start, end in spans or ():
        if start >= len(elided):
            continue
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(theme.HIGHLIGHT))
        fmt.setForeground(QColor(theme.TEXT))
        rng = QTextLayout.FormatRange()
        rng.start, rng.length, rng.format = start, min(end, len(elided)) - start, fmt
        formats.append(rng)
    layout.setFormats(formats)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(rect.width() + 20)
    layout.endLayout()
    painter.setPen(QColor(color))
    top = rect.top() + (rect.height() - line.height()) / 2
    layout.draw(painter, QPointF(rect.left(), top))
