"""Small drawn marks shared by the panes: channel glyphs, send-state glyphs, avatars, channel names."""

from __future__ import annotations

import zlib
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from shopdesk.gui import theme

CHANNEL_NAMES = {
    "email": QT_TRANSLATE_NOOP("ChannelMarks", "Email"),
    "telegram": QT_TRANSLATE_NOOP("ChannelMarks", "Telegram"),
    "webchat": QT_TRANSLATE_NOOP("ChannelMarks", "Web chat"),
}


def channel_name(channel: str) -> str:
    """The channel's name in the owner's language."""
    source = CHANNEL_NAMES.get(channel)
    return QCoreApplication.translate("ChannelMarks", source) if source else channel.capitalize()


def channel_color(channel: str) -> QColor:
    return QColor(theme.CHANNEL_COLORS.get(channel, theme.MUTED))


def avatar_color(name: str) -> QColor:
    colors = theme.AVATAR_COLORS
    return QColor(colors[zlib.crc32(name.encode()) % len(colors)])


def label_color(name: str) -> QColor:
    colors = theme.LABEL_COLORS
    return QColor(colors[zlib.crc32(name.encode()) % len(colors)])


def initials(name: str) -> str:
    parts = [p for p in name.replace("@", " ").split() if p[:1].isalnum()]
    if not parts:
        return "?"
    letters = parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")
    return letters.upper()


def paint_channel_glyph(painter: QPainter, rect: QRectF, channel: str, color: QColor) -> None:
    """An envelope (email), a paper plane (Telegram) or a speech bubble (web chat) inside ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, max(rect.width() / 9, 1.2))
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    r = rect.adjusted(rect.width() * 0.1, rect.height() * 0.18, -rect.width() * 0.1, -rect.height() * 0.18)
    if channel == "email":
        painter.drawRoundedRect(r, 1.5, 1.5)
        painter.drawPolyline([r.topLeft(), QPointF(r.center().x(), r.center().y() + 0.5), r.topRight()])
    elif channel == "telegram":
        r = rect.adjusted(
            rect.width() * 0.08, rect.height() * 0.12, -rect.width() * 0.08, -rect.height() * 0.12
        )
        path = QPainterPath(QPointF(r.right(), r.top()))
        path.lineTo(r.left(), r.center().y() - r.height() * 0.05)
        path.lineTo(r.left() + r.width() * 0.38, r.center().y() + r.height() * 0.12)
        path.lineTo(r.left() + r.width() * 0.55, r.bottom())
        path.closeSubpath()
        painter.drawPath(path)
        painter.drawLine(
            QPointF(r.right(), r.top()), QPointF(r.left() + r.width() * 0.38, r.center().y() + 4)
        )
    else:
        body = QRectF(r.left(), r.top(), r.width(), r.height() * 0.8)
        path = QPainterPath()
        path.addRoundedRect(body, r.height() * 0.25, r.height() * 0.25)
        tail = QPainterPath(QPointF(body.left() + body.width() * 0.25, body.bottom() - 0.5))
        tail.lineTo(body.left() + body.width() * 0.18, r.bottom() + r.height() * 0.12)
        tail.lineTo(body.left() + body.width() * 0.5, body.bottom() - 0.5)
        painter.drawPath(path.united(tail))
    painter.restore()


def paint_state_glyph(painter: QPainter, rect: QRectF, state: str) -> None:
    """Send state: a clock (queued), dots (sending), a tick (sent), '!' (failed), '?' (unknown)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(STATE_COLORS.get(state, theme.MUTED))
    pen = QPen(color, max(rect.width() / 8, 1.3))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    r = rect.adjusted(1.5, 1.5, -1.5, -1.5)
    c = r.center()
    if state == "sent":
        painter.drawPolyline(
            [QPointF(r.left(), c.y()), QPointF(c.x() - 1, r.bottom() - 1.5), QPointF(r.right(), r.top() + 2)]
        )
    elif state == "sending":
        painter.setBrush(color)
        for dx in (-0.33, 0.0, 0.33):
            painter.drawEllipse(QPointF(c.x() + dx * r.width(), c.y()), 0.6, 0.6)
    elif state in ("failed", "unknown"):
        painter.setBrush(color)
        painter.drawEllipse(r)
        painter.setPen(QColor("white"))
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(int(r.height() * 0.8))
        painter.setFont(font)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, "!" if state == "failed" else "?")
    else:  # queued or draft: a clock
        painter.drawEllipse(r)
        painter.drawPolyline([QPointF(c.x(), r.top() + r.height() * 0.25), c, QPointF(c.x() + 2.5, c.y())])
    painter.restore()


def paint_clip(painter: QPainter, rect: QRectF, color: QColor) -> None:
    """A paper clip, for attachments."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, max(rect.width() / 10, 1.2))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    w, h = rect.width(), rect.height()
    x, y = rect.left(), rect.top()
    path = QPainterPath(QPointF(x + w * 0.62, y + h * 0.3))
    path.lineTo(x + w * 0.62, y + h * 0.72)
    path.arcTo(QRectF(x + w * 0.3, y + h * 0.56, w * 0.32, h * 0.32), 0, -180)
    path.lineTo(x + w * 0.3, y + h * 0.22)
    path.arcTo(QRectF(x + w * 0.3, y + h * 0.06, w * 0.46, h * 0.32), 180, -180)
    path.lineTo(x + w * 0.76, y + h * 0.7)
    painter.drawPath(path)
    painter.restore()


STATE_COLORS = {
    "queued": theme.MUTED,
    "sending": theme.ACCENT,
    "sent": theme.SUCCESS,
    "failed": theme.DANGER,
    "unknown": theme.WARNING,
}


@cache
def channel_image(channel: str, size: int = 16, ratio: float = 2.0) -> QImage:
    """The channel glyph as an image (for rich text and icons)."""
    return _image(size, ratio, lambda p, r: paint_channel_glyph(p, r, channel, channel_color(channel)))


@cache
def clip_image(size: int = 14, ratio: float = 2.0) -> QImage:
    return _image(size, ratio, lambda p, r: paint_clip(p, r, QColor(theme.MUTED)))


@cache
def state_image(state: str, size: int = 14, ratio: float = 2.0) -> QImage:
    return _image(size, ratio, lambda p, r: paint_state_glyph(p, r, state))


def _image(size: int, ratio: float, paint) -> QImage:
    image = QImage(int(size * ratio), int(size * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint(painter, QRectF(0, 0, size, size))
    painter.end()
    return image
