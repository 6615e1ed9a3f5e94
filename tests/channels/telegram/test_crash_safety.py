"""kill -9 the polling process at random moments during a burst of 1,000 updates, 20 times: exactly 1,000
messages in the end, none twice, and after every kill the store holds exactly the updates below its offset."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from shopdesk.channels.telegram.updates import OFFSET
from shopdesk.core.db import read_session
from shopdesk.core.ingest import get_cursor
from tests.helpers.telegram_api import TOKEN
from tests.helpers.telegram_env import eventually
from tests.helpers.telegram_objects import Customer

UPDATES = 1000
KILLS = 20
LIMIT = 7  # updates a getUpdates: many commits, many places for a kill to land between and inside
SCRIPT = Path(__file__).resolve().parents[2] / "helpers" / "telegram_poll.py"
CUSTOMERS = [Customer(900_000 + n, f"Müşteri {n}", language_code="tr") for n in range(25)]

pytestmark = pytest.mark.slow


class Poller:
    """tests/helpers/telegram_poll.py in its own process group, to kill it whole."""

    def __init__(self, data_dir: Path, account_id: int) -> None:
        self.args = [sys.executable, str(SCRIPT), str(data_dir), str(LIMIT)]
        self.env = {**os.environ, "SHOPDESK_TEST_TOKENS": f"{account_id}={TOKEN}"}

    def start(self) -> subprocess.Popen:
        proc = subprocess.Popen(
            self.args,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            text=True,
            env=self.env,
        )
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        return proc

    @staticmethod
    def kill(proc: subprocess.Popen) -> None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def stored(engine, account_id: int) -> tuple[list[str], int | None]:
    """(natural keys of the stored messages, the committed offset), after checking nothing is doubled."""
    with read_session(engine) as session:
        conn = session.connection()
        keys = [r[0] for r in conn.exec_driver_sql("SELECT natural_key FROM message ORDER BY id")]
        dedupe = conn.exec_driver_sql("SELECT count(DISTINCT dedupe_key), count(*) FROM message").one()
        offset = get_cursor(session, account_id=account_id, key=OFFSET)
    assert len(set(keys)) == len(keys) == dedupe[0] == dedupe[1], "an update was stored twice"
    return keys, int(offset) if offset else None


def test_kill_9_during_a_burst(engine, api, account, data_paths):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    poller = Poller(data_paths.root, account.id)
    sent: list[dict] = []
    mid_burst = 0
    for number in range(KILLS):
        for n in range(len(sent), (number + 1) * UPDATES // KILLS):
            sent.append(api.send_text(CUSTOMERS[n % len(CUSTOMERS)], f"mesaj {n}"))
        proc = poller.start()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(rng.uniform(0.0, 0.4))
        assert proc.poll() is None, f"the poller died on its own (seed {seed}): {proc.stderr.read()}"
        Poller.kill(proc)
        keys, offset = stored(engine, account.id)
        below = [f"123456:update:{u['update_id']}" for u in sent if offset and u["update_id"] < offset]
        assert keys == below, f"the store and its offset disagree after kill {number + 1} (seed {seed})"
        mid_burst += len(keys) < len(sent)
    proc = poller.start()
    eventually(lambda: len(stored(engine, account.id)[0]) == UPDATES, 60, "the whole burst")
    eventually(lambda: api.pending_updates() == 0, 10, "the last offset to reach the server")
    Poller.kill(proc)
    keys, offset = stored(engine, account.id)
    assert keys == [f"123456:update:{u['update_id']}" for u in sent]
    assert offset == sent[-1]["update_id"] + 1
    with read_session(engine) as session:
        texts = [r[0] for r in session.connection().exec_driver_sql("SELECT text FROM message ORDER BY id")]
    assert texts == [f"mesaj {n}" for n in range(UPDATES)]
    assert mid_burst >= KILLS // 4, f"only {mid_burst} kills landed while updates were waiting (seed {seed})"
