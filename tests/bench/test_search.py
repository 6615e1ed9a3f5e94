"""Search over 1,000,000 generated messages, newest first: p50/p95 for rare, medium and common words."""

from __future__ import annotations

import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from shopdesk.core.db import make_engine, read_session
from shopdesk.core.store import ConversationFilter, search
from shopdesk.core.text import words
from shopdesk.paths import DataPaths
from tests.bench.common import bench_store, heading, percentile, spread

GOAL_P95_MS = 50.0
REPEATS = 3
QUERIES = {
    "rare": [
        "#48213",
        "#10577",
        "#99120",
        "#31337",
        "#70001",
        "#55555",
        "1369661503",
        "Kütahya çini",
        "telkari",
        "güğüm",
        "afyonkarahisar bornoz",
        "zümrüt peştemal",
        "kargomgelmedi",
        "Şanlıurfa tepsi",
        "sinop amigurumi",
        "mardin güveç",
        "HOSGELDIN10 kırlent",
    ],
    "medium": [
        "peştemal",
        "lacivert",
        "Eskişehir",
        "makrome",
        "fatura",
        "iade",
        "bulaşık makinesi",
        "Şükrü",
        "HOSGELDIN10",
        "avanos",
        "kilim yastık",
        "wholesale",
        "dishwasher",
        "çömlek",
        "hediye paketi",
        "adres",
    ],
    "common": [
        "merhaba",
        "sipariş",
        "kargo",
        "teşekkürler",
        "mi",
        "var",
        "merhaba sipariş",
        "kargoya verildi",
        "ürün",
        "TL",
        "hi",
        "the",
        "Elif",
        "gün",
        "nerede",
        "ne",
    ],
}
TYPE_AHEAD = ["s", "k", "m", "i", "si", "ka"]  # what the search box sees after the first key presses


def doc_counts(engine, query: str) -> int:
    """How many messages hold the query's first word exactly (from the FTS vocabulary)."""
    term = words(query)[0]
    with engine.connect() as conn:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sd_vocab USING fts5vocab(main, message_fts, row)"
        )
        row = conn.exec_driver_sql("SELECT doc FROM temp.sd_vocab WHERE term = ?", (term,)).first()
    return row[0] if row else 0


def time_search(engine, query: str, flt: ConversationFilter) -> tuple[float, int]:
    started = time.perf_counter()
    with read_session(engine) as session:
        hits = search(session, query=query, flt=flt)
    return (time.perf_counter() - started) * 1000, len(hits)


def run(data_dir: Path) -> dict[str, list[float]]:
    engine = make_engine(DataPaths(data_dir).database_url)
    flt = ConversationFilter(status=None)
    everything = [q for qs in QUERIES.values() for q in qs]
    for query in everything:  # warm the page cache, as a running app's would be
        time_search(engine, query, flt)
    heading(f"search, all statuses, newest first ({len(everything)} queries x {REPEATS})")
    print(f"{'query':28} {'kind':7} {'docs':>8} {'hits':>5} {'median ms':>10}")
    timings: dict[str, list[float]] = {kind: [] for kind in QUERIES}
    for kind, queries in QUERIES.items():
        for query in queries:
            runs = [time_search(engine, query, flt) for _ in range(REPEATS)]
            timings[kind] += [ms for ms, _ in runs]
            median = percentile([ms for ms, _ in runs], 50)
            print(f"{query:28} {kind:7} {doc_counts(engine, query):8d} {runs[0][1]:5d} {median:10.1f}")
    for kind, values in timings.items():
        print(f"{kind:7}  {spread(values)}")
    overall = [v for values in timings.values() for v in values]
    print(f"{'all':7}  {spread(overall)}   goal p95 <= {GOAL_P95_MS:.0f} ms")
    open_only = [time_search(engine, q, ConversationFilter())[0] for q in everything]
    print(f"{'open':7}  {spread(open_only)}   (status=open filter, one run each)")
    typed = {q: time_search(engine, q, flt)[0] for q in TYPE_AHEAD}
    print("type-ahead (not in the goal): " + ", ".join(f"'{q}' {ms:.0f} ms" for q, ms in typed.items()))
    engine.dispose()
    timings["all"] = overall
    return timings


def test_search_p95_within_goal(store_dir):
    timings = run(store_dir)
    assert percentile(timings["all"], 95) <= GOAL_P95_MS
    assert percentile(timings["common"], 95) <= GOAL_P95_MS, "words found in most messages are too slow"


if __name__ == "__main__":
    run(bench_store())
