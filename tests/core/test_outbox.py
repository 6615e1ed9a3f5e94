import pytest
from sqlmodel import select

from shopdesk.core import outbox
from shopdesk.core.db import read_session
from shopdesk.core.events import OutboxChanged
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Message, OutboxItem
from tests.helpers.items import incoming


@pytest.fixture
def conversation_id(engine, blobs, events):
    return ingest(engine, [incoming("Merhaba")], blobs=blobs, publish=events)[0].conversation_id


def _state(engine, item_id):
    with read_session(engine) as s:
        item = s.get(OutboxItem, item_id)
        return item.state, s.get(Message, item.message_id).send_state


def test_queue_reply_stores_an_outgoing_message_and_a_queued_item(engine, events, conversation_id):
    item_id = outbox.queue_reply(
        engine,
        events,
        conversation_id=conversation_id,
        text="Kargoya verildi",
        author="Ece",
        external_id="<x@y>",
    )
    assert _state(engine, item_id) == ("queued", "queued")
    with read_session(engine) as s:
        item = outbox.outgoing_item(s, item_id=item_id)
    assert item.text == "Kargoya verildi"
    assert item.external_id == "<x@y>"
    assert item.to_address == "ali@example.com"
    assert events.of(OutboxChanged)[-1].state == "queued"


def test_the_happy_path(engine, events, conversation_id):
    item_id = outbox.queue_reply(engine, events, conversation_id=conversation_id, text="t", author="o")
    assert outbox.claim_due(engine, events) == [item_id]
    assert _state(engine, item_id) == ("sending", "sending")
    outbox.transition(engine, events, item_id=item_id, to="sent")
    assert _state(engine, item_id) == ("sent", "sent")
    assert outbox.claim_due(engine, events) == []


@pytest.mark.parametrize(
    ("start", "to"),
    [("queued", "sent"), ("sent", "queued"), ("sent", "failed"), ("failed", "sent"), ("queued", "unknown")],
)
def test_forbidden_transitions_are_refused(engine, events, conversation_id, start, to):
    item_id = outbox.queue_reply(engine, events, conversation_id=conversation_id, text="t", author="o")
    path = {"queued": [], "sent": ["sending", "sent"], "failed": ["failed"]}[start]
    for state in path:
        outbox.transition(engine, events, item_id=item_id, to=state)
    with pytest.raises(outbox.TransitionError):
        outbox.transition(engine, events, item_id=item_id, to=to)


def test_a_retryable_failure_waits_with_backoff_then_gives_up(engine, events, conversation_id):
    item_id = outbox.queue_reply(engine, events, conversation_id=conversation_id, text="t", author="o")
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        from datetime import timedelta

        from shopdesk.core.models import utcnow

        [claimed] = outbox.claim_due(engine, events, now=utcnow() + timedelta(days=1))
        assert claimed == item_id
        item = outbox.record_failure(engine, events, item_id=item_id, kind="retry", error="421 try later")
        if attempt < outbox.MAX_ATTEMPTS:
            assert item.state == "queued"
            assert item.next_attempt_at > utcnow()
            assert outbox.claim_due(engine, events) == []  # not before the backoff
    assert _state(engine, item_id) == ("failed", "failed")


def test_a_timeout_is_unknown_and_never_retried_blindly(engine, events, conversation_id):
    item_id = outbox.queue_reply(engine, events, conversation_id=conversation_id, text="t", author="o")
    outbox.claim_due(engine, events)
    outbox.record_failure(engine, events, item_id=item_id, kind="unknown", error="timeout after DATA")
    assert _state(engine, item_id) == ("unknown", "unknown")
    from datetime import timedelta

    from shopdesk.core.models import utcnow

    assert outbox.claim_due(engine, events, now=utcnow() + timedelta(days=30)) == []
    outbox.transition(engine, events, item_id=item_id, to="queued")  # the owner decides to resend
    assert outbox.claim_due(engine, events) == [item_id]


def test_a_crash_while_sending_becomes_unknown_at_start(engine, events, conversation_id):
    item_id = outbox.queue_reply(engine, events, conversation_id=conversation_id, text="t", author="o")
    outbox.claim_due(engine, events)
    assert outbox.recover_interrupted(engine, events) == [item_id]
    with read_session(engine) as s:
        item = s.get(OutboxItem, item_id)
    assert item.state == "unknown"
    assert "may have been delivered" in item.last_error


def test_fatal_failure_is_failed_with_the_reason(engine, events, conversation_id):
    item_id = outbox.queue_reply(engine, events, conversation_id=conversation_id, text="t", author="o")
    outbox.claim_due(engine, events)
    outbox.record_failure(engine, events, item_id=item_id, kind="fatal", error="Bot was blocked by the user")
    with read_session(engine) as s:
        item = s.exec(select(OutboxItem)).one()
    assert (item.state, item.last_error) == ("failed", "Bot was blocked by the user")
    with read_session(engine) as s:
        assert outbox.summary(s) == {"failed": 1}
