"""One writer with group commit: writes are batched into one transaction, events go out in seq order."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from shopdesk.core.db import write_session
from shopdesk.relay.hub import Hub
from shopdesk.relay.store import Outcome, RelayInputError

log = logging.getLogger(__name__)
MAX_BATCH = 500


class RelayUnavailable(Exception):
    """The store could not commit (disk full, database down): the client should try again later."""


@dataclass
class _Op:
    fn: Callable[..., Outcome]
    args: tuple
    future: asyncio.Future


class Writer:
    """Every write of the relay passes here, so seq order is commit order and publish order.

    While one batch commits, new writes queue up and go into the next transaction together: the cost
    of a durable commit is shared by everything that arrived meanwhile. The commits run on the writer's own
    thread, so they never wait behind reads that other requests put on the default pool.
    """

    def __init__(self, engine: Engine, hub: Hub) -> None:
        self._engine = engine
        self._hub = hub
        self._queue: asyncio.Queue[_Op] = asyncio.Queue()
        self._task: asyncio.Task | None = None
        self._thread: ThreadPoolExecutor | None = None

    def start(self) -> None:
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="relay-writer")
        self._task = asyncio.get_running_loop().create_task(self._run(), name="relay-writer")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._thread is not None:
            self._thread.shutdown(wait=True)

    async def write(self, fn: Callable[..., Outcome], *args):
        """Run ``fn(session, *args)`` in the next batch; returns its value after the commit."""
        future = asyncio.get_running_loop().create_future()
        await self._queue.put(_Op(fn, args, future))
        outcome = await future
        return outcome.value

    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                outcomes = await asyncio.get_running_loop().run_in_executor(self._thread, self._commit, batch)
            except Exception as exc:
                log.exception("the relay store could not commit %d writes", len(batch))
                for op in batch:
                    if not op.future.done():
                        op.future.set_exception(RelayUnavailable(str(exc)))
                continue
            for op, outcome in zip(batch, outcomes, strict=True):
                if isinstance(outcome, Exception):
                    op.future.set_exception(outcome) if not op.future.done() else None
                    continue
                self._hub.publish(outcome)
                if not op.future.done():
                    op.future.set_result(outcome)

    def _commit(self, batch: list[_Op]) -> list[Outcome | Exception]:
        """One transaction for the batch. Writes refuse (RelayInputError) before they change anything, so
        savepoints are needed only when the database itself refuses one (a race between workers)."""
        try:
            return self._apply(batch, savepoints=False)
        except IntegrityError:
            return self._apply(batch, savepoints=True)

    def _apply(self, batch: list[_Op], *, savepoints: bool) -> list[Outcome | Exception]:
        outcomes: list[Outcome | Exception] = []
        with write_session(self._engine) as session:
            for op in batch:
                try:
                    if not savepoints:
                        outcomes.append(op.fn(session, *op.args))
                        continue
                    with session.begin_nested():
                        outcomes.append(op.fn(session, *op.args))
                except RelayInputError as exc:
                    outcomes.append(exc)
                except IntegrityError as exc:
                    if not savepoints:
                        raise
                    outcomes.append(RelayInputError(f"conflicting request: {exc.orig}", 409))
        return outcomes
