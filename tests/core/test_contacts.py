from datetime import UTC, datetime

import pytest
from sqlmodel import select

from shopdesk.core.contacts import merge_contacts, update_contact
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Contact, ContactIdentity, Conversation
from tests.helpers.items import incoming


def test_merge_moves_identities_and_conversations(engine, blobs, events):
    mail = ingest(engine, [incoming("mail", sender="ayse@x.com", name="Ayşe")], blobs=blobs, publish=events)[
        0
    ]
    tg = ingest(  # she wrote on Telegram a year before her first mail
        engine,
        [incoming("tg", channel="telegram", sender="123", name="ayse_k", minutes_ago=365 * 1440)],
        blobs=blobs,
        publish=events,
    )[0]
    with read_session(engine) as s:
        keep = s.get(Conversation, mail.conversation_id).contact_id
        other = s.get(Conversation, tg.conversation_id).contact_id
    update_contact(engine, events, contact_id=other, phone="+90 555 111 22 33", notes="VIP müşteri")
    merge_contacts(engine, events, keep_id=keep, other_id=other)
    with read_session(engine) as s:
        assert s.get(Contact, other) is None
        contact = s.get(Contact, keep)
        assert (contact.phone, contact.notes) == ("+90 555 111 22 33", "VIP müşteri")
        assert (datetime.now(UTC) - contact.created_at.replace(tzinfo=UTC)).days >= 364  # since the earlier
        assert {c.contact_id for c in s.exec(select(Conversation))} == {keep}
        identities = s.exec(select(ContactIdentity).where(ContactIdentity.contact_id == keep)).all()
        assert {(i.channel, i.address) for i in identities} == {("fake", "ayse@x.com"), ("telegram", "123")}
    # The next Telegram message from that chat reaches the merged contact.
    later = ingest(engine, [incoming("yine", channel="telegram", sender="123")], blobs=blobs, publish=events)[
        0
    ]
    with read_session(engine) as s:
        assert s.get(Conversation, later.conversation_id).contact_id == keep


def test_merge_with_itself_is_refused(engine, blobs, events):
    r = ingest(engine, [incoming("x")], blobs=blobs, publish=events)[0]
    with read_session(engine) as s:
        cid = s.get(Conversation, r.conversation_id).contact_id
    with pytest.raises(ValueError):
        merge_contacts(engine, events, keep_id=cid, other_id=cid)


def test_update_rejects_unknown_fields(engine, blobs, events):
    with pytest.raises(ValueError):
        update_contact(engine, events, contact_id=1, id=5)


def test_merge_keeps_the_customers_satisfaction_answers(engine, blobs, events):
    from shopdesk.core.db import write_session
    from shopdesk.core.models import Survey, utcnow
    from shopdesk.core.surveys import ratings_of_contact

    a = ingest(engine, [incoming("a", sender="ayse@x.com")], blobs=blobs, publish=events)[0]
    b = ingest(engine, [incoming("b", channel="telegram", sender="42")], blobs=blobs, publish=events)[0]
    with write_session(engine) as s:
        other = s.get(Conversation, b.conversation_id).contact_id
        s.add(
            Survey(
                conversation_id=b.conversation_id,
                contact_id=other,
                channel="telegram",
                scale="csat",
                token="t1",
                scheduled_for=utcnow(),
                answered_at=utcnow(),
                state="answered",
                score=5,
            )
        )
    with read_session(engine) as s:
        keep = s.get(Conversation, a.conversation_id).contact_id
    merge_contacts(engine, events, keep_id=keep, other_id=other)  # failed on the survey's foreign key
    with read_session(engine) as s:
        assert [r.score for r in ratings_of_contact(s, contact_id=keep)] == [5]
