"""What cart follow-ups achieved, for the carts window: carts, followed up, recovered, value recovered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_
from sqlmodel import Session, select

from shopdesk.core.cart_texts import number
from shopdesk.core.models import AbandonedCart, Contact, WebVisitor


@dataclass(frozen=True)
class CartSummary:
    """The carts that first reached the minimum in a period, and what became of them."""

    carts: int
    followed_up: int
    recovered: int
    ordered_without_follow_up: int
    value_recovered: dict[str, float]  # currency -> total

    @property
    def recovery_rate(self) -> float | None:
        """Recovered carts per followed-up cart (None before any follow-up)."""
        return self.recovered / self.followed_up if self.followed_up else None


def summary(session: Session, *, since: datetime, until: datetime) -> CartSummary:
    """The carts with items over the minimum first seen in ``[since, until)``: how many, how many got a
    follow-up, were recovered or ordered without one, and the value recovered per currency.

    Counted by when the cart started (a cohort), so "recovered" is always part of "followed up".
    """
    rows = session.exec(
        select(
            AbandonedCart.state,
            AbandonedCart.followed_up_at,
            AbandonedCart.recovered_value,
            AbandonedCart.recovered_currency,
        ).where(AbandonedCart.qualified_at >= since, AbandonedCart.qualified_at < until)
    ).all()
    value: dict[str, float] = {}
    for state, _followed_up_at, recovered_value, currency in rows:
        if state == "recovered":
            value[currency] = round(value.get(currency, 0.0) + (recovered_value or 0.0), 2)
    return CartSummary(
        carts=len(rows),
        followed_up=sum(1 for r in rows if r[1] is not None),
        recovered=sum(1 for r in rows if r[0] == "recovered"),
        ordered_without_follow_up=sum(1 for r in rows if r[0] == "ordered" and r[1] is None),
        value_recovered=dict(sorted(value.items())),
    )


@dataclass(frozen=True)
class CartLine:
    """One cart for the carts window's table."""

    id: int
    updated_at: datetime
    name: str
    email: str
    visitor_id: str
    value: float
    currency: str
    items: tuple[tuple[str, float], ...]  # (name, quantity)
    state: str
    reason: str
    due_at: datetime | None
    followed_up_at: datetime | None
    channel: str
    conversation_id: int | None
    recovered_value: float | None
    recovered_currency: str


def recent_carts(session: Session, *, since: datetime | None = None, limit: int = 200) -> list[CartLine]:
    """The latest carts that held something, the last changed first."""
    stmt = (
        select(AbandonedCart, WebVisitor.name, WebVisitor.email, Contact.name)
        .outerjoin(
            WebVisitor,
            and_(
                WebVisitor.account_id == AbandonedCart.account_id,
                WebVisitor.visitor_id == AbandonedCart.visitor_id,
            ),
        )
        .outerjoin(Contact, Contact.id == AbandonedCart.contact_id)
        .where(~and_(AbandonedCart.state == "open", AbandonedCart.reason == "empty"))
        .order_by(AbandonedCart.updated_at.desc(), AbandonedCart.id.desc())
        .limit(limit)
    )
    if since is not None:
        stmt = stmt.where(AbandonedCart.updated_at >= since)
    return [_line(cart, v_name, v_email, c_name) for cart, v_name, v_email, c_name in session.exec(stmt)]


def _line(cart: AbandonedCart, visitor_name: str | None, visitor_email: str | None, contact_name) -> CartLine:
    items = tuple(
        (str(i.get("name") or ""), number(i.get("quantity", i.get("qty"))) or 1.0) for i in cart.items
    )
    return CartLine(
        id=cart.id,
        updated_at=cart.updated_at,
        name=visitor_name or contact_name or "",
        email=visitor_email or "",
        visitor_id=cart.visitor_id,
        value=cart.value,
        currency=cart.currency,
        items=items,
        state=cart.state,
        reason=cart.reason,
        due_at=cart.due_at,
        followed_up_at=cart.followed_up_at,
        channel=cart.channel,
        conversation_id=cart.conversation_id,
        recovered_value=cart.recovered_value,
        recovered_currency=cart.recovered_currency,
    )
