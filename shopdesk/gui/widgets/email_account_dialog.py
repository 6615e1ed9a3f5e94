"""Email accounts: the list, one account's form, "Test connection", save (password to the keyring), remove."""

from __future__ import annotations

import html
import logging

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

from shopdesk.channels.email.account import (
    EmailAccount,
    Problem,
    add_account,
    get_account,
    list_accounts,
    password_of,
    remove_account,
    test_connection,
    update_account,
)
from shopdesk.core.db import read_session
from shopdesk.gui import theme
from shopdesk.gui.widgets.account_list import AccountList
from shopdesk.gui.widgets.connection_report import ConnectionReport
from shopdesk.gui.widgets.email_account_form import EmailAccountForm
from shopdesk.gui.widgets.email_account_style import STYLE
from shopdesk.secrets import SecretStoreUnavailable, use_owner_only_file

log = logging.getLogger(__name__)
PASSWORD_FILE = "passwords.json"  # in the data folder, only after the owner agreed (no keyring here)


def restart_email_account(ctx, tasks, account_id: int) -> None:
    """Let the running email channel pick up an added, changed or removed account (in the background)."""
    reload = getattr(ctx.channels.get("email"), "reload", None)
    if reload is not None:
        tasks.run_in_background(lambda: reload(account_id))


