"""Request bodies of the relay's API, with their size limits (the OpenAPI schema is built from them)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Short = Annotated[str, Field(max_length=500)]
Url = Annotated[str, Field(max_length=2000)]
ClientId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
VisitorId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^v_[0-9a-f]+$")]
Text = Annotated[str, Field(max_length=20000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PageIn(Strict):
    url: Url = ""
    title: Short = ""
    referrer: Url = ""


class SessionIn(Strict):
    site: Annotated[str, Field(min_length=1, max_length=100)]
    token: Annotated[str, Field(max_length=300)] | None = None
    page: PageIn = PageIn()
    language: Annotated[str, Field(max_length=35)] = ""


RuleId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$")]


class MessageIn(Strict):
    text: Text
    client_id: ClientId
    invitation: RuleId | None = None  # the visitor answers the proactive invitation of this rule
    invitation_language: Literal["", "tr", "en"] = ""  # the language the widget showed it in


class TypingIn(Strict):
    typing: bool = True


class SeenIn(Strict):
    up_to: Annotated[int, Field(ge=0, le=2**62)]


class IdentifyIn(Strict):
    name: Annotated[str, Field(max_length=100)] = ""
    email: Annotated[str, Field(max_length=200)] = ""
    phone: Annotated[str, Field(max_length=40)] = ""


class CartItemIn(Strict):
    name: Short = ""
    quantity: Annotated[int, Field(ge=0, le=100000)] = 1
    price: Annotated[float, Field(ge=0, le=1e9)] = 0
    url: Url = ""


class CartIn(Strict):
    value: Annotated[float, Field(ge=0, le=1e9)] = 0
    currency: Annotated[str, Field(max_length=8)] = ""
    items: Annotated[list[CartItemIn], Field(max_length=50)] = []


class TrackIn(Strict):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    data: dict[str, Any] = {}


class OfflineIn(Strict):
    site: Annotated[str, Field(min_length=1, max_length=100)]
    token: Annotated[str, Field(max_length=300)] | None = None
    name: Annotated[str, Field(max_length=100)] = ""
    email: Annotated[str, Field(min_length=3, max_length=200)]
    text: Annotated[str, Field(min_length=1, max_length=20000)]
    client_id: ClientId
    page: PageIn = PageIn()


class AckIn(Strict):
    seq: Annotated[int, Field(ge=0, le=2**62)]


ButtonData = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


class ButtonIn(Strict):
    label: Annotated[str, Field(min_length=1, max_length=60)]
    data: ButtonData


ButtonRow = Annotated[list[ButtonIn], Field(min_length=1, max_length=6)]


class ReplyIn(Strict):
    visitor_id: VisitorId
    text: Text
    reply_id: ClientId
    # rows of buttons under the message (a satisfaction question's scores); ``card`` how to draw them
    buttons: Annotated[list[ButtonRow], Field(max_length=3)] = []
    card: Literal["", "rating"] = ""


class TextsIn(Strict):
    tr: Annotated[str, Field(max_length=500)] = ""
    en: Annotated[str, Field(max_length=500)] = ""


class FaqEntryIn(Strict):
    id: Annotated[int, Field(ge=0, le=2**62)]
    answer: Annotated[str, Field(min_length=1, max_length=4000)]
    questions: Annotated[list[Short], Field(min_length=1, max_length=50)]
    language: Annotated[str, Field(max_length=8)] = ""


class FaqIn(Strict):
    enabled: bool = False
    threshold: Annotated[float, Field(gt=0, le=1)] = 0.55
    entries: Annotated[list[FaqEntryIn], Field(max_length=500)] = []
    person: TextsIn = TextsIn()
    handover: TextsIn = TextsIn()


class InvitationIn(Strict):
    """A proactive invitation rule, evaluated in the widget (first matching rule wins)."""

    id: RuleId
    name: Annotated[str, Field(max_length=100)] = ""
    enabled: bool = True
    url: Annotated[str, Field(max_length=500)] = ""
    seconds_on_page: Annotated[int, Field(ge=0, le=3600)] = 0
    min_cart_value: Annotated[float, Field(ge=0, le=1e9)] = 0
    returning: bool | None = None
    referrer: Annotated[str, Field(max_length=200)] = ""
    keyword: Annotated[str, Field(max_length=200)] = ""
    message_tr: Annotated[str, Field(max_length=500)] = ""
    message_en: Annotated[str, Field(max_length=500)] = ""
    when_away: bool = False


class AutomationIn(Strict):
    """What the relay does on its own while the desktop may be closed."""

    faq: FaqIn = FaqIn()
    invitations: Annotated[list[InvitationIn], Field(max_length=50)] = []


class PressIn(Strict):
    """A tap on a button under one of the shop's messages."""

    message_id: Annotated[int, Field(ge=1, le=2**62)]
    data: ButtonData


class OwnerTypingIn(Strict):
    visitor_id: VisitorId
    typing: bool = True


class OwnerSeenIn(Strict):
    visitor_id: VisitorId
    up_to: Annotated[int, Field(ge=0, le=2**62)] | None = None


class PresenceIn(Strict):
    status: Literal["online", "away"]


# The widget's websocket speaks the same bodies, tagged with "type".
WIDGET_ACTIONS: dict[str, type[BaseModel]] = {
    "message": MessageIn,
    "typing": TypingIn,
    "seen": SeenIn,
    "page": PageIn,
    "identify": IdentifyIn,
    "cart": CartIn,
    "track": TrackIn,
    "button": PressIn,
}
