"""Proactive invitations: rules kept, checked and given to the relay in the owner's order; what they did
(shown, chats, orders after) counted once per visitor from relay events stored as the web chat sink stores
them, replays included; the figures of a small shop computed by hand; migration 0005."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from shopdesk.core import carts, invitations, visitors
from shopdesk.core.db import SCHEMA_HEAD, make_engine, migrate, read_session, write_session
from shopdesk.core.events import CannedChanged
from shopdesk.core.invitations import Rule
from shopdesk.core.models import InvitationEvent, Label, Setting
from tests.core.test_carts import Relay as CartRelay

T = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
CONTRACT_KEYS = [
    "id",
    "name",
    "enabled",
    "url",
    "seconds_on_page",
    "min_cart_value",
    "returning",
    "referrer",
    "keyword",
    "message_tr",
    "message_en",
    "when_away",
]


def product_rule(**changes) -> Rule:
    rule = Rule(
        id="r_urun",
        name="Ürün sayfasında 30 sn",
        url="*/urun/*",
        seconds_on_page=30,
        message_tr="Merhaba! Bu ürünle ilgili sorunuz var mı?",
        message_en="Hi! Any questions about this product?",
    )
    return replace(rule, **changes)


def cart_rule(**changes) -> Rule:
    rule = Rule(id="r_sepet", name="Dolu sepet", min_cart_value=500, message_tr="Kargo bizden!")
    return replace(rule, **changes)


class Relay(CartRelay):
    """Relay events stored as the web chat sink stores a batch: visitors, carts, then invitations."""

    def __init__(self, engine) -> None:
        super().__init__(engine)
        self.sent: list[dict] = []

    def store(self, events: list[dict], *, now=None) -> list[int]:
        self.sent.extend(events)
        return self.replay(events, now=now)

    def replay(self, events: list[dict], *, now=None) -> list[int]:
        """Store ``events`` (again, after a crash before the acknowledgement)."""
        with write_session(self.engine) as session:
            visitors.apply_events(session, self.account_id, events)
            changed = carts.apply_events(session, self.account_id, events, now=now)
            invitations.apply_events(session, self.account_id, events)
        return changed

    def shown(self, visitor_id: str, rule_id: str, *, at: datetime) -> None:
        self.send(visitor_id, "track", {"name": "invitation_shown", "data": {"rule": rule_id}}, at=at)

    def answer(
        self, visitor_id: str, rule_id: str, *, at: datetime, text: str = "Evet, bir sorum var"
    ) -> None:
        self.send(visitor_id, "message", {"id": self.seq + 1, "text": text, "invitation": rule_id}, at=at)


@pytest.fixture
def relay(engine) -> Relay:
    return Relay(engine)


def rows(engine) -> list[tuple[str, str, str]]:
    with read_session(engine) as session:
        found = session.exec(select(InvitationEvent).order_by(InvitationEvent.id))
        return [(row.rule_id, row.visitor_id, row.kind) for row in found]


def figures(engine, since: datetime) -> dict[str, dict]:
    with read_session(engine) as session:
        return invitations.stats(session, since=since)


# The rules


def test_rules_are_saved_in_order_trimmed_and_the_relay_is_told(engine, events):
    saved = invitations.save_rules(engine, events, [cart_rule(name="  Dolu sepet "), product_rule()])
    assert [r.id for r in saved] == ["r_sepet", "r_urun"] and saved[0].name == "Dolu sepet"
    assert events.of(CannedChanged) == [CannedChanged()]
    with read_session(engine) as session:
        assert invitations.load_rules(session) == saved
    assert saved[1] == product_rule()


def test_relay_rules_have_exactly_the_contract_keys_and_only_the_enabled_rules_in_order(engine, events):
    off = Rule(id="r_off", name="Kapalı", enabled=False, message_en="Hi")
    rules = [product_rule(), off, cart_rule(returning=True, referrer="google", keyword="kılıf")]
    invitations.save_rules(engine, events, rules)
    with read_session(engine) as session:
        pushed = invitations.relay_rules(session)
    assert [list(rule) for rule in pushed] == [CONTRACT_KEYS, CONTRACT_KEYS]
    assert [rule["id"] for rule in pushed] == ["r_urun", "r_sepet"]
    assert pushed[0] == {
        "id": "r_urun",
        "name": "Ürün sayfasında 30 sn",
        "enabled": True,
        "url": "*/urun/*",
        "seconds_on_page": 30,
        "min_cart_value": 0,
        "returning": None,
        "referrer": "",
        "keyword": "",
        "message_tr": "Merhaba! Bu ürünle ilgili sorunuz var mı?",
        "message_en": "Hi! Any questions about this product?",
        "when_away": False,
    }
    assert (pushed[1]["min_cart_value"], pushed[1]["returning"], pushed[1]["keyword"]) == (500, True, "kılıf")
    assert json.loads(json.dumps(pushed)) == pushed  # plain JSON, as the relay gets it


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "R_Urun"}, "'R_Urun'.*id must be"),
        ({"id": ""}, "id must be"),
        ({"id": "r_" + "x" * 39}, "id must be"),
        ({"id": "r urun"}, "id must be"),
        ({"name": ""}, "name is empty"),
        ({"name": "x" * 101}, "Rule .*r_urun.*name is 101 characters long; at most 100"),
        ({"url": "*/" + "u" * 499}, "r_urun.*url is 501 characters long; at most 500"),
        ({"url": "*/urun/ *"}, "url must not contain spaces"),
        ({"message_tr": " ", "message_en": ""}, "r_urun.*message_tr and message_en are both empty"),
        ({"message_en": "x" * 501}, "message_en is 501 characters long"),
        ({"seconds_on_page": 3601}, "r_urun.*seconds_on_page must be a whole number from 0 to 3600"),
        ({"seconds_on_page": -1}, "seconds_on_page"),
        ({"seconds_on_page": 2.5}, "seconds_on_page"),
        ({"min_cart_value": -5}, "min_cart_value must be a number, 0 or more"),
        ({"min_cart_value": float("nan")}, "min_cart_value"),
        ({"returning": "yes"}, "returning must be null, true or false"),
        ({"when_away": 1}, "when_away must be true or false"),
        ({"referrer": None}, "referrer must be text"),
    ],
)
def test_a_wrong_field_is_refused_with_the_rule_and_the_field_named(engine, events, change, message):
    with pytest.raises(ValueError, match=message):
        invitations.save_rules(engine, events, [cart_rule(), product_rule(**change)])
    assert events == []
    with read_session(engine) as session:
        assert invitations.load_rules(session) == []  # nothing of the batch was stored


def test_an_id_used_twice_and_too_many_rules_are_refused(engine, events):
    with pytest.raises(ValueError, match="'r_urun' is used twice"):
        invitations.save_rules(engine, events, [product_rule(), product_rule(name="Başka")])
    many = [product_rule(id=f"r_{n}") for n in range(invitations.MAX_RULES + 1)]
    with pytest.raises(ValueError, match="at most 50"):
        invitations.save_rules(engine, events, many)


def test_new_ids_follow_the_pattern_and_avoid_the_taken_ones(monkeypatch):
    assert invitations.RULE_ID.match(invitations.new_rule_id())
    made = iter(["ab12cd", "ab12cd", "ef34ab"])
    monkeypatch.setattr(invitations.secrets, "token_hex", lambda _n: next(made))
    assert invitations.new_rule_id({"r_ab12cd"}) == "r_ef34ab"


def test_stored_rules_that_cannot_be_read_are_left_out(engine, events):
    invitations.save_rules(engine, events, [product_rule()])
    with write_session(engine) as session:
        row = session.get(Setting, invitations.SETTINGS_KEY)
        stored = json.loads(row.value_json)
        row.value_json = json.dumps([{"id": "BAD"}, "nonsense", *stored, {**stored[0], "id": "r_2", "x": 1}])
        session.add(row)
    with read_session(engine) as session:
        assert [r.id for r in invitations.load_rules(session)] == ["r_urun", "r_2"]
    with write_session(engine) as session:
        session.get(Setting, invitations.SETTINGS_KEY).value_json = "{not json"
    with read_session(engine) as session:
        assert invitations.load_rules(session) == [] and invitations.relay_rules(session) == []


# What the rules did


def test_shown_chat_and_order_count_once_per_visitor_even_when_replayed(engine, relay):
    relay.shown("v_ayse", "r_urun", at=T)
    relay.answer("v_ayse", "r_urun", at=T + timedelta(minutes=1))
    relay.answer("v_ayse", "r_urun", at=T + timedelta(minutes=2), text="Bir sorum daha var")
    relay.order("v_ayse", at=T + timedelta(hours=1), value=900)
    relay.order("v_ayse", at=T + timedelta(days=1), value=120)  # a second order counts once
    relay.shown("v_ayse", "r_urun", at=T + timedelta(days=2))  # shown again a day later: still one visitor
    once = [("r_urun", "v_ayse", "shown"), ("r_urun", "v_ayse", "chat"), ("r_urun", "v_ayse", "order")]
    assert rows(engine) == once
    with read_session(engine) as session:
        shown = session.exec(select(InvitationEvent).where(InvitationEvent.kind == "shown")).one()
    assert (shown.at, shown.last_at) == (T, T + timedelta(days=2))
    relay.replay(relay.sent)
    relay.replay(relay.sent[2:4])
    assert rows(engine) == once


def test_an_order_counts_only_after_an_invitation_shown_within_seven_days(engine, relay):
    relay.order("v_none", at=T)  # never shown an invitation
    relay.shown("v_old", "r_urun", at=T - timedelta(days=8))
    relay.order("v_old", at=T)  # shown eight days before
    relay.order("v_early", at=T - timedelta(hours=2))
    relay.shown("v_early", "r_urun", at=T - timedelta(hours=1))  # shown after the order
    relay.shown("v_week", "r_urun", at=T - timedelta(days=7))
    relay.order("v_week", at=T)  # seven days to the minute: still counts
    orders = [row for row in rows(engine) if row[2] == "order"]
    assert orders == [("r_urun", "v_week", "order")]
    relay.replay(relay.sent)  # still only v_week
    assert [row for row in rows(engine) if row[2] == "order"] == orders


def test_an_order_goes_to_the_last_invitation_shown(engine, relay):
    relay.shown("v_cem", "r_urun", at=T - timedelta(days=2))
    relay.shown("v_cem", "r_sepet", at=T - timedelta(days=1))
    relay.order("v_cem", at=T)
    assert ("r_sepet", "v_cem", "order") in rows(engine)
    assert ("r_urun", "v_cem", "order") not in rows(engine)


def test_odd_events_are_skipped_and_never_stop_the_batch(engine, relay, caplog):
    odd = [
        {
            "seq": 1,
            "kind": "track",
            "visitor_id": "v",
            "at": "yesterday",
            "data": {"name": "invitation_shown"},
        },
        {"seq": 2, "kind": "track", "visitor_id": "v", "data": {"name": "invitation_shown", "data": [1]}},
        {"seq": 3, "kind": "track", "visitor_id": None, "data": {"name": "invitation_shown", "data": {}}},
        {
            "seq": 4,
            "kind": "track",
            "visitor_id": "v",
            "data": {"name": "invitation_shown", "data": {"rule": 7}},
        },
        {"seq": 5, "kind": "message", "visitor_id": "v", "data": {"invitation": "NOT A RULE"}},
        {"seq": 6, "kind": "message", "visitor_id": "v", "data": "text"},
        {"seq": 7, "kind": "track", "visitor_id": "v", "data": None},
        "not an event",
        {
            "seq": 8,
            "kind": "track",
            "visitor_id": "v",
            "at": "garbage",
            "data": {"name": "invitation_shown", "data": {"rule": "r_ok"}},
        },
    ]
    with write_session(engine) as session:
        invitations.apply_events(session, relay.account_id, odd)
    assert rows(engine) == [("r_ok", "v", "shown")]  # its unreadable time is taken as now


def test_a_failure_of_its_own_is_rolled_back_alone(engine, relay, caplog):
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE invitationevent")
    shown = {
        "seq": 1,
        "kind": "track",
        "visitor_id": "v",
        "data": {"name": "invitation_shown", "data": {"rule": "r_urun"}},
    }
    with write_session(engine) as session:
        session.add(Label(name="kargo"))
        invitations.apply_events(session, relay.account_id, [shown])
    with read_session(engine) as session:
        assert [label.name for label in session.exec(select(Label))] == ["kargo"]  # the rest was stored
    assert "could not be recorded" in caplog.text


def test_the_figures_of_a_small_shop(engine, relay):
    """By hand, since T - 7 days: r_urun shown to Ayşe, Bora, Cem and Efe (4), a chat from Ayşe (25 %),
    orders from Ayşe and Bora (50 %); r_sepet shown to Cem and Filiz (Deniz's was ten days ago), a chat
    from Filiz, Cem's order (he saw r_sepet last); Deniz's order, nine days after, and Gül's, never
    shown, count for nobody; Efe ordered before he was shown anything."""
    relay.shown("ayse", "r_urun", at=T - timedelta(days=3))
    relay.answer("ayse", "r_urun", at=T - timedelta(days=3) + timedelta(minutes=1))
    relay.order("ayse", at=T - timedelta(days=2))
    relay.shown("bora", "r_urun", at=T - timedelta(days=1))
    relay.order("bora", at=T)
    relay.order("bora", at=T + timedelta(hours=1))
    relay.shown("deniz", "r_sepet", at=T - timedelta(days=10))
    relay.order("deniz", at=T - timedelta(days=1))
    relay.order("gul", at=T - timedelta(days=1))
    relay.shown("cem", "r_urun", at=T - timedelta(days=2))
    relay.shown("cem", "r_sepet", at=T - timedelta(days=1))
    relay.order("cem", at=T)
    relay.shown("filiz", "r_sepet", at=T - timedelta(days=1))
    relay.answer("filiz", "r_sepet", at=T - timedelta(days=1))
    relay.order("efe", at=T - timedelta(days=5))
    relay.shown("efe", "r_urun", at=T - timedelta(days=4))
    week = {
        "r_urun": {"shown": 4, "chats": 1, "orders": 2, "chat_rate": 0.25, "order_rate": 0.5},
        "r_sepet": {"shown": 2, "chats": 1, "orders": 1, "chat_rate": 0.5, "order_rate": 0.5},
    }
    assert figures(engine, T - timedelta(days=7)) == week
    month = figures(engine, T - timedelta(days=30))
    assert month["r_sepet"] == {"shown": 3, "chats": 1, "orders": 1, "chat_rate": 1 / 3, "order_rate": 1 / 3}
    assert figures(engine, T + timedelta(days=1)) == {}
    assert invitations.no_figures() == {
        "shown": 0,
        "chats": 0,
        "orders": 0,
        "chat_rate": None,
        "order_rate": None,
    }


def test_a_deleted_rule_keeps_its_events(engine, events, relay):
    invitations.save_rules(engine, events, [product_rule(), cart_rule()])
    relay.shown("ayse", "r_urun", at=T)
    invitations.save_rules(engine, events, [cart_rule()])
    assert rows(engine) == [("r_urun", "ayse", "shown")]
    assert figures(engine, T - timedelta(days=1))["r_urun"]["shown"] == 1


# The migration


def test_migration_0005_upgrades_a_0004_store_and_keeps_its_data(tmp_path):
    from alembic import command

    from shopdesk.core.db import alembic_config
    from tests.core.test_db import FTS_TRIGGERS

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0004")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO setting (key, value_json) VALUES ('carts', '{\"enabled\": true}')")
    assert migrate(engine) == SCHEMA_HEAD == "0005"
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert conn.exec_driver_sql("SELECT value_json FROM setting").scalar() == '{"enabled": true}'
    assert "invitationevent" in tables and triggers >= FTS_TRIGGERS
    with write_session(engine) as session:  # the new table takes rows, once per rule, visitor and kind
        session.add(
            InvitationEvent(rule_id="r_a", account_id=1, visitor_id="v", kind="shown", at=T, last_at=T)
        )
    with pytest.raises(Exception, match="UNIQUE"), write_session(engine) as session:
        session.add(
            InvitationEvent(rule_id="r_a", account_id=1, visitor_id="v", kind="shown", at=T, last_at=T)
        )
    command.downgrade(alembic_config(engine), "0004")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "invitationevent" not in tables and "abandonedcart" in tables
    engine.dispose()
