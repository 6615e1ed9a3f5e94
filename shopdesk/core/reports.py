"""The owner's Reports: satisfaction, response times, volume and busiest hours over a local date range.

Every report takes a range of the owner's local days ``[start, end)`` and the owner's time zone: times are
stored in UTC, but days and hours of the week are the owner's. Counting is done in Python over a few
selected columns, so the same code runs on SQLite and PostgreSQL. Every table exports to CSV.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from sqlmodel import Session, select

from shopdesk.core.models import Channel, Conversation, ConversationStatus, Direction, Message, Survey
from shopdesk.core.surveys import SCALES

# weekday (0 = Monday) -> (opening, closing) in the owner's time zone; a closing time at or before the
# opening time closes the next day (00:00–00:00 is the whole day). A weekday left out is closed.
BusinessHours = Mapping[int, tuple[time, time]]
# Outgoing messages that never reached the customer are not a response.
_NOT_SENT = ("draft", "failed")
CSV_ENCODING = "utf-8-sig"  # the BOM lets Excel read UTF-8 (Turkish letters) instead of the ANSI page
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # CSV's default; the GUI passes its own


# Ranges, percentiles, business hours (pure)


def utc_bounds(start: date, end: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight at ``start`` and at ``end`` (exclusive)."""
    if end <= start:
        raise ValueError(f"empty report range: {start} to {end}")
    return _local_midnight(start, tz), _local_midnight(end, tz)


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def percentile(values: Iterable[float], p: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least ``p`` % of the values at or below it.

    For sorted values v[1..n] it is v[ceil(p / 100 * n)] (v[1] for p = 0); None when there are none. No
    interpolation, so it is always one of the values; the median (p = 50) of an even count is the lower
    middle one: [1, 2, 3, 4] -> 2.
    """
    ordered = sorted(values)
    if not ordered:
        return None
    if not 0 <= p <= 100:
        raise ValueError(f"percentile out of 0–100: {p}")
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def business_seconds(
    start: datetime, end: datetime, *, hours: BusinessHours, tz: tzinfo, closed: Collection[date] = ()
) -> float:
    """Seconds between the aware instants ``start`` and ``end`` that fall inside the opening hours.

    The local dates in ``closed`` (holidays) count nothing, whichever evening's window reaches into them:
    the same rule as the widget's online/away, which looks at the date of the instant.
    """
    if end <= start:
        return 0.0
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    day = start.astimezone(tz).date() - timedelta(days=1)  # yesterday's window may run past midnight
    spans = []
    while day <= end.astimezone(tz).date():
        if day.weekday() in hours:
            opens, closes = _window(day, hours[day.weekday()], tz)
            midnight = _local_midnight(day + timedelta(days=1), tz)
            if day in closed:  # only the small hours on the next date may count
                opens = max(opens, midnight)
            if day + timedelta(days=1) in closed:
                closes = min(closes, midnight)
            lo, hi = max(opens, start), min(closes, end)
            if lo < hi:
                spans.append((lo, hi))
        day += timedelta(days=1)
    return sum((hi - lo).total_seconds() for lo, hi in _merged(spans))


def _window(day: date, hours: tuple[time, time], tz: tzinfo) -> tuple[datetime, datetime]:
    opens, closes = hours
    close_day = day + timedelta(days=1) if closes <= opens else day
    # In UTC, so that a day with a DST change has its real length.
    return (
        datetime.combine(day, opens, tzinfo=tz).astimezone(UTC),
        datetime.combine(close_day, closes, tzinfo=tz).astimezone(UTC),
    )


def _merged(spans: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


# Satisfaction


@dataclass(frozen=True)
class ScoreCount:
    score: int
    count: int


@dataclass(frozen=True)
class SurveyComment:
    score: int | None  # None: a comment without a score
    comment: str
    channel: str
    answered_at: datetime
    conversation_id: int
    scale: str


@dataclass(frozen=True)
class Satisfaction:
    """Surveys sent in the range. Percentages are 0–100; None where there is nothing to divide by."""

    sent: int
    answered: int  # answered with a score or a comment
    response_rate: float | None  # answered, % of sent
    csat_answers: int
    csat_share: float | None  # answers of 4 or 5, % of CSAT answers
    csat_average: float | None
    csat_distribution: tuple[ScoreCount, ...]  # every score 1–5, zeros included
    nps_answers: int
    promoters: int  # 9–10
    passives: int  # 7–8
    detractors: int  # 0–6
    nps: float | None  # promoters % minus detractors %, -100 to 100
    nps_distribution: tuple[ScoreCount, ...]  # every score 0–10
    comments: tuple[SurveyComment, ...]  # newest first


def satisfaction(
    session: Session, *, start: date, end: date, tz: tzinfo, channel: str | None = None
) -> Satisfaction:
    lo, hi = utc_bounds(start, end, tz)
    query = select(Survey).where(
        Survey.sent_at >= lo, Survey.sent_at < hi, Survey.state.in_(("sent", "answered"))
    )
    if channel is not None:
        query = query.where(Survey.channel == channel)
    surveys = session.exec(query).all()
    answered = [s for s in surveys if s.state == "answered"]
    csat = [s.score for s in answered if s.scale == "csat" and s.score is not None]
    nps = [s.score for s in answered if s.scale == "nps" and s.score is not None]
    promoters, detractors = sum(v >= 9 for v in nps), sum(v <= 6 for v in nps)
    return Satisfaction(
        sent=len(surveys),
        answered=len(answered),
        response_rate=_percent(len(answered), len(surveys)),
        csat_answers=len(csat),
        csat_share=_percent(sum(v >= 4 for v in csat), len(csat)),
        csat_average=sum(csat) / len(csat) if csat else None,
        csat_distribution=_distribution(csat, "csat"),
        nps_answers=len(nps),
        promoters=promoters,
        passives=len(nps) - promoters - detractors,
        detractors=detractors,
        nps=_percent(promoters, len(nps)) - _percent(detractors, len(nps)) if nps else None,
        nps_distribution=_distribution(nps, "nps"),
        comments=_comments(answered),
    )


def _percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _distribution(scores: list[int], scale: str) -> tuple[ScoreCount, ...]:
    low, high = SCALES[scale]
    counts = Counter(scores)
    return tuple(ScoreCount(score, counts[score]) for score in range(low, high + 1))


def _comments(answered: list[Survey]) -> tuple[SurveyComment, ...]:
    found = [
        SurveyComment(s.score, s.comment, s.channel, s.answered_at, s.conversation_id, s.scale)
        for s in answered
        if s.comment.strip() and s.answered_at is not None
    ]
    return tuple(sorted(found, key=lambda c: c.answered_at, reverse=True))


# Response times


_Firsts = tuple[datetime | None, datetime | None]  # first incoming message, first reply after it


@dataclass(frozen=True)
class ConversationTimes:
    conversation_id: int
    channel: str
    created_at: datetime
    first_incoming_at: datetime | None  # None: the customer never wrote (the owner started it)
    first_response_at: datetime | None
    first_response_seconds: float | None  # None: no reply yet (or nothing to reply to)
    resolution_seconds: float | None  # None: not resolved


@dataclass(frozen=True)
class ResponseTimes:
    """Conversations created in the range; times in seconds (business seconds when hours were given)."""

    conversations: int
    responded: int
    unanswered: int  # the customer wrote and has had no reply yet
    first_response_median: float | None
    first_response_p90: float | None
    resolved: int
    resolution_median: float | None
    resolution_p90: float | None
    rows: tuple[ConversationTimes, ...]  # oldest conversation first


def response_times(
    session: Session,
    *,
    start: date,
    end: date,
    tz: tzinfo,
    channel: str | None = None,
    business_hours: BusinessHours | None = None,
    closed_days: Collection[date] = (),
) -> ResponseTimes:
    """First response = the first outgoing message (not a note, system or bot message, not a draft or a
    failed send) after the customer's first message; resolution = resolved_at - created_at. With
    ``business_hours`` both count only the open hours, and nothing on ``closed_days`` (holidays)."""
    lo, hi = utc_bounds(start, end, tz)
    query = select(Conversation).where(Conversation.created_at >= lo, Conversation.created_at < hi)
    if channel is not None:
        query = query.where(Conversation.channel == channel)
    convs = session.exec(query.order_by(Conversation.created_at, Conversation.id)).all()
    firsts = _first_in_and_out(session, [c.id for c in convs])

    def span(a: datetime, b: datetime) -> float:
        if business_hours is None:
            return (b - a).total_seconds()
        return business_seconds(a, b, hours=business_hours, tz=tz, closed=closed_days)

    rows = tuple(_times(conv, firsts.get(conv.id, (None, None)), span) for conv in convs)
    first = [r.first_response_seconds for r in rows if r.first_response_seconds is not None]
    resolution = [r.resolution_seconds for r in rows if r.resolution_seconds is not None]
    return ResponseTimes(
        conversations=len(rows),
        responded=len(first),
        unanswered=sum(r.first_incoming_at is not None and r.first_response_at is None for r in rows),
        first_response_median=percentile(first, 50),
        first_response_p90=percentile(first, 90),
        resolved=len(resolution),
        resolution_median=percentile(resolution, 50),
        resolution_p90=percentile(resolution, 90),
        rows=rows,
    )


def _times(
    conv: Conversation, first: _Firsts, span: Callable[[datetime, datetime], float]
) -> ConversationTimes:
    asked, answered = first
    resolved = conv.status == ConversationStatus.RESOLVED and conv.resolved_at is not None
    return ConversationTimes(
        conversation_id=conv.id,
        channel=conv.channel,
        created_at=conv.created_at,
        first_incoming_at=asked,
        first_response_at=answered,
        first_response_seconds=span(asked, answered) if asked and answered else None,
        resolution_seconds=span(conv.created_at, conv.resolved_at) if resolved else None,
    )


def _first_in_and_out(session: Session, conversation_ids: list[int]) -> dict[int, _Firsts]:
    """Per conversation: its first incoming message's time and the first reply's time after it."""
    found: dict[int, _Firsts] = {}
    for chunk in _chunks(conversation_ids, 500):  # stays under SQLite's bound-parameter limit
        rows = session.exec(
            select(Message.conversation_id, Message.direction, Message.created_at)
            .where(
                Message.conversation_id.in_(chunk),
                Message.direction.in_((Direction.INCOMING, Direction.OUTGOING)),
                (Message.send_state.is_(None)) | (Message.send_state.not_in(_NOT_SENT)),
                # a satisfaction survey's question is ShopDesk's, not the owner's answer
                Message.id.not_in(select(Survey.message_id).where(Survey.message_id.is_not(None))),
            )
            .order_by(Message.conversation_id, Message.created_at, Message.id)
        ).all()
        for conv_id, direction, at in rows:
            asked, answered = found.get(conv_id, (None, None))
            if direction == Direction.INCOMING and asked is None:
                found[conv_id] = (at, None)
            elif direction == Direction.OUTGOING and asked is not None and answered is None:
                found[conv_id] = (asked, at)
    return found


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# Volume and busiest hours


@dataclass(frozen=True)
class DayVolume:
    day: date  # the owner's local day
    channel: str
    messages: int  # incoming messages
    conversations: int  # conversations created


@dataclass(frozen=True)
class Volume:
    days: tuple[date, ...]  # every day of the range
    channels: tuple[str, ...]
    rows: tuple[DayVolume, ...]  # every day x channel, zeros included; by day, then channel

    def messages_on(self, day: date, channel: str | None = None) -> int:
        return sum(r.messages for r in self.rows if r.day == day and channel in (None, r.channel))

    def total_messages(self, channel: str | None = None) -> int:
        return sum(r.messages for r in self.rows if channel in (None, r.channel))

    def total_conversations(self, channel: str | None = None) -> int:
        return sum(r.conversations for r in self.rows if channel in (None, r.channel))


def volume(session: Session, *, start: date, end: date, tz: tzinfo, channel: str | None = None) -> Volume:
    lo, hi = utc_bounds(start, end, tz)
    messages = Counter((at.astimezone(tz).date(), ch) for ch, at in _incoming(session, lo, hi, channel))
    query = select(Conversation.channel, Conversation.created_at).where(
        Conversation.created_at >= lo, Conversation.created_at < hi
    )
    if channel is not None:
        query = query.where(Conversation.channel == channel)
    convs = Counter((at.astimezone(tz).date(), ch) for ch, at in session.exec(query).all())
    days = tuple(start + timedelta(days=i) for i in range((end - start).days))
    seen = {ch for _, ch in messages} | {ch for _, ch in convs}
    channels = (channel,) if channel is not None else _channels(seen)
    rows = tuple(DayVolume(day, ch, messages[(day, ch)], convs[(day, ch)]) for day in days for ch in channels)
    return Volume(days=days, channels=channels, rows=rows)


def _channels(seen: set[str]) -> tuple[str, ...]:
    known = tuple(c.value for c in Channel)
    return known + tuple(sorted(seen - set(known)))


def _incoming(
    session: Session, lo: datetime, hi: datetime, channel: str | None
) -> list[tuple[str, datetime]]:
    query = select(Message.channel, Message.created_at).where(
        Message.direction == Direction.INCOMING, Message.created_at >= lo, Message.created_at < hi
    )
    if channel is not None:
        query = query.where(Message.channel == channel)
    return list(session.exec(query).all())


@dataclass(frozen=True)
class BusiestHours:
    grid: tuple[tuple[int, ...], ...]  # grid[weekday][hour]: incoming messages, 0 = Monday, local hours

    @property
    def total(self) -> int:
        return sum(map(sum, self.grid))

    def rows(self, weekday_names: Sequence[str] = WEEKDAYS) -> list[dict[str, object]]:
        """One row per weekday for CSV: ``weekday`` and the hours ``"0"`` … ``"23"``."""
        return [
            {"weekday": weekday_names[wd], **{str(h): n for h, n in enumerate(hours)}}
            for wd, hours in enumerate(self.grid)
        ]


def busiest_hours(
    session: Session, *, start: date, end: date, tz: tzinfo, channel: str | None = None
) -> BusiestHours:
    lo, hi = utc_bounds(start, end, tz)
    counts: Counter[tuple[int, int]] = Counter()
    for _, at in _incoming(session, lo, hi, channel):
        local = at.astimezone(tz)
        counts[(local.weekday(), local.hour)] += 1
    return BusiestHours(tuple(tuple(counts[(wd, h)] for h in range(24)) for wd in range(7)))


# CSV

# (attribute, header) pairs of each table; the GUI swaps in its translated headers.
SCORE_COLUMNS = (("score", "Score"), ("count", "Answers"))
COMMENT_COLUMNS = (
    ("answered_at", "Answered"),
    ("channel", "Channel"),
    ("scale", "Scale"),
    ("score", "Score"),
    ("comment", "Comment"),
    ("conversation_id", "Conversation"),
)
CONVERSATION_TIME_COLUMNS = (
    ("conversation_id", "Conversation"),
    ("channel", "Channel"),
    ("created_at", "Created"),
    ("first_response_seconds", "First response (s)"),
    ("resolution_seconds", "Resolution (s)"),
)
VOLUME_COLUMNS = (
    ("day", "Day"),
    ("channel", "Channel"),
    ("messages", "Incoming messages"),
    ("conversations", "New conversations"),
)
HOUR_COLUMNS = (("weekday", "Weekday"), *((str(h), f"{h:02d}") for h in range(24)))


def to_csv(rows: Iterable[object], columns: Sequence[tuple[str, str]], *, tz: tzinfo | None = None) -> str:
    """``rows`` (dataclasses or mappings) as CSV text: a header row, then one line per row.

    ``columns`` are (attribute, header) pairs; the GUI passes translated headers. Numbers are plain
    (``1234.5``, no thousands separator), times are shown in ``tz`` as ``YYYY-MM-DD HH:MM:SS``, empty
    values stay empty, and text that a spreadsheet would run as a formula gets a leading ``'``.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_text(header) for _, header in columns])
    for row in rows:
        writer.writerow([_cell(_value(row, key), tz) for key, _ in columns])
    return out.getvalue()


def write_csv(path: Path, rows: Iterable[object], columns: Sequence[tuple[str, str]], **kw) -> None:
    """Write :func:`to_csv` to ``path`` as UTF-8 with a BOM, which Excel and LibreOffice both read."""
    path.write_text(to_csv(rows, columns, **kw), encoding=CSV_ENCODING, newline="")


def _value(row: object, key: str) -> object:
    return row[key] if isinstance(row, Mapping) else getattr(row, key)


def _cell(value: object, tz: tzinfo | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return f"{value:.2f}".rstrip("0").rstrip(".") if round(value, 2) else "0"
    if isinstance(value, datetime):
        return (value.astimezone(tz) if tz else value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return _text(str(value))


def _text(value: str) -> str:
    # Customers write the comments: "=HYPERLINK(...)" must stay text in the owner's spreadsheet.
    return "'" + value if value.startswith(_FORMULA_START) else value
