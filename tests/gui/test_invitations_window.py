"""The Proactive invitations window over a small shop: the rules with their conditions in words and what
each did; adding, editing, pausing, deleting and reordering saved through core; the editor's checks and
its preview."""

from __future__ import annotations

import pytest

from shopdesk.channels.webchat.sink import store_events
from shopdesk.core import invitations
from shopdesk.core.db import read_session
from shopdesk.core.events import CannedChanged
from shopdesk.core.invitations import Rule
from shopdesk.gui.bridge import Tasks
from shopdesk.gui.widgets.invitation_editor import InvitationEditor
from shopdesk.gui.widgets.invitations_window import CHANGE_DELAY_MS, COLUMNS, InvitationsWindow
from tests.core.test_carts import ago
from tests.core.test_invitations import Relay, cart_rule, product_rule

PAUSED = Rule(id="r_gece", name="Gece", enabled=False, when_away=True, message_en="We're closed, write us!")


@pytest.fixture
def shop(ctx) -> Relay:
    """Three rules; Ayşe and Bora saw the product one (Ayşe answered, Bora ordered), Cem the cart one."""
    ctx.settings.owner_name = "Deniz"
    invitations.save_rules(ctx.engine, ctx.publish, [product_rule(), cart_rule(returning=True), PAUSED])
    relay = Relay(ctx.engine)
    relay.shown("ayse", "r_urun", at=ago(days=2))
    relay.answer("ayse", "r_urun", at=ago(days=2))
    relay.shown("bora", "r_urun", at=ago(days=1))
    relay.order("bora", at=ago(hours=20), value=700)
    relay.shown("cem", "r_sepet", at=ago(hours=3))
    relay.shown("eski", "r_silindi", at=ago(hours=3))  # a rule deleted since: not shown
    return relay


@pytest.fixture
def tasks(qtbot, ctx):
    tasks = Tasks(ctx.loop)
    yield tasks
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()


def opened(qtbot, ctx, tasks) -> InvitationsWindow:
    """The window as the View menu opens it, once its first load is shown."""
    window = InvitationsWindow(ctx, tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loads >= 1)
    return window


@pytest.fixture
def window(qtbot, ctx, shop, tasks) -> InvitationsWindow:
    return opened(qtbot, ctx, tasks)


def column(window, name) -> list[str]:
    table = window.table
    return [table.item(row, COLUMNS.index(name)).text() for row in range(table.rowCount())]


def stored(ctx) -> list[Rule]:
    with read_session(ctx.engine) as session:
        return invitations.load_rules(session)


def saved(qtbot, window, count: int) -> None:
    qtbot.waitUntil(lambda: window.saves >= count)
    assert window.error.text() == ""


def test_the_rules_show_their_conditions_and_what_they_did(window):
    assert column(window, "name") == ["Ürün sayfasında 30 sn", "Dolu sepet", "Gece"]
    assert column(window, "conditions") == [
        "on */urun/* after 30 s",
        "on every page, cart ≥ 500, returning visitors",
        "on every page, also while away",
    ]
    assert column(window, "shown") == ["2", "1", "0"]
    assert column(window, "chats") == ["1", "0", "0"]
    assert column(window, "orders") == ["1", "0", "0"]
    assert column(window, "chat_rate") == ["50 %", "0 %", "—"]
    on = [window.table.item(row, 0).checkState() for row in range(3)]
    assert [state.name for state in on] == ["Checked", "Checked", "Unchecked"]
    assert "24 hours" in window.intro.text() and "last 30 days" in window.intro.text()
    assert not window.empty.isVisible()
    window.grab().save("/tmp/invitations_en.png")


