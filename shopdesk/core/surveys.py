"""Satisfaction follow-ups: CSAT (1–5) or NPS (0–10) asked after a resolve, on the conversation's channel.

A survey is scheduled in the transaction that resolves the conversation and sent by the persistent
scheduler after a delay, so a restart keeps it. It is cancelled when the conversation is reopened before it
goes out. An answer is idempotent: the same score twice records one answer; another score before the
answer window closes changes it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.core import jobs
from shopdesk.core.db import read_session, write_session
from shopdesk.core.events import ConversationChanged, MessageIngested
from shopdesk.core.models import (
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    OutboxItem,
    Survey,
    utcnow,
)
from shopdesk.core.setting_groups import load_group, save_group
from shopdesk.core.text import looks_turkish

Publish = Callable[[object], None]
SEND_JOB = "survey.send"
SETTINGS_KEY = "surveys"
SCALES = {"csat": (1, 5), "nps": (0, 10)}
COMMENT_MINUTES = 10
BUTTON_PREFIX = "survey:"  # a button's data: survey:<token>:<score> (within Telegram's 64 bytes)
_PRESSED = re.compile(r"^Button pressed: survey:([\w-]+):(\d{1,2})$")
# "5", "5/5", "10 puan", "Puanım 4", "4 stars": the first number of the reply's first line that has one.
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,2})(?![\d.,]\d)")


class SurveyClosed(Exception):
    """An answer to a survey that no longer takes answers (expired, cancelled, or out of range)."""


@dataclass
class SurveySettings:
    channels: dict[str, bool] = field(
        default_factory=lambda: {"email": True, "telegram": True, "webchat": True}
    )
    scale: str = "csat"  # csat | nps
    delay_minutes: int = 30
    once_per_days: int = 7
    answer_days: int = 7
    only_after_reply: bool = True
    question_tr: str = "Merhaba! Size nasıl yardımcı olduğumuzu değerlendirir misiniz?"
    question_en: str = "Hello! How did we do? Please rate your conversation with us."
    thanks_tr: str = "Teşekkür ederiz! Bir yorumunuz varsa buraya yazabilirsiniz."
    thanks_en: str = "Thank you! If you have a comment, just write it here."


def load_survey_settings(session: Session) -> SurveySettings:
    return load_group(session, SETTINGS_KEY, SurveySettings)


def save_survey_settings(engine: Engine, settings: SurveySettings) -> None:
    if settings.scale not in SCALES:
        raise ValueError(f"unknown survey scale {settings.scale!r}: csat or nps")
    with write_session(engine) as session:
        save_group(session, SETTINGS_KEY, settings)


# Scheduling (inside the transaction that changes the conversation's status)


def after_status_change(session: Session, conv: Conversation, *, now: datetime | None = None) -> None:
    """Schedule a survey when ``conv`` was just resolved; cancel a pending one when it was reopened."""
    if conv.status == ConversationStatus.RESOLVED:
        schedule(session, conv, now=now)
    else:
        cancel_pending(session, conv.id, reason="reopened")


def schedule(session: Session, conv: Conversation, *, now: datetime | None = None) -> Survey | None:
    """A survey for the resolved ``conv`` if the rules allow it (channel on, owner replied, not too often)."""
    settings = load_survey_settings(session)
    now = now or utcnow()
    if not settings.channels.get(conv.channel, False):
        return None
    if settings.only_after_reply and not _owner_replied(session, conv.id):
        return None
    if _recently_asked(session, conv.contact_id, since=now - timedelta(days=settings.once_per_days)):
        return None
    survey = Survey(
        conversation_id=conv.id,
        contact_id=conv.contact_id,
        channel=conv.channel,
        scale=settings.scale,
        token=secrets.token_urlsafe(12),
        language=_language_of(session, conv.id),
        scheduled_for=now + timedelta(minutes=settings.delay_minutes),
    )
    session.add(survey)
    session.flush()
    jobs.schedule(
        session,
        kind=SEND_JOB,
        run_at=survey.scheduled_for,
        payload={"survey_id": survey.id},
        key=_key(conv.id),
    )
    return survey


def cancel_pending(session: Session, conversation_id: int, *, reason: str) -> int:
    """Cancel the conversation's surveys that have not gone out yet; returns how many."""
    jobs.cancel(session, key=_key(conversation_id))
    pending = session.exec(
        select(Survey).where(Survey.conversation_id == conversation_id, Survey.state == "scheduled")
    ).all()
    for survey in pending:
        survey.state, survey.cancel_reason = "cancelled", reason
        session.add(survey)
    return len(pending)


