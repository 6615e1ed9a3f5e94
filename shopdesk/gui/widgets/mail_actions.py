"""The conversation view's mail links: HTML or text, quoted history, the sender's images, the original."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from shopdesk.channels.email.remote_images import fetch_images, image_urls
from shopdesk.channels.email.showing import html_with_images, original_headers, sender_of
from shopdesk.core.db import read_session
from shopdesk.core.file_names import safe_filename
from shopdesk.core.image_permissions import allow_images, images_allowed
from shopdesk.core.message_source import inline_parts, raw_ref_of
from shopdesk.core.store import MessageRow
from shopdesk.gui.widgets.email_parts import EmailParts, EmailViewState, blocked_images

log = logging.getLogger(__name__)
ACTIONS = ("html", "plain", "quoted", "unquoted", "images", "noimages", "eml")


class MailActions(QObject):
    """Keeps what the owner opened in the shown conversation's mail and does what its links ask.

    ``changed`` asks the view to draw again; ``status_message`` carries short notices.
    """

    changed = Signal()
    status_message = Signal(str)

    def __init__(self, ctx, tasks, view) -> None:
        super().__init__(view)
        self._ctx, self._tasks, self._view = ctx, tasks, view
        self.parts = EmailParts(self)
        self.state = EmailViewState()
        self._inline: dict[int, dict[str, tuple[str, str]]] = {}
        self._rows: dict[int, MessageRow] = {}  # the mail drawn last, by id
        self._reading: set[int] = set()  # unreadable messages whose headers are being read
        self._generation = 0  # answers for a conversation no longer shown are dropped

    def reset(self) -> None:
        """Another conversation is shown: everything opened before is closed again."""
        self.state = EmailViewState()
        self._inline, self._rows, self._reading = {}, {}, set()
        self._generation += 1

    def body(self, message: MessageRow) -> str:
        self._rows[message.id] = message
        return self.parts.body(message, self.state)

    def after_render(self) -> None:
        """Read, in the background, the headers of unreadable messages that were just drawn."""
        wanted = self.state.headers_wanted - self._reading
        self.state.headers_wanted = set()
        if wanted:
            self._reading |= wanted
            self._later(lambda: self._read_headers(sorted(wanted)), self._headers_read)

    def handle(self, action: str, message_id: int, subject: str = "") -> None:
        state = self.state
        if action == "html":
            state.html_open.add(message_id)
            self._load_inline(message_id)
            self._check_images(message_id)
        elif action == "plain":
            state.html_open.discard(message_id)
        elif action == "quoted":
            state.quoted_open.add(message_id)
        elif action == "unquoted":
            state.quoted_open.discard(message_id)
        elif action == "images":
            self.load_images(message_id, remember=True)
        elif action == "noimages":
            self.stop_images(message_id)
        elif action == "eml":
            self.save_original(message_id, subject=subject)
        self.changed.emit()

    # --- inline parts (cid:) -------------------------------------------------------------------

    def cid_image(self, scoped: str) -> bytes | None:
        """The bytes of ``<message id>/<content id>`` (see email_parts.scoped_cids), from the blob store."""
        number, _, content_id = scoped.partition("/")
        if not number.isdigit():
            return None
        part = self._inline.get(int(number), {}).get(content_id)
        if part is None:
            return None
        try:
            return self._ctx.blobs.get(part[0])
        except OSError:
            return None

    def _load_inline(self, message_id: int) -> None:
        if message_id not in self._inline:
            with read_session(self._ctx.engine) as session:
                self._inline[message_id] = inline_parts(session, message_id=message_id)

    # --- the sender's remote images -------------------------------------------------------------

    def _check_images(self, message_id: int) -> None:
        """When the sender's images were allowed before, load them for this message too."""
        row = self._rows.get(message_id)
        if row is None or not blocked_images(row.html or "") or message_id in self.state.remote_html:
            return
        ctx = self._ctx

        def allowed() -> bool:
            with read_session(ctx.engine) as session:
                return images_allowed(session, address=sender_of(self._raw(message_id)))

        self._later(allowed, lambda yes: self.load_images(message_id, remember=False) if yes else None)

    def load_images(self, message_id: int, *, remember: bool) -> None:
        """Fetch the message's remote images in the background (and remember the sender's choice).

        Once per message: a click on "load images" while the check of an earlier "always for this
        sender" is on its way (or the other way round) fetches nothing twice.
        """
        if message_id in self.state.images_loading or message_id in self.state.remote_html:
            return
        self.state.images_loading.add(message_id)
        ctx = self._ctx

        def work() -> tuple[str | None, dict[str, bytes]]:
            raw = self._raw(message_id)
            sender = sender_of(raw)
            if remember and sender:
                allow_images(ctx.engine, address=sender)
            html = html_with_images(raw)
            return html, fetch_images(image_urls(html or ""))

        self._later(work, lambda result: self._images_loaded(message_id, *result), self._images_failed)

    def _images_loaded(self, message_id: int, html: str | None, images: dict[str, bytes]) -> None:
        self.state.images_loading.discard(message_id)
        if html is not None:
            self.state.remote_html[message_id] = html
            self._view.add_remote_images(images)
        self.changed.emit()

    def _images_failed(self, exc: BaseException) -> None:
        log.warning("loading remote images failed: %r", exc)
        self.state.images_loading.clear()
        self.status_message.emit(self.tr("The images could not be loaded: %1").replace("%1", str(exc)))
        self.changed.emit()

    def stop_images(self, message_id: int) -> None:
        ctx = self._ctx
        self.state.remote_html.pop(message_id, None)
        self._later(
            lambda: allow_images(ctx.engine, address=sender_of(self._raw(message_id)), allowed=False),
            lambda _: self.status_message.emit(self.tr("Images from this sender stay blocked.")),
        )

    # --- the original ---------------------------------------------------------------------------

    def save_original(self, message_id: int, target: str | None = None, *, subject: str = "") -> None:
        """Save the message exactly as it arrived, as an .eml file (``target`` skips the dialog)."""
        if target is None:
            suggested = str(Path.home() / (safe_filename(subject, "message") + ".eml"))
            target, _ = QFileDialog.getSaveFileName(
                self._view, self.tr("Save original"), suggested, self.tr("Email (*.eml)")
            )
            if not target:
                return
        path = Path(target)
        self._later(
            lambda: path.write_bytes(self._raw(message_id)),
            lambda _n: self.status_message.emit(self.tr("Saved %1.").replace("%1", path.name)),
        )

    # --- helpers --------------------------------------------------------------------------------

    def _raw(self, message_id: int) -> bytes:
        """The message's original bytes (background threads only)."""
        with read_session(self._ctx.engine) as session:
            ref = raw_ref_of(session, message_id=message_id)
        if ref is None:
            raise LookupError(self.tr("The original of this message was not kept."))
        return self._ctx.blobs.get(ref)

    def _read_headers(self, message_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
        found = {}
        for mid in message_ids:
            try:
                found[mid] = original_headers(self._raw(mid))
            except (OSError, LookupError):
                found[mid] = []
        return found

    def _headers_read(self, found: dict[int, list[tuple[str, str]]]) -> None:
        self.state.headers.update(found)
        self._reading -= set(found)
        self.changed.emit()

    def _later(self, work, on_done, on_error=None) -> None:
        """``work`` in the background; its answer is dropped when another conversation is shown by then."""
        generation = self._generation

        def done(value) -> None:
            if generation == self._generation:
                on_done(value)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            if on_error is not None:
                on_error(exc)
            else:
                log.warning("mail action failed: %r", exc)
                self.status_message.emit(str(exc))

        self._tasks.run_in_background(work, done, failed)
