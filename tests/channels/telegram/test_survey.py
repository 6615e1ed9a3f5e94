"""A satisfaction survey on Telegram: the question with score buttons, a tap recorded once and thanked."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select

from shopdesk.core import conversations, jobs, surveys
from shopdesk.core.db import read_session, write_session
from shopdesk.core.events import MessageIngested
from shopdesk.core.models import Conversation, Survey
from shopdesk.core.surveys import SurveySettings, save_survey_settings
from shopdesk.runtime.scheduler import Scheduler
from tests.channels.telegram.test_send import chat, reply, sender
from tests.helpers.telegram_env import ALI, eventually

__all__ = ["chat", "sender"]


def survey_of(engine) -> Survey:
    with read_session(engine) as session:
        return session.exec(select(Survey)).one()


def test_the_question_has_score_buttons_and_a_tap_answers_it_once(engine, events, blobs, api, chat, sender):
    save_survey_settings(engine, SurveySettings(delay_minutes=0))
    reply(engine, events, blobs, chat, "Kargonuz yarın elinizde.")
    send_due = sender()
    send_due()
    conversations.set_status(engine, events, conversation_id=chat, status="resolved")
    handlers = {
        surveys.SEND_JOB: lambda p: surveys.send(engine, events, survey_id=p["survey_id"], author="Elif")
    }
    with write_session(engine) as session:  # due now
        for job in jobs.pending(session):
            job.run_at -= timedelta(minutes=1)
    assert asyncio.run(Scheduler(engine, handlers).run_due()) == 1
    send_due()
    question = api.sent_messages()[-1]
    assert "1 (kötü) ile 5 (çok iyi)" in question["text"]  # Ali writes Turkish
    token = survey_of(engine).token
    [row] = question["reply_markup"]["inline_keyboard"]
    assert [(b["text"], b["callback_data"]) for b in row] == [
        (str(n), f"survey:{token}:{n}") for n in range(1, 6)
    ]

    seen = len(events)
    api.press_button(ALI, question["message_id"], f"survey:{token}:4")
    api.press_button(ALI, question["message_id"], f"survey:{token}:4")  # a double tap

    def taps():
        return [e for e in events[seen:] if isinstance(e, MessageIngested)]

    eventually(lambda: len(taps()) == 2, 10, "both taps stored by the running channel")
    assert len(api.calls_of("answerCallbackQuery")) == 2  # each tap acknowledged
    for event in taps():  # what the app's bus subscriber does with them
        surveys.answer_from_message(engine, events, event)
    survey = survey_of(engine)
    assert (survey.state, survey.score) == ("answered", 4)
    with read_session(engine) as session:
        assert session.get(Conversation, chat).status == "resolved"
    send_due()
    thanks = [m["text"] for m in api.sent_messages() if m["text"].startswith("Teşekkür ederiz")]
    assert len(thanks) == 1  # thanked once, not per tap
