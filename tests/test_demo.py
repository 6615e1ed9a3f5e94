"""The demo inbox: what `shopdesk --demo` shows a newcomer, filled once through core's own doors."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlmodel import func, select

from shopdesk.core.canned import render, variables_for
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import (
    CannedReply,
    Contact,
    Conversation,
    ConversationLabel,
    Label,
    Message,
    ScheduledJob,
)
from shopdesk.core.store import ConversationFilter, search
from shopdesk.demo import fill_demo_if_empty
from shopdesk.settings import load_settings, save_settings
from tests.helpers.items import incoming

TURKISH = re.compile("[ığüşöçİĞÜŞÖÇ]")
ENGLISH = re.compile(r"\b(the|you|your|thank|hello|hi)\b", re.IGNORECASE)


def _snapshot(engine) -> dict[str, int]:
    with read_session(engine) as s:
        return {
            table.__name__: s.exec(select(func.count()).select_from(table)).one()
            for table in (Contact, Conversation, Message, CannedReply, Label, ConversationLabel, ScheduledJob)
        }


def _conversations(engine) -> list[Conversation]:
    with read_session(engine) as s:
        return list(s.exec(select(Conversation)))


def _texts_by_conversation(engine) -> dict[int, str]:
    with read_session(engine) as s:
        rows = s.exec(select(Message.conversation_id, Message.text).where(Message.direction != "note"))
        out: dict[int, str] = {}
        for cid, text in rows:
            out[cid] = out.get(cid, "") + " " + text
        return out


def test_an_empty_store_gets_a_living_inbox_on_every_channel(ctx):
    assert fill_demo_if_empty(ctx) is True
    convs = _conversations(ctx.engine)
    assert 22 <= len(convs) <= 30
    assert Counter(c.channel for c in convs).keys() == {"email", "telegram", "webchat"}
    assert min(Counter(c.channel for c in convs).values()) >= 5
    statuses = Counter(c.status for c in convs)
    assert set(statuses) == {"open", "pending", "snoozed", "resolved"}
    assert statuses["open"] >= 5 and statuses["resolved"] >= 5
    unread = [c for c in convs if c.unread_count]
    assert 3 <= len(unread) <= 10
    assert all(c.status == "open" for c in unread)
    with read_session(ctx.engine) as s:
        directions = Counter(s.exec(select(Message.direction)))
    assert directions["incoming"] >= 30 and directions["outgoing"] >= 15
    assert directions["note"] >= 2


def test_conversations_spread_over_the_last_ten_days(ctx):
    now = datetime.now(UTC)
    fill_demo_if_empty(ctx, now=now)
    convs = _conversations(ctx.engine)
    times = [c.last_message_at for c in convs]
    assert all(now - timedelta(days=10) <= t <= now for t in times)
    assert max(times) - min(times) > timedelta(days=7)
    days = {(now - t).days for t in times}
    assert len(days) >= 7  # not all on one day
    snoozed = [c for c in convs if c.status == "snoozed"]
    assert snoozed and all(c.snoozed_until > now for c in snoozed)
    with read_session(ctx.engine) as s:
        wake_jobs = s.exec(select(ScheduledJob).where(ScheduledJob.kind == "conversation.wake")).all()
    assert {j.key for j in wake_jobs} == {f"wake:{c.id}" for c in snoozed}


def test_mostly_turkish_with_proper_letters_and_some_english(ctx):
    fill_demo_if_empty(ctx)
    texts = _texts_by_conversation(ctx.engine)
    turkish = [cid for cid, t in texts.items() if TURKISH.search(t) and not ENGLISH.search(t)]
    english = [
        cid for cid, t in texts.items() if ENGLISH.search(t) and not TURKISH.search(t.replace("İznik", ""))
    ]
    assert len(turkish) >= 15
    assert 4 <= len(english) < len(turkish)
    everything = " ".join(texts.values())
    assert set("ığüşöçİ") <= set(everything)
    for topic in ("kargo", "iade", "fatura", "indirim kodu", "Kapıda ödeme", "boyu kaç cm"):
        assert topic in everything, topic


def test_labels_notes_and_a_returning_customer(ctx):
    fill_demo_if_empty(ctx)
    with read_session(ctx.engine) as s:
        used = Counter(
            s.exec(select(Label.name).join(ConversationLabel, ConversationLabel.label_id == Label.id))
        )
        notes = s.exec(select(Message).where(Message.direction == "note")).all()
        per_contact = Counter(s.exec(select(Conversation.contact_id)))
    assert {"iade", "kargo", "VIP"} <= set(used)
    assert all(n.author == ctx.settings.owner_name for n in notes)
    returning = [cid for cid, n in per_contact.items() if n > 1]
    assert returning
    with read_session(ctx.engine) as s:
        statuses = s.exec(select(Conversation.status).where(Conversation.contact_id == returning[0])).all()
    assert "resolved" in statuses and "open" in statuses


def test_canned_replies_in_both_languages_fill_their_variables(ctx):
    fill_demo_if_empty(ctx)
    with read_session(ctx.engine) as s:
        replies = s.exec(select(CannedReply)).all()
    assert len(replies) >= 8
    shortcuts = {r.shortcut for r in replies}
    assert {"kargo", "iade", "tesekkur", "shipping"} <= shortcuts
    assert {r.language for r in replies} == {"tr", "en"}
    values = variables_for(
        contact_name="Ayşe Yılmaz",
        shop_name=ctx.settings.shop_name,
        agent_name=ctx.settings.owner_name,
        conversation_id=1,
    )
    for reply in replies:
        assert "{{contact.first_name}}" in reply.body
        rendered = render(reply.body, values)
        assert rendered.missing == ()
        assert "Ayşe" in rendered.text and "{{" not in rendered.text


def test_demo_search_finds_turkish_words_in_any_spelling(ctx):
    fill_demo_if_empty(ctx)
    with read_session(ctx.engine) as s:
        for query in ("kapida odeme", "IADE", "kirik", "peshtemal"):
            assert search(s, query=query, flt=ConversationFilter(status=None)), query


def test_shop_and_owner_names_are_set_only_when_empty(ctx):
    fill_demo_if_empty(ctx)
    assert ctx.settings.shop_name and ctx.settings.owner_name
    with read_session(ctx.engine) as s:
        stored = load_settings(s)
    assert (stored.shop_name, stored.owner_name) == (ctx.settings.shop_name, ctx.settings.owner_name)


def test_an_owner_name_already_chosen_is_kept(ctx):
    ctx.settings.owner_name = "Nermin Usta"
    save_settings(ctx.engine, ctx.settings)
    fill_demo_if_empty(ctx)
    assert ctx.settings.owner_name == "Nermin Usta"
    with read_session(ctx.engine) as s:
        written = Message.direction.in_(("outgoing", "note"))  # system lines (a CSAT answer) have no author
        authors = set(s.exec(select(Message.author).where(written)))
    assert authors == {"Nermin Usta"}


def test_a_second_call_adds_nothing(ctx):
    assert fill_demo_if_empty(ctx) is True
    before = _snapshot(ctx.engine)
    assert fill_demo_if_empty(ctx) is False
    assert _snapshot(ctx.engine) == before


def test_a_store_with_conversations_is_left_alone(ctx):
    ingest(ctx.engine, [incoming("Merhaba")], blobs=ctx.blobs, publish=ctx.publish)
    assert fill_demo_if_empty(ctx) is False
    snapshot = _snapshot(ctx.engine)
    assert (snapshot["Conversation"], snapshot["CannedReply"]) == (1, 0)


def test_filling_is_fast(ctx):
    started = time.perf_counter()
    fill_demo_if_empty(ctx)
    assert time.perf_counter() - started < 1.0


def test_past_satisfaction_answers_fill_the_reports_and_nothing_goes_to_the_made_up_customers(ctx):
    from datetime import date

    from shopdesk.core import reports
    from shopdesk.core.models import OutboxItem, Survey

    now = datetime.now(UTC)
    fill_demo_if_empty(ctx, now=now)
    with read_session(ctx.engine) as s:
        rows = s.exec(select(Survey)).all()
        assert not [r for r in rows if r.state == "scheduled"]  # the story's resolves are days old
        assert s.exec(select(func.count()).select_from(OutboxItem)).one() == 0
        assert (
            s.exec(
                select(func.count())
                .select_from(ScheduledJob)
                .where(ScheduledJob.state == "pending", ScheduledJob.kind == "survey.send")
            ).one()
            == 0
        )
        answered = [r for r in rows if r.state == "answered"]
        assert len({r.score for r in answered}) >= 3 and any(r.comment for r in answered)
        for survey in answered:  # each answer is on its conversation, as a real one is
            conv = s.get(Conversation, survey.conversation_id)
            assert conv.status == "resolved" and conv.created_at < conv.resolved_at < survey.sent_at
            texts = s.exec(select(Message.text).where(Message.conversation_id == conv.id)).all()
            assert f"CSAT: {survey.score}/5" in texts
        got = reports.satisfaction(
            s, start=date.today() - timedelta(days=13), end=date.today() + timedelta(days=1), tz=UTC
        )
    resolved = [c for c in _conversations(ctx.engine) if c.status == "resolved"]
    assert all(c.resolved_at - c.created_at < timedelta(days=1) for c in resolved)  # the story's, not today
    assert got.csat_answers == len(answered) and 0 < got.csat_share < 100 and got.sent == len(answered) + 1


def test_the_demo_shop_invites_a_hesitating_visitor(ctx):
    from shopdesk.core import invitations

    fill_demo_if_empty(ctx)
    with read_session(ctx.engine) as s:
        rules = invitations.load_rules(s)
    assert len(rules) == 2 and all(r.enabled and r.message_tr and r.message_en for r in rules)
    assert {r.min_cart_value > 0 or r.seconds_on_page > 0 for r in rules} == {
        True
    }  # a full cart, a long look
    assert all(TURKISH.search(r.message_tr) for r in rules)


class _Recording:
    """A channel that records what it was asked to send."""

    def __init__(self, name: str) -> None:
        self.name, self.sent = name, []

    async def send(self, item) -> str:
        self.sent.append(item.to_address)
        return f"x{len(self.sent)}"


def test_replies_to_the_made_up_customers_stay_here_and_real_visitors_are_answered(ctx):
    import asyncio

    from shopdesk.core.models import OutboxItem
    from shopdesk.core.outbox import queue_reply
    from shopdesk.demo import keep_story_replies_local
    from shopdesk.runtime.sender import OutboxSender

    fill_demo_if_empty(ctx)
    channels = {name: _Recording(name) for name in ("email", "webchat")}
    for channel in channels.values():
        ctx.channels.register(channel)
    keep_story_replies_local(ctx)
    asked = incoming("Vazo kaç cm?", channel="webchat", sender="w-real")  # on the demo shop's page
    [visitor] = ingest(ctx.engine, [asked], blobs=ctx.blobs, publish=ctx.publish)
    with read_session(ctx.engine) as s:
        story = s.exec(select(Conversation).where(Conversation.channel == "email")).first().id
    for conversation_id in (story, visitor.conversation_id):
        queue_reply(ctx.engine, ctx.publish, conversation_id=conversation_id, text="Merhaba!", author="Elif")
    asyncio.run(OutboxSender(ctx.engine, ctx.publish, ctx.channels).send_due())
    with read_session(ctx.engine) as s:
        assert {item.state for item in s.exec(select(OutboxItem))} == {"sent"}
    assert channels["email"].sent == [] and channels["webchat"].sent == ["w-real"]
    assert ctx.channels.get("webchat").name == "webchat"


def test_a_real_inbox_opened_with_demo_answers_its_customers_as_usual(ctx):
    from shopdesk.demo import StoryDelivery, keep_story_replies_local

    real = incoming("Merhaba", channel="email", sender="james.oconnor@gmail.com")  # also in the story
    ingest(ctx.engine, [real], blobs=ctx.blobs, publish=ctx.publish)
    ctx.channels.register(_Recording("email"))
    keep_story_replies_local(ctx)  # no story in this store: nothing is wrapped
    assert not isinstance(ctx.channels.get("email"), StoryDelivery)
