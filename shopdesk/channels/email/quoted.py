"""Splitting a reply's own words from the history it quotes, so the view can fold the history away."""

from __future__ import annotations

import re

# "On <date>, <name> wrote:" and its siblings; a mail client may wrap it over up to three lines.
_ATTRIBUTION = re.compile(
    r"^[ \t]*(?:(?P<dated>"
    r"(?:On|Am|Le|El|Il|Op)\s.{0,300}?(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef)\s*:"
    r"|[^\n]{0,200}?\btarihinde\b.{0,200}?(?:şunu\s+)?yazdı\s*:"
    r")|[^\n]{0,200}?\s(?:yazdı|wrote)\s*:"
    r")[ \t]*$",
    re.MULTILINE | re.DOTALL | re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"^[ \t]*-{2,}\s*"
    r"(?:Original Message|Özgün İleti|Orijinal Mesaj|Original-Nachricht|Ursprüngliche Nachricht)"
    r"\s*-{2,}[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# Outlook's header block: "From: …" then, within a few lines, "Sent: …" (Turkish: "Kimden:", "Gönderildi:").
_OUTLOOK = re.compile(
    r"^[ \t]*(?:_{10,}[ \t]*\n[ \t]*)?(?:\*?From|\*?Kimden|\*?Von|\*?De)\s*:\*?.*\n"
    r"(?:.*\n){0,3}?[ \t]*\*?(?:Sent|Date|Gönderildi|Gönderilme|Tarih|Gesendet|Envoyé)\s*:",
    re.MULTILINE | re.IGNORECASE,
)
_QUOTE_LINE = re.compile(r"^[ \t]*>")
_DIGIT = re.compile(r"\d")
MAX_ATTRIBUTION_LINES = 3


def split_quoted(text: str) -> tuple[str, str]:
    """``(new_text, quoted_text)``; quoted_text is empty when no history was recognised.

    Recognised: "On … wrote:", Turkish "… tarihinde … şunu yazdı:", Outlook's "-----Original Message-----"
    and "From: … Sent: …" blocks, and a trailing block of ">" lines. Inline answers between quotes are
    left alone, and nothing is folded when the message would be left empty.
    """
    start = _history_start(text)
    if start is None:
        return text, ""
    new, quoted = text[:start].rstrip(), text[start:].strip("\n")
    if not new.strip():
        return text, ""
    return new, quoted


def _history_start(text: str) -> int | None:
    starts = [
        m.start() for m in (_first_attribution(text), _SEPARATOR.search(text), _OUTLOOK.search(text)) if m
    ]
    trailing = _trailing_quote_block(text)
    if trailing is not None:
        starts.append(trailing)
    return min(starts) if starts else None


def _first_attribution(text: str) -> re.Match | None:
    for match in _ATTRIBUTION.finditer(text):
        if match.group(0).count("\n") >= MAX_ATTRIBUTION_LINES or not text[match.end() :].strip():
            continue
        # A dated attribution ("On 3 May … wrote:") stands alone; a bare "… wrote:" needs quotes after it.
        dated = match.group("dated") is not None and _DIGIT.search(match.group(0))
        if dated or _QUOTE_LINE.match(text[match.end() :].lstrip("\r\n")):
            return match
    return None


def _trailing_quote_block(text: str) -> int | None:
    """Where the last run of ">" lines starts, if nothing but blank lines follows it."""
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    start = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if _QUOTE_LINE.match(line):
            start = index
        elif line.strip():
            break
    return offsets[start] if start is not None else None
