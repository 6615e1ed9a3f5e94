"""A small shop written row by row for the Reports tests: known times (UTC), known scores.

The report range is Mon 2024-03-04 to Thu 2024-03-07 (exclusive) in Europe/Istanbul (UTC+3 all year),
so in UTC it is 2024-03-03 21:00 to 2024-03-06 21:00. Local times are in the comments.
"""

from __future__ import annotations

from datetime import UTC, datetime

from shopdesk.core.db import write_session
from shopdesk.core.models import Contact, Conversation, Message, Survey


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    """2024-03-<day> hour:minute in UTC."""
    return datetime(2024, 3, day, hour, minute, tzinfo=UTC)


# name -> (channel, created, status, resolved_at)
CONVERSATIONS = {
    "C0": ("email", utc(3, 20, 59), "resolved", utc(4, 8)),  # Sun 23:59 local: before the range
    "C1": ("email", utc(4, 6), "resolved", utc(4, 8)),  # Mon 09:00 local, resolved after 2 h
    "C2": ("telegram", utc(4, 15, 55), "resolved", utc(5, 7)),  # Mon 18:55, resolved Tue 10:00 local
    "C3": ("telegram", utc(5, 22, 30), "open", None),  # 22:30 UTC Tue is Wed 01:30 local
    "C4": ("email", utc(6, 7), "resolved", utc(6, 9)),  # Wed 10:00 local, resolved after 2 h
    "C5": ("webchat", utc(6, 10), "open", utc(6, 11)),  # resolved once, then reopened
    "C6": ("email", utc(5, 12), "pending", None),  # Tue 15:00 local, started by the owner
    "C7": ("email", utc(6, 21), "open", None),  # Thu 00:00 local, the range's end: outside
}

# name -> [(direction, created_at, send_state)]
MESSAGES = {
    "C0": [
        ("incoming", utc(3, 20, 59), None),
        ("incoming", utc(4, 5), None),  # Mon 08:00 local: inside the range
        ("outgoing", utc(4, 7), "sent"),
    ],
    "C1": [
        ("incoming", utc(4, 6), None),
        ("note", utc(4, 6, 5), None),  # a note is not a reply
        ("outgoing", utc(4, 6, 30), "sent"),  # 30 min
    ],
    "C2": [
        ("incoming", utc(4, 15, 55), None),
        ("bot", utc(4, 15, 56), None),  # the bot is not the owner
        ("incoming", utc(4, 21, 30), None),  # Tue 00:30 local
        ("outgoing", utc(5, 6, 10), "sent"),  # Tue 09:10 local
    ],
    "C3": [
        ("incoming", utc(5, 22, 30), None),
        ("system", utc(5, 22, 31), None),
        ("outgoing", utc(5, 22, 40), "failed"),  # never reached the customer: no reply yet
    ],
    "C4": [
        ("incoming", utc(6, 7), None),
        ("outgoing", utc(6, 7, 20), "sent"),  # 20 min
        ("incoming", utc(6, 7, 30), None),
    ],
    "C5": [
        ("outgoing", utc(6, 10), "sent"),  # the owner's invitation, before the visitor wrote
        ("incoming", utc(6, 10, 30), None),  # Wed 13:30 local
        ("outgoing", utc(6, 10, 45), None),  # 15 min
    ],
    "C6": [("outgoing", utc(5, 12), "queued")],  # the customer never wrote
    "C7": [("incoming", utc(6, 21), None)],
}

# (conversation, scale, state, sent_at, answered_at, score, comment)
SURVEYS = [
    # Sent Mon 00:30 local: inside the range in Istanbul, outside it in UTC.
    ("C0", "csat", "answered", utc(3, 21, 30), utc(4, 10), 5, "Çok hızlı, teşekkürler!"),
    ("C1", "csat", "answered", utc(4, 9), utc(4, 9, 30), 4, ""),
    ("C2", "csat", "answered", utc(5, 8), utc(5, 9), 3, "Kargo geç geldi; ilgilendiniz ama."),
    ("C4", "csat", "answered", utc(6, 9, 30), utc(6, 9, 40), 5, ""),
    ("C1", "nps", "answered", utc(4, 9), utc(4, 9, 10), 10, ""),
    ("C2", "nps", "answered", utc(5, 8), utc(5, 8, 20), 9, ""),
    ("C4", "nps", "answered", utc(6, 9, 30), utc(6, 9, 50), 7, ""),
    # Sent Wed 23:59 local (in the range), answered two days later: counted (sent in the range).
    ("C3", "nps", "answered", utc(6, 20, 59), utc(8, 9), 3, "=1+1 şaka değil"),
    ("C4", "csat", "sent", utc(6, 9, 30), None, None, ""),  # no answer yet
    ("C3", "csat", "answered", utc(5, 23), utc(6, 12), None, "Bir sorum daha var"),  # a comment only
    ("C5", "csat", "cancelled", None, None, None, ""),  # reopened before it went out
    ("C6", "csat", "scheduled", None, None, None, ""),
    # Sent Sun 23:00 local: before the range.
    ("C0", "csat", "answered", utc(3, 20), utc(3, 20, 30), 1, "Berbat"),
]


def build_shop(engine) -> dict[str, int]:
    """Writes the rows above; the conversations' ids by name."""
    ids: dict[str, int] = {}
    with write_session(engine) as session:
        contact = Contact(name="Ayşe Yılmaz", email="ayse@example.com")
        session.add(contact)
        session.flush()
        for name, (channel, created, status, resolved_at) in CONVERSATIONS.items():
            messages = MESSAGES[name]
            conv = Conversation(
                contact_id=contact.id,
                channel=channel,
                status=status,
                created_at=created,
                last_message_at=messages[-1][1],
                resolved_at=resolved_at,
            )
            session.add(conv)
            session.flush()
            ids[name] = conv.id
            for direction, at, send_state in messages:
                session.add(
                    Message(
                        conversation_id=conv.id,
                        channel=channel,
                        direction=direction,
                        text=f"{name} {direction}",
                        send_state=send_state,
                        created_at=at,
                    )
                )
        for n, (name, scale, state, sent_at, answered_at, score, comment) in enumerate(SURVEYS):
            session.add(
                Survey(
                    conversation_id=ids[name],
                    contact_id=contact.id,
                    channel=CONVERSATIONS[name][0],
                    scale=scale,
                    state=state,
                    token=f"t{n}",
                    scheduled_for=sent_at or utc(6, 12),
                    sent_at=sent_at,
                    answered_at=answered_at,
                    score=score,
                    comment=comment,
                )
            )
    return ids
