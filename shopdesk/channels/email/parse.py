"""The email parser: the stdlib parser behind guards, giving readable headers, text, safe HTML and files.

Two levels: ``parse_headers`` reads only the header block (for syncing and listing), ``parse_message``
the whole MIME tree. Neither raises on any input: what could not be read is named in ``parse_note``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import errors, policy
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser

from shopdesk.channels.base import IncomingAttachment, IncomingItem
from shopdesk.channels.email.body import Body, walk
from shopdesk.channels.email.charsets import decode_text, storable
from shopdesk.channels.email.headers import Address, ParsedHeaders, read_headers
from shopdesk.channels.email.html import html_to_text, sanitise
from shopdesk.channels.email.quoted import split_quoted
from shopdesk.channels.email.repair import repair_header_block

__all__ = [
    "Address",
    "ParsedHeaders",
    "ParsedMessage",
    "content_hash",
    "dedupe_key",
    "item_from_parsed",
    "parse_headers",
    "parse_message",
    "split_quoted",
    "to_incoming_item",
]

CHANNEL = "email"
HASHED_BYTES = 64 * 1024
MAX_TEXT_CHARS = 1_000_000
MAX_NOTES = 6
MANY_PARTS = 200
_BLANK_LINE = re.compile(rb"\n\r?\n")
_HEADER_LINE = re.compile(r"^([!-9;-~]+)[ \t]*:(.*)$")
_FROM_HEADER = re.compile(rb"From[ \t]*:")  # a From: header, not an mbox "From " line
_STRUCTURE_DEFECTS = (errors.StartBoundaryNotFoundDefect, errors.MultipartInvariantViolationDefect)


@dataclass
class ParsedMessage(ParsedHeaders):
    """A whole message: its headers plus the body as text, sanitised HTML, and files."""

    text: str = ""
    html: str | None = None
    blocked_images: int = 0
    attachments: list[IncomingAttachment] = field(default_factory=list)
    unreadable: bool = False  # the MIME structure could not be read: headers and raw text only


def parse_headers(raw: bytes) -> ParsedHeaders:
    """Only the header block (about half a millisecond): ids, subject, addresses, date, markers."""
    head = _header_block(raw)
    head = repair_header_block(head) or head  # as parse_message reads it, so both give the same ids
    try:
        items = BytesHeaderParser(policy=policy.compat32).parsebytes(head).raw_items()
        return read_headers(items)
    except Exception:
        return read_headers(_split_headers(head))


def parse_message(raw: bytes, *, remote_images: bool = False) -> ParsedMessage:
    """The whole message. Never raises: an unparseable one still gives its readable headers and a note.

    ``remote_images`` keeps http(s) images in the HTML: for the view once the owner chose "load images"
    for this sender (what is stored never has them)."""
    if not raw or not raw.strip():
        return ParsedMessage(notes=["empty message"], unreadable=True)
    message, notes = _parse_tree(raw)
    if message is None:
        return _unreadable(raw, notes)
    result = ParsedMessage(notes=notes)
    read_headers(_raw_items(message), result)
    try:
        body = Body()
        walk(message, body)
    except Exception as exc:  # every accessor in walk is guarded; this is the last line of defence
        return _unreadable(raw, [*notes, f"could not read the MIME structure ({type(exc).__name__})"])
    _fill_body(result, body, remote_images)
    result.notes += _defects(message)
    result.notes = list(dict.fromkeys(result.notes))[:MAX_NOTES]
    return result


def _parse_tree(raw: bytes) -> tuple[Message | None, list[str]]:
    """The default policy's tree; compat32's where the default raises or loses the MIME structure
    (it reads a boundary with an unquoted "=" as cut short, for one)."""
    notes: list[str] = []
    repaired = repair_header_block(raw)
    if repaired is not None:
        raw, notes = repaired, ["damaged header block repaired"]
    if raw.lower().count(b"\ncontent-type:") > MANY_PARTS:
        # The default policy parses every part's headers richly: seconds for thousands of nested parts.
        return _lenient(raw, None, [*notes, "very many MIME parts"])
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        if not _structure_defects(message):
            return message, notes
    except Exception:
        message = None
    return _lenient(raw, message, notes)


def _lenient(raw: bytes, message: Message | None, notes: list[str]) -> tuple[Message | None, list[str]]:
    try:
        lenient = BytesParser(policy=policy.compat32).parsebytes(raw)
    except Exception as exc:
        if message is not None:
            return message, notes
        return None, [*notes, f"could not parse this message ({type(exc).__name__})"]
    if message is None or _structure_defects(lenient) < _structure_defects(message):
        return lenient, [*notes, "read with the lenient parser"]
    return message, notes


def _structure_defects(message: Message) -> int:
    try:
        return sum(
            isinstance(defect, _STRUCTURE_DEFECTS) for part in message.walk() for defect in part.defects
        )
    except Exception:
        return 1_000


def _fill_body(result: ParsedMessage, body: Body, remote_images: bool) -> None:
    text = "\n\n".join(t.strip("\n") for t in body.texts if t.strip())
    source_html = "\n<hr>\n".join(body.htmls) if body.htmls else None
    if source_html is not None:
        safe = sanitise(source_html, remote_images=remote_images)
        result.html = safe.html if safe.html.strip() else None
        result.blocked_images = safe.blocked_images
        text = text or html_to_text(source_html)
    text = text or "\n\n".join(body.enclosed)
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        body.notes.append("very long text shortened; the whole of it is in the original")
    result.text = text
    result.attachments = body.attachments
    result.notes += body.notes


def _unreadable(raw: bytes, notes: list[str]) -> ParsedMessage:
    result = ParsedMessage(unreadable=True)
    try:
        headers = parse_headers(raw)
    except Exception:
        headers = ParsedHeaders()
    for name in ParsedHeaders.__dataclass_fields__:
        setattr(result, name, getattr(headers, name))
    result.notes = list(dict.fromkeys([*notes, *headers.notes, "the original is kept and shown as text"]))
    result.text = decode_text(raw[len(_header_block(raw)) :][:MAX_TEXT_CHARS])[0].strip()
    return result


def _raw_items(message: Message) -> list[tuple[str, str]]:
    try:
        return list(message.raw_items())
    except Exception:
        return []


def _defects(message: Message) -> list[str]:
    names: set[str] = set()
    try:
        for part in message.walk():
            names.update(type(defect).__name__ for defect in getattr(part, "defects", ()))
    except Exception:
        names.add("UnwalkableStructure")
    return [f"MIME defects: {', '.join(sorted(names))}"] if names else []


def _header_block(raw: bytes) -> bytes:
    found = _BLANK_LINE.search(raw)
    return raw if found is None else raw[: found.end()]


def _split_headers(head: bytes) -> list[tuple[str, str]]:
    """A by-hand header splitter for blocks the stdlib parser chokes on."""
    items: list[tuple[str, str]] = []
    for line in head.decode("ascii", "surrogateescape").splitlines():
        if line[:1] in (" ", "\t") and items:
            items[-1] = (items[-1][0], items[-1][1] + "\n" + line)
        elif found := _HEADER_LINE.match(line):
            items.append((found.group(1), found.group(2).strip()))
    return items


def content_hash(raw: bytes) -> str:
    """SHA-256 of the message's first 64 KB with line endings, an mbox ``From`` line and trailing blank
    lines evened out (so an mbox copy and an IMAP copy agree), plus its length measured the same way."""
    start = 0
    if raw.startswith(b"From ") and not _FROM_HEADER.match(raw):
        newline = raw.find(b"\n")
        start = len(raw) if newline < 0 else newline + 1
    end = max(start, len(raw.rstrip()))
    head = raw[start : min(end, start + 2 * HASHED_BYTES + 2)].replace(b"\r\n", b"\n")[:HASHED_BYTES]
    length = (end - start) - raw.count(b"\r\n", start, end)
    return hashlib.sha256(head + b"|%d" % length).hexdigest()


def dedupe_key(raw: bytes, message_id: str | None) -> str:
    """Message-ID and content hash: the same mail fetched twice agrees, two mails sharing an id do not."""
    return f"{message_id or ''}|{content_hash(raw)}"


def to_incoming_item(
    raw: bytes, *, natural_key: str, account_id: int | None = None, direction: str = "incoming"
) -> IncomingItem:
    """Parse ``raw`` and hand it over as core's IncomingItem (channel "email")."""
    return item_from_parsed(
        parse_message(raw), raw, natural_key=natural_key, account_id=account_id, direction=direction
    )


