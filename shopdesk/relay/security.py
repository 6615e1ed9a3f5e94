"""Visitor tokens (HMAC-signed), the Origin allow-list and per-IP / per-visitor rate limits."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

TOKEN_VERSION = "v1"


def _sign(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def visitor_token(secret: str, site_key: str, visitor_id: str) -> str:
    """The token the widget keeps in localStorage: who the visitor is, signed by the relay."""
    payload = f"{TOKEN_VERSION}.{site_key}.{visitor_id}"
    return f"{payload}.{_sign(secret, payload)}"


def visitor_of_token(secret: str, site_key: str, token: str) -> str | None:
    """The visitor id in a valid token for this site, or None when it is forged, altered or foreign."""
    if not isinstance(token, str) or len(token) > 300:
        return None
    payload, _, signature = token.rpartition(".")
    parts = payload.split(".")
    if len(parts) != 3 or parts[0] != TOKEN_VERSION or parts[1] != site_key:
        return None
    if not hmac.compare_digest(_sign(secret, payload), signature):
        return None
    return parts[2]


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased, for comparing origins."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def origin_allowed(origin: str | None, allowed: tuple[str, ...], own: str) -> bool:
    """The page's Origin is the relay's own (the demo shop) or on the site's allow-list."""
    if not origin:
        return False
    origin = origin.rstrip("/").lower()
    return origin == own.lower() or origin in {a.lower() for a in allowed}


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """Token buckets by key: ``burst`` at once, refilled at ``per_second``; idle buckets are forgotten."""

    def __init__(self, burst: float, per_second: float, *, clock=time.monotonic) -> None:
        self.burst = burst
        self.rate = per_second
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._last_prune = clock()

    def allow(self, key: str, cost: float = 1.0) -> bool:
        now = self._clock()
        self._prune(now)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens < cost:
            return False
        bucket.tokens -= cost
        return True

    def _prune(self, now: float) -> None:
        if now - self._last_prune < 60:
            return
        self._last_prune = now
        full_after = self.burst / self.rate if self.rate else 0
        for key in [k for k, b in self._buckets.items() if now - b.stamp > full_after]:
            del self._buckets[key]
