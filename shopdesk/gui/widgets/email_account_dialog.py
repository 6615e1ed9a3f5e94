"""Email accounts: the list, one account's form, "Test connection", save (password to the keyring), remove."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QPushButton

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
from shopdesk.gui import theme
from shopdesk.gui.widgets.account_dialog import AccountDialog
from shopdesk.gui.widgets.connection_report import ConnectionReport
from shopdesk.gui.widgets.email_account_form import EmailAccountForm
from shopdesk.gui.widgets.email_account_style import STYLE

log = logging.getLogger(__name__)


def restart_email_account(ctx, tasks, account_id: int) -> None:
    """Let the running email channel pick up an added, changed or removed account (in the background)."""
    reload = getattr(ctx.channels.get("email"), "reload", None)
    if reload is not None:
        tasks.run_in_background(lambda: reload(account_id))


class EmailAccountDialog(AccountDialog):
    """Adds, edits, tests and removes email accounts.

    ``account_saved(id)`` and ``account_removed(id)`` fire after the change is stored: connect them to
    ``restart_email_account`` so that receiving follows at once.
    """

    def __init__(self, ctx, bridge, tasks, parent=None) -> None:
        super().__init__(ctx, tasks, parent)
        self.setObjectName("emailAccountDialog")
        self.setStyleSheet(STYLE)
        self.resize(880, 700)
        self.confirm_remove = self._ask_remove  # tests replace these two
        self.confirm_password_file = self._ask_password_file
        self._last_problems: list[Problem] | None = None
        self._tested_account: EmailAccount | None = None
        self.form = EmailAccountForm(ctx, bridge, tasks)
        self.report = ConnectionReport(self)
        self.test_button = QPushButton(objectName="secondaryButton")
        self.test_result = QLabel(objectName="testResult", wordWrap=True)
        self.test_result.setMinimumWidth(480)  # sized for its real width, not a narrow guess
        self._lay_out([self.form], self.test_button, self.test_result)
        self.test_button.clicked.connect(self.test)
        self.form.changed.connect(self._clear_messages)
        self.retranslate()
        self.refresh(select=None)

    def retranslate(self) -> None:
        self._retranslate_frame()
        self.setWindowTitle(self.tr("Email accounts"))
        self.list_title.setText(self.tr("Mailboxes"))
        self.add_button.setText(self.tr("+ Add account"))
        self.remove_button.setText(self.tr("Remove account…"))
        self.test_button.setText(self.tr("Test connection"))
        self._show_title()
        if self._last_problems is not None:
            self._show_test(self._last_problems)

    # --- the list ------------------------------------------------------------------------------

    def _rows(self, session) -> list[tuple[int, str, str]]:
        return [(a.id, a.address, a.display_name or a.address) for a in list_accounts(session)]

    def _get(self, session, account_id: int) -> EmailAccount | None:
        return get_account(session, account_id)

    def _first_field(self):
        return self.form.address

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
        return None if self._show_errors(problems) else account

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
        if self._saved_without_keyring(exc, self.confirm_password_file):
            return
        log.warning("saving the email account failed: %r", exc)
        self.error.setText(self.tr("Not saved: %1").replace("%1", str(exc)))

    def remove(self) -> None:
        account_id = self.form.account_id
        if account_id is None or not self.confirm_remove(self.form.account().address):
            return
        engine = self.ctx.engine
        self._remove_in_background(lambda: remove_account(engine, account_id), account_id)

    def _ask_remove(self, address: str) -> bool:
        return self._ask(
            self.tr("Remove account"),
            self.tr("Remove the account %1?").replace("%1", address),
            self.tr(
                "Its conversations stay in your inbox. ShopDesk stops fetching its mail and forgets its "
                "password; nothing is deleted on the mail server."
            ),
        )

    def _ask_password_file(self) -> bool:
        return self._ask_secret_file(
            self.tr(
                "This computer has no password store (keyring), so ShopDesk cannot keep the password "
                "safely. Keep it in a file in the data folder that only your user can read?"
            )
        )
