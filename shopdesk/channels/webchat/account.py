"""The web chat account on the desktop: which relay, its site key, and the owner token's keyring entry."""

from __future__ import annotations

import json
import secrets as random

from sqlalchemy.engine import Engine
from sqlmodel import select

from shopdesk.core.db import read_session, write_session
from shopdesk.core.models import ChannelAccount

CHANNEL = "webchat"
CURSOR_KEY = "relay_seq"


def token_key(account_id: int) -> str:
    """The keyring entry of the account's owner token."""
    return f"webchat:{account_id}:owner_token"


def ensure_account(engine: Engine, *, name: str = "Web chat", **defaults) -> tuple[int, dict]:
    """The web chat account (created on first use) and its settings; ``defaults`` fill missing keys."""
    with write_session(engine) as session:
        row = session.exec(select(ChannelAccount).where(ChannelAccount.channel == CHANNEL)).first()
        if row is None:
            row = ChannelAccount(channel=CHANNEL, name=name)
        settings = json.loads(row.settings_json or "{}")
        settings.setdefault("reply_prefix", "d" + random.token_hex(4))
        for key, value in defaults.items():
            settings.setdefault(key, value)
        row.settings_json = json.dumps(settings)
        session.add(row)
        session.flush()
        return row.id, settings


def update_settings(engine: Engine, account_id: int, **values) -> dict:
    with write_session(engine) as session:
        row = session.get(ChannelAccount, account_id)
        settings = {**json.loads(row.settings_json or "{}"), **values}
        row.settings_json = json.dumps(settings)
        session.add(row)
        return settings


def account_settings(engine: Engine, account_id: int) -> dict:
    with read_session(engine) as session:
        row = session.get(ChannelAccount, account_id)
        return json.loads(row.settings_json or "{}") if row else {}


class RelayProblem(Exception):
    """The shop's own relay cannot be used, with a message meant for the owner; ``kind`` ("address",
    "unreachable", "token", "not_relay") and ``url`` let a window say it in the owner's language."""

    def __init__(self, message: str, *, kind: str, url: str) -> None:
        super().__init__(message)
        self.kind, self.url = kind, url


def check_own_relay(relay_url: str, token: str, *, timeout: float = 15.0) -> tuple[str, dict]:
    """The cleaned relay URL and its site (key, prechat, shop name) once the relay has accepted the owner
    token; raises RelayProblem with what to do."""
    url = relay_url.strip().rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise RelayProblem(
            f"{relay_url!r} is not a web address: it starts with https:// (or http://).",
            kind="address",
            url=relay_url,
        )
    headers = {"Authorization": f"Bearer {token}"}
    answer = _ask(url, "/api/desk/site", headers, timeout)
    if answer.status_code == 404:  # a relay from before /api/desk/site: the token still checks out on /events
        if _ask(url, "/api/desk/events", headers, timeout, limit=1).status_code == 200:
            return url, {"key": ""}  # it cannot tell its key: the owner finds it in its relay.toml
        raise _not_a_relay(url, 404)
    try:
        site = answer.json() if answer.status_code == 200 else None
    except ValueError:
        site = None
    if not isinstance(site, dict) or not isinstance(site.get("key"), str):
        raise _not_a_relay(url, answer.status_code)
    return url, site


def _ask(url: str, path: str, headers: dict, timeout: float, **params):
    """GET ``path`` on the relay; RelayProblem when it does not answer or refuses the token."""
    import httpx

    try:
        answer = httpx.get(f"{url}{path}", params=params, headers=headers, timeout=timeout)
    except httpx.HTTPError as exc:
        raise RelayProblem(
            f"The relay at {url} does not answer ({exc}). Is it running?", kind="unreachable", url=url
        ) from exc
    if answer.status_code in (401, 403):
        raise RelayProblem(
            f"The relay at {url} refused the owner token: use the one `shopdesk-relay --new-token` printed.",
            kind="token",
            url=url,
        )
    return answer


