"""The live visitors window: who is on the site now, and opening the chat of one who wrote."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.live_visitors import LiveVisitorsDialog
from tests.gui.test_visitor_section import XSS, Site


@pytest.fixture
def site(ctx) -> Site:
    return Site(ctx)


@pytest.fixture
def make_dialog(qtbot, ctx):
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)

    def make() -> LiveVisitorsDialog:
        dialog = LiveVisitorsDialog(ctx, bridge, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.loads >= 1)
        return dialog

    yield make
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()
    bridge.close()


def names(dialog: LiveVisitorsDialog) -> list[str]:
    return [dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())]


def select(dialog: LiveVisitorsDialog, name: str):
    item = dialog.list.findItems(name, Qt.MatchFlag.MatchExactly, 0)[0]
    dialog.list.setCurrentItem(item)
    return item


def test_only_visitors_on_the_site_now_are_listed(site, make_dialog):
    site.arrive("v_gone", "https://shop.example/", "Ana sayfa", minutes_ago=40)  # seen 40 min ago
    site.arrive("v_left", "https://shop.example/", "Ana sayfa")
    site.send("v_left", "left", {})
    site.arrive("v_ayse", "https://shop.example/vazo", "Raku vazo", minutes_ago=12)
    site.send("v_ayse", "identify", {"name": "Ayşe"})
    site.cart("v_ayse", 1150, [{"name": "Raku vazo", "quantity": 1}])
    site.arrive("v_sessiz", "https://shop.example/kupa", "El yapımı kupa", minutes_ago=3)
    dialog = make_dialog()
    assert sorted(names(dialog)) == ["Ayşe", "Visitor"]
    ayse = select(dialog, "Ayşe")
    assert ayse.text(1) == "Raku vazo"
    assert ayse.text(2).endswith(" TRY") and ayse.text(3) == "12 min"
    assert dialog.count.text() == "2 visitor(s) on the site now"
    dialog.layout().activate()
    dialog.grab().save("/tmp/visitors_live.png")


def test_open_chat_opens_the_visitors_conversation(qtbot, site, make_dialog):
    site.arrive("v_ayse", "https://shop.example/vazo", "Raku vazo")
    conversation_id = site.say("v_ayse", "Merhaba", name="Ayşe")
    site.arrive("v_sessiz", "https://shop.example/kupa", "El yapımı kupa")
    dialog = make_dialog()
    select(dialog, "Visitor")
    assert dialog.open_button.isEnabled() and dialog.open_button.text() == "Start a chat"
    assert dialog.hint.isVisibleTo(dialog)
    item = select(dialog, "Ayşe")
    assert dialog.open_button.isEnabled() and dialog.open_button.text() == "Open chat"
    with qtbot.waitSignal(dialog.open_conversation) as opened:
        dialog.open_button.click()
    assert opened.args == [conversation_id]
    with qtbot.waitSignal(dialog.open_conversation) as opened:
        dialog.list.itemDoubleClicked.emit(item, 0)
    assert opened.args == [conversation_id]


def test_the_list_follows_visitors_as_they_come_and_go(qtbot, site, make_dialog):
    dialog = make_dialog()
    assert names(dialog) == [] and dialog.empty.isVisibleTo(dialog)
    dialog.grab().save("/tmp/visitors_live_empty.png")
    site.arrive("v_yeni", "https://shop.example/", XSS)
    qtbot.waitUntil(lambda: names(dialog) == ["Visitor"])
    assert dialog.list.topLevelItem(0).text(1) == XSS  # item views show text as text
    site.send("v_yeni", "left", {})
    qtbot.waitUntil(lambda: names(dialog) == [])


def test_start_a_chat_with_a_visitor_who_has_not_written(qtbot, ctx, site, make_dialog):
    from shopdesk.core import visitors
    from shopdesk.core.db import read_session
    from shopdesk.core.models import Conversation

    site.arrive("v_sessiz", "https://shop.example/kupa", "El yapımı kupa")
    dialog = make_dialog()
    select(dialog, "Visitor")
    with qtbot.waitSignal(dialog.open_conversation) as opened:
        dialog.open_button.click()
    [conversation_id] = opened.args
    with read_session(ctx.engine) as session:
        conversation = session.get(Conversation, conversation_id)
        assert (conversation.channel, conversation.status) == ("webchat", "open")
        assert visitors.visitor_id_of_conversation(session, conversation_id=conversation_id) == "v_sessiz"
    qtbot.waitUntil(lambda: dialog.open_button.text() == "Open chat")  # the list reloaded: now it has one
    with qtbot.waitSignal(dialog.open_conversation) as again:
        dialog.open_button.click()
    assert again.args == [conversation_id]
