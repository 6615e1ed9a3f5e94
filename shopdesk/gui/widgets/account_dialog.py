"""What the email-account and Telegram-bot dialogs share: the list at the side, one account's page, the
footer with its messages, Save and Close, removing after a question, and a computer without a keyring."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core.db import read_session
from shopdesk.gui.widgets.account_list import AccountList
from shopdesk.secrets import SecretStoreUnavailable, use_owner_only_file

SECRETS_FILE = "passwords.json"  # in the data folder, only after the owner agreed (no keyring here)


class AccountDialog(QDialog):
    """The frame of an accounts dialog; a subclass gives the form, its check button and the store calls.

    ``account_saved(id)`` and ``account_removed(id)`` fire after the change is stored, so the running
    channel can follow at once.
    """

    account_saved = Signal(int)
    account_removed = Signal(int)

    def __init__(self, ctx, tasks, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.accounts = AccountList(objectName="accountList")
        self.list_title = QLabel(objectName="fieldLabel")
        self.add_button = QPushButton(objectName="secondaryButton")
        self.remove_button = QPushButton(objectName="dangerButton")
        self.title = QLabel(objectName="pageTitle")
        self.error = QLabel(objectName="errorLabel", wordWrap=True)
        self.notice = QLabel(objectName="notice", wordWrap=True)
        self.save_button = QPushButton(objectName="primaryButton")
        self.close_button = QPushButton(objectName="secondaryButton")
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        self._result_label: QLabel | None = None

    # --- for the subclass ----------------------------------------------------------------------

    def _rows(self, session) -> list[tuple[int, str, str]]:
        """The accounts as (id, label, tooltip)."""
        raise NotImplementedError

    def _get(self, session, account_id: int):
        raise NotImplementedError

    def _show(self, account) -> None:
        """Show ``account`` (None: a new one) in the form."""
        raise NotImplementedError

    def _first_field(self) -> QWidget:
        """Where typing starts for a new account."""
        raise NotImplementedError

    def _clear_messages(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def remove(self) -> None:
        raise NotImplementedError

    # --- building ------------------------------------------------------------------------------

    def _lay_out(self, page_widgets: list[QWidget], check: QPushButton, result: QLabel) -> None:
        """The list on the left; on the right the title, ``page_widgets``, the check and its result."""
        self._result_label = result
        result.setTextFormat(Qt.TextFormat.RichText)
        result.hide()
        left = QVBoxLayout()
        left.setContentsMargins(12, 14, 8, 12)
        left.addWidget(self.list_title)
        left.addWidget(self.accounts, 1)
        left.addWidget(self.add_button)
        left.addWidget(self.remove_button)
        side = QWidget(objectName="accountSide")
        side.setLayout(left)
        page = QWidget()
        right = QVBoxLayout(page)
        right.setContentsMargins(20, 16, 20, 8)
        right.addWidget(self.title)
        for widget in page_widgets:
            right.addWidget(widget)
        right.addSpacing(8)
        right.addWidget(check, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(result)
        right.addStretch(1)
        self.scroll.setWidget(page)
        footer = QHBoxLayout()
        footer.setContentsMargins(20, 4, 20, 14)
        messages = QVBoxLayout()
        messages.addWidget(self.error)
        messages.addWidget(self.notice)
        footer.addLayout(messages, 1)
        footer.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        footer.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.scroll, 1)
        column.addLayout(footer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addLayout(column, 1)
        self.accounts.currentItemChanged.connect(self._on_selected)
        self.add_button.clicked.connect(self.new_account)
        self.remove_button.clicked.connect(self.remove)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

    def _retranslate_frame(self) -> None:
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._retranslate_frame()

    # --- the list ------------------------------------------------------------------------------

    def refresh(self, select: int | None) -> None:
        """Reload the list and show ``select`` (or the first; a new account when there is none)."""
        with read_session(self.ctx.engine) as session:
            rows = self._rows(session)
        if not self.accounts.fill(rows, select):
            self.new_account()

    def account_ids(self) -> list[int]:
        return self.accounts.ids()

    def _on_selected(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        with read_session(self.ctx.engine) as session:
            account = self._get(session, self.accounts.id_of(item))
        self._show(account)

    def new_account(self) -> None:
        self.accounts.select_none()
        self._show(None)
        self._first_field().setFocus()

    # --- messages ------------------------------------------------------------------------------

    def _result(self, color: str, text: str) -> None:
        """One line under the check button, in ``color``; the text is never read as HTML."""
        self._result_label.setText(f"<span style='color:{color}'>{html.escape(text)}</span>")
        self._result_label.show()
        self.scroll.ensureWidgetVisible(self._result_label)

    def _show_errors(self, problems: list[tuple[QWidget, str]]) -> bool:
        """Mark the fields with a problem and say what is wrong; False when there was none."""
        self.form.mark_invalid({widget for widget, _ in problems})
        if not problems:
            self.error.clear()
            return False
        self.error.setText("\n".join(text for _, text in problems))
        problems[0][0].setFocus()
        return True

    # --- save and remove -----------------------------------------------------------------------

    def _saved_without_keyring(self, exc: BaseException, confirm: Callable[[], bool]) -> bool:
        """When saving failed for want of a keyring: offer the owner-only file and save again.

        True when ``exc`` was that (handled here); False for any other failure.
        """
        if not isinstance(exc, SecretStoreUnavailable):
            return False
        if confirm():
            use_owner_only_file(self.ctx.paths.root / SECRETS_FILE)
            self.save()
            return True
        self.error.setText(
            self.tr(
                "Not saved: this computer has no password store (keyring). Start your desktop's keyring "
                "(GNOME Keyring, KWallet) and save again."
            )
        )
        return True

    def _remove_in_background(self, remove: Callable[[], object], account_id: int) -> None:
        self.tasks.run_in_background(
            remove,
            lambda _: self._removed(account_id),
            lambda exc: self.error.setText(self.tr("Not removed: %1").replace("%1", str(exc))),
        )

    def _removed(self, account_id: int) -> None:
        self.refresh(select=None)
        self.notice.setText(self.tr("Removed. Its conversations stay in your inbox."))
        self.account_removed.emit(account_id)

    def _ask(self, title: str, text: str, details: str) -> bool:
        """A warning that asks before removing: True only when the owner chose Remove."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(details)
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is remove

    def _ask_secret_file(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("No password store"), text)
        return answer == QMessageBox.StandardButton.Yes
