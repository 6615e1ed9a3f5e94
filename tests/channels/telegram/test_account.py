"""Setting up a bot: the token checked with getMe, kept in the keyring only; add, list, remove."""

from __future__ import annotations

import pytest

from shopdesk.channels.telegram.account import (
    TelegramAccount,
    TokenProblem,
    add_from_token,
    check_token_blocking,
    clean_api_url,
    clean_token,
    get_account,
    list_accounts,
    remove_account,
    secret_key,
    token_of,
)
from shopdesk.core.db import read_session
from shopdesk.core.models import ChannelAccount
from shopdesk.secrets import SERVICE
from tests.helpers.telegram_api import TOKEN


def test_check_token_names_the_bot(api):
    identity = check_token_blocking(f"  {TOKEN}\n", api.api_url)
    assert (identity.bot_id, identity.name, identity.username) == (
        123456,
        "ShopDesk Test Bot",
        "shopdesk_test_bot",
    )


def test_a_wrong_or_revoked_token_is_refused_clearly(api):
    with pytest.raises(TokenProblem, match="Telegram did not accept this token") as caught:
        check_token_blocking("123456:AAH-some-other-token-that-is-wrong", api.api_url)
    assert "AAH-some" not in str(caught.value)  # never echo a token


def test_an_unreachable_server_is_said_so(api):
    url = api.api_url
    api.stop()
    with pytest.raises(TokenProblem, match=f"Could not reach {url}"):
        check_token_blocking(TOKEN, url, timeout=2)


@pytest.mark.parametrize("pasted", ["", "hello", "123456", "abc:defghijklmnopqrstuvwxyz012345"])
def test_what_is_not_a_token_is_refused_before_any_network(pasted):
    with pytest.raises(TokenProblem, match="does not look like a bot token"):
        clean_token(pasted)


def test_api_url_is_checked_and_the_official_one_is_the_default():
    assert clean_api_url(" https://api.telegram.org/ ") == ""
    assert clean_api_url("http://10.0.0.5:8081/") == "http://10.0.0.5:8081"
    with pytest.raises(TokenProblem, match="not a web address"):
        clean_api_url("api.example.com")
    own = TelegramAccount(1, "b", api_url="http://10.0.0.5:8081")
    assert (own.base_url, own.base_file_url) == ("http://10.0.0.5:8081/bot", "http://10.0.0.5:8081/file/bot")
    assert own.download_limit == own.upload_limit == 2000 * 1024 * 1024
    official = TelegramAccount(1, "b")
    assert (official.download_limit, official.upload_limit) == (20 * 1024 * 1024, 50 * 1024 * 1024)


def test_add_keeps_the_token_in_the_keyring_only(engine, api, memory_keyring):
    account = add_from_token(engine, TOKEN, api.api_url, welcome_tr="Hoş geldiniz!")
    assert memory_keyring.secrets[(SERVICE, secret_key(account.id))] == TOKEN == token_of(account.id)
    assert secret_key(account.id) == f"telegram:{account.id}"
    with read_session(engine) as session:
        row = session.get(ChannelAccount, account.id)
        stored = get_account(session, account.id)
    assert (row.channel, row.name) == ("telegram", "@shopdesk_test_bot")
    assert TOKEN not in row.settings_json and TOKEN.split(":")[1] not in row.settings_json
    assert (stored.bot_id, stored.api_url, stored.welcome_tr) == (123456, api.api_url, "Hoş geldiniz!")
    assert stored.welcome_for("tr-TR") == "Hoş geldiniz!"
    assert stored.welcome_for("de").startswith("Hello!")


def test_the_same_bot_added_twice_stays_one_account(engine, api, memory_keyring):
    first = add_from_token(engine, TOKEN, api.api_url)
    second = add_from_token(engine, TOKEN, api.api_url)
    assert first.id == second.id
    with read_session(engine) as session:
        assert [a.id for a in list_accounts(session)] == [first.id]


def test_remove_forgets_the_bot_and_its_token(engine, api, memory_keyring):
    account = add_from_token(engine, TOKEN, api.api_url)
    remove_account(engine, account.id)
    with read_session(engine) as session:
        assert list_accounts(session) == []
    assert token_of(account.id) is None
