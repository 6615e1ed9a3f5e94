"""The composer: canned replies with variables, the "/" picker, sending, drafts across restarts, notes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlmodel import select

from shopdesk.context import open_context, shutdown
from shopdesk.core.canned import save_canned
from shopdesk.core.db import read_session
from shopdesk.core.drafts import get_draft
from shopdesk.core.events import ChannelStatus
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Attachment, Direction, Message, OutboxItem
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.composer import Composer
from tests.helpers.items import incoming


def make_composer(qtbot, ctx):
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    composer = Composer(ctx, bridge, tasks)
    qtbot.addWidget(composer)
    composer.resize(700, 300)
    composer.show()
    return composer, bridge, tasks


def close_composer(qtbot, composer, bridge, tasks):
    composer.close()
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()
    bridge.close()


@pytest.fixture
def composer(qtbot, ctx):
    ctx.settings.shop_name = "Lale Butik"
    ctx.settings.owner_name = "Deniz"
    composer, bridge, tasks = make_composer(qtbot, ctx)
    yield composer
    close_composer(qtbot, composer, bridge, tasks)


def conversation(ctx, text="Merhaba, siparişim nerede?", **kwargs) -> int:
    [result] = ingest(ctx.engine, [incoming(text, **kwargs)], blobs=ctx.blobs, publish=ctx.publish)
    return result.conversation_id


def canned(ctx, shortcut, body, title=None, **fields) -> int:
    return save_canned(
        ctx.engine, ctx.publish, title=title or shortcut.title(), shortcut=shortcut, body=body, **fields
    )


def wait_idle(qtbot, composer):
    qtbot.waitUntil(lambda: composer.tasks.pending == 0)


def outbox_messages(ctx) -> list[Message]:
    with read_session(ctx.engine) as s:
        return list(s.exec(select(Message).join(OutboxItem, OutboxItem.message_id == Message.id)))


def test_canned_reply_is_inserted_with_its_variables_filled(qtbot, ctx, composer):
    cid = conversation(ctx, name="Ayşe Demir")
    canned(
        ctx,
        "kargo",
        "Merhaba {{contact.first_name}}, {{shop.name}} adına {{agent.name}}. No: {{conversation.id}}",
    )
    composer.show_conversation(cid)
    qtbot.keyClicks(composer.editor, "/kar")
    assert composer.picker.isVisible()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert composer.editor.toPlainText() == f"Merhaba Ayşe, Lale Butik adına Deniz. No: {cid}"
    assert not composer.picker.isVisible()
    assert composer.warning.isHidden()


def test_a_variable_without_value_stays_visible_selected_and_reported(qtbot, ctx, composer):
    cid = conversation(ctx, sender="ali@example.com", name="")  # only an address: no first name
    canned(ctx, "selam", "Merhaba {{contact.first_name}}, ben {{agent.name}}.")
    composer.show_conversation(cid)
    qtbot.keyClicks(composer.editor, "Tamam. /selam")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Tab)
    assert composer.editor.toPlainText() == "Tamam. Merhaba {{contact.first_name}}, ben Deniz."
    assert composer.editor.textCursor().selectedText() == "{{contact.first_name}}"
    assert composer.warning.isVisible()
    assert "{{contact.first_name}}" in composer.warning.text()
    qtbot.keyClicks(composer.editor, "Ali")  # typing replaces the selected variable
    assert composer.editor.toPlainText() == "Tamam. Merhaba Ali, ben Deniz."
    assert composer.warning.isHidden()


def test_slash_picker_filters_as_you_type_and_closes_on_escape(qtbot, ctx, composer):
    composer.show_conversation(conversation(ctx))
    for shortcut in ("kargo", "kapida", "iade"):
        canned(ctx, shortcut, f"{shortcut} metni")
    qtbot.keyClicks(composer.editor, "/")
    assert composer.picker.shortcuts() == ["iade", "kapida", "kargo"]
    qtbot.keyClicks(composer.editor, "ka")
    assert composer.picker.shortcuts() == ["kapida", "kargo"]
    qtbot.keyClick(composer.editor, Qt.Key.Key_Down)
    assert composer.picker.current_reply().shortcut == "kargo"
    qtbot.keyClicks(composer.editor, "r")
    assert composer.picker.shortcuts() == ["kargo"]
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    assert not composer.picker.isVisible()
    qtbot.keyClicks(composer.editor, "g")  # the same "/word": stays closed after Esc
    assert not composer.picker.isVisible()
    assert composer.editor.toPlainText() == "/karg"


def test_slash_inside_a_word_does_not_open_the_picker(qtbot, ctx, composer):
    composer.show_conversation(conversation(ctx))
    canned(ctx, "kargo", "x")
    qtbot.keyClicks(composer.editor, "1/2 ve http://k")
    assert not composer.picker.isVisible()
    composer.open_canned()  # the "/" shortcut starts a new "/word"
    assert composer.editor.toPlainText() == "1/2 ve http://k /"
    assert composer.picker.isVisible()


def test_enter_breaks_the_line_and_ctrl_enter_queues_the_reply(qtbot, ctx, composer):
    cid = conversation(ctx)
    composer.show_conversation(cid)
    qtbot.keyClicks(composer.editor, "Merhaba")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(composer.editor, "Yarin kargoda.")
    assert outbox_messages(ctx) == []
    with qtbot.waitSignal(composer.sent) as sent:
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent.args == [cid]
    [message] = outbox_messages(ctx)
    assert message.text == "Merhaba\nYarin kargoda."
    assert message.author == "Deniz"
    assert message.conversation_id == cid
    assert composer.editor.toPlainText() == ""


def test_send_to_an_offline_channel_says_it_is_queued(qtbot, ctx, composer):
    composer.show_conversation(conversation(ctx, channel="telegram", sender="4242"))
    qtbot.keyClicks(composer.editor, "Kargonuz yolda")
    composer.send()
    qtbot.waitUntil(lambda: composer.status.isVisible())
    assert composer.status.text() == "Queued: Telegram is offline; it will be sent when it is back."
    assert composer.status.property("tone") == "warning"


def test_send_to_an_online_channel_says_sending_then_follows_the_outbox(qtbot, ctx, composer):
    ctx.publish(ChannelStatus("fake", None, "connected"))
    composer.show_conversation(conversation(ctx))
    qtbot.keyClicks(composer.editor, "Tamam")
    composer.send()
    qtbot.waitUntil(lambda: composer.status.isVisible())
    assert composer.status.text() == "Sending…"
    from shopdesk.core.outbox import claim_due, transition

    [item_id] = claim_due(ctx.engine, ctx.publish)
    transition(ctx.engine, ctx.publish, item_id=item_id, to="sent")
    qtbot.waitUntil(lambda: composer.status.text() == "Sent ✓")


def test_draft_is_restored_after_a_restart(qtbot, ctx, data_paths):
    cid = conversation(ctx)
    composer, bridge, tasks = make_composer(qtbot, ctx)
    composer.show_conversation(cid)
    qtbot.keyClicks(composer.editor, "Yarin ararim, ")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(composer.editor, "tesekkurler")
    close_composer(qtbot, composer, bridge, tasks)  # closing saves what is waiting
    shutdown(ctx)

    reopened = open_context(data_paths.root)
    try:
        composer, bridge, tasks = make_composer(qtbot, reopened)
        composer.show_conversation(cid)
        assert composer.editor.toPlainText() == "Yarin ararim, \ntesekkurler"
        close_composer(qtbot, composer, bridge, tasks)
    finally:
        shutdown(reopened)


def test_draft_is_saved_while_typing_kept_per_conversation_and_cleared_by_a_send(qtbot, ctx, composer):
    first = conversation(ctx, sender="a@example.com")
    second = conversation(ctx, sender="b@example.com")
    composer.show_conversation(first)
    qtbot.keyClicks(composer.editor, "taslak")

    def stored(cid):
        with read_session(ctx.engine) as s:
            return get_draft(s, conversation_id=cid)

    qtbot.waitUntil(lambda: stored(first) == "taslak")  # debounced, without switching away
    composer.show_conversation(second)
    assert composer.editor.toPlainText() == ""
    composer.show_conversation(first)
    assert composer.editor.toPlainText() == "taslak"
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, composer)
    qtbot.waitUntil(lambda: stored(first) == "")
    composer.show_conversation(second)
    composer.show_conversation(first)
    assert composer.editor.toPlainText() == ""


def test_suggestions_come_from_the_customers_words_with_turkish_folding(qtbot, ctx, composer):
    canned(ctx, "kargo", "Kargonuz yolda.", title="Kargo takibi")
    canned(ctx, "iade", "İade formu ekte.", title="İade")
    canned(ctx, "beden", "Beden tablosu ürün sayfasında.", title="Beden tablosu")
    cid = conversation(ctx, "KARGO TAKİBİ NASIL YAPILIR?")
    composer.show_conversation(cid)
    assert composer.suggestions.isVisible()
    assert composer.suggestions.titles() == ["Kargo takibi"]
    qtbot.mouseClick(composer.suggestions.buttons[0], Qt.MouseButton.LeftButton)
    assert composer.editor.toPlainText() == "Kargonuz yolda."

    conversation(ctx, "ışık kaçtı, İADE etmek istiyorum")  # a new message changes the suggestions
    qtbot.waitUntil(lambda: composer.suggestions.titles() == ["İade"])


def test_private_note_is_stored_and_not_sent(qtbot, ctx, composer):
    cid = conversation(ctx)
    composer.show_conversation(cid)
    composer.note_mode.click()
    assert composer.send_button.text() == "Add note"
    qtbot.keyClicks(composer.editor, "Musteri VIP")
    composer.send()
    wait_idle(qtbot, composer)
    with read_session(ctx.engine) as s:
        notes = s.exec(select(Message).where(Message.direction == Direction.NOTE)).all()
    assert [(n.text, n.author, n.conversation_id) for n in notes] == [("Musteri VIP", "Deniz", cid)]
    assert outbox_messages(ctx) == []
    assert composer.status.text() == "Private note added."


def test_unfilled_variables_need_a_second_ctrl_enter(qtbot, ctx, composer):
    composer.show_conversation(conversation(ctx))
    composer.editor.setPlainText("Merhaba {{contact.first_name}}")
    composer.send()
    wait_idle(qtbot, composer)
    assert outbox_messages(ctx) == []
    assert "{{contact.first_name}}" in composer.status.text()
    composer.send()
    wait_idle(qtbot, composer)
    assert [m.text for m in outbox_messages(ctx)] == ["Merhaba {{contact.first_name}}"]


def test_attached_files_go_to_the_blob_store_and_with_the_reply(qtbot, ctx, composer, tmp_path):
    cid = conversation(ctx)
    invoice = tmp_path / "fatura.pdf"
    invoice.write_bytes(b"%PDF-1.4 fatura")
    composer.show_conversation(cid)
    composer.add_files([invoice])
    qtbot.waitUntil(lambda: len(composer.attachments.refs()) == 1)
    [ref] = composer.attachments.refs()
    assert ctx.blobs.get(ref.sha256) == b"%PDF-1.4 fatura"
    qtbot.keyClicks(composer.editor, "Faturaniz ekte")
    composer.send()
    wait_idle(qtbot, composer)
    with read_session(ctx.engine) as s:
        [att] = s.exec(select(Attachment)).all()
    assert (att.filename, att.mime_type, att.size, att.sha256) == (
        "fatura.pdf",
        "application/pdf",
        15,
        ref.sha256,
    )
    assert composer.attachments.refs() == []


def test_canned_reply_attachments_come_along(qtbot, ctx, composer):
    digest = ctx.blobs.put(b"size chart")
    refs = f'[{{"sha256": "{digest}", "name": "beden.png", "mime": "image/png", "size": 10}}]'
    canned(ctx, "beden", "Tablo ekte.", attachments_json=refs)
    composer.show_conversation(conversation(ctx))
    qtbot.keyClicks(composer.editor, "/bed")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Enter)
    assert [r.name for r in composer.attachments.refs()] == ["beden.png"]


def test_nothing_selected_disables_the_composer(ctx, composer):
    composer.show_conversation(None)
    assert not composer.editor.isEnabled()
    assert not composer.send_button.isEnabled()


def test_the_picker_closes_when_the_editor_loses_focus(qtbot, ctx, composer):
    composer.show_conversation(conversation(ctx))
    canned(ctx, "kargo", "x")
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, "/ka")
    assert composer.picker.isVisible()
    composer.send_button.setFocus()
    qtbot.waitUntil(lambda: not composer.picker.isVisible())
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, "r")  # typing in the same "/word" opens it again
    assert composer.picker.shortcuts() == ["kargo"]
    assert composer.picker.isVisible()
