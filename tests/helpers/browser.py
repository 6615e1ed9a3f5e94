"""Headless Chromium (Debian's) driven by Playwright; skipped where it is missing, failed in CI."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("SHOPDESK_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Tests serve a "public" shop page (https://shop.example, through Playwright's router) that loads the
    # widget from the relay on 127.0.0.1; Chromium's local network access checks would block that here.
    "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests",
]


def missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    # Per module, not per session: while sync_playwright is open, the main thread counts as running an
    # asyncio loop, and every later asyncio.run() in the suite would fail.
    reason = missing_browser()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs a browser for the widget tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page_errors():
    return []


@pytest.fixture
def new_page(browser, page_errors):
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