def _key(conversation_id: int) -> str:
    return f"survey:{conversation_id}"


def _owner_replied(session: Session, conversation_id: int) -> bool:
    return (
        session.exec(
            select(Message.id).where(
                Message.conversation_id == conversation_id, Message.direction == Direction.OUTGOING
            )
        ).first()
        is not None
    )


def _recently_asked(session: Session, contact_id: int, *, since: datetime) -> bool:
    """Asked (or about to be) within the window: at most one survey per customer in N days."""
    found = session.exec(
        select(Survey.id).where(
            Survey.contact_id == contact_id,
            (Survey.state == "scheduled") | (Survey.sent_at >= since),
        )
    ).first()
    return found is not None


def _language_of(session: Session, conversation_id: int) -> str:
    """Turkish when the customer wrote Turkish letters in this conversation, else English."""
    texts = session.exec(
        select(Message.text)
        .where(Message.conversation_id == conversation_id, Message.direction == Direction.INCOMING)
        .order_by(Message.created_at.desc())
        .limit(5)
    ).all()
    return "tr" if any(looks_turkish(t or "") for t in texts) else "en"


# Sending (the scheduler's job handler)


def send(
    engine: Engine,
    publish: Publish,
    *,
    survey_id: int,
    author: str,
    rating_links: Callable[[Survey], dict[int, str]] | None = None,
) -> int | None:
    """The scheduler's job: queue the question on the conversation's channel; the outbox item's id.

    ``rating_links`` (a public relay is set up) gives an email's question one-click links per score.
    """
    from shopdesk.core.outbox import queue_reply

    survey = due_for_sending(engine, survey_id=survey_id)
    if survey is None:
        return None
    links = rating_links(survey) if rating_links is not None and survey.channel == "email" else None
    with write_session(engine) as session:
        text = question_text(survey, load_survey_settings(session), links=links)
    item_id = queue_reply(
        engine, publish, conversation_id=survey.conversation_id, text=text, author=author, automatic=True
    )
    with write_session(engine) as session:  # the question's buttons are drawn from this link
        stored = session.get(Survey, survey.id)
        stored.message_id = session.get(OutboxItem, item_id).message_id
        session.add(stored)
    return item_id


def buttons_of_message(session: Session, *, message_id: int) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The score buttons under a survey's question (1–5 in a row; 0–10 in two rows), else none."""
    survey = session.exec(select(Survey).where(Survey.message_id == message_id)).first()
    if survey is None:
        return ()
    low, high = SCALES[survey.scale]
    scores = [(str(n), f"{BUTTON_PREFIX}{survey.token}:{n}") for n in range(low, high + 1)]
    return (tuple(scores),) if len(scores) <= 5 else (tuple(scores[:6]), tuple(scores[6:]))


def question_text(survey: Survey, settings: SurveySettings, *, links: dict[int, str] | None = None) -> str:
    """The question as text, with how to answer it: every channel can carry this (email's fallback);
    with ``links``, a line per score that answers in one click."""
    low, high = SCALES[survey.scale]
    question = settings.question_tr if survey.language == "tr" else settings.question_en
    if survey.scale == "nps":
        how = (
            f"Bizi bir arkadaşınıza önerme olasılığınız {low}–{high} arası kaç? Yanıt olarak sayıyı yazın."
            if survey.language == "tr"
            else f"How likely are you to recommend us to a friend, {low} to {high}? Reply with the number."
        )
    else:
        how = (
            f"{low} (kötü) ile {high} (çok iyi) arasında bir sayıyla yanıtlayın."
            if survey.language == "tr"
            else f"Reply with a number from {low} (poor) to {high} (excellent)."
        )
    if links:
        click = "Tek tıkla puan verin:" if survey.language == "tr" else "Rate in one click:"
        lines = "\n".join(f"{score}: {url}" for score, url in sorted(links.items(), reverse=True))
        return f"{question}\n\n{click}\n{lines}\n\n{how}"
    return f"{question}\n{how}"


