"""IMAP initial import on a local Dovecot: ShopDesk sync_once against mbsync (isync), same mailbox, same run.

Run: .venv/bin/python tests/bench/bench_imap.py [-n 10000] [--rounds 2] [--profile]
Prints wall time and peak memory of both, their ratio, when every body was read, and the time to poll
an unchanged folder. The mailbox comes from ../shared/scripts/gen_mailbox.py (about 77 KB a message).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.helpers.dovecot import DovecotServer, _dovecot_binary

GOAL_RATIO = 1.0
GOAL_BODIES_RATIO = 4.0
GOAL_MEMORY_MB = 200
GOAL_POLL_MS = 100
LAST_CPU = [0.0]

MBSYNCRC = """\
IMAPAccount bench
Host 127.0.0.1
Port {port}
User {user}
Pass {password}
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path {root}/
Inbox {root}/INBOX
SubFolders Verbatim

Channel bench
Far :remote:
Near :local:
Patterns INBOX
Create Near
Sync Pull
SyncState *
"""


def run_measured(cmd: list[str], **kwargs) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of ``cmd`` run as a child process; its CPU seconds (user +
    system, its worker processes included) in ``LAST_CPU``."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_maxrss / 1024, out.decode()


def run_mbsync(user, work: Path) -> tuple[float, float, int]:
    root = work / "mbsync"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    rc = work / "mbsyncrc"
    rc.write_text(MBSYNCRC.format(port=user.port, user=user.name, password=user.password, root=root))
    wall, rss, _out = run_measured(["mbsync", "-q", "-c", str(rc), "-a"])
    count = sum(len(os.listdir(root / "INBOX" / sub)) for sub in ("cur", "new"))
    return wall, rss, count


def run_shopdesk(user, work: Path, profile: bool) -> tuple[float, float, dict]:
    data = work / "shopdesk"
    shutil.rmtree(data, ignore_errors=True)
    args = [sys.executable, __file__, "--child", str(data), str(user.port), user.name, user.password]
    wall, rss, out = run_measured([*args, *(["--profile"] if profile else [])])
    lines = out.strip().splitlines()
    if profile:
        print("\n".join(lines[:-1]))
    return wall, rss, json.loads(lines[-1])


def child(data_dir: Path, port: int, user: str, password: str, profile: bool) -> None:
    """The measured side: a fresh data directory, one account, ``sync_once`` as ``shopdesk sync --once``."""
    from shopdesk.channels.email.account import EmailAccount
    from shopdesk.channels.email.channel import sync_once
    from shopdesk.channels.email.connect import close_imap, open_imap
    from shopdesk.channels.email.imap import Sink, sync_account
    from shopdesk.core.blobs import BlobStore
    from shopdesk.core.db import make_engine, migrate, write_session
    from shopdesk.core.models import ChannelAccount
    from shopdesk.core.store import ConversationFilter, conversation_ids
    from shopdesk.paths import DataPaths

    paths = DataPaths(data_dir)
    paths.ensure()
    engine = make_engine(paths.database_url)
    migrate(engine)
    account = EmailAccount(
        address=f"{user}@shop.example",
        imap_host="127.0.0.1",
        imap_port=port,
        imap_security="none",
        smtp_host="127.0.0.1",
        user=user,
        since_days=None,
    )
    with write_session(engine) as session:
        row = ChannelAccount(channel="email", name=account.address)
        session.add(row)
        session.flush()
        account.id = row.id
    blobs = BlobStore(paths.blobs)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    summary = sync_once(engine, blobs, lambda e: None, account, password=password, bodies=not profile)
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    from shopdesk.core.db import read_session

    with read_session(engine) as session:
        listed = len(conversation_ids(session, flt=ConversationFilter(status=None)))
        stored = session.connection().exec_driver_sql("SELECT count(*) FROM message").scalar()
    client = open_imap(account, password)
    sink = Sink(engine, blobs, lambda e: None)
    polls = []
    for _ in range(20):
        began = time.perf_counter()
        sync_account(client, sink, account)
        polls.append((time.perf_counter() - began) * 1000)
    close_imap(client)
    print(
        json.dumps(
            {
                "new": summary.new,
                "stored": stored,
                "conversations": listed,
                "bodies": summary.bodies,
                "listed_s": summary.listed_seconds,
                "total_s": summary.total_seconds,
                "poll_ms": statistics.median(polls),
            }
        )
    )


def idle_latency(user, work: Path, rounds: int = 5) -> list[float]:
    """Milliseconds from another connection's APPEND until the message is in the store (IDLE)."""
    import keyring

    from shopdesk.channels.email.account import add_account
    from shopdesk.channels.email.channel import EmailChannel
    from shopdesk.core.blobs import BlobStore
    from shopdesk.core.db import make_engine, migrate, read_session
    from shopdesk.paths import DataPaths
    from tests.helpers.mails import mail
    from tests.helpers.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    paths = DataPaths(work / "idle")
    paths.ensure()
    engine = make_engine(paths.database_url)
    migrate(engine)
    account = user.account()
    client = user.client()
    account_id = add_account(engine, account, user.password)
    channel = EmailChannel(engine, BlobStore(paths.blobs), lambda e: None)
    channel.start_blocking()

    def stored() -> int:
        with read_session(engine) as session:
            return session.connection().exec_driver_sql("SELECT count(*) FROM message").scalar()

    took = []
    try:
        channel.worker(account_id).wait_idling(10)
        for n in range(rounds):
            began = time.perf_counter()
            client.append("INBOX", mail(n))
            while stored() < n + 1:
                if time.perf_counter() - began > 30:
                    raise RuntimeError("new mail did not arrive within 30 s")
                time.sleep(0.005)
            took.append((time.perf_counter() - began) * 1000)
    finally:
        channel.stop_blocking()
        client.logout()
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", nargs=4, metavar=("DATA", "PORT", "USER", "PASS"))
    args = parser.parse_args()
    if args.child:
        data, port, user, password = args.child
        child(Path(data), int(port), user, password, args.profile)
        return
    binary = _dovecot_binary()
    if binary is None or shutil.which("mbsync") is None:
        sys.exit("needs Dovecot (dovecot-imapd) and mbsync (isync)")
    server = DovecotServer(binary)
    server.start()
    work = Path(tempfile.mkdtemp(prefix="shopdesk-bench-imap-"))
    try:
        user = server.add_user()
        began = time.perf_counter()
        user.generate(args.n, seed=7)
        size = sum(f.stat().st_size for f in user.maildir.rglob("*") if f.is_file())
        print(
            f"mailbox: {args.n} messages, {size / 1e6:.0f} MB ({size / args.n / 1024:.0f} KB average), "
            f"generated in {time.perf_counter() - began:.1f} s"
        )
        os.sync()
        ratios: list[float] = []
        for number in range(args.rounds):
            load = os.getloadavg()[0]
            m_wall, m_rss, m_count = run_mbsync(user, work)
            m_cpu = LAST_CPU[0]
            os.sync()
            s_wall, s_rss, s = run_shopdesk(user, work, args.profile)
            s_cpu = LAST_CPU[0]
            os.sync()
            ratios.append(s["listed_s"] / m_wall)
            print(f"\n== round {number + 1} ==")
            print(f"load average before the round: {load:.2f} (2 cores: other work competes)")
            print(f"mbsync:   {m_wall:6.2f} s  peak {m_rss:6.1f} MB  ({m_count} messages), CPU {m_cpu:.1f} s")
            print(
                f"ShopDesk: {s['listed_s']:6.2f} s until all {s['stored']} stored and listed "
                f"({s['conversations']} conversations); process {s_wall:.2f} s with start-up; "
                f"peak {s_rss:6.1f} MB"
            )
            print(
                f"          bodies and index done at {s['total_s']:.2f} s ({s['bodies']} bodies); "
                f"CPU {s_cpu:.1f} s"
            )
            print(f"ratio (ShopDesk listed / mbsync): {s['listed_s'] / m_wall:.2f}  goal <= {GOAL_RATIO}")
            print(
                f"ratio (bodies done / mbsync):     {s['total_s'] / m_wall:.2f}  goal <= {GOAL_BODIES_RATIO}"
            )
            print(f"memory: {s_rss:.0f} MB  goal <= {GOAL_MEMORY_MB}")
            print(
                f"poll of an unchanged folder: {s['poll_ms']:.1f} ms (median of 20)  goal <= {GOAL_POLL_MS}"
            )
        latency = idle_latency(server.add_user(), work)
        print(
            f"\nnew mail in the store after APPEND (IDLE): median {statistics.median(latency):.0f} ms, "
            f"max {max(latency):.0f} ms over {len(latency)}  goal <= 2000 ms"
        )
        if len(ratios) > 1:
            print(f"\nmedian ratio over {len(ratios)} rounds: {statistics.median(ratios):.2f}")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
