"""Satisfaction surveys: scheduled on resolve by the rules, kept across a restart, cancelled on reopen,
sent through the outbox, answered once (a reply with a number, or a comment after it)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import select

from shopdesk.core import conversations, jobs, surveys
from shopdesk.core.db import make_engine, read_session, write_session
from shopdesk.core.events import MessageIngested
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Conversation, ConversationStatus, Message, OutboxItem, Survey, utcnow
from shopdesk.core.outbox import queue_reply
from shopdesk.core.surveys import (
    SurveyClosed,
    SurveySettings,
    record_answer,
    save_survey_settings,
    score_in_reply,
)
from shopdesk.runtime.scheduler import Scheduler
from tests.helpers.items import incoming


@pytest.fixture(autouse=True)
def surveys_on(engine):
    """The tests' fake channel asks too (only the real channels are on by default)."""
    save_survey_settings(engine, SurveySettings(channels={"fake": True}))


def conversation(
    engine, blobs, events, text="Siparişim nerede?", sender="ayse@example.com", *, reply=True
) -> int:
    [result] = ingest(engine, [incoming(text, sender=sender)], blobs=blobs, publish=events)
    if reply:
        queue_reply(engine, events, conversation_id=result.conversation_id, text="Kargoda.", author="Elif")
    return result.conversation_id


def resolve(engine, events, conversation_id: int) -> None:
    conversations.set_status(engine, events, conversation_id=conversation_id, status="resolved")


def all_surveys(engine) -> list[Survey]:
    with read_session(engine) as session:
        return list(session.exec(select(Survey).order_by(Survey.id)))


def run_due_jobs(engine, events, *, later: timedelta) -> int:
    """The persistent scheduler as the app runs it, with the clock moved on by ``later``."""
    with write_session(engine) as session:
        for job in jobs.pending(session):
            job.run_at -= later
            session.add(job)
    handlers = {
        surveys.SEND_JOB: lambda p: surveys.send(engine, events, survey_id=p["survey_id"], author="Elif")
    }
    return asyncio.run(Scheduler(engine, handlers).run_due())


def test_resolving_after_a_reply_schedules_one_survey_after_the_delay(engine, blobs, events):
    cid = conversation(engine, blobs, events)
    before = utcnow()
    resolve(engine, events, cid)
    [survey] = all_surveys(engine)
    assert (survey.state, survey.scale, survey.channel, survey.language) == (
        "scheduled",
        "csat",
        "fake",
        "tr",
    )
    assert timedelta(minutes=29) < survey.scheduled_for - before < timedelta(minutes=31)
    with read_session(engine) as session:
        [job] = jobs.pending(session, kind=surveys.SEND_JOB)
    assert job.key == f"survey:{cid}"


def test_the_rules_leave_some_conversations_unasked(engine, blobs, events):
    unanswered = conversation(engine, blobs, events, sender="a@example.com", reply=False)
    resolve(engine, events, unanswered)
    assert all_surveys(engine) == []  # the owner never replied
    save_survey_settings(engine, SurveySettings(channels={"fake": False}))
    resolve(engine, events, conversation(engine, blobs, events, sender="b@example.com"))
    assert all_surveys(engine) == []  # channel off
    save_survey_settings(engine, SurveySettings(channels={"fake": True}))
    first = conversation(engine, blobs, events, sender="c@example.com", text="İade nasıl olur?")
    resolve(engine, events, first)
    second = conversation(engine, blobs, events, sender="c@example.com", text="Başka bir sorum var, fatura?")
    resolve(engine, events, second)
    assert [s.conversation_id for s in all_surveys(engine)] == [first]  # once per customer in 7 days


def test_a_scheduled_survey_survives_a_restart_and_goes_out_through_the_outbox(
    engine, blobs, events, data_paths
):
    cid = conversation(engine, blobs, events)
    resolve(engine, events, cid)
    engine.dispose()  # the app stops before the delay is over; a new run opens the same store
    reopened = make_engine(data_paths.database_url)
    assert run_due_jobs(reopened, events, later=timedelta(minutes=5)) == 0  # not yet
    assert run_due_jobs(reopened, events, later=timedelta(minutes=30)) == 1
    [survey] = all_surveys(reopened)
    assert survey.state == "sent" and survey.expires_at - survey.sent_at == timedelta(days=7)
    with read_session(reopened) as session:
        question = session.exec(select(Message).order_by(Message.id.desc())).first()
        queued = session.exec(select(OutboxItem).where(OutboxItem.message_id == question.id)).one()
    assert question.direction == "outgoing" and "1 (kötü) ile 5 (çok iyi)" in question.text
    assert queued.channel == "fake"
    reopened.dispose()


def test_reopening_before_it_goes_out_cancels_it(engine, blobs, events):
    cid = conversation(engine, blobs, events)
    resolve(engine, events, cid)
    conversations.set_status(engine, events, conversation_id=cid, status="open")
    [survey] = all_surveys(engine)
    assert (survey.state, survey.cancel_reason) == ("cancelled", "reopened")
    with read_session(engine) as session:
        assert jobs.pending(session, kind=surveys.SEND_JOB) == []


