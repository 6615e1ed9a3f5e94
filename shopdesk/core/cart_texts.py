"""The texts of cart follow-ups: amounts, the item list and the template filled for the customer."""

from __future__ import annotations

import re

from shopdesk.core.automation import fill_for_customer
from shopdesk.core.canned import render, variables_for

MAX_LISTED = 10
VARIABLES = ("name", "items", "total", "cart_link", "shop_name")
# A template line with one of these and no value for it says nothing: it is left out ("Link: " alone).
NEEDED = frozenset({"items", "total", "cart_link", "shop_name"})


def number(value: object) -> float | None:
    """A non-negative number from what the widget sent, else None."""
    try:
        found = float(value)
    except (TypeError, ValueError):
        return None
    return found if found == found and found >= 0 else None  # not NaN, not negative


def money(value: float, currency: str, language: str) -> str:
    """1150 TRY as "1.150,00 TRY" (Turkish) or "1,150.00 TRY" (English)."""
    text = f"{value:,.2f}"
    if language == "tr":
        text = text.translate(str.maketrans(",.", ".,"))
    return f"{text} {currency}".strip()


def items_text(items: list[dict], currency: str, language: str) -> str:
    """One line per item ("• Raku vazo × 2 — 2.300,00 TRY"), the first ten of them."""
    lines = []
    for item in items[:MAX_LISTED]:
        quantity = number(item.get("quantity", item.get("qty"))) or 1
        line = f"• {str(item.get('name') or '').strip() or '…'}"
        if quantity != 1:
            line += f" × {quantity:g}"
        price = number(item.get("price")) or 0
        if price:
            line += f" — {money(price * quantity, currency, language)}"
        lines.append(line)
    more = len(items) - MAX_LISTED
    if more > 0:
        lines.append(f"… ve {more} ürün daha" if language == "tr" else f"… and {more} more")
    return "\n".join(lines)


def follow_up_text(
    template: str,
    opt_out: str,
    *,
    language: str,
    name: str,
    items: list[dict],
    value: float,
    currency: str,
    link: str,
    shop_name: str,
) -> str:
    """The follow-up as the customer reads it, ending with the opt-out line.

    ``{{name}}`` is the first name (left out when only an address is known); the canned-reply variables
    (``{{contact.first_name}}``, ``{{shop.name}}`` …) work too.
    """
    values = variables_for(contact_name=name, shop_name=shop_name, agent_name=shop_name, conversation_id=0)
    values |= {
        "name": values["contact.first_name"],
        "items": items_text(items, currency, language),
        "total": money(value, currency, language) if value else "",
        "cart_link": link,
        "shop_name": shop_name,
    }
    lines = []
    for line in template.splitlines():
        if set(render(line, values).missing) & NEEDED:
            continue
        lines.append(fill_for_customer(line, values) if "{{" in line else line.rstrip())
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return f"{body}\n\n{opt_out.strip()}"


def sample_cart(language: str) -> dict:
    """A made-up cart for previews: two items, 1.150,00 TRY."""
    turkish = language == "tr"
    items = [
        {"name": "Raku vazo" if turkish else "Raku vase", "quantity": 1, "price": 850},
        {"name": "Kilim yastık" if turkish else "Kilim cushion", "quantity": 2, "price": 150},
    ]
    return {"name": "Ayşe Yılmaz", "items": items, "value": 1150.0, "currency": "TRY"}
