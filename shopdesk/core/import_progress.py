"""Progress of a channel's import (the first sync of a new mailbox), published on the bus for the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ImportProgress:
    """``done`` of ``total`` messages of ``folder`` stored for one account."""

    channel: str
    account_id: int
    folder: str
    done: int
    total: int


def progress_publisher(
    publish: Callable[[object], None], channel: str = "email"
) -> Callable[[int, str, int, int], None]:
    """The ``progress`` callback EmailChannel takes (account id, folder, done, total), as bus events."""

    def report(account_id: int, folder: str, done: int, total: int) -> None:
        publish(ImportProgress(channel, account_id, folder, done, total))

    return report
