"""`shopdesk import PATH`: old mail into the inbox through the same ingest path, with progress."""

from __future__ import annotations

import sys
from pathlib import Path

from shopdesk.core.db import StoreError, read_session


def _progress_bar(done: int, total: int) -> None:
    if not sys.stderr.isatty() or not total:
        return
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run_import(data_dir: Path, path: Path) -> int:
    from shopdesk.channels.email.account import list_accounts
    from shopdesk.channels.email.importer import import_path
    from shopdesk.context import open_context, shutdown

    if not path.exists():
        print(f"error: {path} does not exist.", file=sys.stderr)
        return 2
    try:
        ctx = open_context(data_dir)
    except (StoreError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        with read_session(ctx.engine) as session:
            own = [account.address for account in list_accounts(session)]
        summary = import_path(ctx, path, progress=_progress_bar, own_addresses=own)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        shutdown(ctx)
    print(f"imported: {summary.imported}")
    print(f"duplicates_skipped: {summary.duplicates}")
    print(f"stored_raw_unreadable: {summary.stored_raw_unreadable}")
    print(f"skipped_files: {summary.skipped_files}")
    return 0
