"""The FAQ bot's rules on the desktop: which channels it answers, when it keeps out, the hand-over by words,
what the relay is given, and that its answers leave the customer's message unread."""

from __future__ import annotations

from sqlmodel import select

from shopdesk.core import canned, faq_bot
from shopdesk.core.db import read_session
from shopdesk.core.events import HandoverRequested, MessageIngested
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Conversation, Message, OutboxItem
from shopdesk.core.outbox import outgoing_item, queue_reply
from tests.helpers.items import incoming

ANSWER = "Ürünü 14 gün içinde ücretsiz iade edebilirsiniz."


def faq(engine, events) -> int:
    return canned.save_canned(
        engine,
        events,
        title="İade",
        shortcut="iade",
        body=ANSWER,
        is_faq=True,
        questions="İade nasıl yapılır?",
    )


def arrive(engine, blobs, events, text: str, channel: str = "telegram", **extra) -> MessageIngested:
    ingest(engine, [incoming(text, channel=channel, sender="42", **extra)], blobs=blobs, publish=events)
    return events.of(MessageIngested)[-1]


def conversation(engine, conversation_id: int) -> Conversation:
    with read_session(engine) as session:
        return session.get(Conversation, conversation_id)


def test_a_known_question_is_answered_on_telegram_and_not_on_email_unless_turned_on(engine, blobs, events):
    faq(engine, events)
    event = arrive(engine, blobs, events, "iade nasil yapilir?")
    assert faq_bot.on_message(engine, events, event) == "answered"
    with read_session(engine) as session:
        item = session.exec(OutboxItem.__table__.select()).one()
        message = session.get(Message, item.message_id)
        out = outgoing_item(session, item_id=item.id)
    assert (message.text, message.author, message.automatic) == (ANSWER, faq_bot.BOT_AUTHOR, True)
    assert out.buttons == ((("Bir temsilciyle görüşmek istiyorum", "handover"),),)
    conv = conversation(engine, event.conversation_id)
    assert conv.status == "pending" and conv.unread_count == 1

    mail = arrive(engine, blobs, events, "İade nasıl yapılır?", channel="email", subject="İade")
    assert faq_bot.on_message(engine, events, mail) is None
    settings = faq_bot.FaqSettings(channels={"telegram": True, "webchat": True, "email": True})
    faq_bot.save_faq_settings(engine, events, settings)
    again = arrive(engine, blobs, events, "İade nasıl yapılır?", channel="email", subject="İade 2")
    assert faq_bot.on_message(engine, events, again) == "answered"


def test_the_answer_is_in_the_customers_language_when_the_shop_wrote_both(engine, blobs, events):
    for shortcut, language, body in (
        ("iade", "tr", ANSWER),
        ("returns", "en", "Returns are free for 14 days."),
    ):
        questions = "İade nasıl yapılır?\nHow do I return an item?"
        canned.save_canned(
            engine, events, title=shortcut, shortcut=shortcut, body=body, is_faq=True, questions=questions,
            language=language,
        )  # fmt: skip
    asked = (
        ("How do I return an item?", "Returns are free for 14 days.", "7"),
        ("İade nasıl yapılır?", ANSWER, "8"),
    )
    for text, expected, customer in asked:  # two customers, one asking in each language
        ingest(engine, [incoming(text, channel="telegram", sender=customer)], blobs=blobs, publish=events)
        event = events.of(MessageIngested)[-1]
        assert faq_bot.on_message(engine, events, event) == "answered"
        with read_session(engine) as session:
            answer = session.exec(select(Message).where(Message.author == faq_bot.BOT_AUTHOR)
                                  .order_by(Message.id.desc())).first()  # fmt: skip
        assert (answer.conversation_id, answer.text) == (event.conversation_id, expected)


