"""Fetching the next batch of mail while the current one is stored (the network and the disk overlap)."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator

from imapclient import IMAPClient

_DONE = object()


class Prefetcher:
    """Iterates ``(uids, fetched)`` for each batch, fetched one batch ahead on a helper thread.

    The client is used only by the helper thread while iterating. At most one fetched batch waits, so
    memory stays at about three batches.
    """

    def __init__(self, client: IMAPClient, batches: list[list[int]], parts: list[bytes]) -> None:
        self._client, self._batches, self._parts = client, batches, parts
        self._queue: queue.Queue = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="imap-prefetch", daemon=True)

    def __enter__(self) -> Iterator[tuple[list[int], dict]]:
        self._thread.start()
        return self._iterate()

    def __exit__(self, *exc) -> None:
        self._stop.set()
        while self._thread.is_alive():  # unblock a helper waiting to hand over a batch
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=0.05)
        self._thread.join()

    def _iterate(self) -> Iterator[tuple[list[int], dict]]:
        while True:
            got = self._queue.get()
            if got is _DONE:
                return
            if isinstance(got, BaseException):
                raise got
            yield got

    def _run(self) -> None:
        try:
            for batch in self._batches:
                if self._stop.is_set():
                    return
                self._put((batch, self._client.fetch(batch, self._parts)))
        except BaseException as exc:  # handed to the consumer, which raises it
            self._put(exc)
            return
        self._put(_DONE)

    def _put(self, value) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(value, timeout=0.05)
                return
            except queue.Full:
                continue
