"""Merge another contact into this one: search by name, email or phone, confirm; the conversations follow."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core.contact_queries import ContactMatch, search_contacts
from shopdesk.core.contacts import merge_contacts
from shopdesk.core.db import read_session
from shopdesk.gui import theme

STYLE = f"""
QDialog {{ background: {theme.SURFACE}; }}
QLabel#mergeTitle {{ font-size: 15px; font-weight: 600; color: {theme.TEXT}; }}
QLabel#mergeHelp {{ color: {theme.MUTED}; }}
QLineEdit {{ border: 1px solid {theme.BORDER}; border-radius: 8px; padding: 6px 10px; }}
QLineEdit:focus {{ border-color: {theme.ACCENT}; }}
QListWidget {{ border: 1px solid {theme.BORDER}; border-radius: 8px; outline: 0; }}
QListWidget::item {{ padding: 6px 8px; border-bottom: 1px solid #f3f4f6; color: {theme.TEXT}; }}
QListWidget::item:selected {{ background: #eff6ff; color: {theme.TEXT}; }}
QLabel#mergeSummary {{
    background: #fff7ed; border: 1px solid #fed7aa; border-radius: 8px; padding: 8px; color: #9a3412;
}}
QLabel#mergeError {{ color: {theme.DANGER}; }}
QPushButton {{
    border: 1px solid {theme.BORDER}; border-radius: 6px; padding: 5px 14px; background: {theme.SURFACE};
    color: {theme.TEXT};
}}
QPushButton:hover {{ background: {theme.PANE}; }}
QPushButton#mergeConfirm {{
    background: {theme.DANGER}; border-color: {theme.DANGER}; color: white; font-weight: 600;
}}
QPushButton#mergeConfirm:hover {{ background: #b91c1c; }}
QPushButton#mergeConfirm:disabled {{ background: #fca5a5; border-color: #fca5a5; }}
"""


class MergeContactDialog(QDialog):
    """The contact shown in the pane is kept; the one picked here is merged into it and removed."""

    merged = Signal(int)  # the id of the contact that was merged away

    def __init__(
        self, ctx, bridge, tasks, keep_id: int, keep_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.bridge, self.tasks = ctx, bridge, tasks
        self.keep_id, self.keep_name = keep_id, keep_name
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(440)
        self.title = QLabel(objectName="mergeTitle", wordWrap=True)
        self.help = QLabel(objectName="mergeHelp", wordWrap=True)
        self.search = QLineEdit()
        self.results = QListWidget()
        self.results.setMinimumHeight(180)
        self.summary = QLabel(objectName="mergeSummary", wordWrap=True)
        self.summary.hide()
        self.error = QLabel(objectName="mergeError", wordWrap=True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeConfirm")
        self.merge_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        for widget in (
            self.title,
            self.help,
            self.search,
            self.results,
            self.summary,
            self.error,
            self.buttons,
        ):
            layout.addWidget(widget)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.results.currentItemChanged.connect(lambda *_: self._update_summary())
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Merge contacts"))
        self.title.setText(self.tr("Merge another contact into %1").replace("%1", self.keep_name))
        self.help.setText(
            self.tr(
                "Their addresses and conversations move to %1, and the other contact is removed."
            ).replace("%1", self.keep_name)
        )
        self.search.setPlaceholderText(self.tr("Search by name, email or phone"))
        self.merge_button.setText(self.tr("Merge"))
        self._update_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Run the search (small FTS read) and list the matches, this contact left out."""
        with read_session(self.ctx.engine) as session:
            matches = search_contacts(session, query=self.search.text(), exclude_id=self.keep_id)
        self.results.clear()
        for match in matches:
            item = QListWidgetItem(self._describe(match))
            item.setData(Qt.ItemDataRole.UserRole, match)
            self.results.addItem(item)
        self._update_summary()

    def select_contact(self, contact_id: int) -> bool:
        for row in range(self.results.count()):
            if self.results.item(row).data(Qt.ItemDataRole.UserRole).id == contact_id:
                self.results.setCurrentRow(row)
                return True
        return False

    def selected(self) -> ContactMatch | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def merge(self) -> None:
        other = self.selected()
        if other is None:
            return
        self.merge_button.setEnabled(False)
        self.tasks.run_in_background(
            lambda: merge_contacts(
                self.ctx.engine, self.ctx.publish, keep_id=self.keep_id, other_id=other.id
            ),
            on_done=lambda _: self._done(other.id),
            on_error=self._failed,
        )

    def _done(self, other_id: int) -> None:
        self.merged.emit(other_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(self.tr("The contacts were not merged: %1").replace("%1", str(exc)))
        self.error.show()
        self.merge_button.setEnabled(True)

    def _describe(self, match: ContactMatch) -> str:
        details = " · ".join(v for v in (match.email, match.phone) if v)
        count = self.tr("Conversations: %1").replace("%1", str(match.conversations))
        return "\n".join((match.name or match.email or "?", " · ".join(v for v in (details, count) if v)))

    def _update_summary(self) -> None:
        other = self.selected()
        self.merge_button.setEnabled(other is not None)
        self.summary.setVisible(other is not None)
        if other is None:
            return
        text = self.tr(
            "%1 will be merged into %2, with all their conversations and addresses. This cannot be undone."
        )
        self.summary.setText(
            text.replace("%1", other.name or other.email or "?").replace("%2", self.keep_name)
        )
