"""Mail bytes to text: the declared charset, then UTF-8, then windows-1254, then replacement characters."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

TURKISH = "cp1254"

# Labels read as a wider or more common relative: windows-1254 is ISO-8859-9 plus the 0x80-0x9F
# punctuation Outlook puts there; the Windows and GB18030 supersets decode what their labels promise.
_WIDER = {
    "iso8859-9": TURKISH,
    "cp1254": TURKISH,
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}
_TURKISH_NAMES = {"turkish", "latin5", "l5", "iso-ir-148", "csisolatin5", "iso_8859-9:1989", "x-cp1254"}
_MEANINGLESS = {
    "",
    "unknown",
    "unknown-8bit",
    "x-unknown",
    "x-unknown-8bit",
    "x-user-defined",
    "default",
    "none",
}
_SINGLE_BYTE = re.compile(r"^(cp12\d\d|cp8\d\d|cp4\d\d|iso8859-\d+|koi8-\w|mac-\w+|tis-620|hp-roman8)$")
_STATEFUL = {
    "iso2022_jp",
    "iso2022_jp_1",
    "iso2022_jp_2",
    "iso2022_jp_3",
    "iso2022_jp_ext",
    "iso2022_kr",
    "utf-7",
}
_NAME = re.compile(r"^[A-Za-z0-9._:+-]{1,40}$")
# Bytes a Turkish windows-1254 text shows when read as Latin-1 (İıŞşĞğ -> ÝýÞþÐð), against letters that
# Icelandic, the one Latin-1 language using those, writes often and Turkish does not.
_TURKISH_TELL = re.compile("[ÝýÞþÐð]")
_ICELANDIC_TELL = re.compile("[áéíóúæÁÉÍÓÚÆ]")
_SURROGATE = re.compile("[\udc80-\udcff]")
_ANY_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=256)
def codec_for(label: str | None) -> str | None:
    """The Python codec to read a declared ``label`` with, or None when the label says nothing usable."""
    if not label:
        return None
    name = label.strip().strip("\"'").split("*", 1)[0].strip().rstrip(";").lower()
    if name in _MEANINGLESS or not _NAME.match(name):
        return None
    if name in _TURKISH_NAMES:
        return TURKISH
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in {"unicode-escape", "raw-unicode-escape"}:
        return None
    return _WIDER.get(info.name, info.name)


def is_known(label: str | None) -> bool:
    return codec_for(label) is not None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """``data`` as text, and a short note when the declared charset was missing, wrong or unknown."""
    codec = codec_for(declared)
    if codec in _STATEFUL:
        try:
            return data.decode(codec), None
        except UnicodeDecodeError:
            codec = None
    if data.isascii():
        return data.decode("ascii"), None
    if codec is not None:
        text = _declared(data, codec, (declared or "").strip()[:40])
        if text is not None:
            return text
    label = (declared or "").strip() or None
    utf8 = data.decode("utf-8", "replace")
    damaged = utf8.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if not damaged:
        return utf8, _note(label, codec, "UTF-8")
    if _mostly_utf8(utf8, damaged):
        return utf8, f"damaged UTF-8: {damaged} unreadable byte(s) replaced"
    try:
        return data.decode(TURKISH), _note(label, codec, "windows-1254")
    except UnicodeDecodeError:
        pass
    turkish = data.decode(TURKISH, "replace")
    text = utf8 if utf8.count("\ufffd") <= turkish.count("\ufffd") else turkish
    return text, "undecodable bytes replaced"


def _declared(data: bytes, codec: str, label: str) -> tuple[str, str | None] | None:
    if _SINGLE_BYTE.match(codec) and _valid_utf8(data):
        # Non-ASCII bytes that form valid UTF-8 are almost never a single-byte text: the label is wrong.
        return data.decode("utf-8"), f"declared {label}, read as UTF-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if codec in {"cp1252", "iso8859-15"} and _looks_turkish(text):
        return data.decode(TURKISH, "replace"), f"declared {label}, read as windows-1254 (Turkish)"
    return text, None


def _note(label: str | None, codec: str | None, used: str) -> str | None:
    if label is None:
        return None if used == "UTF-8" else f"no charset declared, read as {used}"
    if codec is None:
        return f"unknown charset {label[:40]!r}, read as {used}"
    return f"declared {label[:40]}, read as {used}"


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(text: str, damaged: int) -> bool:
    """Many well-formed multi-byte characters and a few broken bytes: UTF-8 that lost a byte or two.
    (windows-1254 text almost never forms a valid UTF-8 sequence, so it does not pass this.)"""
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    return wide >= 4 * damaged


def _looks_turkish(text: str) -> bool:
    tells = len(_TURKISH_TELL.findall(text))
    return tells > 0 and tells > 2 * len(_ICELANDIC_TELL.findall(text))


def has_raw_bytes(value: str) -> bool:
    """Whether a parsed header still holds undecoded 8-bit bytes (surrogate escapes)."""
    return _SURROGATE.search(value) is not None


def decode_raw_header(value: str) -> str:
    """A header that arrived as raw 8-bit bytes (RFC 6532 UTF-8, or a legacy charset) as text."""
    if not has_raw_bytes(value):
        return value
    return decode_text(value.encode("utf-8", "surrogateescape"))[0]


def storable(text: str) -> str:
    """``text`` safe to store and show: a lone surrogate (undecoded byte) left anywhere becomes U+FFFD."""
    return _ANY_SURROGATE.sub("\ufffd", text) if _ANY_SURROGATE.search(text) else text
