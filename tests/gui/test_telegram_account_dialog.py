"""The Telegram bots dialog against the fake Bot API: check, save to the keyring, remove, restart, banner."""

from __future__ import annotations

import logging
from datetime import timedelta

import keyring
import pytest
from keyring.backends import null
from PySide6.QtCore import Qt

from shopdesk import APP_ID
from shopdesk.channels.setup import LazyChannel
from shopdesk.channels.telegram.account import (
    TelegramAccount,
    TokenProblem,
    add_account,
    get_account,
    list_accounts,
)
from shopdesk.channels.telegram.channel import TelegramChannel
from shopdesk.channels.telegram.updates import OFFSET
from shopdesk.core.db import read_session, write_session
from shopdesk.core.ingest import CursorUpdate, ingest, set_cursor
from shopdesk.core.models import Conversation, utcnow
from shopdesk.gui.bridge import Tasks
from shopdesk.gui.widgets.telegram_account_dialog import TelegramAccountDialog, restart_telegram_account
from shopdesk.gui.widgets.telegram_away_banner import TelegramAwayBanner
from tests.helpers.dovecot import free_port
from tests.helpers.items import incoming
from tests.helpers.memory_keyring import memory_keyring  # noqa: F401
from tests.helpers.telegram_api import TOKEN, FakeBotApi
from tests.helpers.telegram_env import FAST

WRONG_TOKEN = "123456:this-is-not-the-token-of-the-bot-000"


@pytest.fixture
def api():
    server = FakeBotApi().start()
    yield server
    server.stop()


@pytest.fixture
def tasks(qtbot, ctx):
    tasks = Tasks(ctx.loop)
    yield tasks
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=30000)
    tasks.shutdown()


@pytest.fixture
def dialog(qtbot, ctx, tasks, memory_keyring):  # noqa: F811
    dialog = TelegramAccountDialog(ctx, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog, token: str, api_url: str) -> None:
    dialog.form.token.setText(token)
    dialog.form.show_advanced(True)
    dialog.form.api_url.setText(api_url)


def check(qtbot, dialog) -> str:
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled() and dialog._last_check is not None, timeout=20000)
    return dialog.check_result.text()


def stored_bots(ctx) -> list[TelegramAccount]:
    with read_session(ctx.engine) as session:
        return list_accounts(session)


def test_the_token_field_is_masked_and_the_guide_names_botfather(dialog):
    form = dialog.form
    assert form.token.echoMode() == form.token.EchoMode.Password
    guide = form.guide.text()
    assert "@BotFather" in guide and "/newbot" in guide and "“bot”" in guide
    assert form.guide.isVisibleTo(dialog) and form.api_url.isHidden()
    assert dialog.title.text() == "New Telegram bot"


def test_check_token_shows_the_bots_name_and_username(qtbot, dialog, api, ctx, caplog):
    fill(dialog, TOKEN, api.api_url)
    with caplog.at_level(logging.DEBUG):
        result = check(qtbot, dialog)
    assert "✓ The token works: this is ShopDesk Test Bot (@shopdesk_test_bot)." in result
    assert api.calls_of("getMe")
    assert stored_bots(ctx) == []  # checking stores nothing
    assert TOKEN not in caplog.text


def test_a_wrong_token_says_so_and_nothing_is_stored(qtbot, dialog, api, ctx, memory_keyring, caplog):  # noqa: F811
    fill(dialog, WRONG_TOKEN, api.api_url)
    with caplog.at_level(logging.DEBUG):
        result = check(qtbot, dialog)
        assert "Telegram did not accept this token" in result
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Not saved:" in dialog.error.text(), timeout=20000)
    assert "Telegram did not accept this token" in dialog.error.text()
    assert stored_bots(ctx) == [] and memory_keyring.secrets == {}
    shown = dialog.check_result.text() + dialog.error.text() + dialog.notice.text()
    assert WRONG_TOKEN not in shown and WRONG_TOKEN not in caplog.text


