"""Web chat visitors from relay events: a batch applied at once, replays changing nothing, contacts filled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from shopdesk.channels.base import IncomingItem
from shopdesk.channels.webchat.account import ensure_account
from shopdesk.core import visitors
from shopdesk.core.db import read_session, write_session
from shopdesk.core.ingest import resolve_contact
from shopdesk.core.models import Contact, WebVisitor

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def account_id(engine) -> int:
    return ensure_account(engine)[0]


def event(seq: int, visitor_id: str, kind: str, data: dict | None = None, at: str = "") -> dict:
    at = at or (START + timedelta(seconds=seq)).isoformat().replace("+00:00", "Z")
    return {
        "seq": seq,
        "id": f"e_{seq}",
        "kind": kind,
        "visitor_id": visitor_id,
        "at": at,
        "data": data or {},
    }


def apply(engine, account_id: int, events: list[dict]) -> list[str]:
    with write_session(engine) as session:
        return visitors.apply_events(session, account_id, events)


def stored(engine, visitor_id: str) -> WebVisitor:
    with read_session(engine) as session:
        return session.exec(select(WebVisitor).where(WebVisitor.visitor_id == visitor_id)).one()


def raw_rows(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT * FROM webvisitor ORDER BY id").fetchall()


def test_a_batch_applies_every_kind_for_new_and_known_visitors(engine, account_id):
    apply(engine, account_id, [event(1, "v_old", "visit", {"landing_url": "https://shop.example/"})])
    batch = [
        event(2, "v_new", "visit", {"campaign": "bahar", "device": "phone · Safari · iOS", "search": "vazo"}),
        event(3, "v_new", "page_view", {"url": "https://shop.example/vazo", "title": "Raku vazo"}),
        event(4, "v_old", "page_view", {"url": "https://shop.example/tabak", "title": "Tabak"}),
        event(5, "v_new", "cart", {"value": 1150, "currency": "TRY", "items": [{"name": "Raku vazo"}]}),
        event(6, "v_old", "identify", {"name": "Ayşe Yılmaz", "email": "ayse@example.com"}),
        event(7, "v_new", "owner_message", {"id": 1, "text": "ours"}),
        event(8, "v_old", "seen", {"up_to": 4}),
        event(9, "v_new", "page_view", {"url": "https://shop.example/odeme", "title": "Ödeme"}),
        event(10, "v_new", "left"),
    ]
    assert apply(engine, account_id, batch) == ["v_new", "v_old"]
    new, old = stored(engine, "v_new"), stored(engine, "v_old")
    assert (new.campaign, new.device, new.search_terms) == ("bahar", "phone · Safari · iOS", "vazo")
    assert [p["title"] for p in new.pages] == ["Raku vazo", "Ödeme"]
    assert (new.current_title, new.cart_value, new.cart["items"][0]["name"]) == ("Ödeme", 1150, "Raku vazo")
    assert (new.online, new.last_seq) == (False, 10)
    assert new.last_seen_at == datetime(2026, 3, 1, 9, 0, 9, tzinfo=UTC)  # "left" is not a sighting
    assert (old.landing_url, old.current_title, old.name, old.email) == (
        "https://shop.example/",
        "Tabak",
        "Ayşe Yılmaz",
        "ayse@example.com",
    )
    assert (old.visitor_seen_id, old.online, old.last_seq) == (4, True, 8)
    assert old.last_seen_at == datetime(2026, 3, 1, 9, 0, 6, tzinfo=UTC)


def test_a_replayed_batch_changes_nothing(engine, account_id):
    batch = [
        event(1, "v_1", "visit", {"landing_url": "https://shop.example/"}),
        event(2, "v_1", "page_view", {"url": "https://shop.example/vazo", "title": "Raku vazo"}),
        event(3, "v_2", "cart", {"value": 90, "currency": "TRY", "items": []}),
    ]
    apply(engine, account_id, batch)
    before = raw_rows(engine)
    assert apply(engine, account_id, batch) == []
    assert apply(engine, account_id, batch[1:]) == []
    assert raw_rows(engine) == before
    # a batch that overlaps the applied one applies only what is new
    more = [*batch[1:], event(4, "v_1", "page_view", {"url": "https://shop.example/tabak", "title": "Tabak"})]
    assert apply(engine, account_id, more) == ["v_1"]
    assert [p["title"] for p in stored(engine, "v_1").pages] == ["Raku vazo", "Tabak"]


def test_a_batch_of_many_visitors_is_applied_whole(engine, account_id):
    count = visitors._IN_CHUNK * 2 + 7
    batch = [
        event(n, f"v_{n}", "page_view", {"url": f"https://shop.example/{n}"}) for n in range(1, count + 1)
    ]
    assert len(apply(engine, account_id, batch)) == count
    again = [event(n + count, f"v_{n}", "left") for n in range(1, count + 1)]
    assert len(apply(engine, account_id, again)) == count
    with read_session(engine) as session:
        rows = session.exec(select(WebVisitor)).all()
    assert len(rows) == count and not any(row.online for row in rows)


def contact_for(engine, visitor_id: str, name: str = "", email: str | None = None) -> int:
    who = IncomingItem(
        channel="webchat", natural_key="", sender_address=visitor_id, sender_name=name, text=""
    )
    with write_session(engine) as session:
        contact_id = resolve_contact(session, who)
        if email:
            session.get(Contact, contact_id).email = email
    return contact_id


def test_contacts_get_what_their_visitors_typed_where_they_have_nothing(engine, account_id):
    apply(
        engine,
        account_id,
        [
            event(
                1, "v_1", "identify", {"name": "Ayşe Yılmaz", "email": "ayse@example.com", "phone": "0555"}
            ),
            event(2, "v_2", "identify", {"name": "Mehmet", "email": "mehmet@example.com"}),
            event(3, "v_3", "page_view", {"url": "u"}),
        ],
    )
    named_by_id = contact_for(engine, "v_1")  # a contact made from a visitor who had not said a name
    own = contact_for(engine, "v_2", name="Mehmet Kaya", email="mk@example.com")
    quiet = contact_for(engine, "v_3")
    contact_for(engine, "v_unknown")  # a contact whose visitor the desktop never saw
    with write_session(engine) as session:
        changed = visitors.fill_contacts(session, account_id, ["v_1", "v_2", "v_3", "v_unknown", "v_1"])
    assert changed == [named_by_id]
    with read_session(engine) as session:
        contacts = {c.id: (c.name, c.email, c.phone) for c in session.exec(select(Contact))}
    assert contacts[named_by_id] == ("Ayşe Yılmaz", "ayse@example.com", "0555")
    assert contacts[own] == ("Mehmet Kaya", "mk@example.com", None)
    assert contacts[quiet] == ("v_3", None, None)
    with write_session(engine) as session:
        assert visitors.fill_contacts(session, account_id, ["v_1", "v_2", "v_3"]) == []
