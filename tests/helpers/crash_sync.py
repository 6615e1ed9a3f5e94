"""A syncing process for the crash tests: ``python crash_sync.py DATA_DIR ACCOUNT_ID PASSWORD BATCH``.

What ``sync_once`` does, in its two phases: prints "ready" before it starts, "progress N" after each
committed batch, "listed" when every header is in, then reads the bodies and prints "done".
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from shopdesk.channels.email import bodies, imap
from shopdesk.channels.email.account import get_account
from shopdesk.channels.email.bodies import fill_bodies
from shopdesk.channels.email.channel import sync_once
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import make_engine, read_session
from shopdesk.paths import DataPaths


def main() -> None:
    data_dir, account_id, password, batch = sys.argv[1:5]
    imap.BATCH_UIDS = int(batch)  # more commits, more places for a kill to land between and inside
    imap.POOL_FROM = 10**9  # no worker process: each run starts fast (tests/channels/email cover the pool)
    bodies.BATCH = 20
    paths = DataPaths(Path(data_dir))
    engine = make_engine(paths.database_url)
    with read_session(engine) as session:
        account = get_account(session, int(account_id))

    def progress(folder: str, done: int, total: int) -> None:
        print(f"progress {done}", flush=True)

    blobs = BlobStore(paths.blobs)
    print("ready", flush=True)
    sync_once(engine, blobs, lambda e: None, account, password=password, progress=progress, bodies=False)
    print("listed", flush=True)
    fill_bodies(engine, blobs, lambda e: None)
    print("done", flush=True)


if __name__ == "__main__":
    main()
