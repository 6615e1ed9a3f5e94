"""Mending a damaged header block before parsing (the stored original is never changed)."""

from __future__ import annotations

import re

_HEADER = re.compile(rb"^[!-9;-~]+:")
_OBSOLETE_HEADER = re.compile(rb"^([!-9;-~]+)[ \t]+:")  # RFC 5322 4.5: space before the colon
_BLANK_LINE = re.compile(rb"\n\r?\n")


def repair_header_block(raw: bytes) -> bytes | None:
    """The message with its header block mended, or None when it needs nothing (the common case).

    A line that is neither a header nor a continuation ends the header block for the stdlib parser, so
    every header after it is lost into the body. Obsolete ``Name :`` lines are closed up; stray lines
    are dropped, but only when real headers clearly outnumber them (a message with no header block at
    all is left alone).
    """
    found = _BLANK_LINE.search(raw)
    end = len(raw) if found is None else found.start() + 1
    lines = raw[:end].splitlines(keepends=True)
    if all(_fine(line, index) for index, line in enumerate(lines)):
        return None
    kept, headers, stray = [], 0, 0
    for index, line in enumerate(lines):
        if _fine(line, index):
            headers += bool(_HEADER.match(line))
            kept.append(line)
        elif _OBSOLETE_HEADER.match(line):
            headers += 1
            kept.append(_OBSOLETE_HEADER.sub(rb"\1:", line, count=1))
        else:
            stray += 1
    if headers < 2 or stray * 2 > headers:
        return None
    return b"".join(kept) + raw[end:]


def _fine(line: bytes, index: int) -> bool:
    return bool(
        _HEADER.match(line)
        or line[:1] in (b" ", b"\t")
        or not line.strip()
        or (index == 0 and line.startswith(b"From ") and not _OBSOLETE_HEADER.match(line))
    )
