"""A pill that marks a channel in the side panes: its glyph and name, tinted in its colour."""

from __future__ import annotations

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from shopdesk.gui.widgets.channel_marks import channel_color, channel_image, channel_name


class ChannelBadge(QFrame):
    def __init__(self, channel: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("channelBadge")
        self.glyph = QLabel()
        self.name = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 1, 8, 1)
        row.setSpacing(4)
        row.addWidget(self.glyph)
        row.addWidget(self.name)
        self.set_channel(channel)

    def set_channel(self, channel: str) -> None:
        self.channel = channel
        color = channel_color(channel)
        rgb = f"{color.red()}, {color.green()}, {color.blue()}"
        self.setStyleSheet(
            f"#channelBadge {{ background: rgba({rgb}, 0.08); border: 1px solid rgba({rgb}, 0.3);"
            " border-radius: 9px; }"
            f"#channelBadge QLabel {{ color: {color.name()}; font-size: 11px; font-weight: 600; }}"
        )
        self.glyph.setPixmap(QPixmap.fromImage(channel_image(channel, 12)))
        self.retranslate()

    def retranslate(self) -> None:
        self.name.setText(channel_name(self.channel))
