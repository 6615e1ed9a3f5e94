"""The FAQ bot's matcher: which FAQ canned reply answers a customer's message, and how surely."""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from shopdesk.core.text import fold, words

DEFAULT_THRESHOLD = 0.55  # tests/core/faq_cases.toml: its highest non-answer scores 0.514
STEM = 5  # F5: words cut to 5 letters (Can et al. 2008), "kargom", "kargoya" -> "kargo"
SHORT = 4  # a 4-letter word also matches longer stems that begin with it: "iade" ~ "iadesi", "code" ~ "codes"
BETA = 1.5  # how much more the question's words count than the message's in the score
BACKGROUND_ROWS = 100
CANDIDATES = 50

# Folded words that say nothing about what is asked: greetings, particles, pronouns, English light verbs.
# Turkish request verbs ("istiyorum", "yapabilir") stay: dropping them measured worse on the test set.
_TURKISH_STOP_WORDS = """
    merhaba merhabalar selam selamlar slm iyi gunler aksamlar gunaydin tesekkur tesekkurler tesekkurederim
    ederim sagol sagolun kolay gelsin lutfen acaba rica ve ile veya ya da de mi mu misiniz musunuz miyim muyum
    miyiz muyuz misin musun bir bu su o ben biz siz sen benim bizim sizin sizde sizden bana icin ama fakat cok
    daha gibi ki var yok nasil ne nedir neden niye hangi kac hala
"""
_ENGLISH_STOP_WORDS = """
    hi hello hey dear please pls thanks thank you your yours we our i me my mine a an the is are am was be
    been do does did can could would will shall should may might have has had to of for in on at by with and
    or it this that these those there any some what how which who why many want wanna need get like
"""
STOP_WORDS = frozenset(_TURKISH_STOP_WORDS.split() + _ENGLISH_STOP_WORDS.split())
# Question words that tell FAQs apart ("ne zaman gelir" / "nerede"), one token per meaning across spellings.
QUESTION_WORDS = {"nerede": "nerede", "nerde": "nerede", "neresi": "nerede", "where": "nerede"}
QUESTION_WORDS |= {"zaman": "zaman", "when": "zaman", "kadar": "kadar", "much": "kadar"}


@dataclass(frozen=True)
class FaqEntry:
    id: int
    answer: str
    questions: tuple[str, ...]
    language: str = ""


@dataclass(frozen=True)
class FaqMatch:
    entry_id: int
    answer: str
    score: float
    question: str  # the example question that matched best
    language: str = ""  # the entry's: "tr", "en", or "" for any


def terms(text: str) -> list[str]:
    """The stems of the meaningful words of a text, each once, in order."""
    stems = (QUESTION_WORDS.get(w, w)[:STEM] for w in words(text) if len(w) > 1 and w not in STOP_WORDS)
    return list(dict.fromkeys(stems))


def _any_of(stems: Iterable[str]) -> str:
    return " OR ".join(f'"{s}"' for s in stems)


@dataclass(frozen=True)
class _Question:
    entry: FaqEntry
    text: str
    stems: frozenset[str]
    own: float  # -bm25 of the question against itself