def due_for_sending(engine: Engine, *, survey_id: int, now: datetime | None = None) -> Survey | None:
    """The survey to send now, marked sent; None when it was cancelled or its conversation reopened."""
    now = now or utcnow()
    with write_session(engine) as session:
        survey = session.get(Survey, survey_id)
        if survey is None or survey.state != "scheduled":
            return None
        conv = session.get(Conversation, survey.conversation_id)
        if conv is None or conv.status != ConversationStatus.RESOLVED:
            survey.state, survey.cancel_reason = "cancelled", "reopened"
            session.add(survey)
            return None
        settings = load_survey_settings(session)
        survey.state, survey.sent_at = "sent", now
        survey.expires_at = now + timedelta(days=settings.answer_days)
        session.add(survey)
        return survey


# Answers


def record_answer(
    engine: Engine,
    publish: Publish,
    *,
    token: str,
    score: int | None = None,
    comment: str | None = None,
    now: datetime | None = None,
) -> Survey:
    """Record a score (and/or a comment) for the survey ``token``; raises SurveyClosed when it cannot.

    The same score again changes nothing; another score before the survey expires replaces it. The
    conversation gets a system message for each new score.
    """
    with write_session(engine) as session:
        survey, changed = apply_answer(session, token=token, score=score, comment=comment, now=now)
    if changed:
        publish(ConversationChanged(survey.conversation_id))
    return survey


def apply_answer(
    session: Session,
    *,
    token: str,
    score: int | None = None,
    comment: str | None = None,
    now: datetime | None = None,
) -> tuple[Survey, bool]:
    """``record_answer`` in the caller's transaction (a relay batch); the survey and whether it changed."""
    now = now or utcnow()
    survey = session.exec(select(Survey).where(Survey.token == token)).first()
    if survey is None or survey.state not in ("sent", "answered"):
        raise SurveyClosed("this survey does not take answers")
    if survey.expires_at is not None and now > survey.expires_at:
        raise SurveyClosed("this survey has closed: answers are taken for 7 days")
    changed = False
    if score is not None:
        if problem := _out_of_scale(survey.scale, score):
            raise SurveyClosed(problem)
        if score != survey.score:
            survey.score, changed = score, True
            _system_message(session, survey, now)
    if comment is not None and comment.strip() and comment.strip() != survey.comment:
        survey.comment, changed = comment.strip(), True
    if changed:
        survey.state, survey.answered_at = "answered", now
        session.add(survey)
    return survey, changed


def record_past(
    session: Session, conv: Conversation, *, sent_at: datetime, score: int | None, comment: str = ""
) -> Survey:
    """A survey that went out before this store kept it (the demo inbox): sent at ``sent_at`` on the
    conversation's channel, answered an hour later when ``score`` is given. Nothing is sent or scheduled."""
    settings = load_survey_settings(session)
    survey = Survey(
        conversation_id=conv.id,
        contact_id=conv.contact_id,
        channel=conv.channel,
        scale=settings.scale,
        state="sent",
        token=secrets.token_urlsafe(12),
        language=_language_of(session, conv.id),
        scheduled_for=sent_at,
        sent_at=sent_at,
        expires_at=sent_at + timedelta(days=settings.answer_days),
    )
    if score is not None:
        if problem := _out_of_scale(survey.scale, score):
            raise ValueError(problem)
        survey.state, survey.score, survey.comment = "answered", score, comment
        survey.answered_at = sent_at + timedelta(hours=1)
        _system_message(session, survey, survey.answered_at)
    session.add(survey)
    return survey


def _out_of_scale(scale: str, score: int) -> str | None:
    """What is wrong with ``score`` on ``scale``, or None when it is on it."""
    low, high = SCALES[scale]
    return None if low <= score <= high else f"the score must be {low}–{high}"


def _system_message(session: Session, survey: Survey, now: datetime) -> None:
    high = SCALES[survey.scale][1]
    label = "NPS" if survey.scale == "nps" else "CSAT"
    session.add(
        Message(
            conversation_id=survey.conversation_id,
            channel=survey.channel,
            direction=Direction.SYSTEM,
            text=f"{label}: {survey.score}/{high}",
            created_at=now,
        )
    )