def test_the_bot_keeps_out_when_the_owner_is_answering_and_of_automatic_mail(engine, blobs, events):
    faq(engine, events)
    first = arrive(engine, blobs, events, "Merhaba")
    queue_reply(engine, events, conversation_id=first.conversation_id, text="Buyurun", author="Elif")
    event = arrive(engine, blobs, events, "İade nasıl yapılır?")
    assert faq_bot.on_message(engine, events, event) is None
    faq_bot.save_faq_settings(engine, events, faq_bot.FaqSettings(channels={"email": True}))
    bulk = arrive(engine, blobs, events, "İade nasıl yapılır?", channel="email", subject="x", automatic=True)
    assert faq_bot.on_message(engine, events, bulk) is None
    old = arrive(engine, blobs, events, "İade nasıl yapılır?", channel="email", subject="y", minutes_ago=120)
    assert faq_bot.on_message(engine, events, old) is None  # an import of old mail, nobody waiting


def test_asking_for_a_person_hands_over_and_the_owner_is_told(engine, blobs, events):
    faq(engine, events)
    event = arrive(engine, blobs, events, "İnsanla konuşmak istiyorum lütfen")
    assert faq_bot.on_message(engine, events, event) == "handover"
    assert events.of(HandoverRequested)[-1].conversation_id == event.conversation_id
    assert conversation(engine, event.conversation_id).status == "open"
    with read_session(engine) as session:  # the bot had not spoken: no "passing you on" message
        assert session.exec(OutboxItem.__table__.select()).all() == []


def test_a_web_chat_answer_from_the_relay_makes_the_conversation_pending(engine, blobs, events):
    visitor = arrive(engine, blobs, events, "İade nasıl yapılır?", channel="webchat")
    assert faq_bot.on_message(engine, events, visitor) is None  # the relay answers web chat itself
    bot = arrive(
        engine,
        blobs,
        events,
        ANSWER,
        channel="webchat",
        direction="outgoing",
        author=faq_bot.BOT_AUTHOR,
        automatic=True,
    )
    assert faq_bot.on_message(engine, events, bot) is None
    assert conversation(engine, bot.conversation_id).status == "pending"
    asks = arrive(engine, blobs, events, "bir temsilciyle görüşebilir miyim", channel="webchat")
    assert faq_bot.on_message(engine, events, asks) == "handover"
    assert conversation(engine, asks.conversation_id).status == "open"


def test_the_relay_gets_the_faq_set_and_the_texts(engine, events):
    reply_id = faq(engine, events)
    canned.save_canned(engine, events, title="Not a FAQ", shortcut="selam", body="Selam!")
    with read_session(engine) as session:
        config = faq_bot.relay_config(session)
    assert config["enabled"] is True and config["threshold"] == faq_bot.DEFAULT_THRESHOLD
    assert config["entries"] == [
        {"id": reply_id, "answer": ANSWER, "questions": ["İade nasıl yapılır?", "İade"], "language": ""}
    ]
    assert config["person"]["en"] == "Talk to a person"


def test_an_answer_with_variables_reaches_the_customer_filled(engine, blobs, events):
    canned.save_canned(
        engine,
        events,
        title="Kargo",
        shortcut="kargo",
        body="Merhaba {{contact.first_name}}, {{shop.name}} siparişleri 2 günde kargolar.",
        is_faq=True,
        questions="Kargo ne zaman?",
    )
    event = arrive(engine, blobs, events, "kargo ne zaman")
    assert faq_bot.on_message(engine, events, event, shop_name="Toprak & İplik") == "answered"
    with read_session(engine) as session:
        sent = session.exec(Message.__table__.select().where(Message.author == faq_bot.BOT_AUTHOR)).one()
        relayed = faq_bot.relay_config(session, shop_name="Toprak & İplik")["entries"][0]["answer"]
    assert sent.text == "Merhaba Ali, Toprak & İplik siparişleri 2 günde kargolar."
    assert relayed == "Merhaba, Toprak & İplik siparişleri 2 günde kargolar."  # the relay has no name
