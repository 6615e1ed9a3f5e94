"""A loop task that sleeps until its next deadline or until another thread wakes it."""

from __future__ import annotations

import asyncio
import contextlib


class Wakeable:
    """Base for the scheduler and the outbox sender: ``wake()`` from any thread, ``_nap()`` on the loop."""

    def __init__(self) -> None:
        self._wakeup: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def wake(self) -> None:
        """Look again now; safe from any thread."""
        if self._loop is not None and self._wakeup is not None:
            self._loop.call_soon_threadsafe(self._wakeup.set)

    def _bind(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wakeup = asyncio.Event()

    async def _nap(self, seconds: float) -> None:
        self._wakeup.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), timeout=seconds)
