"""Small solid-colour PNGs for tests, and a check for whether a colour was drawn on a widget."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage


def png(color: str, width: int = 40, height: int = 40) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def drawn(widget, color: str) -> bool:
    """Whether ``color`` appears anywhere on ``widget`` as it paints now."""
    image = widget.grab().toImage()
    wanted = QColor(color).rgb()
    return any(
        image.pixel(x, y) == wanted for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
    )
