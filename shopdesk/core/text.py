"""Turkish-aware text folding for search and matching: "IŞIK", "ışık", "işik" all fold to "isik"."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not split into base + mark, or that lower() gets wrong for Turkish.
_SPECIAL = str.maketrans({"ı": "i", "İ": "i", "I": "i", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d"})
_WORD = re.compile(r"\w+", re.UNICODE)
# Turkish letters, or everyday Turkish words of a shop's customers written without them ("Kargom nerede?")
TURKISH = re.compile(  # the letters case-sensitively (ignoring case, "ı" and "İ" match every "i")
    r"[ğĞışŞİçÇ]|(?i:\b(merhaba|selam|nerede|kargo\w*|siparis\w*|iade|fatura|nasil|lutfen|tesekkur\w*|"
    r"var mi|ne zaman|iyi gunler|urun\w*|fiyat\w*|indirim\w*|beden|adres\w*)\b)"
)


def _fold_slow(text: str) -> str:
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


# Latin letters precomputed (Turkish, Western and Central European text needs nothing else): fold() is
# called for every stored message, so the common case is one str.translate.
_LATIN = {cp: _fold_slow(chr(cp)) for cp in range(0x80, 0x250)} | {ord("I"): "i"}


def fold(text: str | None) -> str:
    """Lower-case, strip accents and unify dotted/dotless i, so Turkish words match in any spelling."""
    if not text:
        return ""
    folded = text.translate(_LATIN).lower()
    return folded if folded.isascii() else _fold_slow(folded)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


def fts_query(user_text: str, *, prefix_last: bool = True, any_word: bool = False) -> str:
    """An FTS5 MATCH expression for what the owner typed: every word, quoted, the last as a prefix."""
    terms = words(user_text)
    if not terms:
        return ""
    quoted = [f'"{t}"' for t in terms]
    if prefix_last:
        quoted[-1] += "*"
    return (" OR " if any_word else " ").join(quoted)


def match_spans(text: str, user_text: str) -> list[tuple[int, int]]:
    """Where in ``text`` the searched words (as prefixes) start and end, for highlighting."""
    terms = words(user_text)
    if not terms or not text:
        return []
    spans = []
    for m in _WORD.finditer(text):
        folded = fold(m.group())
        if any(folded.startswith(t) for t in terms):
            spans.append((m.start(), m.end()))
    return spans


def looks_turkish(text: str) -> bool:
    """Whether a customer wrote Turkish: its letters, or its everyday words typed without them."""
    return bool(TURKISH.search(text) or TURKISH.search(fold(text)))
