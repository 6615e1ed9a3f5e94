"""Times as the owner reads them, in the locale and the computer's time zone ("5 min", "Yesterday")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime


def local(when: datetime) -> datetime:
    """``when`` (stored in UTC) in the computer's time zone."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone()


def to_qdatetime(when: datetime) -> QDateTime:
    lt = local(when)
    return QDateTime(QDate(lt.year, lt.month, lt.day), QTime(lt.hour, lt.minute, lt.second))


def clock(when: datetime) -> str:
    """ "14:05" (or "2:05 PM"), as the locale writes a time."""
    lt = local(when)
    return _clock(lt.hour, lt.minute, QLocale().name())


@lru_cache(maxsize=2048)
def _clock(hour: int, minute: int, _locale_name: str) -> str:
    return QLocale().toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


def relative(when: datetime, now: datetime | None = None) -> str:
    """Short time for a list row: "now", "5 min", "14:05", "Yesterday", "Mon", "3 Mar"."""
    now = local(now or datetime.now(UTC))
    lt = local(when)
    seconds = (now - lt).total_seconds()
    if 0 <= seconds < 60:
        return QCoreApplication.translate("TimeText", "now")
    if 0 < seconds < 3600:
        minutes = int(seconds) // 60  # a plain name: lupdate misses a call whose count is an expression
        return QCoreApplication.translate("TimeText", "%n min", None, minutes)
    days = (now.date() - lt.date()).days
    if days == 0:
        return clock(when)
    if days == 1:
        return QCoreApplication.translate("TimeText", "Yesterday")
    locale = QLocale()
    if 1 < days < 7:
        return locale.dayName(lt.isoweekday(), QLocale.FormatType.ShortFormat)
    qdate = QDate(lt.year, lt.month, lt.day)
    if lt.year == now.year:
        return locale.toString(qdate, "d MMM")
    return locale.toString(qdate, QLocale.FormatType.ShortFormat)


def day_heading(day: date, today: date | None = None) -> str:
    """A day separator: "Today", "Yesterday", "Monday, 3 March 2026"."""
    today = today or datetime.now().astimezone().date()
    if day == today:
        return QCoreApplication.translate("TimeText", "Today")
    if day == today - timedelta(days=1):
        return QCoreApplication.translate("TimeText", "Yesterday")
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def full(when: datetime) -> str:
    """Date and time in full, for tooltips."""
    return QLocale().toString(to_qdatetime(when), QLocale.FormatType.LongFormat)


def upcoming(when: datetime, now: datetime | None = None) -> str:
    """A time ahead, for snoozes: "Today 17:05", "Tomorrow 09:00", "Mon 09:00", "24 Nov 09:00"."""
    now = local(now or datetime.now(UTC))
    lt = local(when)
    days = (lt.date() - now.date()).days
    if days == 0:
        day = QCoreApplication.translate("TimeText", "Today")
    elif days == 1:
        day = QCoreApplication.translate("TimeText", "Tomorrow")
    elif 1 < days < 7:
        day = QLocale().dayName(lt.isoweekday(), QLocale.FormatType.ShortFormat)
    else:
        day = QLocale().toString(QDate(lt.year, lt.month, lt.day), "d MMM")
    return f"{day} {clock(when)}"
