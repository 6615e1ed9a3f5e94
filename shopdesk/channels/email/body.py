"""Walking a parsed message's MIME tree: body texts, HTML, attachments, inline images, enclosed mails."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass, field, replace
from email import policy
from email.message import Message

from shopdesk.channels.base import IncomingAttachment
from shopdesk.channels.email.charsets import decode_raw_header, decode_text
from shopdesk.channels.email.headers import decode_words, read_headers

MAX_DEPTH = 12
MAX_PARTS = 500
MAX_ENCLOSED = 5
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_MIME_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass
class Body:
    texts: list[str] = field(default_factory=list)
    htmls: list[str] = field(default_factory=list)
    attachments: list[IncomingAttachment] = field(default_factory=list)
    enclosed: list[str] = field(default_factory=list)  # enclosed mails, as text blocks
    notes: list[str] = field(default_factory=list)
    parts: int = 0

    def absorb(self, other: Body, *, texts: bool = True, htmls: bool = True) -> None:
        if texts:
            self.texts += other.texts
        if htmls:
            self.htmls += other.htmls
        self.attachments += other.attachments
        self.enclosed += other.enclosed
        self.notes += other.notes
        self.parts += other.parts


def walk(part: Message, body: Body, depth: int = 0, enclosed: int = 0) -> None:
    """Collect ``part`` into ``body``; every accessor is guarded, so a broken part costs only itself."""
    body.parts += 1
    if depth > MAX_DEPTH or body.parts > MAX_PARTS:
        body.notes.append("MIME structure too deep or too large; the rest kept only in the original")
        return
    mime = mime_of(part)
    ctype = mime.ctype
    children = _children(part)
    if ctype in ("message/rfc822", "message/global"):
        _enclosed(part, mime, children, body, depth, enclosed)
    elif children is not None and ctype.startswith("message/"):
        # A delivery report and the like: header blocks the stdlib parses as parts; kept as one file.
        data = b"\n".join(_message_bytes(child) for child in children)
        name = _default_name(ctype, len(body.attachments) + 1)
        body.attachments.append(IncomingAttachment(name, ctype, data))
    elif children is not None:
        if ctype == "multipart/alternative":
            _alternative(children, body, depth, enclosed)
        else:
            for child in children:
                walk(child, body, depth + 1, enclosed)
    else:
        _leaf(part, mime, body)


def _alternative(children: list[Message], body: Body, depth: int, enclosed: int) -> None:
    """One plain text and one HTML version out of the alternatives; resources of all of them kept."""
    versions = []
    for child in children:
        version = Body()
        walk(child, version, depth + 1, enclosed)
        versions.append(version)
    with_text = next((v for v in versions if v.texts), None)
    with_html = next((v for v in reversed(versions) if v.htmls), None)
    for version in versions:
        body.absorb(version, texts=version is with_text, htmls=version is with_html)


def _leaf(part: Message, mime: Mime, body: Body) -> None:
    data = _payload(part, body)
    ctype, filename = mime.ctype, mime.filename
    attached = mime.disposition == "attachment" or (filename is not None and mime.disposition != "inline")
    if ctype.startswith("multipart/"):
        ctype = "text/plain"  # a multipart whose boundary is missing: its body is all there is
    if ctype in ("text/plain", "text/html") and not attached:
        declared = mime.charset
        if declared is None and ctype == "text/html":
            found = _META_CHARSET.search(data[:4096])
            declared = found.group(1).decode("ascii") if found else None
        text, note = decode_text(data, declared)
        if note:
            body.notes.append(f"{ctype} part: {note}")
        if ctype == "text/html":
            body.htmls.append(text)
        else:
            body.texts.append(_unflow(mime, text))
        return
    body.attachments.append(
        IncomingAttachment(
            filename=filename or _default_name(ctype, len(body.attachments) + 1),
            mime_type=ctype,
            data=data,
            content_id=_content_id(part),
        )
    )


def _enclosed(
    part: Message, mime: Mime, children: list[Message] | None, body: Body, depth: int, enclosed: int
) -> None:
    """A forwarded or bounced mail: kept as a .eml attachment; its text shown when the outer has none."""
    inner = children[0] if children else None
    data = _message_bytes(inner) if inner is not None else _payload(part, body)
    headers = read_headers(_raw_items(inner)) if inner is not None else None
    subject = headers.subject if headers else ""
    name = mime.filename or (_safe_name(subject)[:80] or "message") + ".eml"
    body.attachments.append(IncomingAttachment(filename=name, mime_type="message/rfc822", data=data))
    if inner is None or enclosed >= MAX_ENCLOSED:
        return
    inner_body = Body()
    walk(inner, inner_body, depth + 1, enclosed + 1)
    text = "\n\n".join(inner_body.texts) or "\n\n".join(inner_body.enclosed)
    if headers is not None:
        intro = [f"From: {headers.sender}", f"Subject: {headers.subject}"]
        if headers.date is not None:
            intro.insert(1, f"Date: {headers.date:%Y-%m-%d %H:%M} UTC")
        body.enclosed.append("---------- Enclosed message ----------\n" + "\n".join(intro) + "\n\n" + text)
    body.notes += inner_body.notes
    body.parts += inner_body.parts


def _children(part: Message) -> list[Message] | None:
    try:
        if not part.is_multipart():
            return None
        payload = part.get_payload()
    except Exception:
        return None
    return [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else None


@dataclass(frozen=True)
class Mime:
    """What a part's Content-Type and Content-Disposition say, read once."""

    ctype: str = "application/octet-stream"
    charset: str | None = None
    disposition: str | None = None
    filename: str | None = None
    flowed: bool = False
    delsp: bool = False


