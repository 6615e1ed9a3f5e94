"""The email accounts dialog: presets by domain, validation, save to the keyring, remove, test connection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from shopdesk import APP_ID
from shopdesk.channels.email.account import EmailAccount, Problem, add_account, get_account, list_accounts
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Conversation
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.email_account_dialog import EmailAccountDialog, restart_email_account
from tests.helpers.dovecot import dovecot_server, free_port, mail_user  # noqa: F401
from tests.helpers.items import incoming
from tests.helpers.memory_keyring import memory_keyring  # noqa: F401
from tests.helpers.smtp_server import smtp_server  # noqa: F401


@pytest.fixture
def dialog(qtbot, ctx, memory_keyring):  # noqa: F811
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    dialog = EmailAccountDialog(ctx, bridge, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=30000)
    tasks.shutdown()
    bridge.close()


def fill(qtbot, dialog, account: EmailAccount, password: str) -> None:
    form = dialog.form
    qtbot.keyClicks(form.address, account.address)
    form.display_name.setText(account.display_name)
    for service in ("imap", "smtp"):
        getattr(form, f"{service}_host").setText(getattr(account, f"{service}_host"))
        combo = getattr(form, f"{service}_security")
        combo.setCurrentIndex(combo.findData(getattr(account, f"{service}_security")))
        getattr(form, f"{service}_port").setValue(getattr(account, f"{service}_port"))
    form.user.setText(account.user)
    form.password.setText(password)


OUTLOOK = (("outlook.office365.com", 993, "ssl"), ("smtp-mail.outlook.com", 587, "starttls"))
YANDEX = (("imap.yandex.com", 993, "ssl"), ("smtp.yandex.com", 465, "ssl"))


@pytest.mark.parametrize(
    ("address", "servers", "provider"),
    [
        ("dukkan@gmail.com", (("imap.gmail.com", 993, "ssl"), ("smtp.gmail.com", 465, "ssl")), "Gmail"),
        ("dukkan@outlook.com", OUTLOOK, "Outlook"),
        ("dukkan@hotmail.com", OUTLOOK, "Hotmail"),
        ("dukkan@live.com", OUTLOOK, "Live"),
        ("dukkan@yandex.com", YANDEX, "Yandex"),
        ("dukkan@yandex.com.tr", YANDEX, "Yandex"),
        (
            "dukkan@yahoo.com",
            (("imap.mail.yahoo.com", 993, "ssl"), ("smtp.mail.yahoo.com", 465, "ssl")),
            "Yahoo",
        ),
        (
            "dukkan@icloud.com",
            (("imap.mail.me.com", 993, "ssl"), ("smtp.mail.me.com", 587, "starttls")),
            "iCloud",
        ),
    ],
)
def test_the_address_fills_the_providers_servers_and_app_password_note(
    qtbot, dialog, address, servers, provider
):
    imap, smtp = servers
    form = dialog.form
    assert form.provider_note.isHidden()
    qtbot.keyClicks(form.address, address)
    account = form.account()
    assert (account.imap_host, account.imap_port, account.imap_security) == imap
    assert (account.smtp_host, account.smtp_port, account.smtp_security) == smtp
    assert form.provider_note.isVisibleTo(dialog)
    assert provider in form.provider_note.text() and "app" in form.provider_note.text().lower()


def test_servers_typed_by_hand_stay_when_the_address_changes(qtbot, dialog):
    form = dialog.form
    qtbot.keyClicks(form.address, "info@gmail.com")
    form.imap_host.clear()
    qtbot.keyClicks(form.imap_host, "mail.lalebutik.com")
    form.address.clear()
    qtbot.keyClicks(form.address, "info@yandex.com.tr")
    assert form.account().imap_host == "mail.lalebutik.com"
    assert "Yandex" in form.provider_note.text()  # the note still follows the address


def test_an_unknown_domain_leaves_the_servers_to_the_owner_and_security_moves_the_port(qtbot, dialog):
    form = dialog.form
    qtbot.keyClicks(form.address, "info@lalebutik.com")
    assert form.imap_host.text() == "" and form.provider_note.isHidden()
    form.smtp_security.setCurrentIndex(form.smtp_security.findData("starttls"))
    assert form.smtp_port.value() == 587
    form.smtp_port.setValue(2525)
    form.smtp_security.setCurrentIndex(form.smtp_security.findData("ssl"))
    assert form.smtp_port.value() == 2525  # a port the owner chose stays


def test_missing_and_wrong_fields_are_named_and_nothing_is_saved(qtbot, dialog, ctx):
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.error.text()
    assert "Enter the email address" in error
    assert "incoming mail (IMAP) server" in error and "outgoing mail (SMTP) server" in error
    assert "password" in error
    assert dialog.form.address.property("invalid") is True
    qtbot.keyClicks(dialog.form.address, "info-at-lalebutik")
    dialog.form.imap_host.setText("imap lale com")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "“info-at-lalebutik” is not an email address" in dialog.error.text()
    assert "“imap lale com” can only have letters" in dialog.error.text()
    with read_session(ctx.engine) as session:
        assert list_accounts(session) == []


def test_saving_keeps_the_password_only_in_the_keyring_and_announces_the_account(
    qtbot,
    dialog,
    ctx,
    memory_keyring,  # noqa: F811
):
    account = EmailAccount(
        "info@lalebutik.com", display_name="Lale Butik", imap_host="imap.lale", smtp_host="smtp.lale"
    )
    fill(qtbot, dialog, account, "gizli-1234")
    dialog.form.since.setCurrentIndex(2)  # 90 days
    with qtbot.waitSignal(dialog.account_saved, timeout=10000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    account_id = saved.args[0]
    with read_session(ctx.engine) as session:
        stored = get_account(session, account_id)
    assert (stored.address, stored.display_name, stored.since_days) == (
        "info@lalebutik.com",
        "Lale Butik",
        90,
    )
    assert memory_keyring.secrets == {(APP_ID, f"email:{account_id}"): "gizli-1234"}
    assert dialog.account_ids() == [account_id]
    assert "from the last 90 days" in dialog.notice.text()
    # Editing without typing a password keeps the saved one.
    dialog.form.display_name.setText("Lale Butik İstanbul")
    with qtbot.waitSignal(dialog.account_saved, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with read_session(ctx.engine) as session:
        assert get_account(session, account_id).display_name == "Lale Butik İstanbul"
    assert memory_keyring.secrets[(APP_ID, f"email:{account_id}")] == "gizli-1234"
    # The same address cannot be added twice.
    dialog.new_account()
    fill(qtbot, dialog, account, "x")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "info@lalebutik.com is already set up." in dialog.error.text()


def test_removing_asks_first_and_keeps_the_conversations(qtbot, ctx, memory_keyring):  # noqa: F811
    account_id = add_account(ctx.engine, EmailAccount("info@lale.test", imap_host="i", smtp_host="s"), "pw")
    item = incoming("Kargom nerede?", channel="email", account_id=account_id)
    conversation_id = ingest(ctx.engine, [item], blobs=ctx.blobs, publish=ctx.publish)[0].conversation_id
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    dialog = EmailAccountDialog(ctx, bridge, tasks)
    qtbot.addWidget(dialog)
    asked = []
    dialog.confirm_remove = lambda address: asked.append(address) or False
    dialog.remove()
    assert asked == ["info@lale.test"] and dialog.account_ids() == [account_id]
    dialog.confirm_remove = lambda address: True
    with qtbot.waitSignal(dialog.account_removed, timeout=10000) as removed:
        dialog.remove()
    assert removed.args == [account_id] and dialog.account_ids() == []
    assert "conversations stay" in dialog.notice.text()
    with read_session(ctx.engine) as session:
        assert session.get(Conversation, conversation_id) is not None
    assert memory_keyring.secrets == {}
    tasks.shutdown()
    bridge.close()


def finished_testing(dialog) -> bool:
    return dialog.test_button.isEnabled() and "✗" in dialog.test_result.text()


def test_connection_to_the_real_servers_works(qtbot, dialog, mail_user, smtp_server):  # noqa: F811
    account = mail_user.account(**smtp_server.account_settings())
    fill(qtbot, dialog, account, mail_user.password)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Everything works" in dialog.test_result.text(), timeout=20000)
    assert account.address in dialog.test_result.text()


def test_a_wrong_password_says_so_and_names_the_account(qtbot, dialog, mail_user, smtp_server):  # noqa: F811
    smtp_server.mode = "auth_fail"
    account = mail_user.account(**smtp_server.account_settings())
    fill(qtbot, dialog, account, "yanlis-sifre")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.test_button.isEnabled() and "✗" in dialog.test_result.text(), timeout=20000
    )
    result = dialog.test_result.text()
    login = f"The account {account.address} could not sign in: wrong user name or password."
    assert "Incoming mail (IMAP):" in result and "Outgoing mail (SMTP):" in result
    assert result.count(login) == 2
    assert "app passwords" in result


def test_a_server_name_that_does_not_exist_and_a_closed_port(qtbot, dialog):
    account = EmailAccount("info@lale.test", imap_host="imap.nowhere.invalid", imap_port=993,
                           smtp_host="127.0.0.1", smtp_port=free_port(), smtp_security="none")  # fmt: skip
    fill(qtbot, dialog, account, "pw")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.test_button.isEnabled() and "✗" in dialog.test_result.text(), timeout=30000
    )
    result = dialog.test_result.text()
    assert "The server name imap.nowhere.invalid could not be found — check the spelling." in result
    assert f"Could not connect to 127.0.0.1 on port {account.smtp_port}" in result


def test_every_step_is_worded_for_the_owner(dialog):
    account = EmailAccount("dukkan@gmail.com", imap_host="imap.gmail.com", smtp_host="smtp.gmail.com")
    dialog.form.address.setText("dukkan@gmail.com")
    words = {
        step: dialog.report.describe(Problem("imap", step, detail, ""), account, dialog.form.preset())
        for step, detail in (
            ("tls", "WRONG_VERSION"),
            ("login", "AUTHENTICATIONFAILED"),
            ("folder", "Sent: no"),
        )
    }
    assert "secure connection (TLS) to imap.gmail.com failed" in words["tls"]
    assert (
        "dukkan@gmail.com could not sign in" in words["login"]
        and "Gmail needs an app password" in words["login"]
    )
    assert words["folder"] == "Signed in, but the folder Sent could not be opened."


def test_a_saved_or_removed_account_restarts_its_receiving(qtbot, ctx):
    reloaded = []

    class EmailChannel:
        name = "email"

        def reload(self, account_id):
            reloaded.append(account_id)

    ctx.channels.register(EmailChannel())
    tasks = Tasks(ctx.loop)
    restart_email_account(ctx, tasks, 7)
    qtbot.waitUntil(lambda: reloaded == [7])
    tasks.shutdown()


def test_the_window_offers_the_accounts_and_shows_import_progress(qtbot, ctx):
    from shopdesk.gui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.accounts_action in window.edit_menu.actions()
    assert window.accounts_action.text() == "Email accounts…"
    assert window.import_progress.parent() is not None and window.import_progress.isHidden()
    window.view.link_hovered.emit("https://kargo.example.com/takip")
    assert window.status_bar.currentMessage() == "https://kargo.example.com/takip"
    window.close_down()