def _not_a_relay(url: str, status: int) -> RelayProblem:
    return RelayProblem(
        f"The relay at {url} answered {status}: is this a ShopDesk relay?", kind="not_relay", url=url
    )


def use_own_relay(engine: Engine, relay_url: str, token: str) -> int:
    """Point the desktop at the shop's own relay (``shopdesk-relay``) instead of the embedded one.

    The owner token goes to the keyring; the relay keeps only its hash. Returns the account id.
    """
    from shopdesk.secrets import set_secret

    url, site = check_own_relay(relay_url, token)
    account_id, settings = ensure_account(engine)
    set_secret(token_key(account_id), token)
    if settings.get("embedded", True) or settings.get("relay_url") != url:
        _read_from_the_start(engine, account_id)
    update_settings(engine, account_id, embedded=False, relay_url=url, relay_site_key=site["key"])
    return account_id


def own_relay_account(engine: Engine) -> tuple[int, dict] | None:
    """The web chat account and its settings when the desktop uses the shop's own relay; None with the
    embedded one (or before any web chat account exists)."""
    with read_session(engine) as session:
        account_id = session.exec(select(ChannelAccount.id).where(ChannelAccount.channel == CHANNEL)).first()
    settings = account_settings(engine, account_id) if account_id is not None else {}
    if settings.get("embedded", True) or not settings.get("relay_url"):
        return None
    return account_id, settings


def own_relay(engine: Engine) -> tuple[str, str] | None:
    """(relay URL, site key) of the shop's own relay when the desktop uses one; None with the embedded one."""
    found = own_relay_account(engine)
    return (found[1]["relay_url"], found[1].get("relay_site_key", "")) if found else None


def script_tag(relay_url: str, site_key: str) -> str:
    """The line for every page of the shop that shows the chat widget."""
    return f'<script src="{relay_url.rstrip("/")}/widget.js" data-site="{site_key}" async></script>'


def use_embedded_relay(engine: Engine) -> int:
    """Back to the relay inside the app (the default)."""
    account_id, settings = ensure_account(engine)
    if not settings.get("embedded", True):
        _read_from_the_start(engine, account_id)
    update_settings(engine, account_id, embedded=True)
    return account_id


def _read_from_the_start(engine: Engine, account_id: int) -> None:
    """Another relay numbers its events from 1: the position read on the last one would skip them. Read
    again from the start; what was stored already is recognised by its event id and stored once."""
    from shopdesk.core.ingest import CursorUpdate, set_cursor

    with write_session(engine) as session:
        set_cursor(session, CursorUpdate(account_id, CURSOR_KEY, "0"))


class PublicLinks:
    """Links in ShopDesk's emails to pages of the shop's own (public) relay, signed with the owner token's
    hash: one-click ratings of a satisfaction email, and a cart follow-up's "stop these reminders"."""

    def __init__(self, base: str, key: str) -> None:
        self.base, self.key = base.rstrip("/"), key

    def rating(self, survey) -> dict[int, str]:
        """{score: url} for a sent survey."""
        from shopdesk.relay.rating_links import SCALES, sign

        signed = sign(
            self.key,
            token=survey.token,
            scale=survey.scale,
            language=survey.language,
            expires=survey.expires_at,
        )
        low, high = SCALES[survey.scale]
        return {n: f"{self.base}/r/{signed}?s={n}" for n in range(low, high + 1)}

    def stop(self, cart_token: str, language: str) -> str:
        from shopdesk.relay.rating_links import sign_stop

        return f"{self.base}/u/{sign_stop(self.key, token=cart_token, language=language)}"


def public_links(engine: Engine) -> PublicLinks | None:
    """The links, when the shop's own relay is set up; None with the embedded relay (on 127.0.0.1, which a
    customer's mail client cannot reach)."""
    from shopdesk.relay.config import hash_token
    from shopdesk.secrets import get_secret

    found = own_relay_account(engine)
    token = get_secret(token_key(found[0])) if found else None
    return PublicLinks(found[1]["relay_url"], hash_token(token)) if token else None