def mime_of(part: Message) -> Mime:
    """The default policy's reading of the MIME headers; compat32's where that raises or is unavailable,
    and for a file name the default policy could only give with replacement characters (raw 8-bit)."""
    try:
        mime = _mime_default(part)
    except Exception:
        return _guard(_mime_compat32, part) or Mime()
    if mime.filename and "\ufffd" in mime.filename:
        lenient = _guard(_mime_compat32, part)
        if lenient is not None and lenient.filename and "\ufffd" not in lenient.filename:
            return replace(mime, filename=lenient.filename)
    return mime


def _guard(reader, part: Message) -> Mime | None:
    try:
        return reader(part)
    except Exception:
        return None


def _mime_default(part: Message) -> Mime:
    ctype_header, disposition_header = part.get("content-type"), part.get("content-disposition")
    if ctype_header is None:
        ctype, params = part.get_default_type(), {}
    else:
        ctype, params = ctype_header.content_type, ctype_header.params
    disposition = disposition_header.content_disposition if disposition_header is not None else None
    dparams = disposition_header.params if disposition_header is not None else {}
    return _mime(ctype, params.get, disposition, dparams.get("filename") or params.get("name"))


def _mime_compat32(part: Message) -> Mime:
    shadow = Message(policy=policy.compat32)
    for name, value in _raw_items(part):
        if name.lower().startswith("content-"):
            shadow[name] = decode_raw_header(value)  # raw 8-bit bytes read by our charset rules
    if shadow.get("content-type") is None:
        shadow.set_default_type(part.get_default_type())

    def param(name):
        return shadow.get_param(name, None, "content-type")

    return _mime(shadow.get_content_type(), param, shadow.get_content_disposition(), shadow.get_filename())


def _mime(ctype, param, disposition, filename) -> Mime:
    ctype = str(ctype).strip().lower()
    if not _MIME_TYPE.match(ctype):
        ctype = "text/plain"  # RFC 2045 5.2: an unreadable Content-Type means plain text
    charset = param("charset")
    return Mime(
        ctype=ctype,
        charset=str(charset) if charset else None,
        disposition=str(disposition).lower() if disposition else None,
        filename=_clean_filename(filename),
        flowed=str(param("format") or "").lower() == "flowed",
        delsp=str(param("delsp") or "").lower() == "yes",
    )


def _raw_items(part: Message) -> list[tuple[str, str]]:
    try:
        return list(part.raw_items())
    except Exception:
        return []


def _clean_filename(name) -> str | None:
    if not name:
        return None
    name = decode_words(decode_raw_header(str(name)))
    return _safe_name(name) or None


def _safe_name(name: str) -> str:
    """A file name that cannot climb directories or confuse a file manager."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return _UNSAFE_NAME.sub("_", name).strip(" ._")[:200]


def _default_name(ctype: str, number: int) -> str:
    extension = mimetypes.guess_extension(ctype) or (
        ".txt" if ctype.startswith(("text/", "message/")) else ".bin"
    )
    return f"{ctype.split('/')[0]}-{number}{extension}"


def _content_id(part: Message) -> str | None:
    value = next((v for k, v in _raw_items(part) if k.lower() == "content-id"), None)
    if not value:
        return None
    return decode_raw_header("".join(str(value).split()).strip("<>"))[:250] or None


def _payload(part: Message, body: Body) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    try:
        raw = part.get_payload()
    except Exception:
        raw = None
    if isinstance(raw, str):
        body.notes.append("a part could not be decoded; shown as it came")
        return raw.encode("utf-8", "surrogateescape")
    return b""


def _message_bytes(message: Message) -> bytes:
    for pol in (policy.compat32, policy.default):
        try:
            return message.as_bytes(policy=pol)
        except Exception:
            continue
    return b""


def _unflow(mime: Mime, text: str) -> str:
    """RFC 3676 format=flowed: soft line breaks (a trailing space) joined again."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not mime.flowed:
        return text
    out: list[str] = []
    joining = False
    for line in text.split("\n"):
        soft = line.endswith(" ") and line != "-- "
        piece = line[:-1] if soft and mime.delsp else line
        if joining and out:
            out[-1] += piece
        else:
            out.append(piece)
        joining = soft
    return "\n".join(out)
