"""A polling process for the Telegram crash tests: ``python telegram_poll.py DATA_DIR LIMIT``.

Runs the Telegram channel's receiving loop (every bot configured in DATA_DIR, tokens from the
SHOPDESK_TEST_TOKENS environment variable as "account_id=token,…", since a child has no test keyring)
with ``LIMIT`` updates a getUpdates, so a burst takes many commits. Prints "ready" once imports and the
store are open, just before polling starts; the test kills it -9 at a random moment after that.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from shopdesk.channels.telegram.channel import TelegramChannel
from shopdesk.channels.telegram.updates import Timing
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import make_engine
from shopdesk.paths import DataPaths


async def main() -> None:
    data_dir, limit = sys.argv[1], int(sys.argv[2])
    tokens = dict(pair.split("=", 1) for pair in os.environ["SHOPDESK_TEST_TOKENS"].split(","))
    paths = DataPaths(Path(data_dir))
    engine = make_engine(paths.database_url)
    timing = Timing(poll_timeout=1, limit=limit, backoff_start=0.05, backoff_max=0.2)
    channel = TelegramChannel(
        engine, BlobStore(paths.blobs), lambda event: None, timing=timing, token=lambda aid: tokens[str(aid)]
    )
    print("ready", flush=True)
    await channel.start()
    await asyncio.Event().wait()  # until killed


if __name__ == "__main__":
    asyncio.run(main())
