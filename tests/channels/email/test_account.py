"""Email accounts: presets, settings in the store and password in the keyring, removal, connection test."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backends import fail

from shopdesk import APP_ID
from shopdesk.channels.email.account import (
    EmailAccount,
    add_account,
    get_account,
    list_accounts,
    password_of,
    remove_account,
    test_connection,
    update_account,
    with_preset,
)
from shopdesk.channels.email.presets import preset_for
from shopdesk.core.db import read_session
from shopdesk.core.ingest import CursorUpdate, ingest
from shopdesk.core.models import ChannelAccount, Conversation, SyncCursor
from shopdesk.secrets import (
    OwnerOnlyFileKeyring,
    SecretStoreUnavailable,
    delete_secret,
    get_secret,
    keyring_available,
    set_secret,
)
from tests.helpers.dovecot import free_port
from tests.helpers.items import incoming


@pytest.mark.parametrize(
    ("address", "imap", "smtp", "files_sent"),
    [
        ("dukkan@gmail.com", "imap.gmail.com", ("smtp.gmail.com", 465, "ssl"), True),
        ("dukkan@googlemail.com", "imap.gmail.com", ("smtp.gmail.com", 465, "ssl"), True),
        ("dukkan@hotmail.com", "outlook.office365.com", ("smtp-mail.outlook.com", 587, "starttls"), True),
        ("dukkan@live.com", "outlook.office365.com", ("smtp-mail.outlook.com", 587, "starttls"), True),
        ("dukkan@Yandex.com.tr", "imap.yandex.com", ("smtp.yandex.com", 465, "ssl"), False),
        ("dukkan@yandex.ru", "imap.yandex.com", ("smtp.yandex.com", 465, "ssl"), False),
        ("dukkan@yahoo.com", "imap.mail.yahoo.com", ("smtp.mail.yahoo.com", 465, "ssl"), False),
        ("dukkan@me.com", "imap.mail.me.com", ("smtp.mail.me.com", 587, "starttls"), False),
    ],
)
def test_presets_fill_the_servers_by_domain(address, imap, smtp, files_sent):
    account = with_preset(address, display_name="Kuzu Dükkan")
    assert (account.imap_host, account.imap_port, account.imap_security) == (imap, 993, "ssl")
    assert (account.smtp_host, account.smtp_port, account.smtp_security) == smtp
    assert account.provider_files_sent is files_sent
    assert "app" in preset_for(address).note.lower()  # every preset explains its app password
    assert account.login_user == address


def test_an_unknown_domain_has_no_preset():
    assert preset_for("info@kuzudukkan.com.tr") is None
    account = with_preset("info@kuzudukkan.com.tr", imap_host="mail.kuzudukkan.com.tr")
    assert account.imap_host == "mail.kuzudukkan.com.tr"
    with pytest.raises(ValueError, match="server names"):
        account.validate()


def test_settings_go_to_the_store_and_the_password_only_to_the_keyring(engine, memory_keyring):
    account = with_preset("dukkan@gmail.com", display_name="Kuzu Dükkan", since_days=90)
    account_id = add_account(engine, account, "app-pass-1234")
    with read_session(engine) as session:
        row = session.get(ChannelAccount, account_id)
        assert (row.channel, row.name) == ("email", "dukkan@gmail.com")
        assert "app-pass-1234" not in row.settings_json
        assert json.loads(row.settings_json)["since_days"] == 90
        assert list_accounts(session) == [account]
    assert memory_keyring.secrets == {(APP_ID, f"email:{account_id}"): "app-pass-1234"}
    assert password_of(account_id) == "app-pass-1234"

    account.display_name = "Kuzu Dükkan Ltd."
    update_account(engine, account, password="new-pass")
    with read_session(engine) as session:
        assert get_account(session, account_id).display_name == "Kuzu Dükkan Ltd."
    assert password_of(account_id) == "new-pass"


def test_without_a_keyring_nothing_is_stored(engine, memory_keyring):
    keyring.set_keyring(fail.Keyring())
    assert not keyring_available()
    with pytest.raises(SecretStoreUnavailable, match="no working password store"):
        add_account(engine, with_preset("dukkan@gmail.com"), "secret")
    with read_session(engine) as session:
        assert list_accounts(session) == []


def test_the_null_keyring_counts_as_no_keyring():
    # tests/conftest.py sets the null backend, which would forget passwords silently
    from keyring.backends import null

    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    try:
        with pytest.raises(SecretStoreUnavailable):
            set_secret("k", "v")
    finally:
        keyring.set_keyring(previous)


def test_the_owner_only_file_is_used_only_when_installed(tmp_path, memory_keyring):
    path = tmp_path / "secrets.json"
    backend = OwnerOnlyFileKeyring(path)
    assert not OwnerOnlyFileKeyring.viable  # keyring's own detection never picks it
    keyring.set_keyring(backend)
    set_secret("email:1", "şifre")
    assert get_secret("email:1") == "şifre"
    assert path.stat().st_mode & 0o777 == 0o600
    delete_secret("email:1")
    delete_secret("email:1")  # forgetting twice is fine
    assert get_secret("email:1") is None


def test_removing_an_account_keeps_its_conversations(engine, blobs, events, memory_keyring):
    account_id = add_account(engine, with_preset("dukkan@gmail.com"), "secret")
    item = incoming("Merhaba", channel="email", account_id=account_id)
    cursor = CursorUpdate(account_id, "imap:INBOX", '{"uidvalidity": 1, "last_uid": 1}')
    [result] = ingest(engine, [item], blobs=blobs, publish=events, cursor=cursor)
    remove_account(engine, account_id)
    with read_session(engine) as session:
        assert session.get(ChannelAccount, account_id) is None
        assert session.exec(SyncCursor.__table__.select()).all() == []
        conversation = session.get(Conversation, result.conversation_id)
        assert conversation is not None and conversation.account_id is None
    assert memory_keyring.secrets == {}


def test_connection_all_good(mail_user, smtp_server):
    account = mail_user.account(**smtp_server.account_settings())
    assert test_connection(account, mail_user.password) == []


def _steps(account: EmailAccount, password: str) -> list[tuple[str, str]]:
    return [(p.service, p.step) for p in test_connection(account, password, timeout=5)]


def test_connection_says_what_failed(mail_user, smtp_server):
    good = dict(smtp_server.account_settings())
    assert _steps(mail_user.account(**good), "wrong") == [("imap", "login")]  # the SMTP server takes any
    assert _steps(mail_user.account(**good, imap_host="imap.does-not-exist.invalid"), mail_user.password) == [
        ("imap", "lookup")
    ]
    assert _steps(mail_user.account(**good, imap_port=free_port()), mail_user.password) == [
        ("imap", "connect")
    ]
    assert _steps(mail_user.account(**good, imap_security="ssl"), mail_user.password) == [("imap", "tls")]
    problems = test_connection(mail_user.account(**good, sent_folder="Gönderilmiş"), mail_user.password)
    assert [(p.service, p.step) for p in problems] == [("imap", "folder")]
    assert "Gönderilmiş" in problems[0].message
    smtp_server.mode = "auth_fail"
    [problem] = test_connection(mail_user.account(**good), mail_user.password)
    assert (problem.service, problem.step) == ("smtp", "login")
    assert "refused the user name or password" in problem.message
    smtp_server.stop()
    assert _steps(mail_user.account(**good), mail_user.password) == [("smtp", "connect")]
