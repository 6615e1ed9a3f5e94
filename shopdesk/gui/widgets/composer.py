"""The composer under a conversation: reply or private note, canned replies, drafts, attachments, send."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import canned
from shopdesk.core.conversations import add_note
from shopdesk.core.db import read_session
from shopdesk.core.file_refs import parse_refs, store_file
from shopdesk.core.outbox import queue_reply
from shopdesk.core.reply_context import ReplyContext, reply_context
from shopdesk.gui.widgets.attachment_chips import AttachmentChips
from shopdesk.gui.widgets.canned_picker import CannedPicker
from shopdesk.gui.widgets.canned_suggestions import SuggestionBar
from shopdesk.gui.widgets.channel_marks import channel_name
from shopdesk.gui.widgets.composer_style import STYLE, set_tone
from shopdesk.gui.widgets.draft_keeper import DraftKeeper
from shopdesk.gui.widgets.reply_editor import ReplyEditor
from shopdesk.gui.widgets.send_status import SendStatus
from shopdesk.gui.widgets.variable_highlighter import unfilled_variables


class Composer(QWidget):
    """Write to the customer (Ctrl+Enter) or add a private note; "/" inserts canned replies."""

    sent = Signal(int)  # conversation id, after the reply is queued or the note stored

    def __init__(self, ctx, bridge, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.bridge, self.tasks = ctx, bridge, tasks
        self.context: ReplyContext | None = None
        self.drafts = DraftKeeper(ctx, tasks, self)
        self._loading = False
        self._confirmed_unfilled = False
        self.setObjectName("composer")
        self.setStyleSheet(STYLE)
        self._build()
        self._connect()
        self.retranslate()
        self.show_conversation(None)

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.suggestions = SuggestionBar()
        self.card = QFrame(objectName="composerCard")
        self.reply_mode = QPushButton(objectName="modeButton", checkable=True, checked=True)
        self.note_mode = QPushButton(objectName="modeButton", checkable=True)
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.reply_mode)
        self.modes.addButton(self.note_mode)
        self.recipient = QLabel(objectName="composerRecipient")
        self.editor = ReplyEditor()
        self.editor.setObjectName("composerEditor")
        self.editor.setMinimumHeight(84)
        self.warning = QLabel(objectName="composerWarning", wordWrap=True)
        self.warning.hide()
        self.attachments = AttachmentChips()
        self.attach_button = QPushButton(objectName="toolButton")
        self.canned_button = QPushButton(objectName="toolButton")
        self.hint = QLabel(objectName="composerHint")
        self.send_button = QPushButton(objectName="sendButton")
        self.status = SendStatus()
        self.picker = CannedPicker(self)

        modes = QHBoxLayout()
        modes.setSpacing(2)
        modes.addWidget(self.reply_mode)
        modes.addWidget(self.note_mode)
        modes.addSpacing(10)
        modes.addWidget(self.recipient, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.attach_button)
        tools.addWidget(self.canned_button)
        tools.addStretch(1)
        tools.addWidget(self.hint)
        tools.addSpacing(8)
        tools.addWidget(self.send_button)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(10, 8, 10, 8)
        card.setSpacing(6)
        card.addLayout(modes)
        card.addWidget(self.editor, 1)
        card.addWidget(self.warning)
        card.addWidget(self.attachments)
        card.addLayout(tools)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 6, 12, 8)
        outer.setSpacing(4)
        outer.addWidget(self.suggestions)
        outer.addWidget(self.card, 1)
        outer.addWidget(self.status)

    def _connect(self) -> None:
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.send_requested.connect(self.send)
        self.editor.slash_changed.connect(self._on_slash)
        self.editor.picker_key.connect(self._on_picker_key)
        self.editor.focus_lost.connect(self._on_focus_lost)
        self.picker.chosen.connect(self._insert_from_picker)
        self.suggestions.chosen.connect(lambda reply: self.insert_canned(reply))
        self.modes.buttonToggled.connect(lambda *_: self._apply_mode())
        self.send_button.clicked.connect(self.send)
        self.attach_button.clicked.connect(self._choose_files)
        self.canned_button.clicked.connect(self.open_canned)
        self.bridge.message_ingested.connect(self.on_message_ingested)
        self.bridge.canned_changed.connect(self.on_canned_changed)
        self.bridge.contact_changed.connect(self.on_contact_changed)
        self.bridge.outbox_changed.connect(self.on_outbox_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.drafts.flush)

    def retranslate(self) -> None:
        self.reply_mode.setText(self.tr("Reply"))
        self.note_mode.setText(self.tr("Private note"))
        self.attach_button.setText(self.tr("Attach file"))
        self.attach_button.setToolTip(self.tr("Attach files to this reply"))
        self.canned_button.setText(self.tr("Canned reply"))
        self.canned_button.setToolTip(self.tr("Insert a canned reply (/)"))
        keys = "⌘↩" if sys.platform == "darwin" else "Ctrl+Enter"
        self.hint.setText(self.tr("%1 to send · / for canned replies").replace("%1", keys))
        self._apply_mode()
        self._update_recipient()
        self._update_warning()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self.drafts.flush()
        super().closeEvent(event)

    # -- public API ---------------------------------------------------------------------------------

    @property
    def conversation_id(self) -> int | None:
        return self.context.conversation_id if self.context else None

    @property
    def note_mode_on(self) -> bool:
        return self.note_mode.isChecked()

    def show_conversation(self, conversation_id: int | None) -> None:
        """Switch to ``conversation_id`` (None: nothing selected); the current draft is saved first."""
        self.drafts.flush()
        self._hide_picker()
        self.context = None
        if conversation_id is not None:
            with read_session(self.ctx.engine) as session:
                self.context = reply_context(session, conversation_id=conversation_id)
        self._set_text_silently(self.drafts.load(conversation_id) if self.context else "")
        self.attachments.clear()
        self.status.clear()
        for widget in (self.editor, self.send_button, self.attach_button, self.canned_button):
            widget.setEnabled(self.context is not None)
        self.reply_mode.setChecked(True)
        self._apply_mode()
        self._refresh_suggestions()

    def focus_reply(self) -> None:
        """The "r" shortcut: put the cursor at the end of the reply."""
        self.editor.setFocus()
        self.editor.moveCursor(QTextCursor.MoveOperation.End)

    def open_canned(self) -> None:
        """The "/" shortcut: start a "/" at the cursor so the canned-reply list opens."""
        if self.context is None:
            return
        self.editor.setFocus()
        cursor = self.editor.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        cursor.insertText("/" if not before or before[-1].isspace() else " /")
        self.editor.setTextCursor(cursor)

    def insert_canned(self, reply, *, replace_from: int | None = None) -> None:
        """Insert ``reply`` with its variables filled; unfilled ones stay visible and selected."""
        if self.context is None:
            return
        values = canned.variables_for(
            contact_name=self.context.contact_name,
            shop_name=self.ctx.settings.shop_name,
            agent_name=self.ctx.settings.owner_name,
            conversation_id=self.context.conversation_id,
        )
        rendered = canned.render(reply.body, values)
        self.editor.insert_rendered(rendered.text, replace_from=replace_from, missing=rendered.missing)
        for ref in parse_refs(reply.attachments_json):
            self.attachments.add(ref)

    def add_files(self, paths: list[str | Path]) -> None:
        """Store the files in the blob store (in the background) and attach them."""
        for path in paths:
            self.tasks.run_in_background(
                lambda p=Path(path): store_file(self.ctx.blobs, p),
                on_done=self.attachments.add,
                on_error=lambda exc: self.status.say(
                    self.tr("Not attached: %1").replace("%1", str(exc)), "error"
                ),
            )

    def send(self) -> None:
        """Queue the reply (or store the note) in the background; the status line says what happened."""
        if self.context is None or not self.send_button.isEnabled():
            return
        text = self.editor.toPlainText().strip()
        note = self.note_mode_on
        files = [] if note else self.attachments.refs()
        if not text and not files:
            return
        unfilled = unfilled_variables(text)
        if unfilled and not self._confirmed_unfilled:
            self._confirmed_unfilled = True
            message = self.tr("Still to fill: %1. Press Ctrl+Enter again to send it as it is.")
            self.status.say(message.replace("%1", ", ".join(f"{{{{{v}}}}}" for v in unfilled)), "warning")
            return
        cid, channel, author = (
            self.context.conversation_id,
            self.context.channel,
            self.ctx.settings.owner_name,
        )
        engine, publish = self.ctx.engine, self.ctx.publish
        if note:
            work = lambda: add_note(engine, publish, conversation_id=cid, text=text, author=author)  # noqa: E731
        else:
            refs = [f.as_outbox() for f in files]
            work = lambda: queue_reply(  # noqa: E731
                engine, publish, conversation_id=cid, text=text, author=author, attachments=refs
            )
        self.send_button.setEnabled(False)
        self.drafts.drop(cid)
        self._set_text_silently("")
        if not note:
            self.attachments.clear()
        self.tasks.run_in_background(
            work,
            on_done=lambda result: self._on_sent(cid, channel, note, result),
            on_error=lambda exc: self._on_send_failed(cid, text, files, exc),
        )

    # -- bridge handlers ----------------------------------------------------------------------------

    def on_message_ingested(self, event) -> None:
        if event.conversation_id == self.conversation_id:
            self._reload_context()

    def on_canned_changed(self, _event) -> None:
        self._refresh_suggestions()
        self._on_slash(self.editor.slash_token())

    def on_contact_changed(self, _event) -> None:
        if self.context is not None:
            self._reload_context()

    def on_outbox_changed(self, event) -> None:
        if event.conversation_id == self.conversation_id:
            self.status.follow(event)

    # -- internals ----------------------------------------------------------------------------------

    def _on_sent(self, conversation_id: int, channel: str, note: bool, result: int) -> None:
        self.drafts.sent(conversation_id)
        self.sent.emit(conversation_id)
        if conversation_id != self.conversation_id:
            return
        self.send_button.setEnabled(True)
        if note:
            self.status.say(self.tr("Private note added."), "ok")
            return
        self.status.queued(result, channel, online=self.ctx.channels.is_online(channel))

    def _on_send_failed(self, conversation_id: int, text: str, files, exc: BaseException) -> None:
        if conversation_id != self.conversation_id:
            self.drafts.changed(conversation_id, text)
            return
        self.send_button.setEnabled(True)
        if not self.editor.toPlainText().strip():
            self.editor.setPlainText(text)
        for ref in files:
            self.attachments.add(ref)
        self.status.say(self.tr("Could not queue the reply: %1").replace("%1", str(exc)), "error")

    def _on_text_changed(self) -> None:
        self._confirmed_unfilled = False
        self._update_warning()
        if not self._loading and self.context is not None:
            self.drafts.changed(self.context.conversation_id, self.editor.toPlainText())

    def _set_text_silently(self, text: str) -> None:
        self._loading = True
        try:
            self.editor.setPlainText(text)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._loading = False

    def _reload_context(self) -> None:
        with read_session(self.ctx.engine) as session:
            context = reply_context(session, conversation_id=self.context.conversation_id)
        if context is not None:
            self.context = context
            self._update_recipient()
            self._refresh_suggestions()

    def _refresh_suggestions(self) -> None:
        replies = []
        if self.context is not None and self.context.last_incoming:
            with read_session(self.ctx.engine) as session:
                replies = canned.suggest(session, customer_text=self.context.last_incoming)
        self.suggestions.set_replies(replies)

    def _on_slash(self, token) -> None:
        if token is None or self.context is None:
            self._hide_picker()
            return
        with read_session(self.ctx.engine) as session:
            replies = canned.list_canned(session, prefix=token[1])
        if not replies:
            self._hide_picker()
            return
        self.picker.set_replies(replies)
        self.picker.show_near(self.editor)
        self.editor.picker_open = True

    def _on_focus_lost(self) -> None:
        # Esc-like: a later keystroke in the same "/word" reopens it (unlike Esc).
        self._hide_picker()
        self.editor.forget_token()

    def _on_picker_key(self, key: str) -> None:
        if key == "choose":
            self.picker.choose()
        else:
            self.picker.step(-1 if key == "up" else 1)

    def _insert_from_picker(self, reply) -> None:
        token = self.editor.slash_token()
        self._hide_picker()
        self.insert_canned(reply, replace_from=token[0] if token else None)

    def _hide_picker(self) -> None:
        self.picker.hide()
        self.editor.picker_open = False

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.add_files(paths)

    def _apply_mode(self) -> None:
        note = self.note_mode_on
        self.card.setProperty("note", note)
        set_tone(self.card)
        self.attach_button.setVisible(not note)
        self.attachments.setVisible(not note and bool(self.attachments.refs()))
        self.send_button.setText(self.tr("Add note") if note else self.tr("Send"))
        if self.context is None:
            self.editor.setPlaceholderText(self.tr("Choose a conversation to reply."))
        elif note:
            self.editor.setPlaceholderText(self.tr("Write a private note. Only you will see it."))
        else:
            self.editor.setPlaceholderText(self.tr("Write a reply… Type / for canned replies."))
        self._update_recipient()

    def _update_recipient(self) -> None:
        if self.context is None:
            self.recipient.setText("")
        elif self.note_mode_on:
            self.recipient.setText(self.tr("Not sent to the customer"))
        else:
            text = self.tr("To %1 via %2").replace("%2", channel_name(self.context.channel))
            self.recipient.setText(text.replace("%1", self.context.contact_name or self.tr("the customer")))

    def _update_warning(self) -> None:
        unfilled = unfilled_variables(self.editor.toPlainText())
        if unfilled:
            names = ", ".join(f"{{{{{v}}}}}" for v in unfilled)
            self.warning.setText(
                self.tr("⚠ No value for %1: fill it in before sending.").replace("%1", names)
            )
        self.warning.setVisible(bool(unfilled))
