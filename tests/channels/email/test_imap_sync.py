"""IMAP sync against a real Dovecot: initial import, never marking read, no duplicates, UIDVALIDITY, Sent."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from shopdesk.channels.email.account import add_account
from shopdesk.channels.email.channel import EmailAccountError, sync_once
from shopdesk.channels.email.connect import open_imap
from shopdesk.channels.email.imap import FolderCursor, cursor_key
from shopdesk.core.db import read_session
from shopdesk.core.ingest import get_cursor
from shopdesk.core.message_bodies import BODY_PENDING
from tests.helpers.mails import SHOP, mail


def _account(engine, mail_user, **overrides):
    account = mail_user.account(**overrides)
    add_account(engine, account, mail_user.password)
    return account


def _append(mail_user, folder: str, raws: list[bytes], *, days_ago: float = 0) -> None:
    client = mail_user.client()
    if not client.folder_exists(folder):
        client.create_folder(folder)
    when = datetime.now(UTC) - timedelta(days=days_ago)
    for raw in raws:
        client.append(folder, raw, flags=(), msg_time=when)
    client.logout()


def _messages(engine) -> list[tuple]:
    with read_session(engine) as session:
        return (
            session.connection()
            .exec_driver_sql(
                "SELECT natural_key, external_id, direction, text, parse_note, conversation_id FROM message"
                " ORDER BY id"
            )
            .fetchall()
        )


def _cursor(engine, account_id: int, folder: str) -> FolderCursor:
    with read_session(engine) as session:
        return FolderCursor.loads(get_cursor(session, account_id=account_id, key=cursor_key(folder)))


def test_initial_import_stores_everything_and_leaves_it_unread(
    engine, blobs, events, mail_user, memory_keyring
):
    account = _account(engine, mail_user)
    _append(mail_user, "INBOX", [mail(n) for n in range(30)])
    progress = []
    summary = sync_once(engine, blobs, events, account, progress=lambda *a: progress.append(a))

    assert summary.new == 30
    assert summary.folders == {"INBOX": 30}
    assert progress[-1] == ("INBOX", 30, 30)
    stored = _messages(engine)
    assert sorted(m[1] for m in stored) == sorted(f"<{n}.test@example.com.tr>" for n in range(30))
    assert all(m[2] == "incoming" for m in stored)
    assert all(m[4] != BODY_PENDING and "ığüşöç İĞÜŞÖÇ" in m[3] for m in stored)  # bodies read afterwards
    client = mail_user.client()
    client.select_folder("INBOX", readonly=True)
    assert len(client.search("UNSEEN")) == 30  # BODY.PEEK[]: nothing was marked read on the server
    client.logout()
    cursor = _cursor(engine, account.id, "INBOX")
    assert (cursor.last_uid, cursor.since) == (30, None)


def test_a_second_sync_adds_nothing_and_new_mail_comes_next(engine, blobs, events, mail_user, memory_keyring):
    account = _account(engine, mail_user)
    _append(mail_user, "INBOX", [mail(n) for n in range(10)])
    sync_once(engine, blobs, events, account)
    again = sync_once(engine, blobs, events, account)
    assert again.new == 0
    assert len(_messages(engine)) == 10
    _append(mail_user, "INBOX", [mail(n) for n in range(10, 13)])
    assert sync_once(engine, blobs, events, account).new == 3
    assert len(_messages(engine)) == 13


def test_the_import_window_uses_since(engine, blobs, events, mail_user, memory_keyring):
    account = _account(engine, mail_user, since_days=30)
    _append(mail_user, "INBOX", [mail(n, days_ago=100) for n in range(5)], days_ago=100)
    _append(mail_user, "INBOX", [mail(n) for n in range(5, 8)])
    assert sync_once(engine, blobs, events, account).new == 3
    cursor = _cursor(engine, account.id, "INBOX")
    assert (cursor.last_uid, cursor.since) == (8, None)  # the window is done; old mail stays on the server
    _append(mail_user, "INBOX", [mail(9)])
    assert sync_once(engine, blobs, events, account).new == 1


def test_a_uidvalidity_change_remaps_instead_of_importing_again(
    engine, blobs, events, mail_user, memory_keyring
):
    account = _account(engine, mail_user, folders=["Shop"])
    raws = [mail(n) for n in range(20)]
    _append(mail_user, "Shop", raws)
    assert sync_once(engine, blobs, events, account).new == 20
    before = _cursor(engine, account.id, "Shop")

    client = mail_user.client()  # the server loses its UIDs: the same mail in a recreated folder
    client.delete_folder("Shop")
    client.logout()
    _append(mail_user, "Shop", list(reversed(raws)))
    summary = sync_once(engine, blobs, events, account)

    after = _cursor(engine, account.id, "Shop")
    assert after.uidvalidity != before.uidvalidity
    assert summary.new == 0
    stored = _messages(engine)
    assert len(stored) == 20
    assert all(f":{after.uidvalidity}:" in m[0] for m in stored)  # natural keys now name the new UIDs


def test_the_sent_folder_arrives_as_outgoing_in_the_thread(engine, blobs, events, mail_user, memory_keyring):
    account = _account(engine, mail_user)  # Sent found on the server (sent_folder left empty)
    question = mail(1, subject="Kargo ne zaman?")
    _append(mail_user, "INBOX", [question])
    answer = mail(
        2,
        sender=("Kuzu Dükkan", SHOP),
        to=("Şükrü Çelik", "sukru@example.com.tr"),
        subject="Re: Kargo ne zaman?",
        body="Yarın kargoda, Şükrü Bey.",
        in_reply_to="<1.test@example.com.tr>",
    )
    _append(mail_user, "Sent", [answer])
    summary = sync_once(engine, blobs, events, account)
    assert summary.folders == {"INBOX": 1, "Sent": 1}
    (_, _, q_dir, _, _, q_conv), (_, _, a_dir, a_text, _, a_conv) = _messages(engine)
    assert (q_dir, a_dir) == ("incoming", "outgoing")
    assert a_conv == q_conv
    assert "Yarın kargoda" in a_text
    with read_session(engine) as session:
        address = (
            session.connection()
            .exec_driver_sql(
                "SELECT i.address FROM contactidentity i JOIN conversation c ON c.contact_id = i.contact_id"
                " WHERE c.id = ?",
                (a_conv,),
            )
            .scalar()
        )
    assert address == "sukru@example.com.tr"  # the customer, not the shop


def test_imaplib_debug_is_off(mail_user, monkeypatch):
    """IMAPClient leaves imaplib's debug level at 5: every fetched body was formatted into a debug string
    (fetching ran about 2x slower). ShopDesk's connections must have it at 0."""
    _append(mail_user, "INBOX", [mail(1, body="x" * 200_000)])
    client = open_imap(mail_user.account(), mail_user.password)
    assert client._imap.debug == 0
    formatted = []
    monkeypatch.setattr(client._imap, "_mesg", formatted.append)
    client.select_folder("INBOX", readonly=True)
    began = time.perf_counter()
    client.fetch(client.search("ALL"), ["BODY.PEEK[]"])
    assert formatted == []
    assert time.perf_counter() - began < 5
    client.logout()


