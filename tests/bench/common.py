"""Shared helpers of the benchmarks: the store they run on, percentiles and printed figures."""

from __future__ import annotations

import math
import os
from pathlib import Path

from tests.bench.generate import BENCH_ROOT, copy_store, ensure_store

CONVERSATIONS = int(os.environ.get("SHOPDESK_BENCH_CONVERSATIONS", "100000"))
MESSAGES = int(os.environ.get("SHOPDESK_BENCH_MESSAGES", "1000000"))


def bench_store() -> Path:
    """The cached generated store (100,000 conversations, 1,000,000 messages unless the env says less)."""
    return ensure_store(conversations=CONVERSATIONS, messages=MESSAGES)


def work_copy(name: str) -> Path:
    """A fresh copy of the generated store for a benchmark that writes to it."""
    copied = copy_store(bench_store(), BENCH_ROOT / f"work-{name}")
    os.sync()  # flush the copy now, or the benchmark's own fsyncs wait for its write-back
    return copied


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(q / 100 * len(ordered)) - 1, 0)]


def spread(values_ms: list[float]) -> str:
    return (
        f"p50 {percentile(values_ms, 50):7.1f} ms   p95 {percentile(values_ms, 95):7.1f} ms   "
        f"max {max(values_ms):7.1f} ms   (n={len(values_ms)})"
    )


def heading(title: str) -> None:
    print(f"\n== {title} ==")
