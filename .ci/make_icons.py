"""Draws ShopDesk's app icon with QPainter into resources/icons/ (PNG sizes, a multi-size .ico and .icns)."""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types that hold PNG data, by pixel size (the @2x types reuse the bigger pictures).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)

BUBBLE = QColor("#12a08a")
BUBBLE_SHADE = QColor("#0b6f60")
BAG = QColor("#ffffff")
BADGE = QColor("#f97316")


def bubble_path() -> QPainterPath:
    """The speech bubble on a 256-unit grid: a rounded body and a tail at the lower left."""
    body = QPainterPath()
    body.addRoundedRect(QRectF(18, 34, 212, 164), 46, 46)
    tail = QPainterPath(QPointF(58, 180))
    tail.lineTo(QPointF(40, 238))
    tail.lineTo(QPointF(112, 192))
    tail.closeSubpath()
    return body.united(tail).simplified()


def bag_path() -> QPainterPath:
    """A shopping bag: slightly flared body with a rounded bottom."""
    path = QPainterPath(QPointF(84, 96))
    path.lineTo(QPointF(164, 96))
    path.lineTo(QPointF(172, 162))
    path.quadTo(QPointF(173, 172), QPointF(162, 172))
    path.lineTo(QPointF(86, 172))
    path.quadTo(QPointF(75, 172), QPointF(76, 162))
    path.closeSubpath()
    return path


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    bubble = bubble_path()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BUBBLE_SHADE)
    p.drawPath(bubble.translated(0, 8))
    p.setBrush(BUBBLE)
    p.drawPath(bubble)
    # Strokes get thicker (in grid units) at small sizes so the handle stays visible at 16 px.
    unit = 256 / size
    handle = QPainterPath(QPointF(104, 100))
    handle.cubicTo(QPointF(104, 58), QPointF(144, 58), QPointF(144, 100))
    pen = QPen(BAG, max(11, 1.6 * unit))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(handle)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BAG)
    p.drawPath(bag_path())
    if size >= 32:
        p.setBrush(BUBBLE)
        for x in (104, 144):
            p.drawEllipse(QPointF(x, 114), 6, 6)
    if size > 24:  # the "new message" badge, cut out of the bubble by a transparent ring
        ring = max(10, 1.5 * unit)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        p.drawEllipse(QPointF(208, 50), 30 + ring / 2, 30 + ring / 2)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        p.setBrush(BADGE)
        p.drawEllipse(QPointF(208, 50), 30 - ring / 2, 30 - ring / 2)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pictures: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (Windows Vista and later read PNG entries)."""
    header = struct.pack("<HHH", 0, 1, len(pictures))
    offset = len(header) + 16 * len(pictures)
    entries, blobs = b"", b""
    for size, data in sorted(pictures.items()):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


def icns_bytes(pictures: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG entries for every standard size, 16 to 1024 pixels."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pictures[px])) + pictures[px] for kind, px in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {px for _, px in ICNS_TYPES})
    pictures = {size: png_bytes(draw(size)) for size in sizes}
    (OUT / "shopdesk.png").write_bytes(pictures[256])
    for size in PNG_SIZES:
        (OUT / f"shopdesk-{size}.png").write_bytes(pictures[size])
    (OUT / "shopdesk.ico").write_bytes(ico_bytes({s: pictures[s] for s in ICO_SIZES}))
    (OUT / "shopdesk.icns").write_bytes(icns_bytes(pictures))
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
