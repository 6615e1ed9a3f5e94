"""Benchmarks run only on request: `python -m pytest tests/bench -s -p no:cacheprovider -o addopts=""`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bench.common import bench_store

HERE = Path(__file__).parent
GENERATION_TIMEOUT = 1800  # the first run builds the 1,000,000-message store (about two minutes here)


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.timeout(GENERATION_TIMEOUT))


@pytest.fixture(scope="session")
def store_dir():
    return bench_store()
