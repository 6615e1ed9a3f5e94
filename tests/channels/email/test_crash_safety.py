"""kill -9 during a 2,000-message import, and again while a UIDVALIDITY change is re-mapped: nothing lost,
nothing twice, the cursors always covering exactly what is stored."""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from shopdesk.channels.email.account import add_account
from shopdesk.channels.email.imap import FolderCursor, cursor_key
from shopdesk.core.db import read_session
from shopdesk.core.ingest import get_cursor
from shopdesk.core.message_bodies import BODY_PENDING

MESSAGES = 2000
KILLS = 20
BATCH = 50
SCRIPT = Path(__file__).resolve().parents[2] / "helpers" / "crash_sync.py"

pytestmark = pytest.mark.slow


class Syncer:
    """Runs tests/helpers/crash_sync.py in its own process group, to kill it whole."""

    def __init__(self, data_dir: Path, account_id: int, password: str) -> None:
        self.args = [sys.executable, str(SCRIPT), str(data_dir), str(account_id), password, str(BATCH)]

    def start(self) -> tuple[subprocess.Popen, queue.Queue]:
        proc = subprocess.Popen(
            self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True
        )
        lines: queue.Queue = queue.Queue()
        threading.Thread(
            target=lambda: [lines.put(line.split()[0]) for line in proc.stdout], daemon=True
        ).start()
        return proc, lines

    def kill_somewhere(self, rng: random.Random, most_batches: int) -> bool:
        """Start a sync and kill -9 it at a random point: before its first commit, or a moment after
        its n-th committed batch (inside the next one), or, once all is listed, while it reads bodies.
        True when it was still running at that point."""
        proc, lines = self.start()
        plan = rng.choice(["start", "batch", "batch", "batch", "batch"])
        wanted = rng.randint(1, most_batches) if plan == "batch" else 1
        try:
            while wanted:
                line = lines.get(timeout=60)
                if line == "done":
                    proc.wait(10)
                    return False
                if line == "listed" or (plan, line) in (("start", "ready"), ("batch", "progress")):
                    wanted = 0 if line == "listed" else wanted - 1
            time.sleep(rng.uniform(0, 0.3))  # into the work that follows
            if proc.poll() is not None:
                return False
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        finally:
            proc.stdout.close()
            proc.stderr.close()

    def finish(self) -> None:
        done = subprocess.run(self.args, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1].startswith("done"), done.stdout


def server_uids(mail_user) -> tuple[int, list[int]]:
    client = mail_user.client()
    status = client.select_folder("INBOX", readonly=True)
    uids = sorted(client.search("ALL"))
    client.logout()
    return int(status[b"UIDVALIDITY"]), uids


def check_consistent(engine, account_id: int, uidvalidity: int, server: list[int]) -> int:
    """The store's invariants after any kill; returns how many are stored under the current UIDs."""
    with read_session(engine) as session:
        conn = session.connection()
        keys = [row[0] for row in conn.exec_driver_sql("SELECT natural_key FROM message")]
        dedupe = conn.exec_driver_sql("SELECT count(DISTINCT dedupe_key), count(*) FROM message").one()
        cursor = FolderCursor.loads(get_cursor(session, account_id=account_id, key=cursor_key("INBOX")))
    assert dedupe[0] == dedupe[1] == len(keys), "a message was stored twice"
    current = sorted(int(k.rsplit(":", 1)[1]) for k in keys if f":{uidvalidity}:" in k)
    last_uid = cursor.last_uid if cursor is not None and cursor.uidvalidity == uidvalidity else 0
    # Every UID the cursor covers is stored, and nothing beyond it: commit and cursor moved together.
    assert current == [uid for uid in server if uid <= last_uid]
    return len(current)


def kill_repeatedly(
    syncer: Syncer, engine, account_id: int, mail_user, rng, *, most_batches: int
) -> list[int]:
    uidvalidity, server = server_uids(mail_user)
    counts = []
    for _ in range(KILLS):
        killed = syncer.kill_somewhere(rng, most_batches)
        counts.append(check_consistent(engine, account_id, uidvalidity, server))
        if not killed:
            break  # it finished before the kill: more kills would only hit an idle sync
    syncer.finish()
    assert check_consistent(engine, account_id, uidvalidity, server) == MESSAGES
    return counts


def assert_spread(counts: list[int]) -> None:
    assert len(set(counts)) >= 5, f"the kills did not land at different points: {counts}"
    assert sum(0 < c < MESSAGES for c in counts) >= 5, f"too few kills in the middle: {counts}"


def test_kill_9_at_random_moments_loses_and_duplicates_nothing(engine, data_paths, mail_user, memory_keyring):
    mail_user.generate(MESSAGES, seed=11)
    account_id = add_account(engine, mail_user.account(), mail_user.password)
    syncer = Syncer(data_paths.root, account_id, mail_user.password)
    rng = random.Random(20261122)

    assert_spread(
        kill_repeatedly(syncer, engine, account_id, mail_user, rng, most_batches=6)
    )  # some runs get to the bodies

    # The server loses its UIDs (Dovecot rebuilds its index with a new UIDVALIDITY): kill the re-map too.
    old_uidvalidity, _ = server_uids(mail_user)
    for name in os.listdir(mail_user.maildir):
        if name.startswith(("dovecot-uidlist", "dovecot.index")):
            (mail_user.maildir / name).unlink()
    new_uidvalidity, _ = server_uids(mail_user)
    assert new_uidvalidity != old_uidvalidity
    assert_spread(
        kill_repeatedly(syncer, engine, account_id, mail_user, rng, most_batches=2)
    )  # a re-map runs fast: smaller steps

    with read_session(engine) as session:
        conn = session.connection()
        keys = [row[0] for row in conn.exec_driver_sql("SELECT natural_key FROM message")]
        pending = conn.exec_driver_sql("SELECT count(*) FROM message WHERE parse_note = ?", (BODY_PENDING,))
        assert pending.scalar() == 0  # bodies cut short by a kill were read by a later run
    assert len(keys) == MESSAGES
    assert all(f":{new_uidvalidity}:" in key for key in keys)
