"""An email's body in the conversation view: folded quotes, the HTML view, blocked images, unreadable mail."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QObject

from shopdesk.channels.email.quoted import split_quoted
from shopdesk.channels.email.showing import is_unreadable
from shopdesk.core.message_bodies import BODY_PENDING
from shopdesk.core.store import MessageRow
from shopdesk.gui import theme
from shopdesk.gui.widgets.message_html import esc, link

_BLOCKED_IMAGE = re.compile(r"<img\b(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)
_CID_SRC = re.compile(r'(\ssrc=")cid:', re.IGNORECASE)
SMALL = "margin-top:6px; margin-bottom:0; font-size:small"


@dataclass
class EmailViewState:
    """What the owner opened in the shown conversation's mail; it resets when another one is shown."""

    html_open: set[int] = field(default_factory=set)
    quoted_open: set[int] = field(default_factory=set)
    remote_html: dict[int, str] = field(default_factory=dict)  # HTML with the sender's images let in
    images_loading: set[int] = field(default_factory=set)
    headers: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # of unreadable messages
    headers_wanted: set[int] = field(default_factory=set)
    _split: dict[int, tuple[str, str, str]] = field(default_factory=dict)

    def split(self, message: MessageRow) -> tuple[str, str]:
        """``split_quoted`` of the message's text, cached (opening 500 messages stays fast)."""
        cached = self._split.get(message.id)
        if cached is None or cached[0] is not message.text:
            cached = (message.text, *split_quoted(message.text))
            self._split[message.id] = cached
        return cached[1], cached[2]


def blocked_images(html: str) -> int:
    """Images whose source the sanitiser took out (remote ones, mostly): an ``<img>`` without ``src``."""
    return len(_BLOCKED_IMAGE.findall(html))


def scoped_cids(html: str, message_id: int) -> str:
    """``cid:x`` made ``cid:<message id>/x``: two mails in one conversation may use the same content id."""
    return _CID_SRC.sub(rf"\1cid:{message_id}/", html)


class EmailParts(QObject):
    """Rich text for the body of one email; the links (``sd:…``) are handled by the conversation view."""

    def body(self, message: MessageRow, state: EmailViewState) -> str:
        if is_unreadable(message.parse_note):
            return self._unreadable(message, state)
        html_view = message.id in state.html_open and bool(message.html)
        links: list[str] = []
        parts = [self._html(message, state, links) if html_view else self._plain(message, state, links)]
        if message.html:
            links.append(self._switch(message.id, html_view))
        parts.append(self._note(message))
        if links:
            parts.append(f'<p style="{SMALL}">{" &nbsp;·&nbsp; ".join(links)}</p>')
        return "".join(parts)

    def _plain(self, message: MessageRow, state: EmailViewState, links: list[str]) -> str:
        new, quoted = state.split(message)
        out = f'<p style="margin-top:4px; margin-bottom:0">{esc(new)}</p>'
        if not quoted:
            return out
        mid = message.id
        if mid not in state.quoted_open:
            links.append(link(f"sd:quoted/{mid}", "··· " + self.tr("Show quoted text")))
            return out
        links.append(link(f"sd:unquoted/{mid}", self.tr("Hide quoted text")))
        return (
            out + '<table cellspacing="0" cellpadding="0" style="margin-top:6px"><tr>'
            f'<td style="border-left: 3px solid {theme.BORDER}; padding-left:8px; color:{theme.MUTED}">'
            f"{esc(quoted)}</td></tr></table>"
        )

    def _html(self, message: MessageRow, state: EmailViewState, links: list[str]) -> str:
        """The sanitised HTML on a white sheet, as its sender designed it to be read."""
        mid = message.id
        loaded = state.remote_html.get(mid)
        shown = scoped_cids(loaded if loaded is not None else message.html or "", mid)
        out = [
            '<table width="100%" cellspacing="0" cellpadding="10" style="margin-top:6px">'
            f'<tr><td style="background-color:{theme.SURFACE}; border:1px solid {theme.BORDER}">'
            f"{shown}</td></tr></table>"
        ]
        blocked = blocked_images(message.html or "")
        muted = f'<p style="{SMALL}; color:{theme.MUTED}">'
        if mid in state.images_loading:
            loading = self.tr("Loading images…")
            out.append(f"{muted}{esc(loading)}</p>")
        elif loaded is not None:
            links.append(link(f"sd:noimages/{mid}", self.tr("Stop loading images from this sender")))
        elif blocked:
            text = self.tr("Remote images blocked to protect your privacy: %n.", "", blocked)
            allow = link(f"sd:images/{mid}", self.tr("Load images from this sender"))
            out.append(f"{muted}{esc(text)} &nbsp;{allow}</p>")
        return "".join(out)

    def _switch(self, message_id: int, html_view: bool) -> str:
        if html_view:
            return link(f"sd:plain/{message_id}", self.tr("View as plain text"))
        return link(f"sd:html/{message_id}", self.tr("View as HTML"))

    def _note(self, message: MessageRow) -> str:
        note = message.parse_note
        if not note:
            return ""
        if note == BODY_PENDING:
            reading = esc(self.tr("Reading the message text…"))
            return f'<p style="{SMALL}; color:{theme.MUTED}"><i>{reading}</i></p>'
        save = self._save_original(message.id)
        return f'<p style="{SMALL}; color:{theme.WARNING}">⚠ {esc(note)} &nbsp; {save}</p>'

    def _unreadable(self, message: MessageRow, state: EmailViewState) -> str:
        mid = message.id
        title = esc(self.tr("ShopDesk could not read this message."))
        what = self.tr("What could be read is shown below as plain text; the original is kept unchanged.")
        reason = self.tr("Reason: %1").replace("%1", message.parse_note or "")
        rows = [
            f'<p style="margin-top:4px; margin-bottom:0; color:{theme.DANGER}"><b>⚠ {title}</b></p>',
            f'<p style="margin:0">{esc(what)}</p>',
            f'<p style="{SMALL}; color:{theme.MUTED}">{esc(reason)}</p>',
            self._headers(mid, state),
            f'<p style="{SMALL}">{self._save_original(mid)}</p>',
        ]
        if message.text.strip():
            rows.append(f'<p style="margin-top:8px; margin-bottom:0">{esc(message.text)}</p>')
        return "".join(rows)

    def _headers(self, message_id: int, state: EmailViewState) -> str:
        headers = state.headers.get(message_id)
        if headers is None:
            state.headers_wanted.add(message_id)  # the view reads them in the background, then redraws
            reading = esc(self.tr("Reading the headers…"))
            return f'<p style="{SMALL}; color:{theme.MUTED}">{reading}</p>'
        cells = "".join(
            f'<tr><td style="color:{theme.MUTED}; padding-right:8px">{esc(name)}:</td>'
            f"<td>{esc(value)}</td></tr>"
            for name, value in headers
        )
        return f'<table cellspacing="0" cellpadding="1" style="{SMALL}">{cells}</table>' if cells else ""

    def _save_original(self, message_id: int) -> str:
        return link(f"sd:eml/{message_id}", self.tr("Save original (.eml)"))
