"""The pages behind the links in ShopDesk's emails: a satisfaction email's rating links (the score given
in one click, and a comment box), and a cart follow-up's "stop these reminders".

A link opened by a mail scanner must not vote: the page records the score from a small script (which
scanners do not run), or from the button a visitor without JavaScript presses. Every answer is a "rating"
event for the desktop, which applies the survey's rules (a second click changes the score).
"""

from __future__ import annotations

import html
import secrets
from functools import cache
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from shopdesk.paths import resource
from shopdesk.relay import store
from shopdesk.relay.guards import client_ip, relay_of
from shopdesk.relay.rating_links import RatingRef, verify, verify_stop
from shopdesk.relay.store import RelayInputError

router = APIRouter(tags=["rating"])
Signed = Annotated[str, Path(min_length=10, max_length=600)]

TEXT = {
    "tr": {
        "title": "Bizi değerlendirin",
        "question": "Size nasıl yardımcı olduğumuzu değerlendirir misiniz?",
        "nps": "Bizi bir arkadaşınıza önerme olasılığınız nedir?",
        "low": "kötü",
        "high": "çok iyi",
        "thanks": "Teşekkür ederiz! Puanınız: {score}.",
        "change": "Fikrinizi değiştirdiyseniz başka bir puan seçebilirsiniz.",
        "comment": "Eklemek istediğiniz bir şey var mı? (isteğe bağlı)",
        "send": "Gönder",
        "confirm": "Bu puanı gönder",
        "commented": "Yorumunuz için teşekkür ederiz.",
        "closed": "Bu değerlendirme bağlantısının süresi doldu.",
    },
    "en": {
        "title": "Rate us",
        "question": "How did we do? Please rate your conversation with us.",
        "nps": "How likely are you to recommend us to a friend?",
        "low": "poor",
        "high": "excellent",
        "thanks": "Thank you! Your rating: {score}.",
        "change": "Changed your mind? Pick another score.",
        "comment": "Anything to add? (optional)",
        "send": "Send",
        "confirm": "Send this score",
        "commented": "Thank you for your comment.",
        "closed": "This rating link has expired.",
    },
}


STOP_TEXT = {
    "tr": {
        "title": "Hatırlatmaları durdur",
        "ask": "Sepetinizle ilgili hatırlatma e-postalarını artık almak istemiyor musunuz?",
        "button": "Hatırlatmaları durdur",
        "done": "Tamam: bundan sonra size sepet hatırlatması gönderilmeyecek.",
    },
    "en": {
        "title": "Stop reminders",
        "ask": "Don't want reminders about your cart any more?",
        "button": "Stop these reminders",
        "done": "Done: you will get no more cart reminders from us.",
    },
}


def _limited(request: Request) -> None:
    if not relay_of(request).per_ip.allow(client_ip(request)):
        raise RelayInputError("too many requests from this address: try again in a minute", 429)


def _stop_ref(request: Request, signed: str) -> tuple[str, str]:
    _limited(request)
    ref = verify_stop(relay_of(request).config.site.owner_token_hash, signed)
    if ref is None:
        raise RelayInputError("this link is not valid", 404)
    return ref


@router.get("/u/{signed}", response_class=HTMLResponse)
async def stop_page(request: Request, signed: Signed):
    """Asks first (a mail scanner that fetches the link must not unsubscribe anyone)."""
    _token, language = _stop_ref(request, signed)
    text = STOP_TEXT.get(language, STOP_TEXT["en"])
    form = (
        f'<form method="post" action="{html.escape(str(request.url.path))}" class="comment">'
        f'<button type="submit">{html.escape(text["button"])}</button></form>'
    )
    return _html(request, language, text["title"], f"<h1>{html.escape(text['ask'])}</h1>{form}")


@router.post("/u/{signed}", response_class=HTMLResponse)
async def stop(request: Request, signed: Signed):
    token, language = _stop_ref(request, signed)
    await relay_of(request).write(store.stop_reminders, token)
    text = STOP_TEXT.get(language, STOP_TEXT["en"])
    return _html(
        request, language, text["title"], f'<p class="ok" role="status">{html.escape(text["done"])}</p>'
    )


def _ref(request: Request, signed: str) -> RatingRef:
    _limited(request)
    relay = relay_of(request)
    ref = verify(relay.config.site.owner_token_hash, signed)
    if ref is None:
        raise RelayInputError("this rating link is not valid or has expired", 404)
    return ref


