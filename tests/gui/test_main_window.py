"""The main window on a store with data: panes, j/k, the "?" dialog, live updates through the bridge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from shopdesk.core.events import ChannelStatus
from shopdesk.core.ingest import ingest
from shopdesk.gui.main_window import MainWindow
from shopdesk.gui.widgets.shortcuts_dialog import SHORTCUTS, key_text
from tests.helpers.items import incoming

CUSTOMERS = [
    ("ayse@example.com", "Ayşe Demir", "Siparişim nerede?"),
    ("john@example.com", "John Carter", "The mug arrived broken."),
    ("zeynep@example.com", "Zeynep Şahin", "İade kodu gelmedi."),
]


def receive(ctx, text, sender, name, minutes_ago=0) -> int:
    item = incoming(text, sender=sender, name=name, minutes_ago=minutes_ago)
    [result] = ingest(ctx.engine, [item], blobs=ctx.blobs, publish=ctx.publish)
    return result.conversation_id


@pytest.fixture
def window(qtbot, ctx):
    ctx.settings.shop_name = "Lale Butik"
    for minutes, (sender, name, text) in enumerate(CUSTOMERS):
        receive(ctx, text, sender, name, minutes_ago=10 + minutes)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window.close_down()


def current_name(window) -> str:
    return window.actions_bar.title.full_text()


def test_the_window_opens_on_the_newest_conversation(qtbot, window):
    assert window.windowTitle() == "Lale Butik — ShopDesk"
    assert window.list_pane.model.rowCount() == 3
    assert current_name(window) == "Ayşe Demir"
    assert "Siparişim nerede?" in window.view.toPlainText()
    assert window.composer.conversation_id == window.list_pane.current_conversation()


def test_first_paint_is_signalled_once(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    window.close_down()


def test_j_and_k_move_through_the_list(qtbot, window):
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_J)
    assert current_name(window) == "John Carter"
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_J)
    assert current_name(window) == "Zeynep Şahin"
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_K)
    assert current_name(window) == "John Carter"
    window.view.setFocus()  # reading the conversation: the letters still move through the list
    qtbot.keyClick(window.view, Qt.Key.Key_K)
    assert current_name(window) == "Ayşe Demir"


def test_letters_typed_in_a_text_field_are_text_not_shortcuts(qtbot, window):
    window.list_pane.focus_search()
    qtbot.keyClicks(window.list_pane.search, "jek")
    assert window.list_pane.search.text() == "jek"
    assert current_name(window) == "Ayşe Demir"
    window.composer.focus_reply()
    qtbot.keyClicks(window.composer.editor, "e j")
    assert window.composer.editor.toPlainText().endswith("e j")
    assert window.actions_bar.resolve_button.text().startswith("Resolve")


def test_ctrl_k_focuses_the_search_box(qtbot, window):
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.list_pane.search.hasFocus()


def test_question_mark_lists_every_shortcut(qtbot, window):
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Question)
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    shown = [key for key, _text in dialog.rows()]
    assert shown == [key_text(key) for _name, key, _text in SHORTCUTS]
    assert all(text for _key, text in dialog.rows())
    dialog.close()


def test_e_resolves_the_open_conversation(qtbot, window, ctx):
    first = window.list_pane.current_conversation()
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: window.list_pane.model.row_of(first) == -1)  # gone from the "Open" list
    assert window.list_pane.model.rowCount() == 2
    qtbot.waitUntil(lambda: current_name(window) == "John Carter")  # on to the next one
    assert window.list_pane.current_conversation() != first


def test_a_new_message_shows_up_in_the_list_through_the_bridge(qtbot, window, ctx):
    cid = receive(ctx, "Merhaba, yeni bir sorum var", "new@example.com", "Yeni Müşteri")
    model = window.list_pane.model
    qtbot.waitUntil(lambda: model.row_of(cid) == 0)
    assert model.data(model.index(0), model.NameRole) == "Yeni Müşteri"
    assert current_name(window) == "Ayşe Demir"  # the open conversation stays open


def test_channel_states_reach_the_status_bar(qtbot, window, ctx):
    ctx.publish(ChannelStatus("telegram", None, "auth_failed", "Bot token rejected"))
    qtbot.waitUntil(lambda: "sign-in failed" in window.status_bar.channel_text("telegram"))


def test_back_up_now_writes_a_copy_of_the_store(qtbot, window, ctx):
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: any(ctx.paths.backups.glob("manual-*.sqlite3")))
    qtbot.waitUntil(lambda: "Backup saved" in window.status_bar.currentMessage())


def test_the_help_menu_opens_the_demo_shop_of_the_embedded_relay(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr("shopdesk.gui.main_window.QDesktopServices.openUrl", opened.append)
    window.open_demo_shop()
    assert opened == []  # no web chat registered: the owner is told to wait, nothing opens
    assert "has not started" in window.status_bar.currentMessage()

    class Webchat:
        name = "webchat"
        demo_url = "http://127.0.0.1:8765/demo"

    window.ctx.channels.register(Webchat())
    window.demo_shop_action.trigger()
    assert [url.toString() for url in opened] == ["http://127.0.0.1:8765/demo"]


def test_the_live_visitors_window_opens_once_and_leads_to_the_conversation(qtbot, window):
    window.visitors_action.trigger()
    dialog = window.visitors_dialog
    assert dialog is not None and dialog.isVisible()
    window.visitors_action.trigger()
    assert window.visitors_dialog is dialog  # raised again, not a second window
    older = window.list_pane.model.conversation_id(2)
    dialog.open_conversation.emit(older)
    qtbot.waitUntil(lambda: window.list_pane.current_conversation() == older)
    dialog.close()


def test_the_first_run_wizard_comes_on_a_new_inbox_and_leads_to_the_chosen_channel(qtbot, ctx, monkeypatch):
    import shopdesk.gui.main_window as main_window

    made, opened = [], []

    class Wizard:  # the real wizard has tests of its own: here only what the window does with its answer
        def __init__(self, *args):
            made.append(self)
            self.chosen_channel = "telegram"

        def exec(self):
            ctx.settings.shop_name, ctx.settings.owner_name = "Lale Butik", "Elif"
            return 1

    monkeypatch.setattr(main_window, "FirstRunWizard", Wizard)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "open_telegram_bots", lambda: opened.append("telegram"))
    window.offer_first_run()
    assert len(made) == 1 and opened == ["telegram"]
    assert window.windowTitle() == "Lale Butik — ShopDesk"
    window.offer_first_run()  # named now: not again
    assert len(made) == 1
    window.close_down()


def test_the_reports_window_opens_once(qtbot, window):
    window.reports_action.trigger()
    reports = window.reports_window
    assert reports is not None and reports.isVisible()
    window.reports_action.trigger()
    assert window.reports_window is reports
    qtbot.waitUntil(lambda: not reports.loading())
    reports.close()


def test_the_away_switch_is_kept_and_told_to_the_web_chat(qtbot, window):
    from shopdesk.core.automation import load_automation_settings
    from shopdesk.core.db import read_session

    told = []

    class Webchat:
        name = "webchat"

        async def set_presence(self, status):
            told.append(status)

    window.ctx.channels.register(Webchat())
    window.ctx.loop.start()  # the app's loop, as start_runtime starts it (shutdown stops it)
    assert not window.away_action.isChecked()
    window.away_action.trigger()

    def stored_away():
        with read_session(window.ctx.engine) as session:
            return load_automation_settings(session).away

    qtbot.waitUntil(lambda: stored_away() and told == ["away"])
    window.away_action.trigger()
    qtbot.waitUntil(lambda: not stored_away() and told == ["away", "online"])
