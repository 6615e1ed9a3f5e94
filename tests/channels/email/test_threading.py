from datetime import UTC, datetime, timedelta

import pytest

from shopdesk.channels.email.threading import normalise_subject, thread_by_subject
from shopdesk.core.conversations import set_status
from shopdesk.core.db import read_session, write_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Conversation
from tests.helpers.items import incoming

THREADERS = {"email": thread_by_subject}
START = datetime(2024, 9, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("subject", "normalised"),
    [
        ("Sipariş #1042", "sipariş #1042"),
        ("Re: Sipariş #1042", "sipariş #1042"),
        ("RE: re: Re:Sipariş #1042", "sipariş #1042"),
        ("Fwd: FW: Sipariş #1042", "sipariş #1042"),
        ("AW: WG: Sipariş #1042", "sipariş #1042"),
        ("YNT: Ynt: ynt:Sipariş #1042", "sipariş #1042"),
        ("İLT: ILT: Sipariş #1042", "sipariş #1042"),
        ("Cevap: Antw: Sipariş #1042", "sipariş #1042"),
        ("Re: [Destek] YNT: Fwd: [Mağaza] Sipariş #1042", "sipariş #1042"),
        ("Re[2]: Re(3): Sipariş #1042", "sipariş #1042"),
        ("  Re :   Sipariş   #1042  ", "sipariş #1042"),
        ("Re：Sipariş #1042", "sipariş #1042"),
        ("Refund for order", "refund for order"),  # a word starting with "re" is not a prefix
        ("Yanlış ürün", "yanlış ürün"),
        ("Re:", ""),
        ("", ""),
    ],
)
def test_subject_normalisation(subject, normalised):
    assert normalise_subject(subject) == normalised


def mail(text, subject, *, at, sender="ayse@example.com"):
    item = incoming(text, channel="email", sender=sender, name="Ayşe", subject=subject)
    item.created_at = at
    return item


def ingest_one(engine, blobs, events, item):
    [result] = ingest(engine, [item], blobs=blobs, publish=events, threaders=THREADERS)
    return result


def hook(engine, item, contact_id):
    with write_session(engine) as session:
        return thread_by_subject(session, item, contact_id)


def contact_of(engine, conversation_id):
    with read_session(engine) as session:
        return session.get(Conversation, conversation_id).contact_id


@pytest.mark.parametrize(("days", "matches"), [(0, True), (13, True), (14, True), (15, False), (60, False)])
def test_the_hook_matches_the_same_contact_within_14_days(engine, blobs, events, days, matches):
    first = ingest_one(engine, blobs, events, mail("Kupa kırık geldi", "Kırık ürün", at=START))
    contact = contact_of(engine, first.conversation_id)
    reply = mail("Fotoğraf ekte", "YNT: Kırık ürün", at=START + timedelta(days=days, minutes=-1))
    assert hook(engine, reply, contact) == (first.conversation_id if matches else None)


def test_the_hook_ignores_other_contacts_and_other_subjects(engine, blobs, events):
    first = ingest_one(engine, blobs, events, mail("Kupa kırık geldi", "Kırık ürün", at=START))
    other = ingest_one(engine, blobs, events, mail("Merhaba", "Başka", at=START, sender="mehmet@example.com"))
    later = START + timedelta(days=1)
    assert (
        hook(engine, mail("x", "Re: Kırık ürün", at=later), contact_of(engine, other.conversation_id)) is None
    )
    assert hook(engine, mail("x", "Re: Fatura", at=later), contact_of(engine, first.conversation_id)) is None


def test_a_reply_without_headers_joins_and_reopens_its_resolved_conversation(engine, blobs, events):
    first = ingest_one(engine, blobs, events, mail("Kupa kırık geldi", "Kırık ürün", at=START))
    set_status(engine, events, conversation_id=first.conversation_id, status="resolved")
    again = ingest_one(
        engine, blobs, events, mail("Hâlâ cevap yok", "Ynt: Kırık ürün", at=START + timedelta(days=3))
    )
    assert again.conversation_id == first.conversation_id
    with read_session(engine) as session:
        assert session.get(Conversation, first.conversation_id).status == "open"


def test_after_14_days_the_same_subject_starts_a_new_conversation(engine, blobs, events):
    first = ingest_one(engine, blobs, events, mail("Kupa kırık geldi", "Kırık ürün", at=START))
    set_status(engine, events, conversation_id=first.conversation_id, status="resolved")
    late = ingest_one(
        engine, blobs, events, mail("Yine kırık", "Re: Kırık ürün", at=START + timedelta(days=20))
    )
    assert late.conversation_id != first.conversation_id
