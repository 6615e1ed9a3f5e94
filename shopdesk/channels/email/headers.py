"""Guarded header reading: RFC 2047 words, addresses, dates and message ids from raw header values."""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime

from shopdesk.channels.email.charsets import decode_raw_header, decode_text

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\r\n]*)\?=")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_BREAKS = re.compile(r"[\r\n\t]+")
_MSGID = re.compile(r"<([^<>]+)>")
_BARE_MSGID = re.compile(r"[^\s<>,;\"]+@[^\s<>,;\"]+")
_ADDR_SPEC = re.compile(r"[^\s<>()\[\],;:\"]+@[^\s<>()\[\],;:\"]+")
_COMMENT = re.compile(r"\([^()]*\)")
_SPACED_COLON = re.compile(r"\s*:\s*")
_SANE_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+$")
_PRECEDENCE_AUTO = {"bulk", "list", "junk", "auto_reply"}
_DAEMONS = ("mailer-daemon@", "postmaster@")
MIN_YEAR, MAX_YEAR = 1900, 2200


@dataclass(frozen=True)
class Address:
    name: str
    address: str

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address


@dataclass
class ParsedHeaders:
    """What a message's header block says, every field decoded and safe to show."""

    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    subject: str = ""
    sender: Address = field(default_factory=lambda: Address("", ""))
    reply_to: list[Address] = field(default_factory=list)
    to: list[Address] = field(default_factory=list)
    cc: list[Address] = field(default_factory=list)
    date: datetime | None = None
    auto_submitted: str | None = None
    precedence: str | None = None
    x_autoreply: bool = False
    list_id: str | None = None
    raw_headers: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def reply_to_ids(self) -> list[str]:
        """In-Reply-To, then References newest first, without repeats: the ids a reply may answer."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        ids += reversed(self.references)
        return list(dict.fromkeys(ids))

    @property
    def is_automatic(self) -> bool:
        """Sent by a machine (auto-reply, list, bounce): never answer it automatically."""
        return bool(
            self.auto_submitted
            or self.precedence
            or self.x_autoreply
            or self.list_id
            or self.sender.address.lower().startswith(_DAEMONS)
        )

    @property
    def parse_note(self) -> str | None:
        return "; ".join(dict.fromkeys(self.notes)) or None


def read_headers(items: Iterable[tuple[str, str]], result: ParsedHeaders | None = None) -> ParsedHeaders:
    """Decode raw ``(name, value)`` pairs as the parser found them into ``result`` (a new one by default).

    Nothing in here raises on bad input: an unreadable header becomes empty and, where it matters, a note.
    """
    result = result if result is not None else ParsedHeaders()
    first: dict[str, str] = {}
    every: dict[str, list[str]] = {}
    for name, value in items:
        key = str(name).strip().lower()
        value = str(value)
        first.setdefault(key, value)
        every.setdefault(key, []).append(value)
        result.raw_headers.append((str(name).strip(), _guard(decode_words, value, "")))
    result.subject = next((value for name, value in result.raw_headers if name.lower() == "subject"), "")
    result.sender = _sender(first.get("from") or first.get("sender") or "", result)
    for attr, key in (("to", "to"), ("cc", "cc"), ("reply_to", "reply-to")):
        setattr(result, attr, _guard(parse_addresses, ", ".join(every.get(key, [])), []))
    result.date = _guard(parse_date, first.get("date"), None)
    if "date" in first and result.date is None:
        result.notes.append("unreadable Date header")
    result.message_id = next(iter(message_ids(first.get("message-id", ""))), None)
    result.in_reply_to = next(iter(message_ids(first.get("in-reply-to", ""))), None)
    result.references = message_ids(" ".join(every.get("references", [])))
    _auto_markers(result, first)
    return result


def _guard(fn, value, default):
    try:
        return fn(value)
    except Exception:  # a header is never worth losing the message over
        return default


def _sender(value: str, result: ParsedHeaders) -> Address:
    found = _guard(parse_addresses, value, [])
    if found:
        return found[0]
    if value.strip():
        result.notes.append("unreadable From header")
        return Address(_guard(decode_words, value, "")[:200], "")
    return Address("", "")


def _auto_markers(result: ParsedHeaders, first: dict[str, str]) -> None:
    auto = unfold(first.get("auto-submitted", "")).strip().lower()
    result.auto_submitted = auto if auto and auto != "no" else None
    precedence = unfold(first.get("precedence", "")).strip().lower()
    result.precedence = precedence if precedence in _PRECEDENCE_AUTO else None
    result.x_autoreply = any(first.get(k, "").strip() for k in ("x-autoreply", "x-autorespond"))
    result.list_id = _guard(decode_words, first.get("list-id", ""), "") or None


def unfold(value: str) -> str:
    """One line: folding removed, stray line breaks and tabs turned into spaces."""
    return _BREAKS.sub(" ", _FOLD.sub("", value))


def decode_words(value: str) -> str:
    """A header value with RFC 2047 encoded-words and raw 8-bit bytes decoded, whitespace collapsed."""
    value = unfold(value)
    if "=?" not in value:
        return " ".join(decode_raw_header(value).split())
    # (charset, [bytes …]) for encoded words, (None, [text]) for what lies between them
    pieces: list[tuple[str | None, list]] = []
    pos = 0
    for match in _ENCODED_WORD.finditer(value):
        between = value[pos : match.start()]
        if between and not (between.isspace() and pieces and pieces[-1][0] is not None):
            pieces.append((None, [between]))
        pos = match.end()
        charset, kind, text = match.groups()
        data = _word_bytes(kind.lower(), text)
        if data is None:
            pieces.append((None, [match.group(0)]))
        elif pieces and pieces[-1][0] == charset.lower():
            pieces[-1][1].append(
                data
            )  # adjacent words in one charset decode together: encoders split characters
        else:
            pieces.append((charset.lower(), [data]))
    pieces.append((None, [value[pos:]]))
    out = [
        decode_raw_header(chunks[0]) if charset is None else decode_text(b"".join(chunks), charset)[0]
        for charset, chunks in pieces
    ]
    return " ".join("".join(out).split())


def _word_bytes(kind: str, text: str) -> bytes | None:
    raw = text.encode("ascii", "replace")
    try:
        if kind == "q":
            return binascii.a2b_qp(raw, header=True)
        raw = re.sub(rb"[^A-Za-z0-9+/]", b"", raw)
        if len(raw) % 4 == 1:
            raw = raw[:-1]
        return binascii.a2b_base64(raw + b"=" * (-len(raw) % 4))
    except (binascii.Error, ValueError):
        return None


def parse_addresses(value: str) -> list[Address]:
    """Every mailbox in an address header; names decoded; a name split off by a bare comma rejoined."""
    value = unfold(value)
    if not value.strip():
        return []
    found: list[Address] = []
    stray: list[str] = []
    for name, address in getaddresses([value]):
        address = decode_raw_header(address.strip())
        if "@" not in address:
            stray += [part for part in (name, address) if part]
            continue
        name = decode_words(name).strip().strip("\"'").strip()
        if stray:
            name = decode_words(", ".join([*stray, name] if name else stray))
        stray = []
        found.append(Address(name if name != address else "", address))
    if found and all(_SANE_ADDRESS.match(a.address) for a in found):
        return found
    return _addresses_by_pattern(value)


def _addresses_by_pattern(value: str) -> list[Address]:
    """The addr-specs in a header too broken for the address parser; a lone one keeps the rest as name."""
    specs = _ADDR_SPEC.findall(value)
    if len(specs) != 1:
        return [Address("", decode_raw_header(spec)) for spec in specs]
    name = decode_words(value.replace(specs[0], " ")).strip(" <>\"'")
    return [Address(name, decode_raw_header(specs[0]))]


def parse_date(value: str | None) -> datetime | None:
    """An aware UTC datetime, or None for a missing, unreadable or implausible date."""
    if not value or not value.strip():
        return None
    value = _SPACED_COLON.sub(":", _COMMENT.sub(" ", unfold(value))).strip()  # RFC 5322 obsolete forms
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    when = when.astimezone(UTC)
    return when if MIN_YEAR <= when.year <= MAX_YEAR else None


def message_ids(value: str) -> list[str]:
    """Message ids in angle brackets, in order, without repeats; bare ``x@y`` tokens accepted too."""
    value = unfold(value or "")
    ids = ["<" + "".join(m.split()) + ">" for m in _MSGID.findall(value) if m.strip()]
    if not ids:
        ids = [f"<{m}>" for m in _BARE_MSGID.findall(value)]
    return list(dict.fromkeys(decode_raw_header(i) for i in ids))
