"""A canned reply as a sample customer would receive it; variables without a value stay marked."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from shopdesk.core import canned

SAMPLE_CUSTOMER = "Ayşe Yılmaz"
SAMPLE_CONVERSATION = 1042
MARK = '<span style="background:#fde68a; color:#92400e">{}</span>'


class CannedPreview(QLabel):
    def __init__(self, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="cannedPreview", wordWrap=True)
        self.settings = settings
        self.body = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setMinimumHeight(90)

    def show_body(self, body: str) -> None:
        """Render ``body`` for the sample customer, with the shop's and the owner's names."""
        self.body = body
        values = canned.variables_for(
            contact_name=SAMPLE_CUSTOMER,
            shop_name=self.settings.shop_name,
            agent_name=self.settings.owner_name,
            conversation_id=SAMPLE_CONVERSATION,
        )
        rendered = canned.render(body, values)
        text = canned.VARIABLE.sub(lambda m: MARK.format(m.group(0)), html.escape(rendered.text))
        empty = self.tr("Nothing to preview yet.")
        self.setText(text.replace("\n", "<br>") or f'<span style="color:#9ca3af">{html.escape(empty)}</span>')
        missing = ", ".join(f"{{{{{m}}}}}" for m in rendered.missing)
        self.setToolTip(self.tr("No value yet for %1").replace("%1", missing) if missing else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_body(self.body)
        super().changeEvent(event)
