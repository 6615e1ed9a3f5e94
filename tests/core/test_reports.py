"""Reports: every number of a small hand-built shop checked against arithmetic written here.

The shop is tests/helpers/report_fixture.py: range Mon 2024-03-04 to Thu 2024-03-07 (exclusive) in
Europe/Istanbul (UTC+3), i.e. 2024-03-03 21:00 to 2024-03-06 21:00 UTC.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from shopdesk.core import reports
from shopdesk.core.db import read_session
from shopdesk.core.reports import (
    COMMENT_COLUMNS,
    HOUR_COLUMNS,
    SCORE_COLUMNS,
    VOLUME_COLUMNS,
    ScoreCount,
    business_seconds,
    percentile,
    to_csv,
    utc_bounds,
    write_csv,
)
from tests.helpers.report_fixture import build_shop, utc

IST = ZoneInfo("Europe/Istanbul")
BERLIN = ZoneInfo("Europe/Berlin")
START, END = date(2024, 3, 4), date(2024, 3, 7)  # Mon, Tue, Wed
WEEKDAYS_9_19 = {wd: (time(9), time(19)) for wd in range(5)}  # Mon–Fri 09–19, weekend closed


@pytest.fixture
def shop(engine):
    ids = build_shop(engine)
    with read_session(engine) as session:
        yield session, ids


def report(fn, session, *, tz=IST, **kw):
    return fn(session, start=START, end=END, tz=tz, **kw)


def scores(distribution) -> dict[int, int]:
    return {sc.score: sc.count for sc in distribution}


# Ranges and percentiles


def test_the_range_is_local_midnights_in_utc():
    assert utc_bounds(START, END, IST) == (utc(3, 21), utc(6, 21))
    with pytest.raises(ValueError):
        utc_bounds(END, START, IST)


def test_percentile_is_nearest_rank():
    values = [40, 15, 50, 35, 20]  # sorted: 15 20 35 40 50 (n = 5)
    assert percentile(values, 30) == 20  # ceil(0.3 * 5) = 2nd
    assert percentile(values, 40) == 20  # ceil(2.0) = 2nd
    assert percentile(values, 50) == 35  # ceil(2.5) = 3rd
    assert percentile(values, 90) == 50  # ceil(4.5) = 5th
    assert percentile(values, 0) == 15
    assert percentile(values, 100) == 50
    assert percentile([1, 2, 3, 4], 50) == 2  # even count: the lower middle, no interpolation
    assert percentile([1, 2, 3, 4], 90) == 4  # ceil(3.6) = 4th
    assert percentile([7], 90) == 7
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile([1], 101)


# Business hours (pure)


def local(day: int, hour: int, minute: int = 0, tz=IST) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=tz)  # 2024-03-04 is a Monday


@pytest.mark.parametrize(
    ("start", "end", "seconds"),
    [
        (local(4, 18, 55), local(5, 9, 10), 15 * 60),  # 5 min Mon evening + 10 min Tue morning
        (local(4, 10), local(4, 10, 30), 30 * 60),  # inside one day's hours
        (local(4, 7), local(4, 10), 60 * 60),  # before opening counts from 09:00
        (local(4, 18), local(4, 21), 60 * 60),  # after closing stops at 19:00
        (local(4, 20), local(5, 8), 0),  # the night only
        (local(4, 9), local(6, 9), 2 * 10 * 3600),  # two full days of 10 h
        (local(8, 18), local(11, 10), 2 * 3600),  # Fri 18–19 + Mon 09–10; Sat, Sun closed
        (local(9, 10), local(10, 16), 0),  # the whole weekend
        (local(5, 10), local(5, 10), 0),  # nothing
        (local(5, 11), local(5, 10), 0),  # backwards
    ],
)
def test_business_seconds_weekdays_9_to_19(start, end, seconds):
    assert business_seconds(start, end, hours=WEEKDAYS_9_19, tz=IST) == seconds


def test_business_seconds_skips_a_closed_day():
    hours = {wd: span for wd, span in WEEKDAYS_9_19.items() if wd != 2}  # closed on Wednesday
    # Tue 18–19 (1 h) + Thu 09–10 (1 h)
    assert business_seconds(local(5, 18), local(7, 10), hours=hours, tz=IST) == 2 * 3600


def test_business_seconds_leave_out_holidays_with_the_small_hours_that_fall_on_them():
    wednesday, saturday = local(6, 12).date(), local(9, 12).date()
    # Tue 18:00 -> Thu 10:00 with Wednesday a holiday: Tue 18–19 + Thu 09–10
    closed = {wednesday}
    assert business_seconds(local(5, 18), local(7, 10), hours=WEEKDAYS_9_19, tz=IST, closed=closed) == 7200
    late = {4: (time(20), time(2))}  # Friday 20:00 to Saturday 02:00, and Saturday is a holiday
    assert business_seconds(local(8, 19), local(9, 3), hours=late, tz=IST, closed={saturday}) == 4 * 3600
    assert business_seconds(local(8, 19), local(9, 3), hours=late, tz=IST, closed={wednesday}) == 6 * 3600
    friday = local(8, 12).date()  # Friday a holiday: its evening is closed, Saturday's small hours open
    assert business_seconds(local(8, 19), local(9, 3), hours=late, tz=IST, closed={friday}) == 2 * 3600
    assert business_seconds(local(8, 19), local(9, 3), hours=late, tz=IST, closed={friday, saturday}) == 0


def test_business_seconds_takes_utc_instants_and_counts_in_local_hours():
    # 15:55 UTC is 18:55 in Istanbul, 06:10 UTC the next day is 09:10: 5 + 10 minutes.
    assert business_seconds(utc(4, 15, 55), utc(5, 6, 10), hours=WEEKDAYS_9_19, tz=IST) == 900
    # The same instants in UTC hours: Mon 15:55–19:00 (3 h 5 min) + nothing before 09:00 on Tue.
    assert business_seconds(utc(4, 15, 55), utc(5, 6, 10), hours=WEEKDAYS_9_19, tz=UTC) == 11100


def test_business_seconds_with_hours_past_midnight_and_a_whole_day():
    late = {4: (time(20), time(2))}  # Friday 20:00 to Saturday 02:00
    assert business_seconds(local(8, 23), local(9, 3), hours=late, tz=IST) == 3 * 3600  # 23→02
    assert business_seconds(local(9, 1), local(9, 5), hours=late, tz=IST) == 3600  # Sat 01→02
    whole_saturday = {5: (time(0), time(0))}
    # Sat 10:00 → Sun 10:00: Saturday's remaining 14 h
    assert business_seconds(local(9, 10), local(10, 10), hours=whole_saturday, tz=IST) == 14 * 3600


def test_business_seconds_counts_real_time_across_a_dst_change():
    # Berlin moved its clocks 02:00 → 03:00 on Sunday 2024-03-31: midnight to 06:00 lasted 5 hours.
    sunday_night = {6: (time(0), time(6))}
    start, end = local(31, 0, tz=BERLIN), local(31, 12, tz=BERLIN)
    assert business_seconds(start, end, hours=sunday_night, tz=BERLIN) == 5 * 3600


# Satisfaction


def test_satisfaction_over_the_range(shop):
    session, _ = shop
    got = report(reports.satisfaction, session)
    # Sent in the range: 4 CSAT answered, 4 NPS answered, 1 unanswered, 1 answered with a comment only.
    # Left out: cancelled, scheduled (never sent), one sent Sun 23:00 local (before the range).
    assert got.sent == 10
    assert got.answered == 9
    assert got.response_rate == 90.0  # 9 / 10
    # CSAT (5, 4, 3, 5): 3 of 4 are 4–5 -> 75 %, average 17 / 4 = 4.25
    assert got.csat_answers == 4
    assert got.csat_share == 75.0
    assert got.csat_average == 4.25
    assert scores(got.csat_distribution) == {1: 0, 2: 0, 3: 1, 4: 1, 5: 2}
    # NPS (10, 9, 7, 3): promoters 2 / 4 = 50 %, detractors 1 / 4 = 25 % -> 25
    assert got.nps_answers == 4
    assert (got.promoters, got.passives, got.detractors) == (2, 1, 1)
    assert got.nps == 25.0
    assert scores(got.nps_distribution) == {s: 1 if s in (3, 7, 9, 10) else 0 for s in range(11)}


def test_satisfaction_comments_newest_first(shop):
    session, ids = shop
    got = report(reports.satisfaction, session)
    assert [(c.score, c.comment, c.channel, c.answered_at, c.conversation_id) for c in got.comments] == [
        (3, "=1+1 şaka değil", "telegram", utc(8, 9), ids["C3"]),  # answered after the range: kept
        (None, "Bir sorum daha var", "telegram", utc(6, 12), ids["C3"]),
        (3, "Kargo geç geldi; ilgilendiniz ama.", "telegram", utc(5, 9), ids["C2"]),
        (5, "Çok hızlı, teşekkürler!", "email", utc(4, 10), ids["C0"]),
    ]
    assert [c.scale for c in got.comments] == ["nps", "csat", "csat", "csat"]


def test_satisfaction_of_one_channel(shop):
    session, _ = shop
    got = report(reports.satisfaction, session, channel="telegram")
    # Telegram: CSAT 3, NPS 9 and 3, one comment only; all four answered.
    assert (got.sent, got.answered, got.response_rate) == (4, 4, 100.0)
    assert (got.csat_answers, got.csat_share, got.csat_average) == (1, 0.0, 3.0)
    # NPS: promoters 1 / 2 = 50 %, detractors 1 / 2 = 50 % -> 0
    assert (got.nps_answers, got.promoters, got.detractors, got.nps) == (2, 1, 1, 0.0)
    assert len(got.comments) == 3


def test_satisfaction_days_are_the_owners(shop):
    session, _ = shop
    # In UTC the survey sent at 21:30 UTC on Sunday (Mon 00:30 in Istanbul) falls before the range.
    got = report(reports.satisfaction, session, tz=UTC)
    assert (got.sent, got.answered) == (9, 8)
    # CSAT (4, 3, 5): 2 of 3 -> 66.67 %, average 12 / 3 = 4.0
    assert got.csat_share == pytest.approx(200 / 3)
    assert got.csat_average == 4.0


def test_satisfaction_of_an_empty_range(shop):
    session, _ = shop
    got = reports.satisfaction(session, start=date(2024, 1, 1), end=date(2024, 1, 8), tz=IST)
    assert (got.sent, got.answered, got.response_rate) == (0, 0, None)
    assert (got.csat_share, got.csat_average, got.nps) == (None, None, None)
    assert scores(got.csat_distribution) == dict.fromkeys(range(1, 6), 0)
    assert scores(got.nps_distribution) == dict.fromkeys(range(11), 0)
    assert got.comments == ()


# Response times


def test_response_times_over_the_range(shop):
    session, ids = shop
    got = report(reports.response_times, session)
    # In the range: C1–C6 (C0 was created before it, C7 at its end).
    assert got.conversations == 6
    by_id = {r.conversation_id: r for r in got.rows}
    assert set(by_id) == {ids[n] for n in ("C1", "C2", "C3", "C4", "C5", "C6")}
    # First responses: C1 30 min (the note does not count), C2 14 h 15 min (not the bot),
    # C4 20 min, C5 15 min (the owner's invitation before the visitor wrote does not count).
    assert by_id[ids["C1"]].first_response_seconds == 1800
    assert by_id[ids["C2"]].first_response_seconds == 14 * 3600 + 15 * 60  # 51300
    assert by_id[ids["C4"]].first_response_seconds == 1200
    assert by_id[ids["C5"]].first_response_seconds == 900
    # C3: only a system message and a failed send -> no reply; C6: the customer never wrote.
    assert by_id[ids["C3"]].first_response_seconds is None
    assert by_id[ids["C6"]].first_incoming_at is None
    assert (got.responded, got.unanswered) == (4, 1)
    # sorted 900, 1200, 1800, 51300: median = 2nd (ceil 2.0), p90 = 4th (ceil 3.6)
    assert (got.first_response_median, got.first_response_p90) == (1200, 51300)
    # Resolved: C1 2 h, C2 15 h 5 min, C4 2 h (C5 was reopened: its resolved_at does not count)
    assert by_id[ids["C2"]].resolution_seconds == 15 * 3600 + 5 * 60  # 54300
    assert by_id[ids["C5"]].resolution_seconds is None
    assert got.resolved == 3
    # sorted 7200, 7200, 54300: median = 2nd (ceil 1.5), p90 = 3rd (ceil 2.7)
    assert (got.resolution_median, got.resolution_p90) == (7200, 54300)


def test_response_times_in_business_hours(shop):
    session, ids = shop
    got = report(reports.response_times, session, business_hours=WEEKDAYS_9_19)
    by_id = {r.conversation_id: r for r in got.rows}
    # C2: written Mon 18:55 local, answered Tue 09:10 -> 5 + 10 min; resolved Tue 10:00 -> 5 + 60 min
    assert by_id[ids["C2"]].first_response_seconds == 900
    assert by_id[ids["C2"]].resolution_seconds == 3900
    # The others are inside 09–19 on weekdays and keep their times: 1800, 1200, 900.
    # sorted 900, 900, 1200, 1800: median = 2nd, p90 = 4th
    assert (got.first_response_median, got.first_response_p90) == (900, 1800)
    # sorted 3900, 7200, 7200
    assert (got.resolution_median, got.resolution_p90) == (7200, 7200)


def test_response_times_in_business_hours_leave_out_the_shops_holidays(shop):
    session, ids = shop
    tuesday = local(5, 12).date()
    got = report(reports.response_times, session, business_hours=WEEKDAYS_9_19, closed_days={tuesday})
    # C2: written Mon 18:55, answered Tue 09:10 and resolved Tue 10:00: only Monday's 5 minutes count
    row = next(r for r in got.rows if r.conversation_id == ids["C2"])
    assert (row.first_response_seconds, row.resolution_seconds) == (300, 300)


def test_response_times_of_one_channel(shop):
    session, _ = shop
    got = report(reports.response_times, session, channel="telegram")
    # C2 and C3
    assert (got.conversations, got.responded, got.unanswered, got.resolved) == (2, 1, 1, 1)
    assert (got.first_response_median, got.first_response_p90) == (51300, 51300)
    assert (got.resolution_median, got.resolution_p90) == (54300, 54300)


def test_response_times_of_an_empty_range(shop):
    session, _ = shop
    got = reports.response_times(session, start=date(2024, 1, 1), end=date(2024, 1, 2), tz=IST)
    assert (got.conversations, got.responded, got.unanswered, got.resolved) == (0, 0, 0, 0)
    assert got.first_response_median is None and got.resolution_p90 is None


# Volume and busiest hours


def test_volume_per_local_day_and_channel(shop):
    session, _ = shop
    got = report(reports.volume, session)
    assert got.days == (date(2024, 3, 4), date(2024, 3, 5), date(2024, 3, 6))
    assert got.channels == ("email", "telegram", "webchat")
    table = {(r.day.day, r.channel): (r.messages, r.conversations) for r in got.rows}
    # Incoming only (no notes, bot, system or outgoing). C0's Sunday message and C7's Thursday one are
    # outside; C2's 21:30 UTC Monday message is Tuesday 00:30 local, C3's 22:30 UTC Tuesday is Wednesday.
    assert table == {
        (4, "email"): (2, 1),  # C0 08:00 (its conversation is older), C1 09:00; new: C1
        (4, "telegram"): (1, 1),  # C2 18:55
        (4, "webchat"): (0, 0),
        (5, "email"): (0, 1),  # new: C6 (no incoming message)
        (5, "telegram"): (1, 0),  # C2 00:30
        (5, "webchat"): (0, 0),
        (6, "email"): (2, 1),  # C4 ×2
        (6, "telegram"): (1, 1),  # C3 01:30
        (6, "webchat"): (1, 1),  # C5
    }
    assert got.total_messages() == 8
    assert got.total_messages("telegram") == 3
    assert got.total_conversations() == 6
    assert got.messages_on(date(2024, 3, 6)) == 4


def test_volume_in_utc_has_other_days(shop):
    session, _ = shop
    got = report(reports.volume, session, tz=UTC)
    # Mar 4: C0 05:00, C1, C2 15:55, C2 21:30; Mar 5: C3 22:30; Mar 6: C4 ×2, C5, C7 21:00
    assert [got.messages_on(day) for day in got.days] == [4, 1, 4]


def test_volume_of_one_channel_has_every_day(shop):
    session, _ = shop
    got = report(reports.volume, session, channel="webchat")
    assert got.channels == ("webchat",)
    assert [(r.day.day, r.messages, r.conversations) for r in got.rows] == [
        (4, 0, 0),
        (5, 0, 0),
        (6, 1, 1),
    ]


def test_busiest_hours_in_local_weekday_and_hour(shop):
    session, _ = shop
    got = report(reports.busiest_hours, session)
    assert len(got.grid) == 7 and all(len(hours) == 24 for hours in got.grid)
    cells = {(wd, h): n for wd, hours in enumerate(got.grid) for h, n in enumerate(hours) if n}
    assert cells == {
        (0, 8): 1,  # Mon 08:00 C0
        (0, 9): 1,  # Mon 09:00 C1
        (0, 18): 1,  # Mon 18:55 C2
        (1, 0): 1,  # Tue 00:30 C2 (21:30 UTC Monday)
        (2, 1): 1,  # Wed 01:30 C3 (22:30 UTC Tuesday)
        (2, 10): 2,  # Wed 10:00 and 10:30 C4
        (2, 13): 1,  # Wed 13:30 C5
    }
    assert got.total == 8
    assert report(reports.busiest_hours, session, channel="webchat").total == 1


# CSV


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_a_header_turkish_text_and_plain_numbers():
    rows = [
        {"name": "Çiğdem Şahin", "n": 1234567, "avg": 4.25, "share": 75.0, "rate": 200 / 3},
        {"name": 'Iğdır "merkez", İzmir', "n": 0, "avg": None, "share": -25.0, "rate": 0.001},
    ]
    columns = [("name", "Müşteri"), ("n", "Sayı"), ("avg", "Ortalama"), ("share", "%"), ("rate", "r")]
    text = to_csv(rows, columns)
    assert parse(text) == [
        ["Müşteri", "Sayı", "Ortalama", "%", "r"],
        ["Çiğdem Şahin", "1234567", "4.25", "75", "66.67"],
        ['Iğdır "merkez", İzmir', "0", "", "-25", "0"],
    ]
    assert text.endswith("\r\n")  # what spreadsheets expect


def test_csv_of_report_tables(shop):
    session, _ = shop
    sat = report(reports.satisfaction, session)
    assert parse(to_csv(sat.csat_distribution, SCORE_COLUMNS))[1:] == [
        ["1", "0"],
        ["2", "0"],
        ["3", "1"],
        ["4", "1"],
        ["5", "2"],
    ]
    comments = parse(to_csv(sat.comments, COMMENT_COLUMNS, tz=IST))
    assert comments[0] == ["Answered", "Channel", "Scale", "Score", "Comment", "Conversation"]
    # Local time; a customer's formula stays text; a comment without a score has an empty score.
    assert comments[1][:5] == ["2024-03-08 12:00:00", "telegram", "nps", "3", "'=1+1 şaka değil"]
    assert comments[2][3] == ""
    assert comments[4][4] == "Çok hızlı, teşekkürler!"
    vol = parse(to_csv(report(reports.volume, session).rows, VOLUME_COLUMNS))
    assert vol[1] == ["2024-03-04", "email", "2", "1"]
    assert len(vol) == 1 + 9  # 3 days × 3 channels
    hours = parse(to_csv(report(reports.busiest_hours, session).rows(), HOUR_COLUMNS))
    assert hours[0][:3] == ["Weekday", "00", "01"]
    assert hours[3][0] == "Wed" and hours[3][11] == "2"  # Wed 10:00 (column 0 is the weekday)


def test_write_csv_puts_a_bom_for_excel(tmp_path):
    path = tmp_path / "rapor.csv"
    write_csv(path, [ScoreCount(5, 2)], [("score", "Puan"), ("count", "Yanıt sayısı")])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == "Puan,Yanıt sayısı\r\n5,2\r\n"


def test_a_survey_question_is_no_answer_to_the_customer(engine):
    from shopdesk.core.db import write_session
    from shopdesk.core.models import Contact, Conversation, Message, Survey

    with write_session(engine) as session:
        contact = Contact(name="Sessiz Müşteri")
        session.add(contact)
        session.flush()
        conv = Conversation(contact_id=contact.id, channel="email", created_at=utc(4, 9), status="resolved")
        session.add(conv)
        session.flush()
        session.add(
            Message(conversation_id=conv.id, channel="email", direction="incoming", created_at=utc(4, 9))
        )
        question = Message(
            conversation_id=conv.id,
            channel="email",
            direction="outgoing",
            send_state="sent",
            created_at=utc(4, 10),
        )
        session.add(question)
        session.flush()
        session.add(
            Survey(
                conversation_id=conv.id,
                contact_id=contact.id,
                channel="email",
                token="t",
                message_id=question.id,
                scheduled_for=utc(4, 10),
                state="sent",
                sent_at=utc(4, 10),
            )
        )
    with read_session(engine) as session:
        times = reports.response_times(session, start=START, end=END, tz=IST)
    assert (times.conversations, times.responded, times.unanswered) == (1, 0, 1)


def test_business_hours_in_reports_follow_the_widgets_online_hour_by_hour():
    from shopdesk.core import automation

    settings = automation.AutomationSettings(
        hours={"thu": ["09:00", "18:00"], "fri": ["20:00", "02:00"], "sat": ["22:00", "03:00"]},
        holidays=["2024-03-08", "2024-03-10"],  # a Friday (its evening) and a Sunday (Saturday's small hours)
    )
    hours, closed = automation.business_hours(settings), automation.holidays(settings)
    for n in range(4 * 24):
        start = local(7, 0) + timedelta(hours=n)
        counted = business_seconds(start, start + timedelta(hours=1), hours=hours, tz=IST, closed=closed)
        assert counted == (3600 if automation.is_open(settings, start + timedelta(minutes=30), IST) else 0), (
            start
        )