def test_the_figures_follow_the_visitors_while_the_window_is_open(qtbot, window, ctx, shop):
    window.status.setText("Saved; …")  # what the owner was last told stays: a live reload is quiet
    loads = window.loads
    shown = {"name": "invitation_shown", "data": {"rule": "r_sepet"}}
    at = ago(minutes=1).isoformat()
    dana = {"seq": 100, "id": "e_100", "kind": "track", "visitor_id": "dana", "at": at, "data": shown}
    store_events(ctx.engine, ctx.blobs, ctx.publish, shop.account_id, [dana], {})  # as the relay's batch
    qtbot.waitUntil(lambda: column(window, "shown") == ["2", "2", "0"])
    assert window.loads == loads + 1 and window.status.text() == "Saved; …"
    store_events(
        ctx.engine, ctx.blobs, ctx.publish, shop.account_id, [{**dana, "seq": 101, "kind": "ping"}], {}
    )
    qtbot.wait(CHANGE_DELAY_MS + 300)
    assert window.loads == loads + 1  # a batch without invitation events reloads nothing

    window.table.selectRow(1)
    window.buttons["delete"].click()  # the first click asks; the figures reload before the second
    eda = {**dana, "seq": 102, "visitor_id": "eda"}
    store_events(ctx.engine, ctx.blobs, ctx.publish, shop.account_id, [eda], {})
    qtbot.waitUntil(lambda: column(window, "shown") == ["2", "3", "0"])
    assert window.buttons["delete"].text() == "Delete? Click again"
    window.buttons["delete"].click()
    saved(qtbot, window, 1)
    assert [rule.id for rule in stored(ctx)] == ["r_urun", "r_gece"]


def test_a_rule_added_in_the_editor_is_saved_at_the_end_and_chosen(qtbot, window, ctx):
    told = []
    ctx.bus.subscribe(told.append, CannedChanged)
    window.buttons["add"].click()
    editor = window.editor
    assert editor.isVisible() and editor.seconds.value() == 30 and editor.enabled.isChecked()
    editor.name.setText("Google'dan gelen")
    editor.url.setText("*/kategori/*")
    editor.referrer.setText("google")
    editor.keyword.setText("Kılıf")
    editor.cart.setValue(250.5)
    editor.returning.setCurrentIndex(2)
    editor.message["tr"].setPlainText("Aradığınızı bulamadınız mı? Yardım edelim.")
    editor.button_box.button(editor.button_box.StandardButton.Save).click()
    saved(qtbot, window, 1)
    rules = stored(ctx)
    new = rules[-1]
    assert [r.id for r in rules[:3]] == ["r_urun", "r_sepet", "r_gece"] and invitations.RULE_ID.match(new.id)
    assert (new.name, new.url, new.referrer, new.keyword) == (
        "Google'dan gelen",
        "*/kategori/*",
        "google",
        "Kılıf",
    )
    assert (new.min_cart_value, new.returning, new.message_en, new.seconds_on_page) == (250.5, False, "", 30)
    assert window.selected_row() == 3 and told
    assert column(window, "conditions")[3] == (
        "on */kategori/* after 30 s, cart ≥ 250.50, first visits, coming from “google”, searched for “Kılıf”"
    )


def test_the_editor_says_what_is_missing_and_stays_open(qtbot, window, ctx):
    window.add_rule()
    editor = window.editor
    editor.accept()
    assert editor.isVisible() and "name" in editor.error.text()
    editor.name.setText("Boş mesaj")
    editor.accept()
    assert (
        editor.isVisible() and editor.error.text() == "Write the message in Turkish, in English or in both."
    )
    editor.message["en"].setPlainText("x" * 501)
    editor.accept()
    assert editor.error.text() == "A message can be at most 500 characters long."
    editor.reject()
    assert window.saves == 0 and len(stored(ctx)) == 3


