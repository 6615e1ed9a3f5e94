"""The open conversation's header and toolbar: resolve, reopen, pending, snooze, labels, mark unread."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QVBoxLayout, QWidget

from shopdesk.core import conversations, snooze_times, store
from shopdesk.core.db import read_session
from shopdesk.core.store import ConversationRow
from shopdesk.gui import time_text
from shopdesk.gui.widgets.channel_marks import channel_name
from shopdesk.gui.widgets.customer_parts import ElidedLabel
from shopdesk.gui.widgets.labels_dialog import LabelsDialog
from shopdesk.gui.widgets.snooze_dialog import SnoozeDialog


class ConversationActions(QWidget):
    """Acts on the shown conversation through core, off the GUI thread; ``status_message`` reports."""

    status_message = Signal(str)

    def __init__(self, ctx, bridge, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("ConversationActions")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._ctx, self._tasks = ctx, tasks
        self._row: ConversationRow | None = None
        self._build()
        bridge.conversation_changed.connect(self.on_conversation_changed)
        self.retranslate()
        self.show_conversation(None)

    def _build(self) -> None:
        self.title = ElidedLabel(objectName="ConversationTitle")
        self.subtitle = ElidedLabel(objectName="ConversationSubtitle")
        for label in (self.title, self.subtitle):
            label.setTextFormat(Qt.TextFormat.PlainText)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        self.resolve_button = self._button("ResolveButton", self._primary)
        self.reopen_button = self._button("ReopenButton", self.reopen)
        self.pending_button = self._button("PendingButton", self.mark_pending)
        self.snooze_button = self._button("SnoozeButton", None)
        self.snooze_menu = QMenu(self)
        self.snooze_menu.aboutToShow.connect(self._fill_snooze_menu)
        self.snooze_button.setMenu(self.snooze_menu)
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.labels_button = self._button("LabelsButton", self.edit_labels)
        self.more_button = self._button("MoreButton", None)
        self.more_menu = QMenu(self)
        self.unread_action = self.more_menu.addAction("", self.mark_unread)
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 12, 16, 12)
        layout.setSpacing(6)
        layout.addLayout(names, 1)
        for button in (
            self.more_button,
            self.labels_button,
            self.pending_button,
            self.snooze_button,
            self.reopen_button,
            self.resolve_button,
        ):
            layout.addWidget(button)

    def _button(self, name: str, slot) -> QToolButton:
        button = QToolButton(objectName=name)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.reopen_button.setText(self.tr("Reopen"))
        self.pending_button.setText(self.tr("Pending"))
        self.pending_button.setToolTip(self.tr("Waiting on the customer"))
        self.snooze_button.setText(self.tr("Snooze") + " ▾")
        self.snooze_button.setToolTip(self.tr("Hide it until a time you choose (S)"))
        self.labels_button.setText(self.tr("Labels"))
        self.more_button.setText("⋯")
        self.more_button.setToolTip(self.tr("More actions"))
        self.unread_action.setText(self.tr("Mark unread"))
        self._show_row()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- showing -------------------------------------------------------------------------------

    @property
    def conversation_id(self) -> int | None:
        return self._row.id if self._row else None

    def show_conversation(self, conversation_id: int | None) -> None:
        self._row = None
        if conversation_id is not None:
            with read_session(self._ctx.engine) as session:
                self._row = store.conversation_rows(session, ids=[conversation_id]).get(conversation_id)
        self._show_row()

    def on_conversation_changed(self, event) -> None:
        if self._row is not None and event.conversation_id == self._row.id:
            self.show_conversation(self._row.id)

    def _show_row(self) -> None:
        row = self._row
        for button in self._buttons():
            button.setVisible(row is not None)
        if row is None:
            self.title.set_full_text(self.tr("No conversation open"))
            self.subtitle.set_full_text("")
            return
        self.title.set_full_text(row.contact_name)
        parts = (channel_name(row.channel), row.subject, self._status(row))
        self.subtitle.set_full_text("  ·  ".join(p for p in parts if p))
        resolved = row.status == "resolved"
        self.resolve_button.setText(self.tr("Reopen") if resolved else self.tr("Resolve") + "  ✓")
        self.resolve_button.setToolTip("" if resolved else self.tr("Resolve (E)"))
        self.reopen_button.setVisible(row.status in ("pending", "snoozed"))
        self.pending_button.setVisible(row.status != "pending")
        self.snooze_button.setVisible(not resolved)

    def _status(self, row: ConversationRow) -> str:
        if row.status == "snoozed" and row.snoozed_until:
            return self.tr("Snoozed until %1").replace("%1", time_text.upcoming(row.snoozed_until))
        return {
            "open": self.tr("Open"),
            "pending": self.tr("Pending"),
            "resolved": self.tr("Resolved"),
        }.get(row.status, row.status)

    def _buttons(self) -> list[QToolButton]:
        return [
            self.resolve_button,
            self.reopen_button,
            self.pending_button,
            self.snooze_button,
            self.labels_button,
            self.more_button,
        ]

    # --- actions -------------------------------------------------------------------------------

    def _primary(self) -> None:
        if self._row is not None and self._row.status == "resolved":
            self.reopen()
        else:
            self.resolve()

    def resolve(self) -> None:
        self._set_status("resolved", self.tr("Resolved."))

    def reopen(self) -> None:
        self._set_status("open", self.tr("Reopened."))

    def mark_pending(self) -> None:
        self._set_status("pending", self.tr("Marked pending."))

    def _set_status(self, status: str, done: str) -> None:
        self._run(lambda e, p, cid: conversations.set_status(e, p, conversation_id=cid, status=status), done)

    def snooze_until(self, until: datetime) -> None:
        """Snooze until ``until`` (aware; the owner's local time when picked from the menu)."""
        done = self.tr("Snoozed until %1.").replace("%1", time_text.upcoming(until))
        self._run(lambda e, p, cid: conversations.snooze(e, p, conversation_id=cid, until=until), done)

    def mark_unread(self) -> None:
        done = self.tr("Marked unread.")
        self._run(lambda e, p, cid: conversations.mark_read(e, p, conversation_id=cid, read=False), done)

    def set_labels(self, names: list[str]) -> None:
        done = self.tr("Labels saved.")
        self._run(lambda e, p, cid: conversations.set_labels(e, p, conversation_id=cid, names=names), done)

    def _run(self, action, done: str) -> None:
        if self._row is None:
            return
        ctx, cid = self._ctx, self._row.id
        self._tasks.run_in_background(
            lambda: action(ctx.engine, ctx.publish, cid), lambda _result: self.status_message.emit(done)
        )

    # --- snooze menu and labels dialog ---------------------------------------------------------

    def show_snooze_menu(self) -> None:
        """The snooze presets under the Snooze button (the S shortcut)."""
        if self._row is not None and self.snooze_button.isVisible():
            self.snooze_button.showMenu()

    def snooze_presets(self, now: datetime | None = None) -> list[tuple[str, datetime]]:
        """Later today, tomorrow 09:00, next Monday 09:00 (left out on a Sunday: that is tomorrow)."""
        now = now or snooze_times.local_now()
        presets = [
            (self.tr("Later today"), snooze_times.later_today(now)),
            (self.tr("Tomorrow"), snooze_times.tomorrow_morning(now)),
            (self.tr("Next week"), snooze_times.next_week(now)),
        ]
        unique: list[tuple[str, datetime]] = []
        for name, when in presets:
            if all(when != chosen for _name, chosen in unique):
                unique.append((name, when))
        return unique

    def _fill_snooze_menu(self) -> None:
        self.snooze_menu.clear()
        for name, when in self.snooze_presets():
            text = f"{name}\t{time_text.upcoming(when)}"
            self.snooze_menu.addAction(text, lambda when=when: self.snooze_until(when))
        self.snooze_menu.addSeparator()
        self.snooze_menu.addAction(self.tr("Pick a date and time…"), self.snooze_custom)

    def snooze_custom(self) -> None:
        dialog = SnoozeDialog(snooze_times.tomorrow_morning(snooze_times.local_now()), self)
        if dialog.exec():
            self.snooze_until(dialog.chosen())

    def edit_labels(self) -> None:
        if self._row is None:
            return
        with read_session(self._ctx.engine) as session:
            known = [label.name for label in store.labels(session)]
        dialog = LabelsDialog(known, list(self._row.labels), self)
        if dialog.exec():
            self.set_labels(dialog.names())
