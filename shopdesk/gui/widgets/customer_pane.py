"""The customer pane: who is writing, their addresses on every channel, past conversations, notes, merge."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import store, surveys
from shopdesk.core.contact_queries import ContactCard, contact_of_conversation, past_conversations
from shopdesk.core.contacts import update_contact
from shopdesk.core.db import read_session
from shopdesk.gui import time_text
from shopdesk.gui.widgets.channel_badge import ChannelBadge
from shopdesk.gui.widgets.customer_parts import STYLE, Avatar, ElidedLabel, PastConversationList
from shopdesk.gui.widgets.merge_contact_dialog import MergeContactDialog
from shopdesk.gui.widgets.rating_history import RatingHistory
from shopdesk.gui.widgets.visitor_section import VisitorSection

NOTES_DELAY_MS = 800
FIELDS = ("name", "email", "phone")


class CustomerPane(QScrollArea):
    """Shows the contact of the selected conversation; edits are saved in the background."""

    open_conversation = Signal(int)

    def __init__(self, ctx, bridge, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.bridge, self.tasks = ctx, bridge, tasks
        self.conversation_id: int | None = None
        self.card: ContactCard | None = None
        self.merge_dialog: MergeContactDialog | None = None
        self.setObjectName("customerPane")
        self.setStyleSheet(STYLE)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._reload_timer = QTimer(self, singleShot=True, interval=30)
        self._reload_timer.timeout.connect(self.reload)
        self._notes_timer = QTimer(self, singleShot=True, interval=NOTES_DELAY_MS)
        self._notes_timer.timeout.connect(self._save_notes)
        self._build()
        self.retranslate()
        bridge.contact_changed.connect(self.on_contact_changed)
        bridge.conversation_changed.connect(self.on_conversation_changed)
        bridge.message_ingested.connect(self.on_message_ingested)
        self.show_conversation(None)

    def _build(self) -> None:
        body = QWidget(objectName="customerBody")
        self.avatar = Avatar()
        self.title = ElidedLabel(objectName="customerName")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a web chat visitor types their own name
        self.subtitle = ElidedLabel(objectName="customerSubtitle")
        self.empty = QLabel(objectName="customerEmpty", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.edits = {name: QLineEdit(objectName="inlineEdit") for name in FIELDS}
        self.field_labels = {name: QLabel(objectName="fieldLabel") for name in FIELDS}
        self.save_error = QLabel(objectName="fieldError", wordWrap=True)
        self.save_error.hide()
        self.identities_box = QVBoxLayout()
        self.identities_box.setSpacing(6)
        self.past = PastConversationList()
        self.notes = QPlainTextEdit(objectName="customerNotes")
        self.notes.setFixedHeight(96)
        self.merge_button = QPushButton(objectName="mergeButton")
        self.visit = VisitorSection(self.ctx, self.bridge, self.tasks)
        self.ratings = RatingHistory()
        self.sections = {
            key: QLabel(objectName="sectionTitle")
            for key in ("details", "channels", "past", "ratings", "notes")
        }

        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        header.addLayout(names, 1)
        form = QFormLayout()
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(2)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for name in FIELDS:
            form.addRow(self.field_labels[name], self.edits[name])
            self.edits[name].editingFinished.connect(lambda n=name: self._save_field(n))

        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(header)
        for key, widget in (
            ("details", form),
            ("channels", self.identities_box),
            ("past", self.past),
            ("ratings", self.ratings),
            ("notes", self.notes),
        ):
            layout.addSpacing(8)
            layout.addWidget(self.sections[key])
            if isinstance(widget, QWidget):
                layout.addWidget(widget)
            else:
                layout.addLayout(widget)
            if key == "details":
                layout.addWidget(self.visit)
        layout.addWidget(self.save_error)
        layout.addSpacing(8)
        layout.addWidget(self.merge_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.addWidget(self.empty)
        outer.addWidget(self.content)
        outer.addStretch(1)
        self.setWidget(body)
        self.past.open_conversation.connect(self.open_conversation)
        self.notes.textChanged.connect(self._notes_edited)
        self.merge_button.clicked.connect(self.open_merge)

    def retranslate(self) -> None:
        self.sections["details"].setText(self.tr("DETAILS"))
        self.sections["channels"].setText(self.tr("CHANNELS"))
        self.sections["notes"].setText(self.tr("NOTES"))
        self.sections["ratings"].setText(self.tr("SATISFACTION"))
        self.field_labels["name"].setText(self.tr("Name"))
        self.field_labels["email"].setText(self.tr("Email"))
        self.field_labels["phone"].setText(self.tr("Phone"))
        self.edits["name"].setPlaceholderText(self.tr("Add a name"))
        self.edits["email"].setPlaceholderText(self.tr("Add an email address"))
        self.edits["phone"].setPlaceholderText(self.tr("Add a phone number"))
        self.notes.setPlaceholderText(self.tr("Notes about this customer (only you see them)"))
        self.merge_button.setText(self.tr("Merge with…"))
        self.merge_button.setToolTip(self.tr("This customer wrote from another address too? Merge the two."))
        self.empty.setText(self.tr("Select a conversation to see the customer."))
        self.past.retranslate()
        self._update_past_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- showing -----------------------------------------------------------------------------------

    @property
    def contact_id(self) -> int | None:
        return self.card.id if self.card else None

    def show_conversation(self, conversation_id: int | None) -> None:
        self._save_notes()
        self.conversation_id = conversation_id
        self.card = None
        self.visit.show_conversation(conversation_id)
        self.reload()

    def reload(self) -> None:
        """Read the contact again (after an edit, a merge, a new conversation)."""
        self._reload_timer.stop()
        card, identities, past, ratings = None, [], [], []
        if self.conversation_id is not None:
            with read_session(self.ctx.engine) as session:
                card = contact_of_conversation(session, conversation_id=self.conversation_id)
                if card is not None:
                    identities = store.contact_identities(session, contact_id=card.id)
                    past = past_conversations(session, contact_id=card.id)
                    ratings = surveys.ratings_of_contact(session, contact_id=card.id)
        switched = card is None or self.card is None or card.id != self.card.id
        self.card = card
        self.empty.setVisible(card is None)
        self.content.setVisible(card is not None)
        if card is None:
            return
        self.avatar.set_name(card.name or card.email or "?")
        self.title.set_full_text(card.name or card.email or self.tr("Unknown customer"))
        since = QLocale().toString(
            time_text.to_qdatetime(card.created_at).date(), QLocale.FormatType.ShortFormat
        )
        self.subtitle.set_full_text(self.tr("Customer since %1").replace("%1", since))
        for name in FIELDS:
            edit = self.edits[name]
            if switched or not (edit.hasFocus() and edit.isModified()):
                edit.setText(getattr(card, name) or "")
                edit.setModified(False)
        if switched or not (self.notes.hasFocus() or self._notes_timer.isActive()):
            self.notes.blockSignals(True)
            self.notes.setPlainText(card.notes)
            self.notes.blockSignals(False)
        self._show_identities(identities)
        self.past.set_conversations(past, current=self.conversation_id)
        self.ratings.set_ratings(ratings)
        self.sections["ratings"].setVisible(bool(ratings))
        self._update_past_title()

    def _show_identities(self, identities) -> None:
        while self.identities_box.count():
            item = self.identities_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for identity in identities:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(8)
            line.addWidget(ChannelBadge(identity.channel))
            shown = identity.address
            if identity.display and identity.display != identity.address:
                shown = f"{identity.display} · {identity.address}"
            address = ElidedLabel(shown, objectName="identityAddress")
            address.setTextFormat(Qt.TextFormat.PlainText)
            line.addWidget(address, 1)
            self.identities_box.addWidget(row)

    def _update_past_title(self) -> None:
        self.sections["past"].setText(self.tr("CONVERSATIONS (%1)").replace("%1", str(self.past.count())))

    # -- bridge handlers ---------------------------------------------------------------------------

    def on_contact_changed(self, event) -> None:
        if self.card is not None and event.contact_id == self.card.id:
            self._reload_timer.start()

    def on_conversation_changed(self, event) -> None:
        if event.conversation_id == self.conversation_id or event.conversation_id in self.past.ids():
            self._reload_timer.start()

    def on_message_ingested(self, event) -> None:
        if self.card is not None and event.contact_id == self.card.id and event.new_conversation:
            self._reload_timer.start()

    # -- editing -----------------------------------------------------------------------------------

    def _save_field(self, name: str) -> None:
        edit = self.edits[name]
        if self.card is None or not edit.isModified():
            return
        edit.setModified(False)
        value = edit.text().strip()
        if value == (getattr(self.card, name) or ""):
            return
        if name == "email" and value and "@" not in value:
            self._show_error(self.tr("“%1” is not an email address.").replace("%1", value))
            return
        self._update(**{name: value})

    def _notes_edited(self) -> None:
        if self.card is not None:
            self._notes_timer.start()

    def _save_notes(self) -> None:
        self._notes_timer.stop()
        if self.card is not None and self.notes.toPlainText().strip() != self.card.notes:
            self._update(notes=self.notes.toPlainText())

    def _update(self, **fields) -> None:
        contact_id = self.card.id
        self.save_error.hide()
        self.tasks.run_in_background(
            lambda: update_contact(self.ctx.engine, self.ctx.publish, contact_id=contact_id, **fields),
            on_error=lambda exc: self._show_error(self.tr("Not saved: %1").replace("%1", str(exc))),
        )

    def _show_error(self, text: str) -> None:
        self.save_error.setText(text)
        self.save_error.show()

    def open_merge(self) -> MergeContactDialog | None:
        """Pick another contact to merge into this one (non-blocking dialog)."""
        if self.card is None:
            return None
        self.merge_dialog = MergeContactDialog(
            self.ctx, self.bridge, self.tasks, self.card.id, self.title.full_text(), self
        )
        self.merge_dialog.merged.connect(lambda _other: self.reload())
        self.merge_dialog.open()
        return self.merge_dialog
