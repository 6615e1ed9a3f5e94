"""The shared real-mail corpora and the synthetic mailbox generator that sit beside the repo (../shared)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
CORPORA = SHARED / "corpora"
GENERATOR = SHARED / "scripts" / "gen_mailbox.py"
# Not mail: licence texts, the README, git settings, and the binary fixtures flanker's tests attach.
NOT_MAIL_NAMES = {"README.md", ".gitattributes"}
NOT_MAIL_DIRS = {"attachments"}


def require(path: Path) -> Path:
    """``path``, or a failure in CI (the shared folder is part of the checkout there) and a skip elsewhere."""
    if path.exists():
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing: CI must provide ../shared beside the repository")
    pytest.skip(f"{path} is not available here")


def is_mail_fixture(path: Path) -> bool:
    return not (
        path.name in NOT_MAIL_NAMES or "LICENSE" in path.name or NOT_MAIL_DIRS & set(path.parent.parts)
    )


def corpus_files() -> list[Path]:
    """Every message file of both corpora (empty ones included: they must not crash anything either)."""
    if not CORPORA.is_dir():
        return []
    return sorted(p for p in CORPORA.rglob("*") if p.is_file() and is_mail_fixture(p.relative_to(CORPORA)))


def corpus_params():
    """Test parameters: one per file, or one placeholder that fails in CI when the corpora are missing."""
    files = corpus_files()
    if files:
        return [pytest.param(p, id=str(p.relative_to(CORPORA))) for p in files]
    return [pytest.param(CORPORA / "missing", id="corpora-missing")]


def generate(kind: str, target: Path, count: int, seed: int = 20261122) -> Path:
    """Run ../shared/scripts/gen_mailbox.py (``kind`` is "maildir" or "eml-dir")."""
    script = require(GENERATOR)
    subprocess.run(
        [sys.executable, str(script), f"--{kind}", str(target), "-n", str(count), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    return target
