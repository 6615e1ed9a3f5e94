"""The snooze presets (later today, tomorrow morning, next week) in the owner's local time."""

from __future__ import annotations

from datetime import datetime, time, timedelta

MORNING = time(9, 0)


def later_today(now: datetime) -> datetime:
    """Three hours from now."""
    return now + timedelta(hours=3)


def tomorrow_morning(now: datetime) -> datetime:
    """Tomorrow at 09:00."""
    return datetime.combine(now.date() + timedelta(days=1), MORNING, tzinfo=now.tzinfo)


def next_week(now: datetime) -> datetime:
    """Next Monday at 09:00 (a week on when today is Monday)."""
    days = 7 - now.weekday()
    return datetime.combine(now.date() + timedelta(days=days), MORNING, tzinfo=now.tzinfo)


def local_now() -> datetime:
    """Now, aware, in the computer's time zone."""
    return datetime.now().astimezone()