class FaqMatcher:
    """An in-memory FTS5 index of the example questions of some FAQ entries; safe to share between threads.

    A score runs from 0 to 1 and weighs two shares of bm25 weight (rare words weigh more than words many
    questions share): how much of an example question the message covers (bm25 of the message against the
    question over bm25 of the question against itself) and how much of the message the question explains.
    They are combined as an F-measure counting the question's side ``BETA`` times more, so a greeting or a
    detail around the question costs a little and a different request with one shared word costs a lot.
    1.0 means the message and the question have the same meaningful words. Being ratios, scores barely move
    with the size of the FAQ set (by at most 0.04 when 200 entries join the test set's 13), so one threshold
    fits a shop with 3 entries and one with 300.
    """

    def __init__(self, entries: Iterable[FaqEntry]) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        self._db.execute("CREATE VIRTUAL TABLE q USING fts5(stems)")
        rows: dict[int, tuple[FaqEntry, str, list[str]]] = {}
        for entry in entries:
            for question in entry.questions:
                if stems := terms(question):
                    insert = self._db.execute("INSERT INTO q(stems) VALUES (?)", (" ".join(stems),))
                    rows[insert.lastrowid or 0] = (entry, question, stems)
        self._add_background([len(stems) for *_, stems in rows.values()])
        self._df = Counter(s for *_, stems in rows.values() for s in set(stems))
        self._groups: dict[str, set[str]] = defaultdict(set)
        for stem in self._df:
            self._groups[stem[:SHORT]].add(stem)
        self._n = len(rows) + BACKGROUND_ROWS
        self._questions = {rowid: self._question(rowid, *row) for rowid, row in rows.items()}

    def _add_background(self, lengths: list[int]) -> None:
        # bm25's IDF is log((N - n + 0.5) / (n + 0.5)), and FTS5 floors it near 0: among three FAQs about
        # shipping "kargo" would weigh nothing. Rows of a word no message has, as long as an average question,
        # make N large enough that a word's weight depends only on how many questions share it.
        if lengths:
            filler = " ".join(["zzzbackground"] * round(sum(lengths) / len(lengths)))
            self._db.executemany("INSERT INTO q(stems) VALUES (?)", [(filler,)] * BACKGROUND_ROWS)

    def _question(self, rowid: int, entry: FaqEntry, text: str, stems: list[str]) -> _Question:
        sql = "SELECT -bm25(q) FROM q WHERE q MATCH ? AND rowid = ?"
        (own,) = self._db.execute(sql, (_any_of(stems), rowid)).fetchone()
        return _Question(entry, text, frozenset(stems), own)

    def _variants(self, stem: str) -> set[str]:
        """The indexed stems a message's stem matches: itself, and prefix kin when one of them is short."""
        kin = self._groups.get(stem[:SHORT], set())
        return {stem} | {s for s in kin if SHORT in (len(s), len(stem))}

    def _weight(self, variants: set[str]) -> float:
        n = sum(self._df[s] for s in variants)
        return max(math.log((self._n - n + 0.5) / (n + 0.5)), 1e-6)

    def scores(self, text: str, limit: int = 3) -> list[FaqMatch]:
        """The best ``limit`` entries for a message, best first, each with the question it matched on."""
        variants = {stem: self._variants(stem) for stem in terms(text)}
        if not variants or not self._questions:
            return []
        with self._lock:
            rows = self._db.execute(
                "SELECT rowid, -bm25(q) FROM q WHERE q MATCH ? ORDER BY bm25(q) LIMIT ?",
                (_any_of(set().union(*variants.values())), CANDIDATES),
            ).fetchall()
        weights = {stem: self._weight(v) for stem, v in variants.items()}
        ranked = []
        for rowid, raw in rows:
            question = self._questions[rowid]
            of_question = min(raw / question.own, 1.0)
            shared = sum(weights[s] for s, v in variants.items() if v & question.stems)
            of_message = shared / sum(weights.values())
            score = (1 + BETA**2) * of_question * of_message / (BETA**2 * of_message + of_question)
            ranked.append((round(score, 3), raw, question))
        found: dict[int, FaqMatch] = {}
        for score, _, question in sorted(ranked, key=lambda r: r[:2], reverse=True):
            entry = question.entry
            found.setdefault(entry.id, FaqMatch(entry.id, entry.answer, score, question.text, entry.language))
        return list(found.values())[:limit]

    def best(self, text: str) -> FaqMatch | None:
        """The best entry for a message, however weak; ``match`` is what the bot answers with."""
        top = self.scores(text, limit=1)
        return top[0] if top else None

    def match(self, text: str, threshold: float = DEFAULT_THRESHOLD, language: str = "") -> FaqMatch | None:
        """The entry the bot answers with, or None when none reaches ``threshold``.

        With the customer's ``language`` ("tr", "en"), an entry in that language (or in none) that reaches
        the threshold wins over a better-scoring one in the other: a shop with "Kargo" in Turkish and
        "Shipping" in English answers each customer in their own. An entry in the other language still
        answers when it is the only one that fits.
        """
        return in_language([m for m in self.scores(text, limit=CANDIDATES) if m.score >= threshold], language)

    def close(self) -> None:
        with self._lock:
            self._db.close()


def in_language(fits: list[FaqMatch], language: str) -> FaqMatch | None:
    """Of the matches that fit (best first), the best in ``language`` or in none; else the best of all."""
    own = [m for m in fits if m.language in ("", language)] if language else fits
    return (own or fits or [None])[0]


# On folded text. "insanlar" (people in general) and "yetkili satıcı" (authorised dealer) are not asks.
_PERSON = re.compile(
    r"\b(?:temsilci\w*|yetkili(?!\s+(?:satic|servis|bayi))\w*|insan(?:a|la|in|larla)?|operator\w*"
    r"|canli\s+deste[kg]\w*|gercek\s+(?:bir\s+)?(?:kisi|biri)\w*|biri(?:yle|ne)\s+(?:konus|gorus|baglan)\w*"
    r"|humans?|agents?|representatives?|(?<!in\s)(?<!per\s)persons?"
    r"|(?:talk|speak)\s+(?:to|with)\s+some(?:one|body))\b"
)


def wants_person(text: str) -> bool:
    """The customer asks for a person, not the bot: "temsilci", "İNSANLA", "canlı destek", "agent"…"""
    return bool(_PERSON.search(fold(text)))