def test_editing_a_rule_changes_only_it(qtbot, window, ctx):
    window.table.selectRow(1)
    window.buttons["edit"].click()
    editor = window.editor
    assert (editor.name.text(), editor.cart.value(), editor.returning.currentIndex()) == (
        "Dolu sepet",
        500,
        1,
    )
    editor.seconds.setValue(90)
    editor.when_away.setChecked(True)
    editor.accept()
    saved(qtbot, window, 1)
    rules = stored(ctx)
    assert rules[1] == cart_rule(returning=True, seconds_on_page=90, when_away=True)
    assert rules[0] == product_rule() and rules[2] == PAUSED
    assert (
        column(window, "conditions")[1]
        == "on every page after 90 s, cart ≥ 500, returning visitors, also while away"
    )
    assert column(window, "shown")[1] == "1"  # its figures stay


def test_pausing_deleting_and_moving_are_saved(qtbot, window, ctx):
    window.table.item(0, 0).setCheckState(window.table.item(0, 0).checkState().Unchecked)
    saved(qtbot, window, 1)
    assert [r.enabled for r in stored(ctx)] == [False, True, False]
    with read_session(ctx.engine) as session:
        assert [r["id"] for r in invitations.relay_rules(session)] == ["r_sepet"]
    window.table.selectRow(0)
    window.buttons["down"].click()
    saved(qtbot, window, 2)
    assert [r.id for r in stored(ctx)] == ["r_sepet", "r_urun", "r_gece"] and window.selected_row() == 1
    window.table.selectRow(2)
    window.buttons["up"].click()
    saved(qtbot, window, 3)
    assert [r.id for r in stored(ctx)] == ["r_sepet", "r_gece", "r_urun"]
    assert column(window, "shown") == ["1", "0", "2"]  # the figures move with their rules
    assert window.selected_row() == 1 and window.buttons["down"].isEnabled()
    window.table.selectRow(2)
    assert not window.buttons["down"].isEnabled()  # the last row
    window.buttons["delete"].click()
    assert window.buttons["delete"].text() == "Delete? Click again" and len(stored(ctx)) == 3
    window.buttons["delete"].click()
    saved(qtbot, window, 4)
    assert [r.id for r in stored(ctx)] == ["r_sepet", "r_gece"]
    assert window.buttons["delete"].text() == "Delete"
    with read_session(ctx.engine) as session:
        assert invitations.stats(session, since=ago(days=30))["r_urun"]["shown"] == 2  # its events stay


def test_a_shop_without_rules_is_told_how_to_start(qtbot, ctx, tasks):
    window = opened(qtbot, ctx, tasks)
    assert window.empty.isVisible() and not window.table.isVisible()
    assert window.buttons["add"].isEnabled() and not window.buttons["edit"].isEnabled()


def test_a_load_overtaken_by_a_save_never_brings_the_old_rules_back(qtbot, window, ctx):
    old = window.data
    window.reload()  # still running when the save starts
    window.table.selectRow(0)
    window.buttons["down"].click()
    saved(qtbot, window, 1)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    window._loaded(window._generation - 1, old)  # what the overtaken load would deliver
    assert column(window, "name")[:2] == ["Dolu sepet", "Ürün sayfasında 30 sn"]


def test_the_preview_bubble_follows_the_language_and_falls_back(qtbot):
    editor = InvitationEditor(product_rule(message_en=""), sender="Deniz")
    qtbot.addWidget(editor)
    editor.show()
    assert editor.sender_label.text() == "Deniz"
    assert (
        editor.bubble.text() == "Merhaba! Bu ürünle ilgili sorunuz var mı?"
        and editor.preview_note.text() == ""
    )
    assert editor.counter["tr"].text() == "41 / 500"
    editor.languages.setCurrentIndex(1)
    assert editor.bubble.text() == "Merhaba! Bu ürünle ilgili sorunuz var mı?"
    assert editor.preview_note.text().startswith("Empty: visitors whose browser is not in Turkish")
    editor.message["en"].setPlainText("<b>Hi!</b> Need help?")
    assert editor.bubble.text() == "<b>Hi!</b> Need help?"  # shown as text, never as HTML
    assert editor.bubble.textFormat().name == "PlainText"
    editor.grab().save("/tmp/invitation_editor_en.png")