def score_in_reply(text: str, scale: str) -> int | None:
    """The score a customer's reply gives: its first line is short and has the number ("5", "4/5",
    "Puanım 9", "10 stars"). A longer first line is a message, not an answer ("Merhaba, 5 gün oldu…")."""
    low, high = SCALES[scale]
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line.startswith(">"):  # blank, or the quoted history of an email reply
            continue
        found = _NUMBER.search(line)
        if found is None or len(line.split()) > 3:
            return None
        value = int(found.group(1))
        return value if low <= value <= high else None
    return None


def answer_from_message(engine: Engine, publish: Publish, event: MessageIngested) -> Survey | None:
    """Bus handler: a customer's reply to a sent survey answers it (a number) or comments on it.

    A reply taken as the answer leaves the conversation resolved (ingest reopened it on arrival). It runs
    for every stored message (an initial import: thousands), so it only reads until it finds an answer.
    """
    with read_session(engine) as session:
        message = session.get(Message, event.message_id)
        if message is None or message.direction not in (Direction.SYSTEM, Direction.INCOMING):
            return None
        pressed = _PRESSED.match(message.text or "") if message.direction == Direction.SYSTEM else None
        if message.direction == Direction.SYSTEM and not pressed:
            return None
        survey = None if pressed else _awaiting(session, event.conversation_id)
        if not pressed and survey is None:
            return None
        text = message.text or ""
    if pressed:  # a score button under the question (Telegram)
        token, score = pressed.group(1), int(pressed.group(2))
    else:
        token, score = survey.token, score_in_reply(text, survey.scale)
        recent = survey.answered_at is not None and utcnow() - survey.answered_at <= timedelta(
            minutes=COMMENT_MINUTES
        )
        if score is None and not (survey.state == "answered" and recent):
            return None  # a new question from the customer: the conversation stays reopened
    with write_session(engine) as session:
        _keep_resolved(session, event.conversation_id)
    if score is not None:
        return _answered(engine, publish, token=token, score=score)
    return record_answer(engine, publish, token=token, comment=text)


def _awaiting(session: Session, conversation_id: int) -> Survey | None:
    """The conversation's survey that still takes answers, if any."""
    survey = session.exec(
        select(Survey)
        .where(Survey.conversation_id == conversation_id, Survey.state.in_(("sent", "answered")))
        .order_by(Survey.id.desc())
    ).first()
    if survey is None or (survey.expires_at is not None and utcnow() > survey.expires_at):
        return None
    return survey


def _keep_resolved(session: Session, conversation_id: int) -> None:
    """An answer to the survey is no new question: undo the reopening its arrival caused."""
    conv = session.get(Conversation, conversation_id)
    if conv is not None:
        conv.status, conv.resolved_at = ConversationStatus.RESOLVED, conv.resolved_at or utcnow()
        session.add(conv)


def _answered(engine: Engine, publish: Publish, *, token: str, score: int) -> Survey | None:
    """Record a score from the customer's channel; the first one is thanked there."""
    with write_session(engine) as session:
        before = session.exec(select(Survey).where(Survey.token == token)).first()
        first = before is not None and before.score is None
    try:
        survey = record_answer(engine, publish, token=token, score=score)
    except SurveyClosed:
        return None  # a tap on an old question: nothing to record (Telegram already saw the tap answered)
    if first:
        from shopdesk.core.outbox import queue_reply

        with write_session(engine) as session:
            settings = load_survey_settings(session)
        thanks = settings.thanks_tr if survey.language == "tr" else settings.thanks_en
        queue_reply(
            engine, publish, conversation_id=survey.conversation_id, text=thanks, author="", automatic=True
        )
    return survey


@dataclass(frozen=True)
class Rating:
    """One answered survey, for the customer pane's history."""

    answered_at: datetime
    scale: str
    score: int | None
    comment: str
    channel: str
    conversation_id: int

    @property
    def out_of(self) -> int:
        return SCALES[self.scale][1]


def ratings_of_contact(session: Session, *, contact_id: int, limit: int = 20) -> list[Rating]:
    """The customer's answers, newest first."""
    rows = session.exec(
        select(Survey)
        .where(Survey.contact_id == contact_id, Survey.state == "answered")
        .order_by(Survey.answered_at.desc())
        .limit(limit)
    )
    return [Rating(s.answered_at, s.scale, s.score, s.comment, s.channel, s.conversation_id) for s in rows]
