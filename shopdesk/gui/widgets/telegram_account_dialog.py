"""Telegram bots: the list, one bot's form, "Check token" (getMe), save (token to the keyring), remove."""

from __future__ import annotations

import dataclasses
import html
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

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
from shopdesk.gui import theme
from shopdesk.gui.widgets.account_dialog import AccountDialog
from shopdesk.gui.widgets.email_account_style import STYLE as EMAIL_STYLE
from shopdesk.gui.widgets.telegram_account_form import TelegramAccountForm
from shopdesk.secrets import SecretStoreUnavailable

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


class TelegramAccountDialog(AccountDialog):
    """Adds, edits, checks and removes the shop's Telegram bots.

    ``account_saved(id)`` and ``account_removed(id)`` fire after the change is stored: connect them to
    ``restart_telegram_account`` so that the bot's receiving follows at once.
    """

    def __init__(self, ctx, tasks, parent=None) -> None:
        super().__init__(ctx, tasks, parent)
        self.setObjectName("telegramAccountDialog")
        self.setStyleSheet(STYLE)
        self.resize(860, 720)
        self.confirm_remove = self._ask_remove  # tests replace these two
        self.confirm_token_file = self._ask_token_file
        self._checked: tuple[str, str, BotIdentity] | None = None  # token, api_url, what getMe said
        self._last_check: tuple[str, object] | None = None  # ("ok", identity) | ("problem", text)
        self.identity = QLabel(objectName="botIdentity", openExternalLinks=True)
        self.identity.setTextFormat(Qt.TextFormat.RichText)
        self.form = TelegramAccountForm()
        self.check_button = QPushButton(objectName="secondaryButton")
        self.check_result = QLabel(objectName="testResult", wordWrap=True)
        self.check_result.setMinimumWidth(420)
        self._lay_out([self.identity, self.form], self.check_button, self.check_result)
        self.check_button.clicked.connect(self.check)
        self.form.changed.connect(self._clear_messages)
        self.retranslate()
        self.refresh(select=None)

    def retranslate(self) -> None:
        self._retranslate_frame()
        self.setWindowTitle(self.tr("Telegram bots"))
        self.list_title.setText(self.tr("Bots"))
        self.add_button.setText(self.tr("+ Add bot"))
        self.remove_button.setText(self.tr("Remove bot…"))
        self.check_button.setText(self.tr("Check token"))
        self._show_title()
        if self._last_check is not None:
            self._show_check(*self._last_check)

    # --- the list ------------------------------------------------------------------------------

    def _rows(self, session) -> list[tuple[int, str, str]]:
        return [(a.id, a.handle, a.name or a.handle) for a in list_accounts(session)]

    def _get(self, session, account_id: int) -> TelegramAccount | None:
        return get_account(session, account_id)

    def _first_field(self):
        return self.form.token

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
        if self._show_errors(self.form.problems()):
            return None
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
        if self._saved_without_keyring(exc, self.confirm_token_file):
            return
        if isinstance(exc, TokenProblem):
            self.error.setText(self.tr("Not saved: %1").replace("%1", self.describe(exc, api_url)))
            return
        log.warning("saving the Telegram bot failed: %r", exc)
        self.error.setText(self.tr("Not saved: %1").replace("%1", str(exc)))

    def remove(self) -> None:
        account = self.form.account()
        if account.id is None or not self.confirm_remove(account.handle):
            return
        engine, account_id = self.ctx.engine, account.id
        self._remove_in_background(lambda: remove_account(engine, account_id), account_id)

    def _ask_remove(self, handle: str) -> bool:
        return self._ask(
            self.tr("Remove bot"),
            self.tr("Remove the bot %1?").replace("%1", handle),
            self.tr(
                "Its conversations stay in your inbox. ShopDesk stops reading its messages and forgets its "
                "token; the bot itself stays in Telegram (delete it in @BotFather if you want)."
            ),
        )

    def _ask_token_file(self) -> bool:
        return self._ask_secret_file(
            self.tr(
                "This computer has no password store (keyring), so ShopDesk cannot keep the bot token "
                "safely. Keep it in a file in the data folder that only your user can read?"
            )
        )


def _cause_words(cause: BaseException) -> str:
    """The Bot API's own description, with any bot URL's token hidden."""
    from shopdesk.channels.telegram.bot import redact

    return redact(str(cause))