def item_from_parsed(
    parsed: ParsedMessage,
    raw: bytes,
    *,
    natural_key: str,
    account_id: int | None = None,
    direction: str = "incoming",
) -> IncomingItem:
    """``parsed`` as core's IncomingItem; every text is checked storable (no stray undecoded bytes)."""
    # The conversation's other party: the sender of what came in, the recipient of what the owner sent.
    party = parsed.sender
    if direction == "outgoing":
        party = next(iter(parsed.to + parsed.cc), Address("", ""))
    message_id = storable(parsed.message_id) if parsed.message_id else None
    return IncomingItem(
        channel=CHANNEL,
        natural_key=natural_key,
        sender_address=storable(party.address),
        sender_name=storable(party.name),
        text=storable(parsed.text),
        html=storable(parsed.html) if parsed.html is not None else None,
        subject=storable(parsed.subject),
        direction=direction,
        automatic=parsed.is_automatic,  # auto-replies, lists, bulk, bounces: never answered automatically
        account_id=account_id,
        dedupe_key=dedupe_key(raw, message_id),
        external_id=message_id,
        reply_to_ids=[storable(ref) for ref in parsed.reply_to_ids],
        created_at=parsed.date,
        raw=raw,
        parse_note=storable(parsed.parse_note) if parsed.parse_note else None,
        attachments=[_storable_attachment(a) for a in parsed.attachments],
    )


def _storable_attachment(attachment: IncomingAttachment) -> IncomingAttachment:
    cid = storable(attachment.content_id) if attachment.content_id else None
    return IncomingAttachment(
        storable(attachment.filename), storable(attachment.mime_type), attachment.data, cid
    )
