"""The conversation toolbar changes the store: resolve, reopen, pending, snooze (and its wake-up), labels."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from shopdesk.context import job_handlers
from shopdesk.core import jobs
from shopdesk.core.conversations import mark_read
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Conversation
from shopdesk.core.store import conversation_rows
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.conversation_actions import ConversationActions
from shopdesk.runtime.scheduler import Scheduler
from tests.helpers.items import incoming


@pytest.fixture
def conversation_id(ctx) -> int:
    [result] = ingest(ctx.engine, [incoming("Kargom gelmedi")], blobs=ctx.blobs, publish=ctx.publish)
    return result.conversation_id


@pytest.fixture
def actions(qtbot, ctx, conversation_id):
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    actions = ConversationActions(ctx, bridge, tasks)
    qtbot.addWidget(actions)
    actions.resize(900, 60)
    actions.show()
    actions.show_conversation(conversation_id)
    yield actions
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()
    bridge.close()


def stored(ctx, cid: int) -> Conversation:
    with read_session(ctx.engine) as session:
        return session.get(Conversation, cid)


def test_resolve_reopen_and_pending_through_the_buttons(qtbot, ctx, actions, conversation_id):
    assert actions.resolve_button.text().startswith("Resolve")
    qtbot.mouseClick(actions.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(ctx, conversation_id).status == "resolved")
    qtbot.waitUntil(lambda: actions.resolve_button.text() == "Reopen")  # the bridge brought the change back
    assert not actions.snooze_button.isVisible()
    qtbot.mouseClick(actions.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(ctx, conversation_id).status == "open")
    qtbot.waitUntil(lambda: actions.pending_button.isVisible())
    qtbot.mouseClick(actions.pending_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(ctx, conversation_id).status == "pending")
    qtbot.waitUntil(lambda: actions.reopen_button.isVisible())
    qtbot.mouseClick(actions.reopen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(ctx, conversation_id).status == "open")


def test_snooze_presets_from_the_menu(qtbot, ctx, actions, conversation_id):
    actions._fill_snooze_menu()
    menu = actions.snooze_menu.actions()
    tomorrow, custom = menu[1], menu[-1]
    assert tomorrow.text().startswith("Tomorrow")
    assert custom.text().startswith("Pick a date")
    before = datetime.now(UTC)
    tomorrow.trigger()
    qtbot.waitUntil(lambda: stored(ctx, conversation_id).status == "snoozed")
    until = stored(ctx, conversation_id).snoozed_until
    local = until.astimezone()
    assert (local.hour, local.minute) == (9, 0)
    assert timedelta(0) < until - before <= timedelta(hours=33)
    with read_session(ctx.engine) as session:
        [job] = jobs.pending(session, kind="conversation.wake")
        assert job.run_at == until
    qtbot.waitUntil(lambda: "Snoozed until" in actions.subtitle.full_text())


def test_a_snooze_whose_time_has_passed_is_reopened_by_the_scheduler(qtbot, ctx, actions, conversation_id):
    actions.snooze_until(datetime.now(UTC) + timedelta(hours=2))
    qtbot.waitUntil(lambda: stored(ctx, conversation_id).status == "snoozed")
    scheduler = Scheduler(ctx.engine, job_handlers(ctx))
    assert asyncio.run(scheduler.run_due()) == 0  # not yet
    actions.snooze_until(datetime.now(UTC) - timedelta(seconds=1))  # as if the time had come
    qtbot.waitUntil(lambda: stored(ctx, conversation_id).snoozed_until < datetime.now(UTC))
    assert asyncio.run(scheduler.run_due()) == 1
    conv = stored(ctx, conversation_id)
    assert conv.status == "open" and conv.snoozed_until is None
    qtbot.waitUntil(lambda: actions.resolve_button.text().startswith("Resolve"))


def test_labels_and_mark_unread(qtbot, ctx, actions, conversation_id):
    actions.set_labels(["VIP", "kargo", " "])
    qtbot.waitUntil(lambda: labels_of(ctx, conversation_id) == ("VIP", "kargo"))
    actions.set_labels(["kargo"])
    qtbot.waitUntil(lambda: labels_of(ctx, conversation_id) == ("kargo",))
    mark_read(ctx.engine, ctx.publish, conversation_id=conversation_id)
    actions.unread_action.trigger()
    qtbot.waitUntil(lambda: stored(ctx, conversation_id).unread_count == 1)


def test_presets_skip_a_next_week_that_is_tomorrow(actions):
    here = timezone(timedelta(hours=3))
    sunday = datetime(2026, 11, 22, 20, 0, tzinfo=here)
    names = [name for name, _when in actions.snooze_presets(sunday)]
    assert names == ["Later today", "Tomorrow"]
    wednesday = datetime(2026, 11, 25, 10, 0, tzinfo=here)
    presets = actions.snooze_presets(wednesday)
    assert presets[2] == ("Next week", datetime(2026, 11, 30, 9, 0, tzinfo=here))


def labels_of(ctx, cid: int) -> tuple[str, ...]:
    with read_session(ctx.engine) as session:
        return conversation_rows(session, ids=[cid])[cid].labels
