"""The customer pane: details, identities, past conversations, edits, notes and merging two contacts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from shopdesk.core.contacts import update_contact
from shopdesk.core.conversations import set_status
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Contact, Conversation
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.channel_badge import ChannelBadge
from shopdesk.gui.widgets.customer_pane import CustomerPane
from tests.helpers.items import incoming


@pytest.fixture
def pane(qtbot, ctx):
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    pane = CustomerPane(ctx, bridge, tasks)
    qtbot.addWidget(pane)
    pane.resize(320, 700)
    pane.show()
    yield pane
    if pane.merge_dialog is not None:
        pane.merge_dialog.close()
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()
    bridge.close()


def conversation(ctx, text="Merhaba", **kwargs) -> int:
    [result] = ingest(ctx.engine, [incoming(text, **kwargs)], blobs=ctx.blobs, publish=ctx.publish)
    return result.conversation_id


def contact_of(ctx, conversation_id: int) -> Contact:
    with read_session(ctx.engine) as s:
        return s.get(Contact, s.get(Conversation, conversation_id).contact_id)


def test_shows_the_contact_their_addresses_and_conversations(ctx, pane):
    old = conversation(
        ctx, "Eski", channel="email", sender="ayse@example.com", name="Ayşe Demir", minutes_ago=60
    )
    set_status(ctx.engine, ctx.publish, conversation_id=old, status="resolved")
    new = conversation(ctx, "Yeni", channel="email", sender="ayse@example.com", subject="Kargo gecikti")
    pane.show_conversation(new)
    assert pane.title.full_text() == "Ayşe Demir"
    assert pane.edits["email"].text() == "ayse@example.com"
    [identity] = [pane.identities_box.itemAt(i).widget() for i in range(pane.identities_box.count())]
    assert identity.findChild(ChannelBadge).channel == "email"
    assert pane.past.ids() == [new, old]
    assert [r.status.text() for r in pane.past.rows] == ["Open", "Resolved"]
    assert pane.past.rows[0].subject.full_text() == "Kargo gecikti"
    assert pane.past.rows[0].property("current") is True
    assert pane.sections["past"].text() == "CONVERSATIONS (2)"
    assert pane.content.isVisible()
    pane.show_conversation(None)
    assert pane.empty.isVisible()
    assert not pane.content.isVisible()


def test_clicking_a_past_conversation_asks_to_open_it(qtbot, ctx, pane):
    cid = conversation(ctx, channel="telegram", sender="99", name="Mehmet")
    pane.show_conversation(cid)
    [row] = pane.past.rows
    with qtbot.waitSignal(pane.open_conversation) as opened:
        qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert opened.args == [cid]


def test_editing_the_name_saves_it_and_the_pane_follows(qtbot, ctx, pane):
    cid = conversation(ctx, sender="ali@example.com", name="Ali")
    pane.show_conversation(cid)
    edit = pane.edits["name"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Ali Veli")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: contact_of(ctx, cid).name == "Ali Veli")
    qtbot.waitUntil(lambda: pane.title.full_text() == "Ali Veli")


def test_phone_and_notes_are_saved_and_a_bad_email_is_refused(qtbot, ctx, pane):
    cid = conversation(ctx, channel="email", sender="zeynep@example.com", name="Zeynep")
    pane.show_conversation(cid)
    pane.edits["phone"].setText("+90 532 000 00 00")
    pane.edits["phone"].setModified(True)
    pane.edits["phone"].editingFinished.emit()
    pane.notes.setPlainText("VIP müşteri")
    pane.show_conversation(cid)  # switching saves the notes at once
    qtbot.waitUntil(lambda: contact_of(ctx, cid).notes == "VIP müşteri")
    qtbot.waitUntil(lambda: contact_of(ctx, cid).phone == "+90 532 000 00 00")
    pane.edits["email"].setText("not-an-address")
    pane.edits["email"].setModified(True)
    pane.edits["email"].editingFinished.emit()
    assert pane.save_error.isVisible()
    assert contact_of(ctx, cid).email == "zeynep@example.com"


def test_a_change_made_elsewhere_refreshes_the_pane(qtbot, ctx, pane):
    cid = conversation(ctx, sender="can@example.com", name="Can")
    pane.show_conversation(cid)
    update_contact(ctx.engine, ctx.publish, contact_id=contact_of(ctx, cid).id, name="Can Öztürk")
    qtbot.waitUntil(lambda: pane.edits["name"].text() == "Can Öztürk")


def test_merging_two_contacts_moves_the_conversations(qtbot, ctx, pane):
    by_mail = conversation(ctx, "İade", channel="email", sender="ayse@example.com", name="Ayşe Demir")
    by_telegram = conversation(ctx, "Kargo?", channel="telegram", sender="5550", name="Ayşegül D.")
    keep, other = contact_of(ctx, by_mail), contact_of(ctx, by_telegram)
    pane.show_conversation(by_mail)
    dialog = pane.open_merge()
    dialog.search.setText("AYSEGUL")  # Turkish folding finds "Ayşegül"
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    assert not dialog.merge_button.isEnabled()
    assert dialog.select_contact(other.id)
    assert "Ayşegül D." in dialog.summary.text()
    with qtbot.waitSignal(dialog.merged):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert contact_of(ctx, by_telegram).id == keep.id
    with read_session(ctx.engine) as s:
        assert s.get(Contact, other.id) is None
    qtbot.waitUntil(lambda: sorted(pane.past.ids()) == sorted([by_mail, by_telegram]))
    assert pane.identities_box.count() == 2
    assert not dialog.isVisible()


def test_merge_search_leaves_out_the_contact_itself(ctx, pane):
    cid = conversation(ctx, sender="ayse@example.com", name="Ayşe")
    pane.show_conversation(cid)
    dialog = pane.open_merge()
    dialog.search.setText("ayse")
    dialog.refresh()
    assert dialog.results.count() == 0


def test_notes_typed_just_before_another_edit_are_not_lost(qtbot, ctx, pane):
    cid = conversation(ctx, sender="ece@example.com", name="Ece")
    pane.show_conversation(cid)
    pane.notes.setFocus()
    pane.notes.setPlainText("Kapıda ödeme istiyor")  # the notes timer is still running
    edit = pane.edits["name"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Ece Kaya")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: contact_of(ctx, cid).name == "Ece Kaya")
    assert pane.notes.toPlainText() == "Kapıda ödeme istiyor"
    qtbot.waitUntil(lambda: contact_of(ctx, cid).notes == "Kapıda ödeme istiyor")


def test_names_and_subjects_from_customers_are_never_read_as_html(qtbot):
    from PySide6.QtCore import Qt

    from shopdesk.gui.widgets.customer_parts import ElidedLabel

    label = ElidedLabel("<img src=x onerror=alert(1)> <b>Ayşe</b>")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.full_text() == "<img src=x onerror=alert(1)> <b>Ayşe</b>"
    assert label.toolTip() == "<qt>&lt;img src=x onerror=alert(1)&gt; &lt;b&gt;Ayşe&lt;/b&gt;</qt>"


def test_the_customers_satisfaction_history_is_shown_newest_first(qtbot, ctx, pane):
    from datetime import timedelta

    from shopdesk.core.db import write_session
    from shopdesk.core.models import Survey, utcnow

    first = conversation(ctx, "Eski", channel="email", sender="ayse@example.com", name="Ayşe", minutes_ago=90)
    second = conversation(ctx, "Yeni", channel="email", sender="ayse@example.com", subject="İade")
    pane.show_conversation(second)
    assert not pane.ratings.isVisibleTo(pane) and not pane.sections["ratings"].isVisibleTo(pane)
    contact_id = contact_of(ctx, first).id
    now = utcnow()
    with write_session(ctx.engine) as session:
        for n, (cid, score, comment) in enumerate(((first, 3, ""), (second, 5, "<b>Çok hızlıydınız</b>"))):
            session.add(
                Survey(
                    conversation_id=cid,
                    contact_id=contact_id,
                    channel="email",
                    token=f"t{n}",
                    scheduled_for=now,
                    state="answered",
                    sent_at=now,
                    score=score,
                    comment=comment,
                    answered_at=now - timedelta(days=2 - n),
                )
            )
    pane.reload()
    rows = [pane.ratings.rows.itemAt(i).widget() for i in range(pane.ratings.rows.count())]
    assert [r.text().splitlines()[0].split(" · ")[0] for r in rows] == ["CSAT 5/5", "CSAT 3/5"]
    assert rows[0].text().endswith("“<b>Çok hızlıydınız</b>”")  # the customer's words, as text
    assert rows[0].textFormat() == Qt.TextFormat.PlainText
    assert pane.sections["ratings"].text() == "SATISFACTION"
    assert pane.ratings.isVisibleTo(pane)