def test_something_that_is_not_a_token_is_refused_before_any_request(qtbot, dialog, api):
    fill(dialog, "my password", api.api_url)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "does not look like a bot token" in dialog.error.text()
    assert dialog.form.token.property("invalid") is True
    fill(dialog, TOKEN, "ftp:/api.local")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "“ftp:/api.local” is not a web address" in dialog.error.text()
    assert dialog.form.api_url.isVisibleTo(dialog)
    assert api.calls == []


def test_an_api_server_that_does_not_answer_is_named(qtbot, dialog):
    url = f"http://127.0.0.1:{free_port()}"
    fill(dialog, TOKEN, url)
    result = check(qtbot, dialog)
    assert f"The Bot API server {url} is not answering" in result
    assert TOKEN not in result


def test_every_failure_is_worded_for_the_owner(dialog):
    from telegram.error import NetworkError, TelegramError, TimedOut

    def problem(cause: Exception) -> TokenProblem:
        try:
            raise TokenProblem("core words") from cause
        except TokenProblem as exc:
            return exc

    offline = dialog.describe(problem(NetworkError("connect failed")), "")
    assert offline.startswith("Telegram cannot be reached: check that this computer is online")
    slow = dialog.describe(problem(TimedOut()), "")
    assert slow == "https://api.telegram.org did not answer in time. Check the connection and try again."
    refused = dialog.describe(problem(TelegramError(f"Bad Request at /bot{TOKEN}/getMe")), "")
    assert refused.startswith("Telegram refused the check:") and TOKEN not in refused