def test_a_customer_message_that_reopens_it_cancels_it_at_send_time(engine, blobs, events):
    cid = conversation(engine, blobs, events)
    resolve(engine, events, cid)
    with write_session(engine) as session:  # as ingest reopens it when the customer writes in the thread
        session.get(Conversation, cid).status = ConversationStatus.OPEN
    assert run_due_jobs(engine, events, later=timedelta(hours=1)) == 1
    [survey] = all_surveys(engine)
    assert survey.state == "cancelled"


def sent_survey(engine, blobs, events) -> Survey:
    cid = conversation(engine, blobs, events)
    resolve(engine, events, cid)
    run_due_jobs(engine, events, later=timedelta(hours=1))
    [survey] = all_surveys(engine)
    return survey


def reply(engine, blobs, events, conversation_id: int, text: str) -> MessageIngested:
    """The customer writes again in the same thread (the fake channel threads by this hook)."""
    threaders = {"fake": lambda session, item, contact_id: conversation_id}
    [result] = ingest(
        engine, [incoming(text, sender="ayse@example.com")], blobs=blobs, publish=events, threaders=threaders
    )
    assert result.conversation_id == conversation_id
    return MessageIngested(conversation_id, result.message_id, 1, "fake", False)


def system_messages(engine, conversation_id: int) -> list[str]:
    with read_session(engine) as session:
        rows = session.exec(
            select(Message.text).where(
                Message.conversation_id == conversation_id, Message.direction == "system"
            )
        )
        return list(rows)


def test_answers_are_idempotent_and_can_be_changed_until_they_close(engine, blobs, events):
    survey = sent_survey(engine, blobs, events)
    record_answer(engine, events, token=survey.token, score=4)
    record_answer(engine, events, token=survey.token, score=4)  # a double tap
    assert system_messages(engine, survey.conversation_id) == ["CSAT: 4/5"]
    changed = record_answer(engine, events, token=survey.token, score=5, comment="Çok hızlıydınız")
    assert (changed.state, changed.score, changed.comment) == ("answered", 5, "Çok hızlıydınız")
    assert system_messages(engine, survey.conversation_id) == ["CSAT: 4/5", "CSAT: 5/5"]
    with pytest.raises(SurveyClosed, match="1–5"):
        record_answer(engine, events, token=survey.token, score=9)
    with pytest.raises(SurveyClosed, match="closed"):
        record_answer(engine, events, token=survey.token, score=3, now=utcnow() + timedelta(days=8))
    with pytest.raises(SurveyClosed):
        record_answer(engine, events, token="no-such-token", score=3)


@pytest.mark.parametrize(
    ("text", "scale", "score"),
    [
        ("5", "csat", 5),
        ("4/5", "csat", 4),
        ("  3 \n\n> On Mon, ShopDesk wrote:\n> Reply with a number", "csat", 3),
        ("\n> quoted 1\n2", "csat", 2),
        ("Puanım 9", "nps", 9),
        ("10 stars!", "nps", 10),
        ("0", "nps", 0),
        ("0", "csat", None),
        ("7", "csat", None),
        ("Merhaba, siparişim 5 gündür gelmedi", "csat", None),
        ("Kargom nerede?", "csat", None),
        ("", "csat", None),
        ("4.5", "csat", None),
    ],
)
def test_a_score_is_read_only_from_a_short_first_line(text, scale, score):
    assert score_in_reply(text, scale) == score


def test_a_reply_with_a_number_answers_and_leaves_the_conversation_resolved(engine, blobs, events):
    survey = sent_survey(engine, blobs, events)
    event = reply(engine, blobs, events, survey.conversation_id, "5")
    assert surveys.answer_from_message(engine, events, event).score == 5
    later = reply(engine, blobs, events, survey.conversation_id, "Çok teşekkürler, harikaydı")
    surveys.answer_from_message(engine, events, later)  # within 10 minutes: the comment
    [answered] = all_surveys(engine)
    assert (answered.score, answered.comment) == (5, "Çok teşekkürler, harikaydı")
    assert system_messages(engine, survey.conversation_id) == ["CSAT: 5/5"]
    with read_session(engine) as session:
        assert session.get(Conversation, survey.conversation_id).status == ConversationStatus.RESOLVED


def test_a_new_question_after_the_survey_reopens_the_conversation(engine, blobs, events):
    survey = sent_survey(engine, blobs, events)
    event = reply(engine, blobs, events, survey.conversation_id, "Kargom hâlâ gelmedi, ne yapmalıyım?")
    assert surveys.answer_from_message(engine, events, event) is None
    with read_session(engine) as session:
        assert session.get(Conversation, survey.conversation_id).status == ConversationStatus.OPEN
    assert all_surveys(engine)[0].state == "sent"


@pytest.mark.parametrize(
    ("text", "language"),
    [("Where is my order? I think it is late.", "en"), ("Kargom nerede?", "tr"), ("Işık kırık geldi", "tr")],
)
def test_the_question_is_asked_in_the_customers_language(engine, blobs, events, text, language):
    resolve(engine, events, conversation(engine, blobs, events, text=text))
    [survey] = all_surveys(engine)
    assert survey.language == language