def test_batches_commit_with_their_cursor(engine, blobs, events, mail_user, memory_keyring, monkeypatch):
    """A failure in the middle keeps what was committed and the cursor that covers exactly that."""
    from shopdesk.channels.email import imap

    account = _account(engine, mail_user)
    _append(mail_user, "INBOX", [mail(n) for n in range(10)])
    monkeypatch.setattr(imap, "BATCH_UIDS", 3)
    calls = {"n": 0}
    real_store = imap.Sink.store

    def failing_store(self, items, account_id, folder, cursor):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk went away")
        return real_store(self, items, account_id, folder, cursor)

    monkeypatch.setattr(imap.Sink, "store", failing_store)
    with pytest.raises(EmailAccountError, match="disk went away"):
        sync_once(engine, blobs, events, account)
    assert len(_messages(engine)) == 6
    assert _cursor(engine, account.id, "INBOX").last_uid == 6
    monkeypatch.setattr(imap.Sink, "store", real_store)
    assert sync_once(engine, blobs, events, account).new == 4
    assert len(_messages(engine)) == 10


def test_a_big_sync_reads_headers_and_bodies_in_worker_processes(
    engine, blobs, events, mail_user, memory_keyring, monkeypatch
):
    from shopdesk.channels.email import channel, imap, pool

    started = []
    real_submit = pool.LazyPool.submit
    monkeypatch.setattr(
        pool.LazyPool,
        "submit",
        lambda self, fn, *a, **k: started.append(fn) or real_submit(self, fn, *a, **k),
    )
    monkeypatch.setattr(imap, "POOL_FROM", 10)
    monkeypatch.setattr(imap, "BATCH_UIDS", 7)
    monkeypatch.setattr(channel, "POOL_FROM", 10)
    account = _account(engine, mail_user)
    _append(mail_user, "INBOX", [mail(n) for n in range(30)])
    assert sync_once(engine, blobs, events, account).new == 30
    assert {fn.__name__ for fn in started} == {"build_items", "read_bodies"}
    stored = _messages(engine)
    assert sorted(m[1] for m in stored) == sorted(f"<{n}.test@example.com.tr>" for n in range(30))
    assert all("ığüşöç İĞÜŞÖÇ" in m[3] for m in stored)
    assert _cursor(engine, account.id, "INBOX").last_uid == 30
