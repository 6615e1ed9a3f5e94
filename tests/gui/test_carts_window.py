"""The Abandoned carts window over a small shop: the figures, the carts and what became of them, the
settings saved, the preview following the texts."""

from __future__ import annotations

import pytest
from sqlmodel import select

from shopdesk.core import carts
from shopdesk.core.db import read_session, write_session
from shopdesk.core.models import AbandonedCart, ChannelAccount, utcnow
from shopdesk.gui.bridge import Tasks
from shopdesk.gui.widgets.carts_window import COLUMNS, CartsWindow
from shopdesk.gui.widgets.visitor_section import money
from tests.core.test_carts import Relay, ago


@pytest.fixture
def shop(ctx) -> Relay:
    return build_shop(ctx)


def build_shop(ctx) -> Relay:
    """Ayşe recovered after an email, Bora skipped (nobody to write to), Cem waiting, Deniz's too small."""
    engine = ctx.engine
    carts.save_cart_settings(engine, carts.CartSettings(enabled=True, cart_url="https://shop.example/sepet"))
    with write_session(engine) as session:
        session.add(ChannelAccount(channel="email", name="shop@example.com"))
    relay = Relay(engine)
    relay.visit("v_ayse", at=ago(hours=5), email="ayse@example.com", name="Ayşe Yılmaz")
    relay.cart("v_ayse", at=ago(hours=3, minutes=5))
    relay.visit("v_bora", at=ago(hours=5))
    relay.cart("v_bora", 400, at=ago(hours=3, minutes=4), items=[{"name": "Kilim", "price": 400}])
    with read_session(engine) as session:
        due = session.exec(select(AbandonedCart)).all()
    for cart in due:
        carts.follow_up(engine, ctx.publish, cart_id=cart.id, shop_name="Kapadokya", now=cart.due_at)
    relay.order("v_ayse", at=utcnow(), value=1150)
    relay.visit("v_cem", at=ago(minutes=20), name="Cem")
    relay.cart("v_cem", 250, at=ago(minutes=10), items=[{"name": "Kupa", "quantity": 2, "price": 125}])
    relay.cart("v_deniz", 40, at=ago(minutes=5), items=[{"name": "Magnet", "price": 40}])
    return relay


@pytest.fixture
def window(qtbot, ctx, shop):
    tasks = Tasks(ctx.loop)
    window = CartsWindow(ctx, tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loads >= 1)
    yield window
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()


def tile(window, name) -> tuple[str, str]:
    return window.tiles[name].value.text(), window.tiles[name].detail.text()


def column(window, name) -> list[str]:
    table = window.table
    return [table.item(row, COLUMNS.index(name)).text() for row in range(table.rowCount())]


def test_the_figures_and_the_carts_show_what_happened(window):
    assert tile(window, "carts") == ("3", "with 100 or more in the cart")  # Deniz's 40 TRY is not one
    assert tile(window, "followed_up") == ("1", "0 ordered before a reminder")
    assert tile(window, "recovered") == ("1", "100 % of those followed up")
    assert tile(window, "value") == (money(1150, "TRY"), "orders after a follow-up")
    assert column(window, "customer") == ["Visitor", "Cem", "Visitor", "Ayşe Yılmaz"]
    states = column(window, "state")
    assert states[0] == "Below the minimum" and states[1].startswith("Follow-up: ")
    assert states[2:] == ["Skipped: no email or Telegram", f"Recovered: {money(1150, 'TRY')}"]
    assert column(window, "items")[1] == "Kupa × 2"
    assert column(window, "value")[1] == money(250, "TRY")
    assert not window.empty.isVisible()
    window.grab().save("/tmp/carts_en.png")


def test_double_clicking_a_followed_up_cart_opens_its_conversation(qtbot, window, ctx):
    with read_session(ctx.engine) as session:
        ayse = session.exec(select(AbandonedCart).where(AbandonedCart.visitor_id == "v_ayse")).one()
    with qtbot.waitSignal(window.open_conversation) as opened:
        window.open_row(3)
    assert opened.args == [ayse.conversation_id]
    with qtbot.assertNotEmitted(window.open_conversation):
        window.open_row(0)  # nothing was sent for it


def test_the_settings_are_saved_and_apply_to_waiting_carts(qtbot, window, ctx):
    page = window.settings_page
    window.tabs.setCurrentIndex(1)
    assert page.enabled.isChecked() and page.delay.value() == 3
    page.min_value.setValue(300)
    page.delay.setValue(5)
    page.channel_boxes["telegram"].setChecked(False)
    page.opt_out["en"].setText("Reply STOP and we will not write again.")
    page.save_button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("Saved"))
    with read_session(ctx.engine) as session:
        stored = carts.load_cart_settings(session)
        cem = session.exec(select(AbandonedCart).where(AbandonedCart.visitor_id == "v_cem")).one()
    assert (stored.min_value, stored.delay_hours, stored.channels) == (
        300,
        5,
        {"email": True, "telegram": False},
    )
    assert stored.opt_out_en == "Reply STOP and we will not write again."
    assert cem.reason == "below_threshold" and cem.due_at is None  # 250 TRY is under the new minimum
    qtbot.waitUntil(lambda: not window.loading() and window.loads >= 2)
    assert tile(window, "carts")[1] == "with 300 or more in the cart"
    window.grab().save("/tmp/carts_settings_en.png")


def test_the_preview_follows_the_language_and_the_texts(window):
    page = window.settings_page
    assert page.preview.toPlainText().startswith("Email subject: Sepetinizdeki ürünler sizi bekliyor")
    assert "Toplam: 1.150,00 TRY" in page.preview.toPlainText()
    page.languages.setCurrentIndex(1)
    preview = page.preview.toPlainText()
    assert "Raku vase" in preview and "https://shop.example/sepet" in preview
    assert preview.endswith("Reply STOP.")
    page.template["en"].setPlainText("Hi {{name}}! Still thinking?\n{{items}}")
    assert page.preview.toPlainText().splitlines()[2] == "Hi Ayşe! Still thinking?"
    page.template["en"].setPlainText("")  # an emptied text falls back to the default one
    assert page.values().template_en == carts.CartSettings().template_en


def test_a_shop_without_carts_sees_why_and_starts_with_follow_ups_off(qtbot, ctx):
    tasks = Tasks(ctx.loop)
    window = CartsWindow(ctx, tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loads >= 1)
    assert window.empty.isVisible() and not window.table.isVisible()
    assert tile(window, "value")[0] == "—" and tile(window, "recovered") == ("0", "")
    page = window.settings_page
    assert not page.enabled.isChecked() and not page.delay.isEnabled()
    page.enabled.setChecked(True)
    assert page.delay.isEnabled()
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()
