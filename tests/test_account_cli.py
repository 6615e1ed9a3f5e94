"""`shopdesk account …` and `shopdesk sync --once` against the real Dovecot and the Bot API test server."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from shopdesk.cli import main
from shopdesk.core.db import read_session
from shopdesk.secrets import SERVICE
from tests.helpers.dovecot import dovecot_server, mail_user
from tests.helpers.mails import mail
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.telegram_api import TOKEN, FakeBotApi
from tests.helpers.telegram_objects import Customer

__all__ = ["dovecot_server", "mail_user", "memory_keyring"]


@pytest.fixture
def api():
    server = FakeBotApi().start()
    yield server
    server.stop()


def run(data_paths, monkeypatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--data-dir", str(data_paths.root), *args])


def fields(out: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)


def add_mailbox(data_paths, monkeypatch, mail_user, password: str) -> int:
    return run(
        data_paths,
        monkeypatch,
        *("account", "add", "email", "--address", f"{mail_user.name}@shop.example"),
        *("--imap-host", mail_user.host, "--imap-port", str(mail_user.port), "--imap-security", "none"),
        *("--smtp-host", "127.0.0.1", "--smtp-security", "none", "--user", mail_user.name),
        *("--password-stdin", "--since-days", "0"),
        stdin=password + "\n",
    )


def test_add_sync_list_and_remove_an_email_account(
    data_paths, monkeypatch, capsys, mail_user, memory_keyring
):
    client = mail_user.client()
    for n in range(3):
        client.append("INBOX", mail(n), flags=(), msg_time=datetime.now(UTC))
    client.logout()

    assert add_mailbox(data_paths, monkeypatch, mail_user, mail_user.password) == 0
    added = fields(capsys.readouterr().out)
    account_id = int(added["account_id"])
    assert "SMTP 127.0.0.1:25 none" in added["email"]  # the port follows the security chosen
    assert memory_keyring.get_password(SERVICE, f"email:{account_id}") == mail_user.password

    assert run(data_paths, monkeypatch, "sync", "--once") == 0
    assert f"email {mail_user.name}@shop.example: 3 new (INBOX: 3" in capsys.readouterr().out
    assert run(data_paths, monkeypatch, "sync", "--once") == 0
    assert "0 new" in capsys.readouterr().out

    assert run(data_paths, monkeypatch, "account", "list") == 0
    assert capsys.readouterr().out.split("\t")[:2] == [str(account_id), "email"]
    assert run(data_paths, monkeypatch, "account", "remove", str(account_id)) == 0
    assert "its conversations stay" in capsys.readouterr().out
    assert memory_keyring.get_password(SERVICE, f"email:{account_id}") is None
    assert run(data_paths, monkeypatch, "account", "list") == 0
    assert capsys.readouterr().out == ""
    from shopdesk.core.db import make_engine

    engine = make_engine(data_paths.database_url)
    with read_session(engine) as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM conversation").scalar() == 3
    engine.dispose()


def test_a_wrong_password_names_the_account_and_what_to_do(
    data_paths, monkeypatch, capsys, mail_user, memory_keyring
):
    assert add_mailbox(data_paths, monkeypatch, mail_user, "not-the-password") == 0
    capsys.readouterr()
    assert run(data_paths, monkeypatch, "sync", "--once") == 1
    err = capsys.readouterr().err
    assert f"{mail_user.name}@shop.example" in err and "wrong user name or password" in err


def test_bad_input_is_refused_with_a_reason(data_paths, monkeypatch, capsys, memory_keyring):
    assert (
        run(
            data_paths, monkeypatch, "account", "add", "email", "--address", "a@b.example", "--password-stdin"
        )
        == 2
    )
    assert "no password" in capsys.readouterr().err
    args = ("account", "add", "email", "--address", "not-an-address", "--password-stdin")
    assert run(data_paths, monkeypatch, *args, stdin="secret\n") == 2
    assert "not an email address" in capsys.readouterr().err
    assert run(data_paths, monkeypatch, "account", "remove", "42") == 2
    assert "no email account or Telegram bot with id 42" in capsys.readouterr().err


def test_add_a_telegram_bot_and_sync_it_once(data_paths, monkeypatch, capsys, api, memory_keyring):
    api.send_text(Customer(5551234, "Ali", "Yılmaz", "aliyilmaz", "tr"), "Kargom nerede?")
    args = ("account", "add", "telegram", "--token-stdin", "--api-url", api.api_url)
    assert run(data_paths, monkeypatch, *args, stdin=TOKEN + "\n") == 0
    added = fields(capsys.readouterr().out)
    assert added["telegram"].startswith("@shopdesk_test_bot")
    assert memory_keyring.get_password(SERVICE, f"telegram:{added['account_id']}") == TOKEN
    assert run(data_paths, monkeypatch, "sync", "--once") == 0
    assert "telegram @shopdesk_test_bot: 1 new" in capsys.readouterr().out


def test_a_wrong_bot_token_is_refused_before_anything_is_stored(
    data_paths, monkeypatch, capsys, api, memory_keyring
):
    args = ("account", "add", "telegram", "--token-stdin", "--api-url", api.api_url)
    assert run(data_paths, monkeypatch, *args, stdin="123:wrong\n") == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert run(data_paths, monkeypatch, "account", "list") == 0
    assert capsys.readouterr().out == ""
