"""Signed links in ShopDesk's emails, served by the shop's public relay: one-click ratings in satisfaction
emails (``/r/<signed>?s=<score>``) and the "stop these reminders" link of cart follow-ups (``/u/<signed>``).

The desktop signs what the relay needs to show the page (the survey's token, its scale, the language and
when it stops taking answers) with a key both sides have: the hash of the owner token (the desktop holds
the token, the relay its hash). The relay keeps no list of surveys: a valid signature is enough, and the
answer goes to the desktop as a "rating" event, where the survey's own rules apply (expiry, a second click
changes the score).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

SCALES = {"csat": (1, 5), "nps": (0, 10)}


@dataclass(frozen=True)
class RatingRef:
    token: str
    scale: str
    language: str
    expires: datetime

    @property
    def scores(self) -> range:
        low, high = SCALES[self.scale]
        return range(low, high + 1)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _signature(key: str, purpose: str, payload: str) -> str:
    digest = hmac.new(f"{purpose}-link:{key}".encode(), payload.encode(), hashlib.sha256).digest()
    return _b64(digest[:18])


def _sign(key: str, purpose: str, body: dict) -> str:
    payload = _b64(json.dumps(body, separators=(",", ":")).encode())
    return f"{payload}.{_signature(key, purpose, payload)}"


def _verified(key: str, purpose: str, signed: str) -> dict | None:
    """The signed body, or None when the segment is forged, altered or malformed."""
    payload, _, signature = (signed or "")[:600].rpartition(".")
    if not payload or not signed.isascii():
        return None
    if not hmac.compare_digest(_signature(key, purpose, payload), signature):
        return None
    try:
        body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def sign(key: str, *, token: str, scale: str, language: str, expires: datetime) -> str:
    """The path segment for a survey's page; ``key`` is the owner token's hash (relay.config.hash_token)."""
    return _sign(key, "rating", {"t": token, "s": scale, "l": language, "e": int(expires.timestamp())})


def verify(key: str, signed: str, *, now: datetime | None = None) -> RatingRef | None:
    """What a signed rating segment names, or None when it is forged, altered, malformed or expired."""
    body = _verified(key, "rating", signed)
    try:
        expires = datetime.fromtimestamp(int(body["e"]), UTC)
        ref = RatingRef(str(body["t"]), body["s"], str(body["l"]), expires)
    except (ValueError, KeyError, TypeError):
        return None
    if ref.scale not in SCALES or (now or datetime.now(UTC)) > ref.expires:
        return None
    return ref


def sign_stop(key: str, *, token: str, language: str) -> str:
    """The path segment of a cart follow-up's "stop these reminders" page (it does not expire)."""
    return _sign(key, "stop", {"t": token, "l": language})


def verify_stop(key: str, signed: str) -> tuple[str, str] | None:
    """(cart token, language) of a valid stop link, else None."""
    body = _verified(key, "stop", signed)
    if body is None or not isinstance(body.get("t"), str) or not isinstance(body.get("l", ""), str):
        return None
    return body["t"], body.get("l", "")