class EmailAccountDialog(QDialog):
    """Adds, edits, tests and removes email accounts.

    ``account_saved(id)`` and ``account_removed(id)`` fire after the change is stored: connect them to
    ``restart_email_account`` so that receiving follows at once.
    """

    account_saved = Signal(int)
    account_removed = Signal(int)

    def __init__(self, ctx, bridge, tasks, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.setObjectName("emailAccountDialog")
        self.setStyleSheet(STYLE)
        self.resize(880, 700)
        self.confirm_remove = self._ask_remove  # tests replace these two
        self.confirm_password_file = self._ask_password_file
        self._last_problems: list[Problem] | None = None
        self._tested_account: EmailAccount | None = None
        self._build(ctx, bridge, tasks)
        self.retranslate()
        self.refresh(select=None)

    # --- building ------------------------------------------------------------------------------

    def _build(self, ctx, bridge, tasks) -> None:
        self.accounts = AccountList(objectName="accountList")
        self.add_button = QPushButton(objectName="secondaryButton")
        self.remove_button = QPushButton(objectName="dangerButton")
        self.title = QLabel(objectName="pageTitle")
        self.form = EmailAccountForm(ctx, bridge, tasks)
        self.report = ConnectionReport(self)
        self.test_button = QPushButton(objectName="secondaryButton")
        self.test_result = QLabel(objectName="testResult", wordWrap=True)
        self.test_result.setTextFormat(Qt.TextFormat.RichText)
        self.test_result.setMinimumWidth(480)  # sized for its real width, not a narrow guess
        self.test_result.hide()
        self.error = QLabel(objectName="errorLabel", wordWrap=True)
        self.notice = QLabel(objectName="notice", wordWrap=True)
        self.save_button = QPushButton(objectName="primaryButton")
        self.close_button = QPushButton(objectName="secondaryButton")
        left = QVBoxLayout()
        left.setContentsMargins(12, 14, 8, 12)
        self.list_title = QLabel(objectName="fieldLabel")
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
        right.addWidget(self.form)
        right.addSpacing(8)
        right.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.test_result)
        right.addStretch(1)
        self.scroll = scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
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
        column.addWidget(scroll, 1)
        column.addLayout(footer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addLayout(column, 1)
        self.accounts.currentItemChanged.connect(self._on_selected)
        self.add_button.clicked.connect(self.new_account)
        self.remove_button.clicked.connect(self.remove)
        self.test_button.clicked.connect(self.test)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.form.changed.connect(self._clear_messages)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Email accounts"))
        self.list_title.setText(self.tr("Mailboxes"))
        self.add_button.setText(self.tr("+ Add account"))
        self.remove_button.setText(self.tr("Remove account…"))
        self.test_button.setText(self.tr("Test connection"))
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Close"))
        self._show_title()
        if self._last_problems is not None:
            self._show_test(self._last_problems)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the list ------------------------------------------------------------------------------

    def refresh(self, select: int | None) -> None:
        """Reload the list of accounts and show ``select`` (or the first; a new one when there is none)."""
        with read_session(self.ctx.engine) as session:
            accounts = list_accounts(session)
        rows = [(a.id, a.address, a.display_name or a.address) for a in accounts]
        if not self.accounts.fill(rows, select):
            self.new_account()

    def account_ids(self) -> list[int]:
        return self.accounts.ids()

    def _on_selected(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        with read_session(self.ctx.engine) as session:
            account = get_account(session, self.accounts.id_of(item))
        self._show(account)

    def new_account(self) -> None:
        self.accounts.select_none()
        self._show(None)
        self.form.address.setFocus()

    def _show(self, account: EmailAccount | None) -> None:
        self.form.load(account)
        self.remove_button.setEnabled(account is not None)
        self._show_title()
        self._clear_messages()
        self.notice.clear()

    def _show_title(self) -> None:
        if self.form.account_id is None:
            self.title.setText(self.tr("New email account"))
        else:
            self.title.setText(self.tr("Edit %1").replace("%1", self.form.account().address))

    # --- checking ------------------------------------------------------------------------------

    def _valid(self) -> EmailAccount | None:
        problems = self.form.problems()
        account = self.form.account()
        ids = self.account_ids()
        taken = {self.accounts.item(row).text().lower(): ids[row] for row in range(len(ids))}
        if taken.get(account.address.lower(), account.id) != account.id:
            text = self.tr("%1 is already set up.").replace("%1", account.address)
            problems.append((self.form.address, text))
        self.form.mark_invalid({widget for widget, _ in problems})
        if problems:
            self.error.setText("\n".join(text for _, text in problems))
            problems[0][0].setFocus()
            return None
        self.error.clear()
        return account

    def _clear_messages(self) -> None:
        """The settings changed: earlier errors and test results no longer apply."""
        self.error.clear()
        self.form.mark_invalid(set())
        if self.test_button.isEnabled():
            self.test_result.hide()
            self._last_problems = None

    # --- test connection -----------------------------------------------------------------------

    def test(self) -> None:
        """Try the servers in the background and say what failed, step by step."""
        account = self._valid()
        if account is None:
            return
        password = self.form.entered_password()

        def work() -> list[Problem] | None:
            secret = password if password is not None else password_of(account.id)
            return test_connection(account, secret) if secret else None

        self.test_button.setEnabled(False)
        self._last_problems = None
        self._result(theme.MUTED, self.tr("Testing the servers… (this can take a few seconds)"))
        self._tested_account = account
        self.tasks.run_in_background(work, self._tested, self._test_failed)

    def _tested(self, problems: list[Problem] | None) -> None:
        self.test_button.setEnabled(True)
        if problems is None:
            self._result(theme.DANGER, self.tr("No password is saved for this account; type it above."))
            return
        self._last_problems = problems
        self._show_test(problems)

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self._result(theme.DANGER, self.tr("The test could not run: %1").replace("%1", str(exc)))

    def _show_test(self, problems: list[Problem]) -> None:
        account = self._tested_account
        if problems:
            self.test_result.setText(self.report.html(problems, account, self.form.preset()))
            self.test_result.show()
            self.scroll.ensureWidgetVisible(self.test_result)
            return
        text = self.tr("✓ Everything works: ShopDesk can receive (IMAP) and send (SMTP) mail for %1.")
        self._result(theme.SUCCESS, text.replace("%1", account.address))

    def _result(self, color: str, text: str) -> None:
        self.test_result.setText(f"<span style='color:{color}'>{html.escape(text)}</span>")
        self.test_result.show()
        self.scroll.ensureWidgetVisible(self.test_result)

    # --- save and remove -----------------------------------------------------------------------

    def save(self) -> None:
        account = self._valid()
        if account is None:
            return
        password, engine = self.form.entered_password(), self.ctx.engine

        def work() -> int:
            if account.id is None:
                return add_account(engine, account, password)
            update_account(engine, account, password)
            return account.id

        self.save_button.setEnabled(False)
        new = account.id is None
        self.tasks.run_in_background(work, lambda aid: self._saved(aid, account, new), self._save_failed)

    def _saved(self, account_id: int, account: EmailAccount, new: bool) -> None:
        self.save_button.setEnabled(True)
        self.refresh(select=account_id)
        if new:
            since = self.form.since.currentText()
            text = self.tr("Saved. ShopDesk is fetching mail %1; the status bar shows how far it got.")
            self.notice.setText(text.replace("%1", since))
        else:
            self.notice.setText(self.tr("Saved."))
        self.account_saved.emit(account_id)

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, SecretStoreUnavailable):
            if self.confirm_password_file():
                use_owner_only_file(self.ctx.paths.root / PASSWORD_FILE)
                self.save()
                return
            self.error.setText(
                self.tr(
                    "Not saved: this computer has no password store (keyring). Start your desktop's "
                    "keyring (GNOME Keyring, KWallet) and save again."
                )
            )
            return
        log.warning("saving the email account failed: %r", exc)
        self.error.setText(self.tr("Not saved: %1").replace("%1", str(exc)))

    def remove(self) -> None:
        account_id = self.form.account_id
        if account_id is None or not self.confirm_remove(self.form.account().address):
            return
        engine = self.ctx.engine
        self.tasks.run_in_background(
            lambda: remove_account(engine, account_id),
            lambda _: self._removed(account_id),
            lambda exc: self.error.setText(self.tr("Not removed: %1").replace("%1", str(exc))),
        )

    def _removed(self, account_id: int) -> None:
        self.refresh(select=None)
        self.notice.setText(self.tr("Removed. Its conversations stay in your inbox."))
        self.account_removed.emit(account_id)

    def _ask_remove(self, address: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Remove account"))
        box.setText(self.tr("Remove the account %1?").replace("%1", address))
        box.setInformativeText(
            self.tr(
                "Its conversations stay in your inbox. ShopDesk stops fetching its mail and forgets its "
                "password; nothing is deleted on the mail server."
            )
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is remove

    def _ask_password_file(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("No password store"),
            self.tr(
                "This computer has no password store (keyring), so ShopDesk cannot keep the password "
                "safely. Keep it in a file in the data folder that only your user can read?"
            ),
        )
        return answer == QMessageBox.StandardButton.Yes
