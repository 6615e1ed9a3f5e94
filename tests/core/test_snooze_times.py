"""The snooze presets in the owner's local time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from shopdesk.core.snooze_times import later_today, next_week, tomorrow_morning

ISTANBUL = timezone(timedelta(hours=3))


def test_presets():
    friday = datetime(2026, 11, 20, 16, 45, tzinfo=ISTANBUL)
    assert later_today(friday) == datetime(2026, 11, 20, 19, 45, tzinfo=ISTANBUL)
    assert tomorrow_morning(friday) == datetime(2026, 11, 21, 9, 0, tzinfo=ISTANBUL)
    assert next_week(friday) == datetime(2026, 11, 23, 9, 0, tzinfo=ISTANBUL)


def test_next_week_on_a_monday_is_a_week_later():
    monday = datetime(2026, 11, 23, 8, 0, tzinfo=ISTANBUL)
    assert next_week(monday) == datetime(2026, 11, 30, 9, 0, tzinfo=ISTANBUL)