@router.get("/r/{signed}", response_class=HTMLResponse)
async def rating_page(request: Request, signed: Signed, s: Annotated[int | None, Query(ge=0, le=10)] = None):
    """The one-click page: with ``s`` the score is sent as the page opens (by its script)."""
    ref = _ref(request, signed)
    score = s if s in ref.scores else None
    return _page(ref, score=score, auto=score is not None, request=request)


@router.post("/r/{signed}", response_class=HTMLResponse)
async def rate(request: Request, signed: Signed):
    """A score and/or a comment from the page's form."""
    ref = _ref(request, signed)
    form = parse_qs((await request.body()).decode("utf-8", "replace")[:8000])
    raw = (form.get("score") or [""])[0]
    score = int(raw) if raw.isdigit() and int(raw) in ref.scores else None
    comment = (form.get("comment") or [""])[0].strip()[:2000]
    if score is None and not comment:
        raise RelayInputError("choose a score or write a comment", 422)
    await relay_of(request).write(store.rating, ref.token, score, comment)
    return _page(ref, score=score, done=True, commented=bool(comment), request=request)


def _page(
    ref: RatingRef,
    *,
    request: Request,
    score: int | None,
    auto: bool = False,
    done: bool = False,
    commented: bool = False,
) -> HTMLResponse:
    text = TEXT.get(ref.language, TEXT["en"])
    nonce = secrets.token_urlsafe(12)
    low, high = ref.scores[0], ref.scores[-1]
    buttons = "".join(
        f'<button name="score" value="{n}" class="{"on" if n == score else ""}">{n}</button>'
        for n in ref.scores
    )
    question = text["nps"] if ref.scale == "nps" else text["question"]
    parts = [f"<h1>{html.escape(question)}</h1>"]
    if done and score is not None:
        parts.append(
            f'<p class="ok" role="status">{html.escape(text["thanks"].format(score=f"{score}/{high}"))}</p>'
        )
    if done and commented:
        parts.append(f'<p class="ok" role="status">{html.escape(text["commented"])}</p>')
    action = html.escape(str(request.url.path))
    parts.append(
        f'<form method="post" action="{action}"><div class="scores">{buttons}</div>'
        f'<p class="ends"><span>{low} · {html.escape(text["low"])}</span>'
        f"<span>{high} · {html.escape(text['high'])}</span></p></form>"
    )
    if done and score is not None:
        parts.append(f'<p class="hint">{html.escape(text["change"])}</p>')
    if not commented:
        parts.append(
            f'<form method="post" action="{action}" class="comment">'
            f'<label for="c">{html.escape(text["comment"])}</label>'
            f'<textarea id="c" name="comment" rows="4" maxlength="2000"></textarea>'
            + (f'<input type="hidden" name="score" value="{score}">' if score is not None else "")
            + f'<button type="submit">{html.escape(text["send"])}</button></form>'
        )
    script = ""
    if auto:  # one click: the score goes as the page opens, from a script (mail scanners do not run it)
        parts.insert(1, f'<noscript><p class="hint">{html.escape(text["confirm"])} ↓</p></noscript>')
        script = (
            f'<script nonce="{nonce}">var f = document.querySelector("form");'
            "var i = document.createElement('input'); i.type = 'hidden'; i.name = 'score';"
            f"i.value = '{score}'; f.appendChild(i); f.submit();</script>"
        )
    return _html(request, ref.language, text["title"], "".join(parts), script=script, nonce=nonce)


def _html(
    request: Request, language: str, title: str, main: str, *, script: str = "", nonce: str = ""
) -> HTMLResponse:
    """A page of ours: the shop's name, ``main``, the page's CSS (and ``script``) allowed by nonce only."""
    nonce = nonce or secrets.token_urlsafe(12)
    shop = relay_of(request).site.name
    head = f'<p class="shop">{html.escape(shop)}</p>' if shop else ""
    body = (
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{html.escape(title)}</title><style nonce="{nonce}">{_css()}</style></head>'
        f"<body><main>{head}{main}</main>{script}</body></html>"
    )
    headers = {
        "Content-Security-Policy": (
            f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; form-action 'self';"
            " base-uri 'none'; frame-ancestors 'none'"
        ),
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
    }
    return HTMLResponse(body, headers=headers)


@cache
def _css() -> str:
    return resource("widget/rating.css").read_text("utf-8")
