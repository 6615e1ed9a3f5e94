"""Receiving live: new mail within 2 s by IDLE, IDLE re-issued, polling without IDLE, reconnects, status."""

from __future__ import annotations

import time

import pytest
from imapclient import IMAPClient

from shopdesk.channels.email.account import add_account, update_account
from shopdesk.channels.email.channel import EmailChannel
from shopdesk.channels.email.watch import Timing, _interrupt
from shopdesk.core.db import read_session
from shopdesk.core.events import ChannelStatus
from tests.helpers.dovecot import free_port
from tests.helpers.mails import mail

FAST = Timing(
    idle_seconds=600,
    poll_seconds=600,
    check_seconds=30,
    backoff=(0.05, 0.1),
    auth_retry_seconds=600,
    timeout=10,
)


def wait_until(predicate, timeout: float) -> float:
    """Poll ``predicate`` until true; returns the seconds it took, fails after ``timeout``."""
    began = time.monotonic()
    while not predicate():
        if time.monotonic() - began > timeout:
            pytest.fail(f"not within {timeout} s")
        time.sleep(0.01)
    return time.monotonic() - began


def stored(engine) -> int:
    with read_session(engine) as session:
        return session.connection().exec_driver_sql("SELECT count(*) FROM message").scalar()


def statuses(events, state: str) -> list[ChannelStatus]:
    return [e for e in events.of(ChannelStatus) if e.state == state]


@pytest.fixture
def live(engine, blobs, events, mail_user, memory_keyring):
    """Start an EmailChannel for one account; yields (channel, account_id, start)."""
    channels = []

    def start(timing: Timing = FAST, **overrides):
        account_id = add_account(engine, mail_user.account(**overrides), mail_user.password)
        channel = EmailChannel(engine, blobs, events, timing=timing)
        channel.start_blocking()
        channels.append(channel)
        return channel, account_id

    yield start
    for channel in channels:
        began = time.monotonic()
        channel.stop_blocking()
        assert time.monotonic() - began < 5, "stopping the channel took too long"


def append(mail_user, raw: bytes) -> None:
    client = mail_user.client()
    client.append("INBOX", raw)
    client.logout()


def test_new_mail_is_in_the_store_within_2_seconds(live, engine, events, mail_user):
    append(mail_user, mail(1))
    channel, account_id = live()
    wait_until(lambda: stored(engine) == 1, 10)  # the initial sync
    assert channel.worker(account_id).wait_idling(10)
    assert statuses(events, "connected")

    append(mail_user, mail(2))
    took = wait_until(lambda: stored(engine) == 2, 2.0)
    assert took <= 2.0
    wait_until(lambda: bodies_read(engine) == 2, 5)  # then the body thread reads them


def bodies_read(engine) -> int:
    with read_session(engine) as session:
        return (
            session.connection()
            .exec_driver_sql(
                "SELECT count(*) FROM message WHERE text LIKE '%ığüşöç İĞÜŞÖÇ%' AND parse_note IS NULL"
            )
            .scalar()
        )


def test_idle_is_reissued_and_keeps_working(live, engine, mail_user):
    timing = Timing(idle_seconds=0.2, poll_seconds=600, check_seconds=0.1, backoff=(0.05,), timeout=10)
    channel, account_id = live(timing)
    worker = channel.worker(account_id)
    wait_until(lambda: worker.idle_rounds >= 4, 10)  # DONE + NOOP + IDLE again, several times
    append(mail_user, mail(1))
    wait_until(lambda: stored(engine) == 1, 2.0)


def test_without_idle_the_folder_is_polled(live, engine, mail_user, monkeypatch):
    real = IMAPClient.has_capability
    monkeypatch.setattr(IMAPClient, "has_capability", lambda self, cap: cap != "IDLE" and real(self, cap))
    timing = Timing(
        idle_seconds=600, poll_seconds=600, fallback_poll_seconds=0.2, backoff=(0.05,), timeout=10
    )
    channel, account_id = live(timing)
    assert not channel.worker(account_id).wait_idling(0.5)
    append(mail_user, mail(1))
    wait_until(lambda: stored(engine) == 1, 2.0)


def test_a_dropped_connection_is_reconnected(live, engine, mail_user):
    channel, account_id = live()
    worker = channel.worker(account_id)
    assert worker.wait_idling(10)
    rounds = worker.idle_rounds
    _interrupt(worker._clients["idle"])  # the network drops both connections under the worker
    _interrupt(worker._clients["fetch"])
    wait_until(lambda: worker.idle_rounds > rounds, 5)
    append(mail_user, mail(1))
    wait_until(lambda: stored(engine) == 1, 2.0)


def test_an_unreachable_server_is_offline(live, events):
    live(imap_port=free_port())
    wait_until(lambda: statuses(events, "offline"), 5)
    assert "could not connect" in statuses(events, "offline")[0].detail


def test_a_wrong_password_says_what_to_do_and_a_new_one_is_taken(
    engine, blobs, events, mail_user, memory_keyring
):
    account = mail_user.account()
    account_id = add_account(engine, account, "wrong-password")
    channel = EmailChannel(engine, blobs, events, timing=FAST)
    channel.start_blocking()
    try:
        wait_until(lambda: statuses(events, "auth_failed"), 10)
        [status] = statuses(events, "auth_failed")
        assert status.account_id == account_id
        assert status.detail == (
            f"The account {account.address}: wrong user name or password — open Settings → Accounts and "
            "enter it again (Gmail/Outlook need an app password)."
        )
        account.id = account_id
        update_account(engine, account, password=mail_user.password)  # the owner enters it again
        channel.reload(account_id)
        append(mail_user, mail(1))
        wait_until(lambda: stored(engine) == 1, 5)
        assert statuses(events, "connected")
    finally:
        channel.stop_blocking()
