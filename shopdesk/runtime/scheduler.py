"""Runs the jobs kept in the database when they fall due; a restart picks up where it stopped."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Mapping
from datetime import timedelta

from sqlalchemy.engine import Engine

from shopdesk.core import jobs
from shopdesk.core.db import read_session, write_session
from shopdesk.core.models import ScheduledJob, utcnow
from shopdesk.runtime.wakeable import Wakeable

log = logging.getLogger(__name__)
JobHandler = Callable[[dict], None]  # runs in a worker thread; must be idempotent
MAX_ATTEMPTS = 5


class Scheduler(Wakeable):
    """Jobs run at least once: a crash between a job and its 'done' mark runs it again."""

    def __init__(
        self, engine: Engine, handlers: Mapping[str, JobHandler], *, poll_seconds: float = 30.0
    ) -> None:
        super().__init__()
        self._engine = engine
        self._handlers = dict(handlers)
        self._poll = poll_seconds

    async def run(self) -> None:
        self._bind()
        while True:
            await self.run_due()
            await self._nap(await self._seconds_to_next())

    async def _seconds_to_next(self) -> float:
        def query():
            with read_session(self._engine) as session:
                return jobs.next_run_at(session)

        nxt = await asyncio.to_thread(query)
        if nxt is None:
            return self._poll
        return min(max((nxt - utcnow()).total_seconds(), 0.0), self._poll)

    async def run_due(self) -> int:
        """Run every job that is due now; returns how many ran."""

        def load():
            with read_session(self._engine) as session:
                return jobs.due(session)

        due = await asyncio.to_thread(load)
        for job in due:
            await self._run_one(job)
        return len(due)

    async def _run_one(self, job: ScheduledJob) -> None:
        handler = self._handlers.get(job.kind)
        try:
            if handler is None:
                raise LookupError(f"no handler for job kind {job.kind!r}")
            await asyncio.to_thread(handler, json.loads(job.payload_json))
        except Exception as exc:
            log.exception("job %s (%s) failed", job.id, job.kind)
            await asyncio.to_thread(self._finish, job, str(exc))
        else:
            await asyncio.to_thread(self._finish, job, None)

    def _finish(self, ran: ScheduledJob, error: str | None) -> None:
        with write_session(self._engine) as session:
            job = session.get(ScheduledJob, ran.id)
            if job is None or job.state != "pending" or job.run_at != ran.run_at:
                return  # cancelled or re-scheduled while it ran: the new schedule stands
            if error is None:
                job.state = "done"
            else:
                job.attempts += 1
                job.last_error = error[:500]
                job.state = "failed" if job.attempts >= MAX_ATTEMPTS else "pending"
                job.run_at = utcnow() + timedelta(seconds=30 * 2**job.attempts)
            session.add(job)
