"""Telegram bots: the list, one bot's form, "Check token" (getMe), save (token to the keyring), remove."""

from __future__ import annotations

import dataclasses
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

from shopdesk.channels.telegram.account import (
    OFFICIAL_API,
    BotIdentity,
    TelegramAccount,
    TokenProblem,
    add_account,
    check_token_blocking,
    clean_api_url,
    get_account,
    list_accounts,
    remove_account,
    token_of,
    update_account,
)
from shopdesk.core.db import read_session
from shopdesk.gui import theme
from shopdesk.gui.widgets.account_list import AccountList
from shopdesk.gui.widgets.email_account_dialog import PASSWORD_FILE
from shopdesk.gui.widgets.email_account_style import STYLE as EMAIL_STYLE
from shopdesk.gui.widgets.telegram_account_form import TelegramAccountForm
from shopdesk.secrets import SecretStoreUnavailable, use_owner_only_file

log = logging.getLogger(__name__)
STYLE = (
    EMAIL_STYLE.replace("#emailAccountDialog", "#telegramAccountDialog")
    + f"""
#telegramAccountDialog QPlainTextEdit {{
    border: 1px solid {theme.BORDER}; border-radius: 6px; padding: 2px 4px; background: {theme.SURFACE};
}}
#telegramAccountDialog QPlainTextEdit:focus {{ border-color: {theme.ACCENT}; }}
QToolButton#advancedToggle {{ border: none; font-weight: 600; color: {theme.TEXT}; padding: 2px 0; }}
QLabel#botIdentity {{ color: {theme.MUTED}; }}
"""
)


def running_telegram(ctx):
    """The built TelegramChannel behind the registry's LazyChannel, or None while there is none."""
    channel = ctx.channels.get("telegram")
    inner = getattr(channel, "inner", channel)  # a LazyChannel, or a TelegramChannel registered directly
    return inner if inner is not None and ctx.loop.running else None


def restart_telegram_account(ctx, tasks, account_id: int) -> None:
    """Let the running Telegram channel pick up an added, changed or removed bot (on the app's loop)."""
    reload = getattr(running_telegram(ctx), "reload", None)
    if reload is not None:
        tasks.run_coro(
            reload(account_id),
            on_error=lambda exc: log.warning("restarting Telegram bot %s failed: %r", account_id, exc),
        )


