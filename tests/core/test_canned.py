import pytest

from shopdesk.core.canned import delete_canned, list_canned, render, save_canned, suggest, variables_for
from shopdesk.core.db import read_session


def test_variables_are_filled():
    values = variables_for(
        contact_name="Ayşe Kaya", shop_name="Çini Atölyesi", agent_name="Ece", conversation_id=7
    )
    out = render(
        "Merhaba {{contact.first_name}}, {{ shop.name }} adına {{agent.name}}. #{{conversation.id}}", values
    )
    assert out.text == "Merhaba Ayşe, Çini Atölyesi adına Ece. #7"
    assert out.missing == ()


def test_a_variable_without_value_stays_visible():
    values = variables_for(contact_name="ayse@example.com", shop_name="", agent_name="Ece", conversation_id=1)
    out = render("Merhaba {{contact.first_name}}, {{shop.name}} {{unknown.thing}}", values)
    assert out.text == "Merhaba {{contact.first_name}}, {{shop.name}} {{unknown.thing}}"
    assert out.missing == ("contact.first_name", "shop.name", "unknown.thing")


def test_shortcuts_are_unique_and_one_word(engine, events):
    save_canned(engine, events, title="Kargo", shortcut="/kargo", body="Kargonuz yolda.")
    with pytest.raises(ValueError, match="already used"):
        save_canned(engine, events, title="Kargo 2", shortcut="kargo", body="x")
    with pytest.raises(ValueError, match="one word"):
        save_canned(engine, events, title="x", shortcut="iki kelime", body="x")


def test_list_filters_by_folded_prefix(engine, events):
    save_canned(engine, events, title="İade koşulları", shortcut="iade", body="...")
    save_canned(engine, events, title="Shipping", shortcut="shipping", body="...")
    with read_session(engine) as s:
        assert [c.shortcut for c in list_canned(s, prefix="IADE")] == ["iade"]
        assert [c.shortcut for c in list_canned(s, prefix="")] == ["iade", "shipping"]


def test_suggestions_come_from_the_customers_words(engine, events):
    save_canned(engine, events, title="Kargo takibi", shortcut="kargo", body="Kargonuzun takip numarası …")
    save_canned(engine, events, title="İade", shortcut="iade", body="İade için ürünü 14 gün içinde …")
    save_canned(engine, events, title="Shipping abroad", shortcut="shipping", body="We ship worldwide …")
    with read_session(engine) as s:
        top = suggest(s, customer_text="Merhaba, KARGO takip numaram nedir?")
        assert top[0].shortcut == "kargo"
        assert next(c.shortcut for c in suggest(s, customer_text="ürünü iade etmek istiyorum")) == "iade"
        assert suggest(s, customer_text="...") == []


def test_edit_and_delete(engine, events):
    cid = save_canned(engine, events, title="A", shortcut="a", body="x")
    save_canned(engine, events, canned_id=cid, title="B", shortcut="b", body="yeni metin")
    with read_session(engine) as s:
        [reply] = list_canned(s)
        assert (reply.title, reply.shortcut, reply.body) == ("B", "b", "yeni metin")
        assert suggest(s, customer_text="yeni")[0].id == cid
    delete_canned(engine, events, canned_id=cid)
    with read_session(engine) as s:
        assert list_canned(s) == []
        assert suggest(s, customer_text="yeni") == []
