"""The open conversation: its messages (escaped text, safe mail HTML), day separators, states, files."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QFileDialog

from shopdesk.core import conversations, outbox, store
from shopdesk.core.db import read_session
from shopdesk.core.file_names import safe_filename
from shopdesk.core.outbox_status import outbox_by_message
from shopdesk.core.store import AttachmentRow
from shopdesk.gui.widgets.channel_marks import channel_image, clip_image, state_image
from shopdesk.gui.widgets.mail_actions import ACTIONS as MAIL_ACTIONS
from shopdesk.gui.widgets.mail_actions import MailActions
from shopdesk.gui.widgets.message_html import MessageHtml
from shopdesk.gui.widgets.safe_text_browser import SafeTextBrowser

RELOAD_DELAY_MS = 60
TAIL = 120  # messages drawn when a conversation opens; earlier ones follow on scrolling up
EARLIER_STEP = 200
__all__ = ["ConversationView", "safe_filename"]


class ConversationView(SafeTextBrowser):
    """Shows one conversation; emits ``status_message`` for short notices (saved, queued again …).

    Mail is drawn as text with its quoted history folded; its HTML (sanitised, images only from its own
    ``cid:`` parts) is drawn only once the owner opens it, so a long conversation still opens at once.
    """

    status_message = Signal(str)

    def __init__(self, ctx, bridge, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("ConversationView")
        self._ctx, self._tasks = ctx, tasks
        self._html = MessageHtml(self)
        self._conversation_id: int | None = None
        self._attachments: dict[int, AttachmentRow] = {}
        self._hidden = 0  # earliest messages not drawn yet
        self._loading = False  # setHtml moves the scroll bar; that is not the owner scrolling up
        self._subject = ""
        self.mail = MailActions(ctx, tasks, self)
        self.mail.changed.connect(self.reload)
        self.mail.status_message.connect(self.status_message)
        self.cid_source = self.mail.cid_image
        self.document().setDocumentMargin(18)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        bridge.conversation_changed.connect(self.on_conversation_changed)
        bridge.outbox_changed.connect(self.on_outbox_changed)
        bridge.message_ingested.connect(self.on_message_ingested)
        self.retranslate()

    @property
    def conversation_id(self) -> int | None:
        return self._conversation_id

    def retranslate(self) -> None:
        if self._conversation_id is None:
            self.setHtml(self._html.empty(self.tr("Choose a conversation on the left.")))
        else:
            self.reload()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- showing -------------------------------------------------------------------------------

    def show_conversation(self, conversation_id: int | None) -> None:
        """Show ``conversation_id`` scrolled to its newest message, and mark it read."""
        self._reload_timer.stop()
        if conversation_id != self._conversation_id:
            self.mail.reset()
            self.forget_images()
        self._conversation_id = conversation_id
        if conversation_id is None:
            self._attachments = {}
            self.setHtml(self._html.empty(self.tr("Choose a conversation on the left.")))
            return
        self._hidden = -1
        row = self._load(scroll_to_end=True)
        if row is not None and row.unread_count:
            self._mark_read()

    def reload(self) -> None:
        """Show the same conversation again (new message, new send state), keeping the reading place."""
        self._reload_timer.stop()
        if self._conversation_id is not None:
            self._load(scroll_to_end=False)

    def _load(self, *, scroll_to_end: bool):
        cid = self._conversation_id
        with read_session(self._ctx.engine) as session:
            row = store.conversation_rows(session, ids=[cid]).get(cid)
            messages = store.messages_of(session, conversation_id=cid) if row else []
            sent = [m.id for m in messages if m.direction == "outgoing"]
            states = outbox_by_message(session, message_ids=sent)
        if row is None:
            self.setHtml(self._html.empty(self.tr("This conversation no longer exists.")))
            return None
        self._attachments = {a.id: a for m in messages for a in m.attachments}
        if self._hidden < 0:
            self._hidden = max(len(messages) - TAIL, 0)
        self._hidden = min(self._hidden, len(messages))
        owner = self._ctx.settings.owner_name or self.tr("You")
        bar = self.verticalScrollBar()
        at_end, from_end = bar.value() >= bar.maximum() - 8, bar.maximum() - bar.value()
        self._subject = row.subject
        html = self._html.render(
            messages[self._hidden :], states, channel=row.channel, owner=owner, mail_body=self.mail.body
        )
        if self._hidden:
            link = self.tr("Show earlier messages (%n)", "", self._hidden)
            html = self._html.earlier_link(link) + html
        self._loading = True
        try:
            self.setHtml(html)
            bar.setValue(bar.maximum() if scroll_to_end or at_end else bar.maximum() - from_end)
        finally:
            self._loading = False
        self.mail.after_render()
        return row

    def show_earlier(self) -> None:
        """Draw up to EARLIER_STEP more of the older messages, keeping what is on screen in place."""
        if self._hidden > 0:
            self._hidden = max(self._hidden - EARLIER_STEP, 0)
            self._load(scroll_to_end=False)

    def hidden_count(self) -> int:
        return max(self._hidden, 0)

    def _on_scrolled(self, value: int) -> None:
        if value == 0 and self._hidden > 0 and not self._loading and self.verticalScrollBar().maximum() > 0:
            QTimer.singleShot(0, self.show_earlier)

    def loadResource(self, kind: int, url: QUrl):
        """Our own drawn marks, and what SafeTextBrowser allows; nothing from the network or the disk."""
        if kind != QTextDocument.ResourceType.ImageResource or url.scheme() != "sd-mark":
            return super().loadResource(kind, url)
        what, _, name = url.path().partition("/")
        if what == "channel":
            return channel_image(name, 13)
        if what == "state":
            return state_image(name, 12)
        if what == "clip":
            return clip_image(13)
        return super().loadResource(kind, url)

    # --- live updates --------------------------------------------------------------------------

    def on_conversation_changed(self, event) -> None:
        if event.conversation_id == self._conversation_id:
            self._schedule_reload()

    def on_outbox_changed(self, event) -> None:
        if event.conversation_id == self._conversation_id:
            self._schedule_reload()

    def on_message_ingested(self, event) -> None:
        if event.conversation_id == self._conversation_id:
            self._schedule_reload()
            if self.isVisible() and self.window().isActiveWindow():
                self._mark_read()

    def _schedule_reload(self) -> None:
        if not self._reload_timer.isActive():  # several events of one change make one reload
            self._reload_timer.start()

    def _mark_read(self) -> None:
        ctx, cid = self._ctx, self._conversation_id
        self._tasks.run_in_background(
            lambda: conversations.mark_read(ctx.engine, ctx.publish, conversation_id=cid)
        )

    # --- links: retry, resend, mark sent, open, save -------------------------------------------

    def follow_link(self, url: QUrl) -> None:
        """Our own ``sd:`` actions here; a link inside a mail goes to SafeTextBrowser (it asks first)."""
        if url.scheme() != "sd":
            super().follow_link(url)
            return
        action, _, arg = url.path().partition("/")
        if not arg.isdigit():
            return
        number = int(arg)
        if action in MAIL_ACTIONS:
            self.mail.handle(action, number, subject=self._subject)
            return
        handlers = {
            "retry": lambda: self._transition(number, "queued", self.tr("Queued again.")),
            "resend": lambda: self._transition(number, "queued", self.tr("Queued to be sent again.")),
            "mark-sent": lambda: self._transition(number, "sent", self.tr("Marked as sent.")),
            "earlier": self.show_earlier,
            "open": lambda: self.open_attachment(number),
            "save": lambda: self.save_attachment(number),
        }
        if action in handlers:
            handlers[action]()

    def _transition(self, item_id: int, to: str, done: str) -> None:
        ctx = self._ctx
        self._tasks.run_in_background(
            lambda: outbox.transition(ctx.engine, ctx.publish, item_id=item_id, to=to),
            lambda _item: self.status_message.emit(done),
        )

    def open_attachment(self, attachment_id: int) -> None:
        """Copy the file to a temporary folder and open it with the system's viewer."""
        attachment = self._attachments.get(attachment_id)
        if attachment is None:
            return
        blobs = self._ctx.blobs

        def write() -> Path:
            folder = Path(tempfile.gettempdir()) / "shopdesk-attachments" / attachment.sha256[:16]
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / safe_filename(attachment.filename)
            if not target.exists():
                target.write_bytes(blobs.get(attachment.sha256))
            return target

        self._tasks.run_in_background(
            write, lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        )

    def save_attachment(self, attachment_id: int, target: str | None = None) -> None:
        """Save a copy where the owner chooses (``target`` skips the dialog)."""
        attachment = self._attachments.get(attachment_id)
        if attachment is None:
            return
        if target is None:
            suggested = str(Path.home() / safe_filename(attachment.filename))
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Save attachment"), suggested)
            if not target:
                return
        blobs, path = self._ctx.blobs, Path(target)
        self._tasks.run_in_background(
            lambda: path.write_bytes(blobs.get(attachment.sha256)),
            lambda _n: self.status_message.emit(self.tr("Saved %1.").replace("%1", path.name)),
        )
