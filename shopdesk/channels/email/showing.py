"""What the mail view needs from a stored original: its headers, its sender, its HTML with remote images."""

from __future__ import annotations

from shopdesk.channels.email.bodies import MISSING_ORIGINAL
from shopdesk.channels.email.parse import parse_headers, parse_message

# Notes that parse.py (_unreadable, parse_message) and bodies.py give a message whose MIME structure could
# not be read at all; tests/channels/email/test_showing.py keeps them in step with the parser.
UNREADABLE_NOTES = (
    "the original is kept and shown as text",
    "could not parse this message",
    "could not read the MIME structure",
    "empty message",
    MISSING_ORIGINAL,
)
SHOWN_HEADERS = ("From", "To", "Cc", "Reply-To", "Date", "Subject", "Message-ID")
MAX_HEADER_CHARS = 500


def is_unreadable(parse_note: str | None) -> bool:
    """Whether ``parse_note`` says the message could not be parsed (not merely a repaired defect)."""
    note = (parse_note or "").lower()
    return any(mark.lower() in note for mark in UNREADABLE_NOTES)


def original_headers(raw: bytes) -> list[tuple[str, str]]:
    """The headers an owner reads (From, To, Cc, Reply-To, Date, Subject, Message-ID), decoded, in order."""
    wanted = {name.lower() for name in SHOWN_HEADERS}
    headers = parse_headers(raw).raw_headers
    return [(name, value[:MAX_HEADER_CHARS]) for name, value in headers if name.lower() in wanted]


def sender_of(raw: bytes) -> str:
    """The From address of ``raw``, lower-case ("" when it has none)."""
    return parse_headers(raw).sender.address.strip().lower()


def html_with_images(raw: bytes) -> str | None:
    """The message's sanitised HTML with its http(s) images kept (only once the owner allowed them)."""
    return parse_message(raw, remote_images=True).html
