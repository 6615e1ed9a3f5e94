"""The app as the owner starts it: the demo opens and paints, one instance per data directory."""

import os
import subprocess
import sys
import time

import pytest

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def start(*args, **kw):
    return subprocess.run(
        [sys.executable, "-m", "shopdesk", *args], capture_output=True, text=True, timeout=120, env=ENV, **kw
    )


def test_demo_opens_paints_and_quits_cleanly(tmp_path):
    data = tmp_path / "demo"
    result = start("--demo", "--data-dir", str(data), "--quit-after-paint")
    assert result.returncode == 0, result.stderr
    assert "first_paint_seconds:" in result.stdout
    check = start("--check", "--data-dir", str(data))
    counts = dict(line.split(": ", 1) for line in check.stdout.splitlines())
    assert int(counts["conversations"]) >= 20
    assert int(counts["messages"]) >= 50


def test_a_second_start_on_the_same_data_directory_raises_the_first(tmp_path):
    data = tmp_path / "data"
    first = subprocess.Popen(
        [sys.executable, "-m", "shopdesk", "--data-dir", str(data)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (data / "shopdesk.lock").exists():
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.1)  # waiting for another process: there is no signal to wait on
        second = start("--data-dir", str(data))
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
    finally:
        first.kill()
        first.communicate(timeout=30)  # also closes the pipes
    # The killed instance left a stale lock: the next start detects it and opens normally.
    third = start("--data-dir", str(data), "--quit-after-paint")
    assert third.returncode == 0, third.stderr


@pytest.mark.parametrize("problem", ["newer", "corrupt"])
def test_a_store_that_cannot_be_opened_gives_a_clear_message(tmp_path, template_db, problem):
    import shutil
    import sqlite3

    data = tmp_path / "data"
    data.mkdir()
    db = data / "shopdesk.sqlite3"
    if problem == "newer":
        shutil.copy(template_db, db)
        conn = sqlite3.connect(db)
        with conn:
            conn.execute("UPDATE alembic_version SET version_num='9999'")
        conn.close()  # checkpoints: every byte is in the main file now
    else:
        db.write_bytes(b"\x00garbage" * 500)
    before = db.read_bytes()
    result = start("--data-dir", str(data), "--quit-after-paint")
    assert result.returncode == 2
    assert ("newer ShopDesk" if problem == "newer" else "damaged") in result.stderr
    assert db.read_bytes() == before
