"""The bot's state for the status bar: connected, offline, 409 conflict, revoked token; no tight loops."""

from __future__ import annotations

import time
from datetime import timedelta

import keyring
from keyring.backends import null

from shopdesk.channels.base import OutgoingItem, SendError
from shopdesk.channels.telegram.account import update_account
from shopdesk.channels.telegram.updates import OFFSET, POLLED_AT, Timing
from shopdesk.core.db import read_session, write_session
from shopdesk.core.ingest import CursorUpdate, get_cursor, set_cursor
from shopdesk.core.models import utcnow
from tests.helpers.telegram_env import ALI, FAST, eventually, messages

NEW_TOKEN = "123456:XYZ-new-token-from-BotFather-0000000"


def polls_during(api, seconds: float) -> int:
    before = len(api.calls_of("getUpdates"))
    time.sleep(seconds)  # counting what the loop does in a window of time is the point here
    return len(api.calls_of("getUpdates")) - before


def test_connected_and_messages_arrive_by_long_polling(engine, api, running):
    run = running()
    run.wait_state(1, "connected")
    api.send_text(ALI, "Merhaba")
    eventually(lambda: len(messages(engine)) == 1, what="the message")
    assert api.calls_of("getUpdates")[-1].params["timeout"] == str(FAST.poll_timeout)


def test_409_conflict_is_a_clear_state_with_backoff_then_recovers(api, running):
    run = running()
    run.wait_state(1, "connected")
    api.conflict = True
    detail = run.wait_state(1, "conflict")
    assert detail == (
        "Another program is reading this bot's updates (409 Conflict): stop it, ShopDesk will retry"
    )
    assert polls_during(api, 1.0) <= 5  # backoff 0.2 s, 0.4 s …: not a tight loop
    api.conflict = False
    run.wait_state(1, "connected")


def test_a_revoked_token_asks_for_a_new_one_and_a_new_token_reconnects(engine, api, account, running):
    run = running()
    run.wait_state(1, "connected")
    api.revoked = True
    detail = run.wait_state(1, "auth_failed")
    assert (
        detail == "The bot token for @shopdesk_test_bot was revoked: paste a new one in Settings → Telegram"
    )
    assert polls_during(api, 0.5) == 0  # waits for a new token, does not hammer Telegram
    item = OutgoingItem(1, 1, 1, "telegram", 1, str(ALI.id), "x")
    try:
        run.run(run.channel.send(item))
    except SendError as exc:
        assert exc.kind == "retry" and "revoked" in str(exc)
    else:
        raise AssertionError("a send with a revoked token must not succeed")
    api.token, api.revoked = NEW_TOKEN, False
    update_account(engine, account, NEW_TOKEN)
    run.run(run.channel.reload(account.id))
    run.wait_state(1, "connected")


def test_server_down_is_offline_and_back_up_is_connected(api, running):
    run = running()
    run.wait_state(1, "connected")
    api.stop()
    assert run.wait_state(1, "offline").startswith("Telegram cannot be reached")
    api.start()
    run.wait_state(1, "connected")


def test_no_token_in_the_keyring(engine, api, account, running, memory_keyring):
    memory_keyring.secrets.clear()
    run = running()
    detail = run.wait_state(1, "auth_failed")
    assert detail == "The bot @shopdesk_test_bot has no token saved: paste it in Settings → Telegram"


def set_last_poll(engine, hours_ago: float) -> None:
    with write_session(engine) as session:
        set_cursor(session, CursorUpdate(1, OFFSET, "1"))
    with write_session(engine) as session:
        session.connection().exec_driver_sql(
            "UPDATE synccursor SET updated_at = ?",
            ((utcnow() - timedelta(hours=hours_ago)).strftime("%Y-%m-%d %H:%M:%S.%f"),),
        )


def test_away_over_20_hours_warns_that_messages_may_be_lost(engine, api, running):
    set_last_poll(engine, 21)
    run = running()
    warning = run.channel.away_warnings()[1]
    assert warning.startswith("Telegram keeps messages for about 24 hours; some may be lost")
    assert "@shopdesk_test_bot was last checked 21 hours ago" in warning
    assert ("stale", warning) in run.states(1)
    run.wait_state(1, "connected")
    assert run.channel.away_warnings() == {1: warning}  # stays for the banner until dismissed
    run.channel.dismiss_away_warning(1)
    assert run.channel.away_warnings() == {}


def test_away_less_than_20_hours_does_not_warn(engine, api, running):
    set_last_poll(engine, 19)
    run = running()
    run.wait_state(1, "connected")
    assert run.channel.away_warnings() == {}


def test_empty_polls_record_when_telegram_last_answered(engine, api, running):
    run = running(Timing(**{**FAST.__dict__, "poll_timeout": 0, "polled_every": 0}))
    run.wait_state(1, "connected")

    def polled():
        with read_session(engine) as session:
            return get_cursor(session, account_id=1, key=POLLED_AT)

    assert eventually(polled, what="polled_at")


def test_no_keyring_says_so(api, account, running):
    keyring.set_keyring(null.Keyring())  # the memory_keyring fixture puts the previous one back
    run = running()
    assert run.wait_state(1, "auth_failed").startswith("This computer has no working password store")
