"""Core events -> Qt signals (queued into the GUI thread), and GUI -> background work helpers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from shopdesk.core.events import (
    CannedChanged,
    ChannelStatus,
    ContactChanged,
    ConversationChanged,
    HandoverRequested,
    MessageIngested,
    OutboxChanged,
)
from shopdesk.runtime.bus import EventBus

log = logging.getLogger(__name__)


class Bridge(QObject):
    """One signal per event type; connect GUI handlers named ``on_<event>`` to them."""

    message_ingested = Signal(object)
    conversation_changed = Signal(object)
    contact_changed = Signal(object)
    outbox_changed = Signal(object)
    channel_status = Signal(object)
    canned_changed = Signal(object)
    handover_requested = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        routes = {
            MessageIngested: self.message_ingested,
            ConversationChanged: self.conversation_changed,
            ContactChanged: self.contact_changed,
            OutboxChanged: self.outbox_changed,
            ChannelStatus: self.channel_status,
            CannedChanged: self.canned_changed,
            HandoverRequested: self.handover_requested,
        }
        # Signals emitted from another thread reach GUI-thread receivers queued (AutoConnection).
        self._unsubscribe = [bus.subscribe(signal.emit, kind) for kind, signal in routes.items()]

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()


class BusSignal(QObject):
    """Events of one kind from the bus as the Qt signal ``event``, for as long as ``owner`` lives.

    For the events one window wants (carts, visitors, invitations, import progress) rather than the
    whole app; emitted from any thread, the signal reaches GUI-thread receivers queued.
    """

    event = Signal(object)

    def __init__(self, bus: EventBus, kind: type, owner: QObject) -> None:
        super().__init__(owner)
        unsubscribe = bus.subscribe(self.event.emit, kind)
        owner.destroyed.connect(lambda *_: unsubscribe())


class Tasks(QObject):
    """Runs blocking work off the GUI thread; ``on_done``/``on_error`` run back on the GUI thread."""

    _finished = Signal(object, object)  # callback, value

    def __init__(self, loop=None, on_error: Callable[[BaseException], None] | None = None, parent=None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="shopdesk-bg")
        self._loop = loop
        self._default_error = on_error or (lambda exc: log.error("background task failed: %r", exc))
        self._finished.connect(self._deliver)
        self.pending = 0

    def run_in_background(self, fn: Callable[[], object], on_done=None, on_error=None) -> Future:
        self.pending += 1
        future = self._pool.submit(fn)
        future.add_done_callback(lambda f: self._emit(f, on_done, on_error))
        return future

    def run_coro(self, coro, on_done=None, on_error=None) -> Future:
        """Run a coroutine on the app's asyncio loop; never open dialogs inside it."""
        self.pending += 1
        future = self._loop.submit(coro)
        future.add_done_callback(lambda f: self._emit(f, on_done, on_error))
        return future

    def _emit(self, future: Future, on_done, on_error) -> None:
        error = future.exception()
        if error is not None:
            self._finished.emit(on_error or self._default_error, error)
        else:
            self._finished.emit(on_done, future.result())

    def _deliver(self, callback, value) -> None:
        self.pending -= 1
        if callback is not None:
            callback(value)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)
