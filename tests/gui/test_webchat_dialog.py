"""The Web chat dialog against a real relay: the built-in server at first, the shop's own relay once its
address and owner token check out (the token to the keyring), the script tag for the shop's pages, and
clear words for a wrong token or address."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from shopdesk.channels.webchat.account import ensure_account, own_relay, token_key
from shopdesk.gui.bridge import Tasks
from shopdesk.gui.i18n import install_translators
from shopdesk.gui.widgets.webchat_dialog import WebchatDialog
from shopdesk.secrets import get_secret
from tests.channels.webchat.conftest import relay_server
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.relay_server import OWNER_TOKEN, SITE_KEY

__all__ = ["memory_keyring", "relay_server"]


@pytest.fixture
def dialog(qtbot, ctx, memory_keyring):
    tasks = Tasks(ctx.loop)
    dialog = WebchatDialog(ctx, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()


def connect(qtbot, dialog, url: str, token: str) -> None:
    dialog.address.setText(url)
    dialog.token.setText(token)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: dialog.connect_button.isEnabled() and dialog.tasks.pending == 0, timeout=20000)


def test_the_shops_own_relay_is_checked_kept_and_gives_the_line_for_its_pages(
    qtbot, dialog, ctx, relay_server
):
    assert "inside ShopDesk" in dialog.current.text() and not dialog.copy_button.isEnabled()
    assert not dialog.embedded_button.isEnabled()
    changed = []
    dialog.relay_changed.connect(lambda: changed.append(True))
    dialog.address.setText(relay_server.url + "/")
    dialog.token.setText(OWNER_TOKEN)
    dialog.connect_button.click()
    assert not dialog.connect_button.isEnabled() and not dialog.embedded_button.isEnabled()  # one at a time
    qtbot.waitUntil(lambda: dialog.connect_button.isEnabled() and dialog.tasks.pending == 0, timeout=20000)
    assert dialog.error.text() == "" and changed == [True]
    assert own_relay(ctx.engine) == (relay_server.url, SITE_KEY)
    assert (
        relay_server.url in dialog.current.text() and dialog.token.text() == ""
    )  # the token is not left shown
    tag = f'<script src="{relay_server.url}/widget.js" data-site="{SITE_KEY}" async></script>'
    assert dialog.tag.toPlainText() == tag
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == tag
    assert get_secret(token_key(ensure_account(ctx.engine)[0])) == OWNER_TOKEN  # in the keyring
    dialog.grab().save("/tmp/webchat_dialog_en.png")

    dialog.embedded_button.click()
    qtbot.waitUntil(lambda: len(changed) == 2)
    assert own_relay(ctx.engine) is None and "inside ShopDesk" in dialog.current.text()


def test_a_wrong_token_or_address_is_said_and_nothing_changes(qtbot, qapp, dialog, ctx, relay_server):
    connect(qtbot, dialog, relay_server.url, "not-the-owner-token")
    assert "refused the owner token" in dialog.error.text()
    connect(qtbot, dialog, "chat.my-shop.com", OWNER_TOKEN)
    assert "is not a web address" in dialog.error.text()
    install_translators(qapp, "tr")  # the same refusal in the owner's language
    try:
        connect(qtbot, dialog, relay_server.url, "not-the-owner-token")
        assert (
            "sahip anahtarını kabul etmedi" in dialog.error.text() and relay_server.url in dialog.error.text()
        )
    finally:
        install_translators(qapp, "en")
    dialog.token.clear()
    dialog.connect_button.click()
    assert "owner token" in dialog.error.text()
    assert own_relay(ctx.engine) is None
