"""A migrated benchmark store (100,000 conversations, 1,000,000 messages) built with bulk SQL, cached."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from shopdesk.core.db import make_engine, migrate
from shopdesk.paths import DataPaths
from tests.bench.corpus import TextMaker

BENCH_ROOT = Path(os.environ.get("SHOPDESK_BENCH_DIR", "/tmp/shopdesk-bench"))
GENERATOR_VERSION = 1  # bump when the generated data changes, so caches are rebuilt
OWNER = "Elif Kaya"
BIG_CONVERSATIONS = 20  # conversations of exactly BIG_SIZE messages, for the "open a conversation" bench
BIG_SIZE = 500
LABELS = ("iade", "kargo", "VIP", "toptan", "özel sipariş", "fatura")
CHANNEL_WEIGHTS = (("email", 0.5), ("telegram", 0.25), ("webchat", 0.25))
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
SPAN_DAYS = 730


def stamp(moment: datetime) -> str:
    """A datetime as SQLAlchemy stores it in SQLite (naive UTC, microseconds)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def ensure_store(*, conversations: int = 100_000, messages: int = 1_000_000, root: Path = BENCH_ROOT) -> Path:
    """The cached store's data directory, generated first when missing (prints how long that took)."""
    data_dir = root / f"store-{conversations}-{messages}-v{GENERATOR_VERSION}"
    if (data_dir / "complete").exists():
        took = json.loads((data_dir / "complete").read_text())["seconds"]
        print(f"using the cached store {data_dir} (generated in {took:.1f} s)")
        return data_dir
    building = root / (data_dir.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    started = time.perf_counter()
    _build(DataPaths(building), conversations, messages)
    (building / "complete").write_text(json.dumps({"seconds": time.perf_counter() - started}))
    shutil.rmtree(data_dir, ignore_errors=True)
    building.rename(data_dir)
    print(f"generated {data_dir} in {time.perf_counter() - started:.1f} s")
    return data_dir


def copy_store(source: Path, dest: Path) -> Path:
    """A fresh working copy of a generated store (for benchmarks that write)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("complete", "*.lock"))
    return dest


def _build(paths: DataPaths, n_conversations: int, n_messages: int) -> None:
    paths.ensure()
    engine = make_engine(paths.database_url)
    migrate(engine)
    rng = random.Random(20261122)
    maker = TextMaker(rng)
    raw = engine.raw_connection()
    db = raw.driver_connection
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-400000")
    t = time.perf_counter()
    db.execute("BEGIN")
    contacts = _insert_contacts(db, rng, maker, max(1, int(n_conversations * 0.7)))
    plan = _plan_conversations(rng, contacts, n_conversations, n_messages)
    convs, msgs = _make_messages(rng, maker, contacts, plan)
    db.executemany(
        "INSERT INTO conversation (id, contact_id, channel, account_id, status, snoozed_until, subject, "
        "preview, unread_count, last_message_at, created_at, resolved_at) "
        "VALUES (?,?,?,NULL,?,?,?,?,?,?,?,?)",
        convs,
    )
    print(f"  contacts and conversations: {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    sql = (
        "INSERT INTO message (id, conversation_id, channel, direction, author, text, natural_key, "
        "send_state, edited, created_at, sent_at) VALUES (?,?,?,?,?,?,?,?,0,?,?)"
    )
    for start in range(0, len(msgs), 50_000):
        db.executemany(sql, msgs[start : start + 50_000])
    print(f"  {len(msgs):,} messages with their FTS index: {time.perf_counter() - t:.1f} s")
    _insert_extras(db, rng, len(convs))
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    engine.dispose()


def _insert_contacts(db, rng: random.Random, maker: TextMaker, n: int) -> list[tuple]:
    """Contacts with one identity each: (id, channel, first name, full name, english)."""
    contacts, rows, identities = [], [], []
    for cid in range(1, n + 1):
        channel = rng.choices([c for c, _ in CHANNEL_WEIGHTS], [w for _, w in CHANNEL_WEIGHTS])[0]
        english = rng.random() < 0.15
        first, last = maker.person(english)
        name = f"{first} {last}"
        if channel == "email":
            address = f"{first.lower()}.{last.lower()}{cid}@example.com"
        elif channel == "telegram":
            address = str(100_000_000 + cid * 7)
        else:
            address = f"v-{cid:07x}"
        email = address if channel == "email" else None
        rows.append((cid, name, email, None, "", stamp(NOW - timedelta(days=SPAN_DAYS))))
        identities.append((cid, channel, address, name))
        contacts.append((cid, channel, first, name, english))
    db.executemany(
        "INSERT INTO contact (id, name, email, phone, notes, created_at) VALUES (?,?,?,?,?,?)", rows
    )
    db.executemany(
        "INSERT INTO contactidentity (contact_id, channel, address, display) VALUES (?,?,?,?)", identities
    )
    return contacts


def _plan_conversations(rng, contacts, n_conv: int, n_msgs: int) -> list[tuple[int, float, int]]:
    """(contact index, start in days ago, message count) per conversation, oldest first."""
    big = min(BIG_CONVERSATIONS, n_conv // 10)
    sizes = [BIG_SIZE] * big + [max(1, int(rng.expovariate(1 / 9))) for _ in range(n_conv - big)]
    if n_msgs < big * BIG_SIZE + n_conv - big:
        raise ValueError(f"{n_msgs} messages are too few for {n_conv} conversations")
    rng.shuffle(sizes)
    diff = n_msgs - sum(sizes)
    while diff:
        i = rng.randrange(n_conv)
        if sizes[i] == BIG_SIZE:
            continue
        step = 1 if diff > 0 else -1
        if sizes[i] + step >= 1:
            sizes[i] += step
            diff -= step
    owners = list(range(len(contacts))) + [
        rng.randrange(len(contacts)) for _ in range(n_conv - len(contacts))
    ]
    rng.shuffle(owners)
    starts = sorted((rng.random() ** 0.8 * SPAN_DAYS for _ in range(n_conv)), reverse=True)
    # a long conversation runs over two months: start it early enough to end before now
    starts = [s + 70 if n == BIG_SIZE and s < 70 else s for s, n in zip(starts, sizes, strict=True)]
    return list(zip(owners, starts, sizes, strict=True))


def _make_messages(rng, maker: TextMaker, contacts, plan):
    """Conversation rows and message rows; message ids follow time, as they do in a real inbox."""
    timeline = []
    for conv_index, (_, start_days, size) in enumerate(plan):
        t = NOW - timedelta(days=start_days)
        spread = 60.0 if size == BIG_SIZE else 1.5
        for seq in range(size):
            timeline.append((min(t, NOW - timedelta(seconds=size - seq)), conv_index, seq))
            t += timedelta(days=rng.expovariate(size / spread) if size > 1 else 0)
    timeline.sort()
    msgs, last = [], {}
    for mid, (moment, conv_index, seq) in enumerate(timeline, start=1):
        contact = contacts[plan[conv_index][0]]
        _, channel, first, name, english = contact
        roll = rng.random()
        direction = "incoming" if seq == 0 or roll < 0.55 else ("outgoing" if roll < 0.97 else "note")
        text = maker.message(direction, english, first)
        author = name if direction == "incoming" else OWNER
        sent = stamp(moment) if direction == "outgoing" else None
        state = "sent" if direction == "outgoing" else None
        msgs.append(
            (mid, conv_index + 1, channel, direction, author, text, f"b{mid}", state, stamp(moment), sent)
        )
        trail = last.get(conv_index, (None, None, 0))[2]
        last[conv_index] = (moment, text, trail + 1 if direction == "incoming" else 0)
    convs = [_conversation_row(rng, maker, contacts, plan, i, last[i]) for i in range(len(plan))]
    return convs, msgs


def _conversation_row(rng, maker, contacts, plan, i, last):
    contact_index, start_days, _ = plan[i]
    cid, channel, _, _, english = contacts[contact_index]
    moment, text, trailing_incoming = last
    age = (NOW - moment).days
    if age > 10:
        status = "resolved" if rng.random() < 0.95 else "pending"
    else:
        status = rng.choices(["open", "pending", "snoozed", "resolved"], [50, 25, 10, 15])[0]
    unread = trailing_incoming if status == "open" else 0
    snoozed = stamp(NOW + timedelta(days=rng.randint(1, 7))) if status == "snoozed" else None
    resolved = stamp(moment + timedelta(hours=2)) if status == "resolved" else None
    subject = maker.subject(english) if channel == "email" else ""
    preview = " ".join(text.split())[:160]
    created = stamp(NOW - timedelta(days=start_days))
    return (i + 1, cid, channel, status, snoozed, subject, preview, unread, stamp(moment), created, resolved)


def _insert_extras(db, rng: random.Random, n_conv: int) -> None:
    """Labels on some conversations, canned replies and the owner's settings."""
    db.executemany(
        "INSERT INTO label (id, name, color) VALUES (?,?,?)",
        [(i + 1, name, "#6b7280") for i, name in enumerate(LABELS)],
    )
    links = {(rng.randint(1, n_conv), rng.randint(1, len(LABELS))) for _ in range(n_conv // 8)}
    db.executemany("INSERT INTO conversationlabel (conversation_id, label_id) VALUES (?,?)", sorted(links))
    canned = [
        ("Kargo", "kargo", "tr", "Merhaba {{contact.first_name}}, siparişiniz kargoya verildi."),
        ("İade", "iade", "tr", "Merhaba {{contact.first_name}}, 14 gün içinde iade edebilirsiniz."),
        ("Teşekkür", "tesekkur", "tr", "Çok teşekkür ederiz {{contact.first_name}}! {{shop.name}}"),
        ("Shipping", "shipping", "en", "Hi {{contact.first_name}}, we ship worldwide. {{agent.name}}"),
    ]
    db.executemany(
        "INSERT INTO cannedreply (title, shortcut, language, body, attachments_json, is_faq, questions, "
        "updated_at) VALUES (?,?,?,?,'[]',0,'',?)",
        [(*row, stamp(NOW)) for row in canned],
    )
    settings = {"shop_name": "Toprak & İplik", "owner_name": OWNER, "first_run_done": True}
    db.executemany(
        "INSERT INTO setting (key, value_json) VALUES (?,?)",
        [(k, json.dumps(v, ensure_ascii=False)) for k, v in settings.items()],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--force", action="store_true", help="rebuild even when a cached store exists")
    args = parser.parse_args()
    if args.force:
        target = BENCH_ROOT / f"store-{args.conversations}-{args.messages}-v{GENERATOR_VERSION}"
        shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    data_dir = ensure_store(conversations=args.conversations, messages=args.messages)
    print(f"store: {data_dir} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
