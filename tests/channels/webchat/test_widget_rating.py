"""The satisfaction question as a rating card in the widget (headless Chromium, real relay, the desktop's
channel): a tap is the answer, another tap changes it, the comment box adds a comment, a reload keeps it."""

from __future__ import annotations

from sqlmodel import select

from shopdesk.core import conversations, surveys
from shopdesk.core.db import read_session
from shopdesk.core.events import MessageIngested
from shopdesk.core.models import Message, Survey
from shopdesk.core.surveys import SurveySettings, save_survey_settings
from tests.channels.webchat.conftest import wait_for
from tests.channels.webchat.test_widget_e2e import TIMEOUT, reply, stored


def survey_of(engine, conversation_id: int) -> Survey | None:
    with read_session(engine) as session:
        return session.exec(select(Survey).where(Survey.conversation_id == conversation_id)).first()


def test_the_visitor_rates_the_conversation_in_the_widget(
    make_channel, loop, desk_engine, events, relay_server, new_page, page_errors
):
    def publish(event):  # the app's bus: a stored message may answer the survey
        events(event)
        if isinstance(event, MessageIngested):
            surveys.answer_from_message(desk_engine, publish, event)

    channel = make_channel()
    channel.publish = publish
    loop.submit(channel.start()).result(5)
    wait_for(channel.connected.is_set, what="the channel to connect")
    save_survey_settings(desk_engine, SurveySettings(delay_minutes=0))

    page = new_page(viewport={"width": 1000, "height": 820})
    page.goto(f"{relay_server.url}/demo?lang=tr")
    page.locator(".sd-launcher").click()
    prechat = page.locator(".sd-prechat")
    prechat.get_by_label("Adınız").fill("Ayşe Yılmaz")
    prechat.get_by_role("button", name="Sohbete başla").click()
    page.locator("#sd-input").fill("Kupa hâlâ stokta mı?")
    page.locator("#sd-input").press("Enter")
    conversation_id = wait_for(lambda: stored(desk_engine), what="the message")[0].conversation_id
    reply(desk_engine, publish, channel, loop, conversation_id, "Evet, stokta 🙂")

    conversations.set_status(desk_engine, publish, conversation_id=conversation_id, status="resolved")
    survey = survey_of(desk_engine, conversation_id)
    assert survey is not None and survey.state == "scheduled"
    surveys.send(desk_engine, publish, survey_id=survey.id, author="Elif")
    reply_sent = wait_for(lambda: _send_due(desk_engine, publish, channel, loop), what="the question sent")
    assert reply_sent == 1

    card = page.locator(".sd-rating")
    card.wait_for(timeout=TIMEOUT)
    stars = card.locator(".sd-choice")
    assert stars.count() == 5
    assert stars.nth(3).get_attribute("aria-label") == "5 üzerinden 4"
    stars.nth(3).click()
    page.locator(".sd-comment textarea").wait_for(timeout=TIMEOUT)
    assert wait_for(lambda: survey_of(desk_engine, conversation_id).score == 4, what="the score")
    assert card.locator(".sd-choice.sd-on").count() == 4

    page.locator(".sd-comment textarea").fill("Çok hızlı cevap verdiniz, teşekkürler!")
    page.get_by_role("button", name="Yorumu gönder").click()

    def commented():
        return survey_of(desk_engine, conversation_id).comment

    assert wait_for(commented, what="the comment") == "Çok hızlı cevap verdiniz, teşekkürler!"
    assert len({m.conversation_id for m in stored(desk_engine)}) == 1  # the comment joined the asking one
    _send_due(desk_engine, publish, channel, loop)  # the thanks
    page.locator(".sd-owner .sd-bubble", has_text="Teşekkür ederiz").wait_for(timeout=TIMEOUT)
    page.screenshot(path="/tmp/widget_tr_rating.png")

    # back later: the card remembers the answer, and another tap changes it
    page.reload()
    page.locator(".sd-rating .sd-choice.sd-on").nth(3).wait_for(timeout=TIMEOUT)
    assert page.locator(".sd-rating .sd-choice.sd-on").count() == 4
    assert page.locator(".sd-comment").count() == 0  # the comment was sent: only the thanks stays
    page.locator(".sd-rating .sd-choice").nth(4).click()
    assert wait_for(lambda: survey_of(desk_engine, conversation_id).score == 5, what="the changed score")

    with read_session(desk_engine) as session:
        lines = session.exec(
            select(Message.text).where(
                Message.conversation_id == conversation_id, Message.direction == "system"
            )
        ).all()
    assert "CSAT: 4/5" in lines and "CSAT: 5/5" in lines
    assert survey_of(desk_engine, conversation_id).state == "answered"
    assert page_errors == []


def _send_due(engine, publish, channel, loop) -> int:
    from shopdesk.channels.registry import ChannelRegistry
    from shopdesk.runtime.sender import OutboxSender

    registry = ChannelRegistry()
    registry.register(channel)
    return loop.submit(OutboxSender(engine, publish, registry).send_due()).result(10)
