"""Business hours and auto-replies: open or closed by the week, holidays and the away switch; an
acknowledgement or an out-of-hours message through the outbox, and never a loop."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from shopdesk.core import automation
from shopdesk.core.automation import AUTO_AUTHOR, AutomationSettings, is_open, save_automation_settings
from shopdesk.core.db import read_session
from shopdesk.core.events import MessageIngested
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Message
from tests.helpers.items import incoming

IST = ZoneInfo("Europe/Istanbul")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in December 2026 in Istanbul (2026-12-07 is a Monday)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=IST)


@pytest.mark.parametrize(
    ("when", "open_"),
    [
        (at(7, 9), True),  # Monday, opening time
        (at(7, 17, 59), True),
        (at(7, 18), False),  # closing time
        (at(7, 8, 59), False),
        (at(12, 11), True),  # Saturday 10-14
        (at(12, 15), False),
        (at(13, 11), False),  # Sunday: closed
    ],
)
def test_open_by_the_weekly_hours(when, open_):
    assert is_open(AutomationSettings(), when.astimezone(UTC), IST) is open_


def test_holidays_the_away_switch_and_hours_past_midnight():
    assert not is_open(AutomationSettings(holidays=["2026-12-08"]), at(8, 11), IST)
    assert not is_open(AutomationSettings(away=True), at(7, 11), IST)
    late = AutomationSettings(hours={"fri": ["20:00", "02:00"]})
    assert (
        is_open(late, at(11, 23), IST) and is_open(late, at(11, 1), IST) is False
    )  # 01:00 Fri is Thursday's night
    assert not is_open(late, at(11, 19), IST)


def receive(engine, blobs, events, text="Merhaba, kargom nerede?", sender="ayse@example.com", **kwargs):
    [result] = ingest(engine, [incoming(text, sender=sender, **kwargs)], blobs=blobs, publish=events)
    return next(
        e for e in reversed(events) if isinstance(e, MessageIngested) and e.message_id == result.message_id
    )


def auto_replies(engine) -> list[str]:
    with read_session(engine) as session:
        return list(
            session.exec(select(Message.text).where(Message.author == AUTO_AUTHOR).order_by(Message.id))
        )


@pytest.fixture
def closed_now(engine):
    """Closed all week, auto-replies on for the tests' fake channel."""
    settings = AutomationSettings(hours={}, acknowledge={"fake": True}, out_of_hours={"fake": True})
    save_automation_settings(engine, settings)
    return settings


def reply(engine, events, event, shop="Lale Butik"):
    return automation.auto_reply(engine, events, event, tz=IST, shop_name=shop)


def test_out_of_hours_a_customer_gets_one_message_per_conversation_in_12_hours(
    engine, blobs, events, closed_now
):
    event = receive(engine, blobs, events, name="Ayşe Demir")
    assert reply(engine, events, event) is not None
    assert auto_replies(engine) == [
        "Merhaba Ayşe, şu an kapalıyız. Mesajınızı aldık; açılır açılmaz yanıtlayacağız. — Lale Butik"
    ]
    threaders = {"fake": lambda session, item, contact_id: event.conversation_id}
    [again] = ingest(
        engine,
        [incoming("Bir şey daha", sender="ayse@example.com")],
        blobs=blobs,
        publish=events,
        threaders=threaders,
    )
    assert (
        reply(engine, events, MessageIngested(event.conversation_id, again.message_id, 1, "fake", False))
        is None
    )
    assert len(auto_replies(engine)) == 1


def test_a_customer_without_a_name_and_english_gets_the_english_text_without_gaps(
    engine, blobs, events, closed_now
):
    event = receive(engine, blobs, events, text="Where is my order?", sender="x@example.com", name="")
    reply(engine, events, event, shop="")
    assert auto_replies(engine) == [
        "Hi, we are closed right now. We got your message and will answer as soon as we open."
    ]


def test_never_to_automatic_mail_no_reply_senders_or_old_mail(engine, blobs, events, closed_now):
    bounce = receive(engine, blobs, events, sender="mailer-daemon@example.com")
    noreply = receive(engine, blobs, events, sender="no-reply@shop-platform.example")
    auto = receive(engine, blobs, events, sender="ali@example.com")
    from shopdesk.core.db import write_session

    with write_session(engine) as session:
        session.get(Message, auto.message_id).automatic = True  # as ingest stores an Auto-Submitted mail
    old = receive(engine, blobs, events, sender="eski@example.com", minutes_ago=180)  # an initial import
    for event in (bounce, noreply, auto, old):
        assert reply(engine, events, event) is None
    assert auto_replies(engine) == []


def test_the_automatic_flag_is_stored_by_ingest(engine, blobs, events):
    event = receive(engine, blobs, events, automatic=True)
    with read_session(engine) as session:
        assert session.get(Message, event.message_id).automatic is True


def test_in_hours_only_a_new_conversation_is_acknowledged_when_asked_for(engine, blobs, events):
    save_automation_settings(
        engine, AutomationSettings(hours={d: ["00:00", "23:59"] for d in automation.WEEK})
    )
    assert reply(engine, events, receive(engine, blobs, events)) is None  # acknowledgement is off by default
    settings = AutomationSettings(
        hours={d: ["00:00", "23:59"] for d in automation.WEEK}, acknowledge={"fake": True}
    )
    save_automation_settings(engine, settings)
    new = receive(engine, blobs, events, sender="zeynep@example.com", name="Zeynep")
    assert reply(engine, events, new) is not None
    assert auto_replies(engine) == ["Merhaba Zeynep, mesajınızı aldık; en kısa sürede yanıtlayacağız."]


def test_bad_hours_are_refused(engine):
    with pytest.raises(ValueError, match="two times"):
        save_automation_settings(engine, AutomationSettings(hours={"mon": ["09:00"]}))
    with pytest.raises(ValueError):
        save_automation_settings(engine, AutomationSettings(hours={"mon": ["9 am", "18:00"]}))


def test_the_week_plan_lists_closed_days(engine):
    from datetime import date

    days = automation.closed_days(AutomationSettings(holidays=["2026-12-09"]), date(2026, 12, 7), 7)
    assert days == [date(2026, 12, 9), date(2026, 12, 13)]  # the holiday and Sunday


def test_presence_follows_the_hours_and_00_00_to_00_00_is_all_day():
    assert automation.presence(AutomationSettings(), at(7, 11), IST) == "online"
    assert automation.presence(AutomationSettings(), at(13, 11), IST) == "away"  # Sunday
    always = AutomationSettings(hours={day: ["00:00", "00:00"] for day in automation.WEEK})
    assert all(is_open(always, at(13, h), IST) for h in range(24))


def test_the_reports_count_business_time_in_the_owners_hours():
    from datetime import time

    settings = AutomationSettings(hours={"mon": ["09:00", "18:00"], "sat": ["20:00", "02:00"]})
    assert automation.business_hours(settings) == {0: (time(9), time(18)), 5: (time(20), time(2))}
    assert automation.business_hours(AutomationSettings(hours={})) == {}


def test_the_holidays_as_dates_for_the_reports_skip_what_is_not_a_date():
    settings = automation.AutomationSettings(holidays=["2026-12-31", "31.12.2026", 20270101, "2027-01-01"])
    assert automation.holidays(settings) == {date(2026, 12, 31), date(2027, 1, 1)}
