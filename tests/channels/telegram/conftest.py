"""Fixtures of the Telegram tests: the fake Bot API server, a configured bot, a running channel."""

from __future__ import annotations

import asyncio

import pytest

from shopdesk.channels.telegram.account import TelegramAccount, add_account
from shopdesk.channels.telegram.channel import sync_once
from shopdesk.channels.telegram.updates import Timing
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.telegram_api import TOKEN, FakeBotApi
from tests.helpers.telegram_env import FAST, Running

__all__ = ["memory_keyring"]


@pytest.fixture
def api():
    server = FakeBotApi().start()
    yield server
    server.stop()


@pytest.fixture
def account(engine, api, memory_keyring) -> TelegramAccount:
    # Telegram's own limits, although the fake server is "self-hosted" (an --api-url)
    bot = TelegramAccount(
        123456,
        "shopdesk_test_bot",
        "ShopDesk Test Bot",
        api_url=api.api_url,
        download_limit_mb=20,
        upload_limit_mb=50,
    )
    add_account(engine, bot, TOKEN)
    return bot


@pytest.fixture
def sync(engine, blobs, events, account):
    """Run ``shopdesk sync --once`` for the bot; returns its summary."""

    def run(**kwargs):
        return asyncio.run(sync_once(engine, blobs, events, account, timing=FAST, **kwargs))

    return run


@pytest.fixture
def running(engine, blobs, events, account):
    """Start the channel (fast timing unless a test passes its own); stopped after the test."""
    started: list[Running] = []

    def start(timing: Timing = FAST) -> Running:
        run = Running(engine, blobs, events, timing).__enter__()
        started.append(run)
        return run

    yield start
    for run in started:
        run.__exit__(None, None, None)
