"""One-click rating links in a satisfaction email, through the shop's own relay: the email carries a link
per score, the page records the click in a browser (not for a mail scanner that only fetches it), takes a
comment, and the answer reaches the desktop's survey; forged and expired links are refused."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
from sqlmodel import select

from shopdesk.channels.webchat.account import public_links, token_key, update_settings
from shopdesk.core import conversations, surveys
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Message, Survey
from shopdesk.core.outbox import queue_reply
from shopdesk.core.surveys import SurveySettings, save_survey_settings
from shopdesk.relay.config import hash_token
from shopdesk.relay.rating_links import sign, verify
from shopdesk.secrets import set_secret
from tests.channels.webchat.conftest import wait_for
from tests.helpers.items import incoming
from tests.helpers.relay_server import OWNER_TOKEN

TIMEOUT = 10_000


def survey_of(engine) -> Survey:
    with read_session(engine) as session:
        return session.exec(select(Survey)).one()


def test_the_email_link_rates_in_one_click_and_takes_a_comment(
    channel, desk_engine, blobs, events, relay_server, account, memory_keyring, new_page, page_errors
):
    account_id, _ = account
    set_secret(token_key(account_id), OWNER_TOKEN)
    update_settings(desk_engine, account_id, embedded=False, relay_url=relay_server.url)
    save_survey_settings(desk_engine, SurveySettings(delay_minutes=0))
    [mail] = ingest(
        desk_engine, [incoming("Siparişim nerede?", channel="email")], blobs=blobs, publish=events
    )
    queue_reply(desk_engine, events, conversation_id=mail.conversation_id, text="Kargoda.", author="Elif")
    conversations.set_status(desk_engine, events, conversation_id=mail.conversation_id, status="resolved")
    links = public_links(desk_engine)
    assert links is not None
    surveys.send(
        desk_engine, events, survey_id=survey_of(desk_engine).id, author="Elif", rating_links=links.rating
    )

    with read_session(desk_engine) as session:
        question = session.get(Message, survey_of(desk_engine).message_id).text
    assert "Tek tıkla puan verin:" in question and "sayıyla yanıtlayın" in question  # reply-with-a-number too
    found = dict(re.findall(r"^(\d+): (\S+)$", question, re.MULTILINE))
    assert sorted(found, key=int) == ["1", "2", "3", "4", "5"]
    assert found["5"].startswith(f"{relay_server.url}/r/") and found["5"].endswith("?s=5")

    scanned = httpx.get(found["1"], timeout=10)  # a mail scanner fetches every link: no vote
    assert scanned.status_code == 200 and "script-src 'nonce-" in scanned.headers["content-security-policy"]

    page = new_page(viewport={"width": 700, "height": 700})
    page.goto(found["5"])
    page.locator(".ok", has_text="5/5").wait_for(timeout=TIMEOUT)
    assert wait_for(lambda: survey_of(desk_engine).score == 5, what="the score on the desktop")
    page.locator("textarea").fill("Paketleme çok özenliydi, teşekkürler!")
    page.get_by_role("button", name="Gönder").click()
    page.locator(".ok", has_text="Yorumunuz").wait_for(timeout=TIMEOUT)
    page.screenshot(path="/tmp/rating_page_tr.png")
    assert wait_for(lambda: survey_of(desk_engine).comment, what="the comment") == (
        "Paketleme çok özenliydi, teşekkürler!"
    )
    page.goto(found["4"])  # changed their mind within the week
    assert wait_for(lambda: survey_of(desk_engine).score == 4, what="the changed score")
    assert page_errors == []


def test_forged_altered_and_expired_links_are_refused(relay_server):
    key = hash_token(OWNER_TOKEN)
    later = datetime.now(UTC) + timedelta(days=7)
    good = sign(key, token="tok", scale="csat", language="en", expires=later)
    assert verify(key, good).token == "tok"
    forged = sign(hash_token("another token"), token="tok", scale="csat", language="en", expires=later)
    expired = sign(key, token="tok", scale="csat", language="en", expires=datetime.now(UTC) - timedelta(1))
    payload, _, signature = good.partition(".")
    altered = payload[:-2] + ("AA" if not payload.endswith("AA") else "BB") + "." + signature
    for link in (forged, expired, altered, "not-a-link-at-all", "bozuk.bağlantı-ığüşöç"):
        answer = httpx.get(f"{relay_server.url}/r/{link}?s=5", timeout=10)
        assert answer.status_code == 404, link
    answer = httpx.post(f"{relay_server.url}/r/{good}", content="score=9", timeout=10)
    assert answer.status_code == 422  # out of the 1-5 scale, and no comment
