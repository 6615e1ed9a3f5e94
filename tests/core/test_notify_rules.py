"""Quiet hours and the notifications switch."""

from __future__ import annotations

from datetime import time

import pytest

from shopdesk.core.notify_rules import in_quiet_hours, parse_hhmm, should_notify


@pytest.mark.parametrize(
    ("now", "start", "end", "quiet"),
    [
        (time(23, 0), "22:00", "07:00", True),
        (time(3, 30), "22:00", "07:00", True),
        (time(7, 0), "22:00", "07:00", False),
        (time(21, 59), "22:00", "07:00", False),
        (time(13, 0), "12:00", "14:00", True),
        (time(14, 0), "12:00", "14:00", False),
        (time(13, 0), "", "", False),
        (time(13, 0), "12:00", "", False),
        (time(13, 0), "nonsense", "14:00", False),
        (time(13, 0), "09:00", "09:00", False),
    ],
)
def test_quiet_hours(now, start, end, quiet):
    assert in_quiet_hours(now, start, end) is quiet


def test_parse_hhmm():
    assert parse_hhmm("7:05") == time(7, 5)
    assert parse_hhmm("25:00") is None
    assert parse_hhmm("") is None


def test_should_notify_honours_the_switch_and_quiet_hours():
    assert should_notify(enabled=True, now=time(12, 0), quiet_start="22:00", quiet_end="07:00")
    assert not should_notify(enabled=False, now=time(12, 0), quiet_start="", quiet_end="")
    assert not should_notify(enabled=True, now=time(23, 0), quiet_start="22:00", quiet_end="07:00")
