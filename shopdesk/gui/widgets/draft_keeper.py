"""Keeps the composer's text as the conversation's draft, saved off the GUI thread as the owner types."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer

from shopdesk.core.db import read_session
from shopdesk.core.drafts import get_draft, save_draft

log = logging.getLogger(__name__)
DELAY_MS = 400


class DraftKeeper(QObject):
    """Debounces saves; a save that arrives after a newer one for the same conversation is dropped,
    so the background pool's order cannot bring back an old draft."""

    def __init__(self, ctx, tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._tasks = ctx, tasks
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._pending: tuple[int, str] | None = None
        self._known: dict[int, str] = {}  # newest text handed to a save, per conversation
        self._generation = 0
        self._written: dict[int, int] = {}
        self._lock = threading.Lock()

    def changed(self, conversation_id: int, body: str) -> None:
        """The owner typed: save ``body`` once typing pauses."""
        if self._pending and self._pending[0] != conversation_id:
            self.flush()
        self._pending = (conversation_id, body)
        self._known[conversation_id] = body
        self._timer.start()

    def flush(self) -> None:
        """Save what is waiting now (conversation switch, close)."""
        self._timer.stop()
        if self._pending is not None:
            conversation_id, body = self._pending
            self._pending = None
            self._write(conversation_id, body)

    def drop(self, conversation_id: int) -> None:
        """The text went out (being sent): nothing waits to be saved for this conversation."""
        if self._pending and self._pending[0] == conversation_id:
            self._timer.stop()
            self._pending = None
        self._known[conversation_id] = ""

    def sent(self, conversation_id: int) -> None:
        """The reply is stored: remove the draft, unless the owner has typed something new since."""
        if not self._known.get(conversation_id, "").strip():
            self._write(conversation_id, "")

    def load(self, conversation_id: int) -> str:
        """The draft to show: the newest typed text, else the stored one (also after a restart)."""
        if conversation_id in self._known:
            return self._known[conversation_id]
        with read_session(self._ctx.engine) as session:
            return get_draft(session, conversation_id=conversation_id)

    def _write(self, conversation_id: int, body: str) -> None:
        self._generation += 1
        generation = self._generation
        self._tasks.run_in_background(
            lambda: self._save(conversation_id, body, generation),
            on_error=lambda exc: log.warning("draft of conversation %s not saved: %r", conversation_id, exc),
        )

    def _save(self, conversation_id: int, body: str, generation: int) -> None:
        with self._lock:
            if generation < self._written.get(conversation_id, 0):
                return
            save_draft(self._ctx.engine, conversation_id=conversation_id, body=body)
            self._written[conversation_id] = generation
