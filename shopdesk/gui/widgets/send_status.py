"""The line under the composer that says what happened to the last reply: queued, sending, sent, failed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from shopdesk.gui.widgets.channel_marks import channel_name
from shopdesk.gui.widgets.composer_style import set_tone


class SendStatus(QLabel):
    """A toned message (info, ok, warning, error); follows the outbox item of the last send."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="composerStatus", wordWrap=True)
        self.item: tuple[int, str] | None = None  # outbox item id, channel
        self.hide()

    def say(self, text: str, tone: str = "info") -> None:
        self.setText(text)
        self.setProperty("tone", tone)
        set_tone(self)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.item = None
        self.say("", "")

    def queued(self, item_id: int, channel: str, *, online: bool) -> None:
        """Right after a reply went to the outbox."""
        self.item = (item_id, channel)
        if online:
            self.say(self.tr("Sending…"), "info")
        else:
            message = self.tr("Queued: %1 is offline; it will be sent when it is back.")
            self.say(message.replace("%1", channel_name(channel)), "warning")

    def follow(self, event) -> None:
        """An OutboxChanged event: report it when it is about the last reply."""
        if self.item is None or event.item_id != self.item[0]:
            return
        texts = {
            "sending": (self.tr("Sending…"), "info"),
            "sent": (self.tr("Sent ✓"), "ok"),
            "queued": (self.tr("Queued: %1 will be tried again. %2"), "warning"),
            "failed": (self.tr("Not sent: %2"), "error"),
            "unknown": (self.tr("It is not known whether this was delivered: %2"), "error"),
        }
        if event.state in texts:
            text, tone = texts[event.state]
            self.say(text.replace("%1", channel_name(self.item[1])).replace("%2", event.error or ""), tone)
