"""The FAQ bot on the relay: it answers web-chat visitors from the desktop's FAQ set, day and night.

The desktop sends the set (``PUT /api/desk/automation``); the relay keeps it in its store, so it still
answers after a restart and while the laptop is closed. Under each answer there is a "talk to a person"
button; the button or the words ("temsilci", "insan", "agent" …) hand the chat over: the bot says a person
will answer and keeps out of that chat for a day, and the desktop puts the conversation at the top.
The bot also keeps out while the owner is answering the visitor (a reply in the last half hour).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from shopdesk.core.faq import FaqEntry, FaqMatcher, wants_person
from shopdesk.core.text import looks_turkish
from shopdesk.relay.models import utcnow
from shopdesk.relay.store import ChatState

HANDOVER = "handover"
OWNER_ACTIVE = timedelta(minutes=30)
HANDED_OVER = timedelta(hours=24)


class RelayBot:
    """The FAQ set the desktop last sent, ready to match."""

    def __init__(self, config: dict | None = None) -> None:
        self.config = config or {}
        entries = [
            FaqEntry(int(e["id"]), e["answer"], tuple(e["questions"]), e.get("language", ""))
            for e in self.config.get("entries", [])
        ]
        self.enabled = bool(self.config.get("enabled")) and bool(entries)
        self.threshold = float(self.config.get("threshold", 0.55))
        self.matcher = FaqMatcher(entries) if self.enabled else None

    def may_answer(self, text: str) -> bool:
        """Whether :meth:`answer_to` can answer ``text`` at all (so the chat's state is worth reading)."""
        return self.enabled or wants_person(text)

    def answer_to(self, text: str, state: ChatState, now: datetime | None = None) -> tuple[str, str] | None:
        """What the bot does about a visitor's message: ("handover", reply), ("answer", reply) or None."""
        now = now or utcnow()
        turkish = is_turkish(text, state.language)
        if wants_person(text):
            return HANDOVER, self.text("handover", turkish)
        if not self.enabled or _quiet(state, now):
            return None
        found = self.matcher.match(text, self.threshold, "tr" if turkish else "en")
        return ("answer", found.answer) if found else None

    def text(self, name: str, turkish: bool) -> str:
        defaults = {
            "handover": {
                "tr": "Tamam, sizi ekibimize aktarıyorum; en kısa sürede buradan yanıt vereceğiz.",
                "en": "Sure, I'm passing you to our team; we'll answer you here as soon as we can.",
            },
            "person": {"tr": "Bir temsilciyle görüşmek istiyorum", "en": "Talk to a person"},
        }
        texts = self.config.get(name) or defaults[name]
        return texts.get("tr" if turkish else "en") or defaults[name]["tr" if turkish else "en"]

    def buttons(self, text: str, language: str) -> list:
        """The "talk to a person" button under an answer."""
        return [[{"label": self.text("person", is_turkish(text, language))[:60], "data": HANDOVER}]]


def _quiet(state: ChatState, now: datetime) -> bool:
    if state.handover_at is not None and now - state.handover_at < HANDED_OVER:
        return True
    return state.owner_last_at is not None and now - state.owner_last_at < OWNER_ACTIVE


def is_turkish(text: str, language: str) -> bool:
    """The visitor's browser is set to Turkish, or the text is Turkish."""
    return language.lower().startswith("tr") or looks_turkish(text)
