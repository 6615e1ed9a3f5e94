"""Drafts are saved off the GUI thread; a late, older save never replaces a newer one."""

from __future__ import annotations

from shopdesk.core.db import read_session
from shopdesk.core.drafts import get_draft
from shopdesk.core.ingest import ingest
from shopdesk.gui.bridge import Tasks
from shopdesk.gui.widgets.draft_keeper import DraftKeeper
from tests.helpers.items import incoming


def stored(ctx, cid):
    with read_session(ctx.engine) as s:
        return get_draft(s, conversation_id=cid)


def test_an_older_save_arriving_late_is_dropped(qtbot, ctx):
    [r] = ingest(ctx.engine, [incoming()], blobs=ctx.blobs, publish=ctx.publish)
    tasks = Tasks(ctx.loop)
    keeper = DraftKeeper(ctx, tasks)
    keeper._save(r.conversation_id, "newer", 2)
    keeper._save(r.conversation_id, "older", 1)
    assert stored(ctx, r.conversation_id) == "newer"
    tasks.shutdown()


def test_changes_are_debounced_and_sent_clears_only_an_empty_draft(qtbot, ctx):
    [r] = ingest(ctx.engine, [incoming()], blobs=ctx.blobs, publish=ctx.publish)
    cid = r.conversation_id
    tasks = Tasks(ctx.loop)
    keeper = DraftKeeper(ctx, tasks)
    for text in ("M", "Me", "Mer"):
        keeper.changed(cid, text)
    assert tasks.pending == 0  # nothing written while typing goes on
    qtbot.waitUntil(lambda: stored(ctx, cid) == "Mer")
    keeper.drop(cid)
    keeper.changed(cid, "yeni")  # typed again before the send finished
    keeper.sent(cid)
    keeper.flush()
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert stored(ctx, cid) == "yeni"
    assert keeper.load(cid) == "yeni"
    tasks.shutdown()
