"""The canned replies manager: create, edit, delete, duplicate shortcuts, variables, files, preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlmodel import select

from shopdesk.core.canned import save_canned
from shopdesk.core.db import read_session
from shopdesk.core.file_refs import parse_refs
from shopdesk.core.models import CannedReply
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.canned_manager import CannedManagerDialog


@pytest.fixture
def open_manager(qtbot, ctx):
    made = []

    def make():
        bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
        dialog = CannedManagerDialog(ctx, bridge, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        made.append((dialog, bridge, tasks))
        return dialog

    yield make
    for _dialog, bridge, tasks in made:
        qtbot.waitUntil(lambda t=tasks: t.pending == 0)
        tasks.shutdown()
        bridge.close()


def stored(ctx) -> dict[str, CannedReply]:
    with read_session(ctx.engine) as s:
        return {r.shortcut: r for r in s.exec(select(CannedReply))}


def add(ctx, shortcut, title, body="Merhaba", **fields) -> int:
    return save_canned(ctx.engine, ctx.publish, title=title, shortcut=shortcut, body=body, **fields)


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_create_a_reply_with_language_and_variables(qtbot, ctx, open_manager):
    manager = open_manager()
    assert manager.current_id is None  # nothing stored yet: an empty editor
    manager.title.setText("Kargo takibi")
    qtbot.keyClicks(manager.shortcut, "/kargo")
    manager.language.setCurrentIndex(manager.language.findData("tr"))
    qtbot.keyClicks(manager.body, "Merhaba ")
    click(qtbot, manager.variable_buttons[0])
    qtbot.keyClicks(manager.body, ", kargonuz yolda.")
    click(qtbot, manager.save_button)
    qtbot.waitUntil(lambda: "kargo" in stored(ctx))
    reply = stored(ctx)["kargo"]
    assert (reply.title, reply.language) == ("Kargo takibi", "tr")
    assert reply.body == "Merhaba {{contact.first_name}}, kargonuz yolda."
    qtbot.waitUntil(lambda: manager.shortcuts() == ["kargo"])
    assert manager.current_id == reply.id
    assert manager.status.text() == "Saved."


def test_edit_an_existing_reply(qtbot, ctx, open_manager):
    add(ctx, "iade", "İade")
    kargo = add(ctx, "kargo", "Kargo")
    manager = open_manager()
    assert manager.shortcuts() == ["iade", "kargo"]
    assert manager.select(kargo)
    assert manager.title.text() == "Kargo"
    manager.body.setPlainText("Yeni metin")
    click(qtbot, manager.save_button)
    qtbot.waitUntil(lambda: stored(ctx)["kargo"].body == "Yeni metin")
    assert len(stored(ctx)) == 2


def test_a_duplicate_shortcut_is_refused_with_a_clear_message(qtbot, ctx, open_manager):
    add(ctx, "iade", "İade süreci")
    kargo = add(ctx, "kargo", "Kargo")
    manager = open_manager()
    manager.select(kargo)
    manager.shortcut.setText("iade")
    click(qtbot, manager.save_button)
    assert manager.shortcut_error.isVisible()
    assert manager.shortcut_error.text() == "The shortcut /iade is already used by “İade süreci”."
    assert sorted(stored(ctx)) == ["iade", "kargo"]


def test_an_error_from_core_is_shown_too(qtbot, ctx, open_manager):
    manager = open_manager()
    manager.title.setText("Kargo")
    manager.shortcut.setText("kargo")
    manager.body.setPlainText("x")
    add(ctx, "kargo", "Başka")  # saved elsewhere after the editor's own check could see it
    manager._problem = lambda fields: ""
    click(qtbot, manager.save_button)
    qtbot.waitUntil(lambda: manager.shortcut_error.isVisible())
    assert "/kargo is already used" in manager.shortcut_error.text()


def test_delete_asks_once_more_then_deletes(qtbot, ctx, open_manager):
    kargo = add(ctx, "kargo", "Kargo")
    manager = open_manager()
    manager.select(kargo)
    click(qtbot, manager.delete_button)
    assert manager.delete_button.text() == "Click again to delete"
    assert "kargo" in stored(ctx)
    click(qtbot, manager.delete_button)
    qtbot.waitUntil(lambda: stored(ctx) == {})
    qtbot.waitUntil(lambda: manager.shortcuts() == [])
    assert manager.current_id is None


def test_files_are_stored_and_kept_as_json(qtbot, ctx, open_manager, tmp_path):
    chart = tmp_path / "beden-tablosu.png"
    chart.write_bytes(b"\x89PNG beden")
    manager = open_manager()
    manager.title.setText("Beden")
    manager.shortcut.setText("beden")
    manager.body.setPlainText("Tablo ekte.")
    manager.add_files([chart])
    qtbot.waitUntil(lambda: len(manager.attachments.refs()) == 1)
    click(qtbot, manager.save_button)
    qtbot.waitUntil(lambda: "beden" in stored(ctx))
    [ref] = parse_refs(stored(ctx)["beden"].attachments_json)
    assert (ref.name, ref.mime, ref.size) == ("beden-tablosu.png", "image/png", 10)
    assert ctx.blobs.get(ref.sha256) == b"\x89PNG beden"
    manager.start_new()
    assert manager.attachments.refs() == []
    manager.select(stored(ctx)["beden"].id)
    assert [r.name for r in manager.attachments.refs()] == ["beden-tablosu.png"]


def test_live_preview_fills_variables_and_marks_missing_ones(ctx, open_manager):
    ctx.settings.owner_name = "Deniz"
    ctx.settings.shop_name = ""
    manager = open_manager()
    manager.body.setPlainText("Merhaba {{contact.first_name}}, ben {{agent.name}} ({{shop.name}})")
    assert "Merhaba Ayşe, ben Deniz" in manager.preview.text()
    assert "background:#fde68a" in manager.preview.text()
    assert "{{shop.name}}" in manager.preview.toolTip()


def test_search_box_filters_the_list_with_turkish_folding(ctx, open_manager):
    add(ctx, "iade", "İade süreci")
    add(ctx, "kargo", "Kargo takibi")
    manager = open_manager()
    manager.filter.setText("İAD")
    assert manager.shortcuts() == ["iade"]
    manager.filter.setText("")
    assert manager.shortcuts() == ["iade", "kargo"]


def test_changes_made_elsewhere_show_up(qtbot, ctx, open_manager):
    manager = open_manager()
    add(ctx, "selam", "Selam")
    qtbot.waitUntil(lambda: manager.shortcuts() == ["selam"])


def test_a_reply_is_made_a_faq_with_its_example_questions(qtbot, ctx, open_manager):
    kargo = add(ctx, "kargo", "Kargo süresi", body="2-4 iş gününde elinizde.")
    manager = open_manager()
    manager.select(kargo)
    assert not manager.faq.isChecked() and not manager.questions.isEnabled()
    manager.faq.setChecked(True)
    assert manager.questions.isEnabled()
    assert manager.status.text() == "Unsaved changes"
    manager.questions.setPlainText(" Kargom ne zaman gelir? \n\nWhen will my order arrive?\n")
    click(qtbot, manager.save_button)
    qtbot.waitUntil(lambda: manager.status.text() == "Saved.")
    assert stored(ctx)["kargo"].is_faq
    assert stored(ctx)["kargo"].questions == "Kargom ne zaman gelir?\nWhen will my order arrive?"
    manager.faq.setChecked(False)
    assert not manager.questions.isEnabled()
    click(qtbot, manager.save_button)
    qtbot.waitUntil(lambda: not stored(ctx)["kargo"].is_faq)
    assert stored(ctx)["kargo"].questions.startswith("Kargom")  # kept for when it is turned on again


def test_a_faq_shows_its_questions_its_mark_and_a_warning_about_variables(qtbot, ctx, open_manager):
    add(ctx, "iade", "İade", body="Merhaba {{contact.first_name}}", is_faq=True, questions="İade?")
    selam = add(ctx, "selam", "Selam")
    manager = open_manager()
    assert manager.faq.isChecked() and manager.questions.toPlainText() == "İade?"
    assert manager.faq_warning.isVisible()  # the bot would send the braces as they are
    manager.list.viewport().grab()  # paints the FAQ mark (a painting error fails the test)
    manager.select(selam)
    assert not manager.faq.isChecked() and manager.questions.toPlainText() == ""
    assert not manager.faq_warning.isVisible()
    manager.start_new()
    assert not manager.faq.isChecked() and not manager.questions.isEnabled()