def test_saving_keeps_the_token_only_in_the_keyring_and_announces_the_bot(
    qtbot,
    dialog,
    api,
    ctx,
    memory_keyring,  # noqa: F811
):
    fill(dialog, TOKEN, api.api_url)
    dialog.form.welcome_tr.setPlainText("Hoş geldiniz! Lale Butik'e yazdınız.")
    dialog.form.welcome_en.setPlainText("Welcome to Lale Butik!")
    with qtbot.waitSignal(dialog.account_saved, timeout=20000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    account_id = saved.args[0]
    with read_session(ctx.engine) as session:
        bot = get_account(session, account_id)
    assert (bot.bot_id, bot.username, bot.name) == (123456, "shopdesk_test_bot", "ShopDesk Test Bot")
    assert (bot.welcome_tr, bot.welcome_en, bot.api_url) == (
        "Hoş geldiniz! Lale Butik'e yazdınız.",
        "Welcome to Lale Butik!",
        api.api_url,
    )
    assert memory_keyring.secrets == {(APP_ID, f"telegram:{account_id}"): TOKEN}
    assert dialog.account_ids() == [account_id]
    assert dialog.title.text() == "Edit @shopdesk_test_bot"
    assert "t.me/shopdesk_test_bot" in dialog.identity.text()
    assert "@shopdesk_test_bot" in dialog.notice.text()
    assert TOKEN not in dialog.form.token.text()  # the saved token is not shown again
    # Editing the welcome without pasting a token keeps the saved one; the saved token can be checked.
    dialog.form.welcome_en.setPlainText("Hi!")
    with qtbot.waitSignal(dialog.account_saved, timeout=20000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with read_session(ctx.engine) as session:
        assert get_account(session, account_id).welcome_en == "Hi!"
    assert memory_keyring.secrets[(APP_ID, f"telegram:{account_id}")] == TOKEN
    assert "ShopDesk Test Bot (@shopdesk_test_bot)" in check(qtbot, dialog)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    yield
    keyring.set_keyring(previous)


def test_without_a_keyring_the_owner_is_told_and_nothing_is_stored(qtbot, ctx, tasks, api, no_keyring):
    dialog = TelegramAccountDialog(ctx, tasks)
    qtbot.addWidget(dialog)
    asked = []
    dialog.confirm_token_file = lambda: asked.append(True) or False
    fill(dialog, TOKEN, api.api_url)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no password store" in dialog.error.text(), timeout=20000)
    assert asked == [True] and stored_bots(ctx) == []


def test_removing_asks_first_and_keeps_the_conversations(qtbot, ctx, tasks, memory_keyring, api):  # noqa: F811
    account_id = add_account(
        ctx.engine, TelegramAccount(123456, "lale_bot", "Lale", api_url=api.api_url), TOKEN
    )
    item = incoming("Kargom nerede?", channel="telegram", account_id=account_id)
    conversation_id = ingest(ctx.engine, [item], blobs=ctx.blobs, publish=ctx.publish)[0].conversation_id
    dialog = TelegramAccountDialog(ctx, tasks)
    qtbot.addWidget(dialog)
    asked = []
    dialog.confirm_remove = lambda handle: asked.append(handle) or False
    dialog.remove()
    assert asked == ["@lale_bot"] and dialog.account_ids() == [account_id]
    dialog.confirm_remove = lambda handle: True
    with qtbot.waitSignal(dialog.account_removed, timeout=10000) as removed:
        dialog.remove()
    assert removed.args == [account_id] and dialog.account_ids() == []
    assert "conversations stay" in dialog.notice.text()
    with read_session(ctx.engine) as session:
        assert session.get(Conversation, conversation_id) is not None
    assert memory_keyring.secrets == {}


@pytest.fixture
def channel(ctx):
    """The app's Telegram channel (a LazyChannel) running on ctx's loop with fast timing."""
    lazy = LazyChannel(
        "telegram", lambda: TelegramChannel(ctx.engine, ctx.blobs, ctx.publish, timing=FAST), ctx.publish
    )
    ctx.channels.register(lazy)
    ctx.loop.start()
    yield lazy
    # shutdown(ctx) in the ctx fixture stops the channel and the loop


def test_a_saved_bot_starts_receiving_at_once(qtbot, ctx, tasks, api, channel, memory_keyring):  # noqa: F811
    restart_telegram_account(ctx, tasks, 1)  # still starting (no inner channel): nothing happens
    assert tasks.pending == 0
    ctx.loop.submit(channel.start()).result(10)
    account_id = add_account(ctx.engine, TelegramAccount(123456, "lale_bot", api_url=api.api_url), TOKEN)
    restart_telegram_account(ctx, tasks, account_id)
    qtbot.waitUntil(
        lambda: channel.poller(account_id) is not None and bool(api.calls_of("getUpdates")), timeout=10000
    )


def set_last_poll(engine, account_id: int, hours_ago: float) -> None:
    with write_session(engine) as session:
        set_cursor(session, CursorUpdate(account_id, OFFSET, "1"))
    with write_session(engine) as session:
        session.connection().exec_driver_sql(
            "UPDATE synccursor SET updated_at = ?",
            ((utcnow() - timedelta(hours=hours_ago)).strftime("%Y-%m-%d %H:%M:%S.%f"),),
        )


def test_the_away_banner_shows_the_warning_and_dismisses_it(qtbot, ctx, tasks, api, channel, memory_keyring):  # noqa: F811
    banner = TelegramAwayBanner(ctx, tasks)
    qtbot.addWidget(banner)
    banner.show()
    banner.refresh()
    assert banner.isHidden()  # no channel running yet
    account_id = add_account(ctx.engine, TelegramAccount(123456, "lale_bot", api_url=api.api_url), TOKEN)
    set_last_poll(ctx.engine, account_id, 30)
    ctx.loop.submit(channel.start()).result(10)
    banner.refresh()
    qtbot.waitUntil(lambda: account_id in banner.rows, timeout=10000)
    label, button = banner.rows[account_id][1:]
    assert banner.isVisible()
    assert "@lale_bot was last checked 30 hours ago" in label.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert banner.isHidden() and banner.rows == {}
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert channel.away_warnings() == {}
    banner.refresh()
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert banner.isHidden()
