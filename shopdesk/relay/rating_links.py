"""One-click rating links in satisfaction emails: ``/r/<signed>?s=<score>`` on the shop's public relay.

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


def _signature(key: str, payload: str) -> str:
    digest = hmac.new(f"rating-link:{key}".encode(), payload.encode(), hashlib.sha256).digest()
    return _b64(digest[:18])


def sign(key: str, *, token: str, scale: str, language: str, expires: datetime) -> str:
    """The path segment for a survey's page; ``key`` is the owner token's hash (relay.config.hash_token)."""
    body = {"t": token, "s": scale, "l": language, "e": int(expires.timestamp())}
    payload = _b64(json.dumps(body, separators=(",", ":")).encode())
    return f"{payload}.{_signature(key, payload)}"


def verify(key: str, signed: str, *, now: datetime | None = None) -> RatingRef | None:
    """What a signed segment names, or None when it is forged, altered, malformed or expired."""
    payload, _, signature = (signed or "")[:600].rpartition(".")
    if not payload or not signed.isascii() or not hmac.compare_digest(_signature(key, payload), signature):
        return None
    try:
        body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        ref = RatingRef(
            str(body["t"]), body["s"], str(body["l"]), datetime.fromtimestamp(int(body["e"]), UTC)
        )
    except (ValueError, KeyError, TypeError):
        return None
    if ref.scale not in SCALES or (now or datetime.now(UTC)) > ref.expires:
        return None
    return ref
