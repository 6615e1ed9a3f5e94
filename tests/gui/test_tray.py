"""The tray: unread count on the icon, notifications for new incoming messages, quiet hours honoured."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtGui import QIcon

from shopdesk.core.ingest import ingest
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.tray import Tray, badge_icon
from tests.helpers.items import incoming


@pytest.fixture
def tray(qtbot, ctx):
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    tray = Tray(ctx, bridge, tasks)
    yield tray
    tray.hide()
    tasks.shutdown()
    bridge.close()


def receive(ctx, *items):
    return ingest(ctx.engine, list(items), blobs=ctx.blobs, publish=ctx.publish)


def test_new_message_is_announced_and_counted(qtbot, ctx, tray):
    receive(ctx, incoming("Kargom   gelmedi", name="Ayşe Demir"))
    qtbot.waitUntil(lambda: tray.notified == [("Ayşe Demir", "Kargom gelmedi")])
    qtbot.waitUntil(lambda: tray.unread == 1)
    assert "1 unread" in tray.icon.toolTip()


def test_a_burst_of_messages_makes_one_notification(qtbot, ctx, tray):
    receive(ctx, incoming("1", sender="a@x.com", name="A"), incoming("2", sender="b@x.com", name="B"))
    qtbot.waitUntil(lambda: len(tray.notified) == 1)
    title, text = tray.notified[0]
    assert title == "2 new messages" and text == "A, B"


def test_notifications_off_or_quiet_hours_stay_silent(qtbot, ctx, tray):
    ctx.settings.notifications = False
    receive(ctx, incoming("sessiz"))
    ctx.settings.notifications = True
    now = datetime.now()
    ctx.settings.quiet_hours_start = (now - timedelta(hours=1)).strftime("%H:%M")
    ctx.settings.quiet_hours_end = (now + timedelta(hours=1)).strftime("%H:%M")
    receive(ctx, incoming("gece"))
    assert tray.pending_notifications == []  # the bridge delivered both events synchronously here
    qtbot.waitUntil(lambda: tray.unread == 2)
    assert tray.notified == []


def test_the_conversation_being_read_is_not_announced(qtbot, ctx, tray):
    [first] = receive(ctx, incoming("ilk"))
    qtbot.waitUntil(lambda: len(tray.notified) == 1)
    tray.is_watching = lambda cid: cid == first.conversation_id
    receive(ctx, incoming("ikinci"))
    assert tray.pending_notifications == []
    qtbot.waitUntil(lambda: tray.unread == 2)
    assert len(tray.notified) == 1


def test_the_badge_is_drawn_on_the_icon(qtbot):
    plain = badge_icon(QIcon(), 0).pixmap(64, 64).toImage()
    badged = badge_icon(QIcon(), 7).pixmap(64, 64).toImage()
    assert plain != badged
    red = badged.pixelColor(58, 6)
    assert red.red() > 180 and red.green() < 90


def test_a_hand_over_is_announced_even_in_the_open_conversation(qtbot, ctx, tray):
    from shopdesk.core.events import HandoverRequested

    tray.is_watching = lambda cid: True
    ctx.publish(HandoverRequested(7, "Ali Yılmaz", "telegram"))
    qtbot.waitUntil(
        lambda: (
            tray.notified
            == [("Ali Yılmaz asks for a person", "The bot handed the conversation over to you.")]
        )
    )
    ctx.settings.notifications = False
    ctx.publish(HandoverRequested(8, "", "webchat"))
    assert len(tray.notified) == 1
