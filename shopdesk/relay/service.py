"""The relay's actions, shared by the HTTP routes and the websockets: validate, write, answer."""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from dataclasses import replace
from datetime import timedelta

from sqlalchemy.engine import Engine

from shopdesk.relay import store
from shopdesk.relay.bot import HANDOVER, RelayBot, is_turkish
from shopdesk.relay.config import RelayConfig
from shopdesk.relay.hub import Hub
from shopdesk.relay.models import RelayFile, utcnow
from shopdesk.relay.schemas import (
    CartIn,
    IdentifyIn,
    MessageIn,
    PageIn,
    PressIn,
    SeenIn,
    TrackIn,
    TypingIn,
)
from shopdesk.relay.security import RateLimiter, visitor_of_token, visitor_token
from shopdesk.relay.store import RelayInputError, SiteInfo
from shopdesk.relay.visit import visit_facts
from shopdesk.relay.writer import Writer

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
IMAGE_MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}
OWNER_FILE_TYPES = (*IMAGE_MAGIC, "application/pdf")


class Relay:
    """Everything one running relay shares: config, store, connections, writer and limits."""

    def __init__(self, config: RelayConfig, engine: Engine, site: SiteInfo) -> None:
        self.config = config
        self.limits = config.limits
        self.engine = engine
        self.site = site
        self.hub = Hub(head=store.head_seq(engine), presence=site.presence)
        self.writer = Writer(engine, self.hub)
        lim = config.limits
        self.per_ip = RateLimiter(lim.ip_burst, lim.ip_per_second)
        self.per_visitor = RateLimiter(lim.visitor_burst, lim.visitor_per_second)
        self.new_visitors = RateLimiter(lim.new_visitors_burst, lim.new_visitors_per_minute / 60)
        automation = store.setting_of(engine, site.id, "automation") or {}
        self.bot = RelayBot(automation.get("faq"))
        self.invitations = _for_widget(automation.get("invitations", []))

    async def write(self, fn, *args):
        return await self.writer.write(fn, self.site.id, *args)

    # visitors

    def token_for(self, visitor_id: str) -> str:
        return visitor_token(self.site.secret, self.site.key, visitor_id)

    def visitor_of(self, token: str | None) -> str | None:
        return visitor_of_token(self.site.secret, self.site.key, token) if token else None

    def check_site(self, key: str) -> None:
        if key != self.site.key:
            raise RelayInputError("unknown site key: check the data-site attribute of the widget tag", 404)

    def limit_visitor(self, visitor_id: str, cost: float = 1.0) -> None:
        if not self.per_visitor.allow(visitor_id, cost):
            raise RelayInputError("too many messages from this visitor: wait a moment and try again", 429)

    async def start_session(self, *, token, page: PageIn, language: str, user_agent: str, ip: str) -> dict:
        """Resume the visitor named by a valid token, else start a new one."""
        visitor_id = self.visitor_of(token)
        if (
            visitor_id is not None
            and await asyncio.to_thread(store.visitor_of, self.engine, visitor_id) is None
        ):
            visitor_id = None  # signed by us but gone from the store (a fresh database)
        if visitor_id is None and not self.new_visitors.allow(ip):
            raise RelayInputError("too many new chats from this address: try again in a minute", 429)
        facts = visit_facts(url=page.url, referrer=page.referrer, language=language, user_agent=user_agent)
        row = await self.write(store.start_visit, visitor_id, facts, self._page(page))
        visitor = await asyncio.to_thread(store.visitor_of, self.engine, row.id)
        messages = await asyncio.to_thread(store.messages_of, self.engine, row.id)
        return {
            "token": self.token_for(row.id),
            "visitor": {k: visitor[k] for k in ("id", "name", "email", "phone")},
            "messages": messages,
            "owner_seen_id": visitor["owner_seen_id"],
            **self.public_settings(),
        }

    def public_settings(self) -> dict:
        return {
            "online": self.hub.online,
            "shop_name": self.site.name,
            "prechat": self.site.prechat,
            "max_upload_bytes": self.limits.max_upload_bytes,
            "max_message_chars": self.limits.max_message_chars,
            "invitations": self.invitations,
        }

    def _page(self, page: PageIn) -> dict:
        return {"url": page.url, "title": page.title, "referrer": page.referrer}

    async def widget_action(self, visitor_id: str, kind: str, body) -> dict:
        """One thing the widget did (message, typing, seen, page, identify, cart, track)."""
        self.limit_visitor(visitor_id, 0.25 if kind == "typing" else 1.0)
        if isinstance(body, MessageIn):
            text = self._message_text(body.text)
            rule = self._invitation(body.invitation)
            extra = {"invitation": rule["id"]} if rule else None
            if rule:  # the conversation starts with the invitation the visitor answers
                await self._bot_reply(
                    visitor_id,
                    f"inv-{body.client_id}",
                    "invitation",
                    self._invite_text(rule, body.invitation_language),
                )
            wanted = self.bot.may_answer(text)

            def add(session, site_id):
                outcome = store.add_message(
                    session,
                    site_id,
                    visitor_id,
                    author="visitor",
                    text=text,
                    client_id=body.client_id,
                    extra=extra,
                )  # the bot weighs the chat as it is with this message, read in the same transaction
                state = store.chat_state_in(session, visitor_id) if wanted else None
                return replace(outcome, value=(outcome.value, state))

            message, state = await self.write(add)
            await self._bot_after(visitor_id, message, state)
            return {"message": message}
        if isinstance(body, TypingIn):
            await self.write(store.record, visitor_id, "typing", {"typing": body.typing})
        elif isinstance(body, SeenIn):
            await self.write(store.visitor_seen, visitor_id, body.up_to)
        elif isinstance(body, PageIn):
            await self.write(store.record, visitor_id, "page_view", self._page(body))
        elif isinstance(body, IdentifyIn):
            fields = self._identity(body)
            return {"visitor": await self.write(store.identify, visitor_id, fields)}
        elif isinstance(body, CartIn):
            await self.write(store.record, visitor_id, "cart", body.model_dump())
        elif isinstance(body, PressIn):
            message = await self.write(store.press, visitor_id, body.message_id, body.data)
            if body.data == HANDOVER:
                state = await asyncio.to_thread(store.chat_state, self.engine, visitor_id)
                text = self.bot.text("handover", is_turkish(state.last_text, state.language))
                await self._bot_reply(visitor_id, f"handover-{body.message_id}", HANDOVER, text)
            return {"message": message}
        elif isinstance(body, TrackIn):
            if len(json.dumps(body.data)) > 2000:
                raise RelayInputError("track data is too large (at most 2,000 characters as JSON)", 413)
            await self.write(store.record, visitor_id, "track", {"name": body.name, "data": body.data})
        return {"ok": True}

    def _message_text(self, text: str) -> str:
        text = text.strip()
        if not text:
            raise RelayInputError("the message is empty", 422)
        if len(text) > self.limits.max_message_chars:
            raise RelayInputError(
                f"the message is too long (at most {self.limits.max_message_chars} characters)", 413
            )
        return text

    def _identity(self, body: IdentifyIn) -> dict:
        fields = {k: v.strip() for k, v in body.model_dump().items()}
        if fields["email"] and not EMAIL.match(fields["email"]):
            raise RelayInputError("the email address does not look right", 422)
        return fields

    async def offline_message(self, body, *, user_agent: str, ip: str) -> dict:
        """The away form: a message and an email address that arrive as a conversation."""
        session = await self.start_session(
            token=body.token, page=body.page, language="", user_agent=user_agent, ip=ip
        )
        visitor_id = session["visitor"]["id"]
        self.limit_visitor(visitor_id)
        fields = self._identity(IdentifyIn(name=body.name, email=body.email))
        if not fields["email"]:
            raise RelayInputError("an email address is needed to answer while we are away", 422)
        text = self._message_text(body.text)
        await self.write(store.identify, visitor_id, fields)
        message = await self.write(
            lambda s, site_id: store.add_message(
                s,
                site_id,
                visitor_id,
                author="visitor",
                text=text,
                client_id=body.client_id,
                extra={"offline": True},
            )
        )
        return {"token": session["token"], "message": message}

    async def upload(self, visitor_id: str, *, data: bytes, mime: str, name: str, client_id: str) -> dict:
        """An image from the widget, stored with its message in one write."""
        self.limit_visitor(visitor_id, 2.0)
        self._check_upload(data, mime, IMAGE_MAGIC)
        file = self._file(visitor_id, data, mime, name)
        message = await self.write(
            lambda s, site_id: store.add_message(
                s, site_id, visitor_id, author="visitor", text="", client_id=client_id, file=file
            )
        )
        return {"message": message}

    def _check_upload(self, data: bytes, mime: str, allowed) -> None:
        if len(data) > self.limits.max_upload_bytes:
            raise RelayInputError(
                f"the file is too large (at most {self.limits.max_upload_bytes} bytes)", 413
            )
        if not data:
            raise RelayInputError("the file is empty", 422)
        if mime not in allowed:
            raise RelayInputError(f"this kind of file is not accepted ({mime or 'unknown'})", 415)
        magic = IMAGE_MAGIC.get(mime)
        if magic and not data.startswith(magic):
            raise RelayInputError(f"the file is not a real {mime} image", 415)

    def _file(self, visitor_id: str, data: bytes, mime: str, name: str) -> RelayFile:
        return RelayFile(
            id="f_" + secrets.token_urlsafe(16),
            visitor_id=visitor_id,
            name=name[:200],
            mime_type=mime,
            size=len(data),
            data=data,
        )

    # the FAQ bot

    async def set_automation(self, config: dict) -> None:
        await self.write(store.save_setting, "automation", config)
        self.bot = RelayBot(config.get("faq"))
        self.invitations = _for_widget(config.get("invitations", []))

    def _invitation(self, rule_id: str | None) -> dict | None:
        return next((r for r in self.invitations if r["id"] == rule_id), None) if rule_id else None

    def _invite_text(self, rule: dict, language: str) -> str:
        first, second = ("message_tr", "message_en") if language == "tr" else ("message_en", "message_tr")
        return rule.get(first) or rule.get(second) or ""

    async def _bot_after(self, visitor_id: str, message: dict, state: store.ChatState | None) -> None:
        """The bot's answer to a visitor's message, once (its client id names the message it answers)."""
        if state is None:
            return
        found = self.bot.answer_to(message["text"], state)
        if found is not None:
            await self._bot_reply(visitor_id, f"bot-{message['id']}", found[0], found[1], state.language)

    async def _bot_reply(
        self, visitor_id: str, client_id: str, kind: str, text: str, language: str = ""
    ) -> None:
        if kind == HANDOVER:
            await self.write(store.hand_over, visitor_id)
        buttons = self.bot.buttons(text, language) if kind == "answer" else None
        await self.write(
            lambda s, site_id: store.add_message(
                s, site_id, visitor_id, author="bot", text=text, client_id=client_id, buttons=buttons
            )
        )

    # the owner

    async def reply(
        self,
        visitor_id: str,
        text: str,
        reply_id: str,
        file: tuple | None = None,
        *,
        buttons: list | None = None,
        card: str = "",
    ) -> dict:
        if file is None:
            text = self._message_text(text)
        record = None
        if file is not None:
            data, mime, name = file
            self._check_upload(data, mime, OWNER_FILE_TYPES)
            record = self._file(visitor_id, data, mime, name)
        message = await self.write(
            lambda s, site_id: store.add_message(
                s,
                site_id,
                visitor_id,
                author="owner",
                text=text.strip(),
                client_id=reply_id,
                file=record,
                buttons=buttons,
                card=card,
            )
        )
        return {"message": message}

    async def owner_typing(self, visitor_id: str, typing: bool) -> None:
        self.hub.push(visitor_id, {"type": "typing", "typing": typing})

    async def owner_seen(self, visitor_id: str, up_to: int | None) -> int:
        return await self.writer.write(store.owner_seen, visitor_id, up_to)

    async def set_presence(self, status: str) -> None:
        await self.write(store.set_presence, status)
        self.hub.set_presence(status)

    async def visitors(self, minutes: int) -> list[dict]:
        since = utcnow() - timedelta(minutes=minutes)
        rows = await asyncio.to_thread(store.recent_visitors, self.engine, self.site.id, since)
        for row in rows:
            row["online"] = self.hub.visitor_online(row["id"])
        return rows


def _for_widget(rules: list[dict]) -> list[dict]:
    """The enabled invitation rules, as the widget evaluates them."""
    return [r for r in rules if r.get("enabled", True) and (r.get("message_tr") or r.get("message_en"))]