class TelegramAccountDialog(QDialog):
    """Adds, edits, checks and removes the shop's Telegram bots.

    ``account_saved(id)`` and ``account_removed(id)`` fire after the change is stored: connect them to
    ``restart_telegram_account`` so that the bot's receiving follows at once.
    """

    account_saved = Signal(int)
    account_removed = Signal(int)

    def __init__(self, ctx, tasks, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.setObjectName("telegramAccountDialog")
        self.setStyleSheet(STYLE)
        self.resize(860, 720)
        self.confirm_remove = self._ask_remove  # tests replace these two
        self.confirm_token_file = self._ask_token_file
        self._checked: tuple[str, str, BotIdentity] | None = None  # token, api_url, what getMe said
        self._last_check: tuple[str, object] | None = None  # ("ok", identity) | ("problem", text)
        self._build()
        self.retranslate()
        self.refresh(select=None)

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.accounts = AccountList(objectName="accountList")
        self.add_button = QPushButton(objectName="secondaryButton")
        self.remove_button = QPushButton(objectName="dangerButton")
        self.title = QLabel(objectName="pageTitle")
        self.identity = QLabel(objectName="botIdentity", openExternalLinks=True)
        self.identity.setTextFormat(Qt.TextFormat.RichText)
        self.form = TelegramAccountForm()
        self.check_button = QPushButton(objectName="secondaryButton")
        self.check_result = QLabel(objectName="testResult", wordWrap=True)
        self.check_result.setTextFormat(Qt.TextFormat.RichText)
        self.check_result.setMinimumWidth(420)
        self.check_result.hide()
        self.error = QLabel(objectName="errorLabel", wordWrap=True)
        self.notice = QLabel(objectName="notice", wordWrap=True)
        self.save_button = QPushButton(objectName="primaryButton")
        self.close_button = QPushButton(objectName="secondaryButton")
        self.list_title = QLabel(objectName="fieldLabel")
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
        right.addWidget(self.identity)
        right.addWidget(self.form)
        right.addSpacing(8)
        right.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.check_result)
        right.addStretch(1)
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
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
        self.check_button.clicked.connect(self.check)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.form.changed.connect(self._clear_messages)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Telegram bots"))
        self.list_title.setText(self.tr("Bots"))
        self.add_button.setText(self.tr("+ Add bot"))
        self.remove_button.setText(self.tr("Remove bot…"))
        self.check_button.setText(self.tr("Check token"))
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Close"))
        self._show_title()
        if self._last_check is not None:
            self._show_check(*self._last_check)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the list ------------------------------------------------------------------------------

    def refresh(self, select: int | None) -> None:
        """Reload the list of bots and show ``select`` (or the first; a new one when there is none)."""
        with read_session(self.ctx.engine) as session:
            accounts = list_accounts(session)
        rows = [(account.id, account.handle, account.name or account.handle) for account in accounts]
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
        self.form.token.setFocus()

    def _show(self, account: TelegramAccount | None) -> None:
        self.form.load(account)
        self.remove_button.setEnabled(account is not None)
        self._checked = None
        self._show_title()
        self._clear_messages()
        self.notice.clear()

    def _show_title(self) -> None:
        account = self.form.account()
        if account.id is None:
            self.title.setText(self.tr("New Telegram bot"))
            self.identity.hide()
            return
        self.title.setText(self.tr("Edit %1").replace("%1", account.handle))
        self.identity.setText(self._identity_html(account.name, account.username))
        self.identity.show()

    def _identity_html(self, name: str, username: str) -> str:
        link = f"https://t.me/{username}"
        text = self.tr("%1 · customers find it at %2")
        where = f"<a href='{html.escape(link)}'>t.me/{html.escape(username)}</a>"
        return text.replace("%1", html.escape(name or "@" + username)).replace("%2", where)

    # --- checking ------------------------------------------------------------------------------

    def _valid(self) -> TelegramAccount | None:
        problems = self.form.problems()
        self.form.mark_invalid({widget for widget, _ in problems})
        if problems:
            self.error.setText("\n".join(text for _, text in problems))
            problems[0][0].setFocus()
            return None
        self.error.clear()
        account = self.form.account()
        return dataclasses.replace(account, api_url=clean_api_url(account.api_url))

    def _clear_messages(self) -> None:
        """The settings changed: earlier errors and check results no longer apply."""
        self.error.clear()
        self.form.mark_invalid(set())
        if self.check_button.isEnabled():
            self.check_result.hide()
            self._last_check = None

    def check(self) -> None:
        """Ask getMe in the background who the token belongs to (the saved token when none is pasted)."""
        account = self._valid()
        if account is None:
            return
        token, api_url = self.form.entered_token(), account.api_url

        def work() -> tuple[str, BotIdentity] | None:
            secret = token if token is not None else token_of(account.id)
            return (secret, check_token_blocking(secret, api_url)) if secret else None

        self.check_button.setEnabled(False)
        self._last_check = None
        self._result(theme.MUTED, self.tr("Asking Telegram about this token…"))
        self.tasks.run_in_background(
            work,
            lambda found: self._checked_token(found, api_url),
            lambda exc: self._check_failed(exc, api_url),
        )

    def _checked_token(self, found: tuple[str, BotIdentity] | None, api_url: str) -> None:
        self.check_button.setEnabled(True)
        if found is None:
            self._show_check("problem", self.tr("No token is saved for this bot; paste it above."))
            return
        token, identity = found
        self._checked = (token, api_url, identity)
        self._show_check("ok", identity)

    def _check_failed(self, exc: BaseException, api_url: str) -> None:
        self.check_button.setEnabled(True)
        self._show_check("problem", self.describe(exc, api_url))

    def _show_check(self, kind: str, value) -> None:
        self._last_check = (kind, value)
        if kind == "problem":
            self._result(theme.DANGER, "✗ " + value)
            return
        text = self.tr("✓ The token works: this is %1 (@%2).")
        self._result(theme.SUCCESS, text.replace("%1", value.name).replace("%2", value.username))

    def _result(self, color: str, text: str) -> None:
        self.check_result.setText(f"<span style='color:{color}'>{html.escape(text)}</span>")
        self.check_result.show()
        self.scroll.ensureWidgetVisible(self.check_result)

    def describe(self, exc: BaseException, api_url: str) -> str:
        """What failed, in the owner's words and language; never the token itself."""
        if isinstance(exc, SecretStoreUnavailable):
            return self.tr(
                "This computer has no password store (keyring), so the saved token cannot be read."
            )
        if not isinstance(exc, TokenProblem):
            return self.tr("The check could not run (%1).").replace("%1", type(exc).__name__)
        from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut

        server = (api_url or OFFICIAL_API).rstrip("/")
        cause = exc.__cause__
        if isinstance(cause, InvalidToken):
            return self.tr(
                "Telegram did not accept this token. It may be mistyped or revoked: copy it again from "
                "@BotFather (/mybots → your bot → API Token)."
            )
        if isinstance(cause, TimedOut):
            return self.tr("%1 did not answer in time. Check the connection and try again.").replace(
                "%1", server
            )
        if isinstance(cause, NetworkError) and not api_url:
            return self.tr("Telegram cannot be reached: check that this computer is online, then try again.")
        if isinstance(cause, NetworkError):
            text = self.tr(
                "The Bot API server %1 is not answering: check its address under Advanced and that the "
                "server is running (leave the address empty to use Telegram's own)."
            )
            return text.replace("%1", server)
        if isinstance(cause, TelegramError):
            return self.tr("Telegram refused the check: %1").replace("%1", _cause_words(cause))
        return str(exc)  # the core's own words (a malformed token or address): never contain a token

    # --- save and remove -----------------------------------------------------------------------

    def save(self) -> None:
        account = self._valid()
        if account is None:
            return
        token, engine, checked = self.form.entered_token(), self.ctx.engine, self._checked

        def work() -> int:
            stored = account
            if token is not None:
                known = checked[2] if checked and checked[:2] == (token, account.api_url) else None
                identity = known or check_token_blocking(token, account.api_url)
                stored = dataclasses.replace(
                    account, bot_id=identity.bot_id, name=identity.name, username=identity.username
                )
            if stored.id is None:
                return add_account(engine, stored, token)
            update_account(engine, stored, token)
            return stored.id

        self.save_button.setEnabled(False)
        self.tasks.run_in_background(work, self._saved, lambda exc: self._save_failed(exc, account.api_url))

    def _saved(self, account_id: int) -> None:
        self.save_button.setEnabled(True)
        self.refresh(select=account_id)
        text = self.tr("Saved. ShopDesk now reads and answers the messages of %1.")
        self.notice.setText(text.replace("%1", self.form.account().handle))
        self.account_saved.emit(account_id)

    def _save_failed(self, exc: BaseException, api_url: str) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, SecretStoreUnavailable):
            if self.confirm_token_file():
                use_owner_only_file(self.ctx.paths.root / PASSWORD_FILE)
                self.save()
                return
            self.error.setText(self._no_keyring_text())
            return
        if isinstance(exc, TokenProblem):
            self.error.setText(self.tr("Not saved: %1").replace("%1", self.describe(exc, api_url)))
            return
        log.warning("saving the Telegram bot failed: %r", exc)
        self.error.setText(self.tr("Not saved: %1").replace("%1", str(exc)))

    def _no_keyring_text(self) -> str:
        return self.tr(
            "Not saved: this computer has no password store (keyring). Start your desktop's keyring "
            "(GNOME Keyring, KWallet) and save again."
        )

    def remove(self) -> None:
        account = self.form.account()
        if account.id is None or not self.confirm_remove(account.handle):
            return
        engine, account_id = self.ctx.engine, account.id
        self.tasks.run_in_background(
            lambda: remove_account(engine, account_id),
            lambda _: self._removed(account_id),
            lambda exc: self.error.setText(self.tr("Not removed: %1").replace("%1", str(exc))),
        )

    def _removed(self, account_id: int) -> None:
        self.refresh(select=None)
        self.notice.setText(self.tr("Removed. Its conversations stay in your inbox."))
        self.account_removed.emit(account_id)

    def _ask_remove(self, handle: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Remove bot"))
        box.setText(self.tr("Remove the bot %1?").replace("%1", handle))
        box.setInformativeText(
            self.tr(
                "Its conversations stay in your inbox. ShopDesk stops reading its messages and forgets its "
                "token; the bot itself stays in Telegram (delete it in @BotFather if you want)."
            )
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is remove

    def _ask_token_file(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("No password store"),
            self.tr(
                "This computer has no password store (keyring), so ShopDesk cannot keep the bot token "
                "safely. Keep it in a file in the data folder that only your user can read?"
            ),
        )
        return answer == QMessageBox.StandardButton.Yes


def _cause_words(cause: BaseException) -> str:
    """The Bot API's own description, with any bot URL's token hidden."""
    from shopdesk.channels.telegram.bot import redact

    return redact(str(cause))
