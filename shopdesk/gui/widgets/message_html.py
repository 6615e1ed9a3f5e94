"""Builds the conversation view's rich text: escaped message bubbles, day separators, states, files."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject

from shopdesk.core.outbox_status import OutboxStatus
from shopdesk.core.store import AttachmentRow, MessageRow
from shopdesk.gui import theme, time_text

SIDE_GAP = "22%"
LINK = f"color:{theme.ACCENT}; font-weight:600; text-decoration:none"


def esc(text: str | None) -> str:
    """Untrusted text made inert for Qt rich text (tags escaped, line breaks kept)."""
    return html.escape(text or "", quote=True).replace("\n", "<br>")


def mark(name: str, size: int) -> str:
    """One of our drawn marks (served by the view's loadResource), on the text's middle line."""
    return f'<img src="sd-mark:{esc(name)}" width="{size}" height="{size}" style="vertical-align:middle">'


def link(href: str, text: str) -> str:
    return f'<a href="{esc(href)}" style="{LINK}">{esc(text)}</a>'


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


class MessageHtml(QObject):
    """Turns a conversation's messages into one document; a QObject so that ``tr`` has a context."""

    _mail_body: Callable[[MessageRow], str] | None = None

    def render(
        self,
        messages: Sequence[MessageRow],
        outbox: dict[int, OutboxStatus],
        *,
        channel: str,
        owner: str,
        mail_body: Callable[[MessageRow], str] | None = None,
    ) -> str:
        """The whole conversation as one HTML document (fast enough for 500 messages in one go).

        ``mail_body`` draws the body of each email (folded quotes, HTML view); other bodies are text.
        """
        self._mail_body = mail_body if channel == "email" else None
        parts = [f'<body style="color:{theme.TEXT}">']
        day = None
        for message in messages:
            when = time_text.local(message.created_at)
            if when.date() != day:
                day = when.date()
                parts.append(self._day_separator(time_text.day_heading(day)))
            parts.append(self._message(message, outbox.get(message.id), channel, owner))
        parts.append("</body>")
        return "".join(parts)

    def empty(self, text: str) -> str:
        return (
            f'<table width="100%" height="100%"><tr><td align="center" style="color:{theme.FAINT}; '
            f'padding-top:180px; font-size:large">{esc(text)}</td></tr></table>'
        )

    def earlier_link(self, text: str) -> str:
        return f'<p align="center" style="margin-top:6px">{link("sd:earlier/0", text)}</p>'

    def _day_separator(self, text: str) -> str:
        return (
            '<table align="center" cellspacing="0" cellpadding="0" '
            'style="margin-top:16px; margin-bottom:4px">'
            f'<tr><td style="background-color:{theme.PANE}; color:{theme.MUTED}; padding:3px 12px; '
            f'font-size:small; font-weight:600">{esc(text)}</td></tr></table>'
        )

    def _message(self, message: MessageRow, status: OutboxStatus | None, channel: str, owner: str) -> str:
        if message.direction in ("system", "bot"):
            return self._centred(message)
        outgoing = message.direction in ("outgoing", "note")
        note = message.direction == "note"
        body = [self._head(message, channel, owner, outgoing, note)]
        body.append(self._body(message))
        body += [self._attachment(a) for a in message.attachments]
        if message.direction == "outgoing":
            body.append(self._send_state(message.send_state, status))
        color = theme.NOTE if note else theme.OUTGOING if outgoing else theme.INCOMING
        border = f"border-left: 3px solid {theme.NOTE_BORDER}; " if note else ""
        bubble = f'<td style="{border}background-color:{color}; padding:9px 12px">{"".join(body)}</td>'
        gap = f'<td width="{SIDE_GAP}"></td>'
        cells = gap + bubble if outgoing else bubble + gap
        return (
            '<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:8px">'
            f"<tr>{cells}</tr></table>"
        )

    def _body(self, message: MessageRow) -> str:
        if self._mail_body is not None and message.direction in ("incoming", "outgoing"):
            return self._mail_body(message)
        text = f'<p style="margin-top:4px; margin-bottom:0">{esc(message.text)}</p>'
        if message.parse_note:
            text += (
                f'<p style="margin-top:6px; margin-bottom:0; color:{theme.WARNING}; font-size:small">'
                f"⚠ {esc(message.parse_note)}</p>"
            )
        return text

    def _head(self, message: MessageRow, channel: str, owner: str, outgoing: bool, note: bool) -> str:
        author = message.author or (owner if outgoing else "")
        head = [f"<b>{esc(author)}</b>"] if author else []
        if note:
            label = esc(self.tr("Private note"))
            head.insert(0, f'<span style="color:{theme.WARNING}; font-weight:600">{label}</span>')
        else:
            head.append(mark(f"channel/{channel}", 13))
        head.append(esc(time_text.clock(message.created_at)))
        return f'<p style="margin:0; color:{theme.MUTED}; font-size:small">{" &nbsp;·&nbsp; ".join(head)}</p>'

    def _centred(self, message: MessageRow) -> str:
        who = self.tr("Bot") if message.direction == "bot" else self.tr("System")
        stamp = time_text.clock(message.created_at)
        return (
            '<table align="center" width="70%" cellspacing="0" cellpadding="0" style="margin-top:8px"><tr>'
            f'<td align="center" style="color:{theme.MUTED}; padding:6px 10px; '
            f'border:1px solid {theme.BORDER}">'
            f'<span style="font-size:small; font-weight:600">{esc(who)} · {esc(stamp)}</span><br>'
            f"{esc(message.text)}</td></tr></table>"
        )

    def _attachment(self, attachment: AttachmentRow) -> str:
        open_link = link(f"sd:open/{attachment.id}", self.tr("Open"))
        save_link = link(f"sd:save/{attachment.id}", self.tr("Save as…"))
        return (
            f'<p style="margin-top:6px; margin-bottom:0">{mark("clip", 13)} '
            f"<b>{esc(attachment.filename)}</b> "
            f'<span style="color:{theme.MUTED}">({esc(human_size(attachment.size))})</span> &nbsp; '
            f"{open_link} &nbsp;·&nbsp; {save_link}</p>"
        )

    def state_text(self, state: str | None) -> str:
        names = {
            "draft": self.tr("Draft"),
            "queued": self.tr("Queued: sent when the channel is online"),
            "sending": self.tr("Sending…"),
            "sent": self.tr("Sent"),
            "failed": self.tr("Failed"),
            "unknown": self.tr("Delivery unknown"),
        }
        return names.get(state or "", state or "")

    def _send_state(self, state: str | None, status: OutboxStatus | None) -> str:
        state = state or "sent"
        color = {"failed": theme.DANGER, "unknown": theme.WARNING}.get(state, theme.MUTED)
        line = (
            f'<p align="right" style="margin-top:6px; margin-bottom:0; color:{color}; font-size:small">'
            f"{mark(f'state/{state}', 12)} {esc(self.state_text(state))}"
        )
        if status is not None and state == "failed":
            retry = link(f"sd:retry/{status.item_id}", self.tr("Retry"))
            line += f": {esc(status.error)} &nbsp; {retry}"
        elif status is not None and state == "unknown":
            why = status.error or self.tr("The send was interrupted; it may have been delivered.")
            again = link(f"sd:resend/{status.item_id}", self.tr("Send again"))
            sent = link(f"sd:mark-sent/{status.item_id}", self.tr("Mark as sent"))
            line += f"<br>{esc(why)}<br>{again} &nbsp;·&nbsp; {sent}"
        return line + "</p>"
