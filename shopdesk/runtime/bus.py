"""Thread-safe publish/subscribe of core events."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)
Handler = Callable[[object], None]


class EventBus:
    """Handlers run in the publisher's thread; the GUI bridge re-queues them into the GUI thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handlers: dict[type | None, list[Handler]] = {}

    def subscribe(self, handler: Handler, event_type: type | None = None) -> Callable[[], None]:
        """Call ``handler`` for events of ``event_type`` (all events when None); returns unsubscribe."""
        with self._lock:
            self._handlers.setdefault(event_type, []).append(handler)

        def unsubscribe() -> None:
            with self._lock:
                handlers = self._handlers.get(event_type, [])
                if handler in handlers:
                    handlers.remove(handler)

        return unsubscribe

    def publish(self, event: object) -> None:
        with self._lock:
            handlers = [*self._handlers.get(type(event), ()), *self._handlers.get(None, ())]
        for handler in handlers:
            try:
                handler(event)
            except Exception:
                # One broken subscriber must not stop the others or the publisher.
                log.exception("event handler failed for %r", event)
