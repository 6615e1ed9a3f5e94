"""When a desktop notification may be shown: the owner's on/off switch and quiet hours."""

from __future__ import annotations

from datetime import time


def parse_hhmm(value: str) -> time | None:
    """ "22:30" -> time(22, 30); empty or malformed -> None (no quiet hours)."""
    try:
        hours, minutes = value.strip().split(":")
        return time(int(hours), int(minutes))
    except (AttributeError, ValueError):
        return None


def in_quiet_hours(now: time, start: str, end: str) -> bool:
    """Whether ``now`` falls in [start, end); a range like 22:00-07:00 wraps past midnight."""
    begin, finish = parse_hhmm(start), parse_hhmm(end)
    if begin is None or finish is None or begin == finish:
        return False
    if begin < finish:
        return begin <= now < finish
    return now >= begin or now < finish


def should_notify(*, enabled: bool, now: time, quiet_start: str, quiet_end: str) -> bool:
    """A new incoming message is announced when notifications are on and it is not quiet time."""
    return enabled and not in_quiet_hours(now, quiet_start, quiet_end)
