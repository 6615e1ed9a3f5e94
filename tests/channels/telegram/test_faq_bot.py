"""The FAQ bot on Telegram, against the Bot API test server: a known question is answered with a "talk to
a person" button; the tap hands the conversation over (open, at the top, the owner told), then the bot
keeps out."""

from __future__ import annotations

from shopdesk.core import canned, faq_bot
from shopdesk.core.db import read_session
from shopdesk.core.events import HandoverRequested, MessageIngested
from shopdesk.core.models import Conversation
from tests.channels.telegram.test_send import sender
from tests.helpers.telegram_env import ALI, eventually

__all__ = ["sender"]
ANSWER = "Siparişler 1-3 iş günü içinde kargoya verilir; takip numarası e-postanıza gelir."


def bot_handles(engine, events, start: int) -> list[str | None]:
    """What the app's bus subscriber does with the messages stored since ``start``."""
    return [faq_bot.on_message(engine, events, e) for e in events[start:] if isinstance(e, MessageIngested)]


def test_a_known_question_is_answered_and_the_button_hands_over(engine, events, api, sync, sender):
    canned.save_canned(
        engine,
        events,
        title="Kargo süresi",
        shortcut="kargo",
        body=ANSWER,
        is_faq=True,
        questions="Kargom ne zaman gelir?\nSiparişim ne zaman kargoya verilir?",
    )
    api.send_text(ALI, "Merhaba, kargom ne zaman gelir acaba?")
    seen = len(events)
    sync()
    assert bot_handles(engine, events, seen) == ["answered"]
    send_due = sender()
    send_due()
    answer = api.sent_messages()[-1]
    assert answer["text"] == ANSWER
    [[button]] = answer["reply_markup"]["inline_keyboard"]
    assert (button["text"], button["callback_data"]) == ("Bir temsilciyle görüşmek istiyorum", "handover")
    with read_session(engine) as session:
        conv = session.exec(Conversation.__table__.select()).one()
    assert conv.status == "pending" and conv.unread_count == 1  # the owner has not read it yet

    seen = len(events)
    api.press_button(ALI, answer["message_id"], "handover")
    eventually(lambda: any(isinstance(e, MessageIngested) for e in events[seen:]), 10, "the tap stored")
    assert bot_handles(engine, events, seen) == ["handover"]
    [told] = events.of(HandoverRequested)
    assert told.conversation_id == conv.id and told.contact_name == "Ali Yılmaz"
    with read_session(engine) as session:
        after = session.get(Conversation, conv.id)
    assert (
        after.status == "open" and after.unread_count >= 1 and after.last_message_at >= conv.last_message_at
    )
    send_due()
    assert api.sent_messages()[-1]["text"].startswith("Tamam, sizi ekibimize aktarıyorum")
    assert "reply_markup" not in api.sent_messages()[-1]  # no person button under the hand-over itself

    seen = len(events)
    api.send_text(ALI, "Siparişim ne zaman kargoya verilir?")  # handed over: the owner answers now
    eventually(lambda: any(isinstance(e, MessageIngested) for e in events[seen:]), 10, "the question stored")
    assert bot_handles(engine, events, seen) == [None]
