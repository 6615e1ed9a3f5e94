"""What the mail view reads from an original: unreadable marks in step with the parser, headers, sender."""

from __future__ import annotations

from shopdesk.channels.email import parse
from shopdesk.channels.email.bodies import MISSING_ORIGINAL
from shopdesk.channels.email.showing import html_with_images, is_unreadable, original_headers, sender_of
from tests.helpers.mails import mail


def test_the_notes_of_an_unparseable_message_are_recognised(monkeypatch):
    assert is_unreadable(parse.parse_message(b"").parse_note)
    assert is_unreadable(MISSING_ORIGINAL)
    monkeypatch.setattr(parse, "_parse_tree", lambda raw: (None, ["could not parse this message (Boom)"]))
    broken = parse.parse_message(b"From: a@b.c\r\nSubject: x\r\n\r\nbody")
    assert broken.unreadable and is_unreadable(broken.parse_note)


def test_a_repaired_or_guessed_message_is_not_called_unreadable():
    note = parse.parse_message(b"Subject: x\r\nContent-Type: text/plain\r\n\r\n\xfe\xfd").parse_note
    assert note and not is_unreadable(note)
    assert not is_unreadable(None)


def test_the_headers_the_owner_reads_decoded():
    raw = mail(7, subject="Şükrü Çelik: ığüşöç")
    headers = dict(original_headers(raw))
    assert headers["From"] == "Şükrü Çelik <sukru@example.com.tr>"
    assert headers["Subject"] == "Şükrü Çelik: ığüşöç"
    assert set(headers) == {"From", "To", "Subject", "Message-ID", "Date"}
    assert sender_of(raw) == "sukru@example.com.tr"


def test_html_with_images_keeps_only_http_images():
    raw = (
        b"From: a@b.c\r\nContent-Type: text/html\r\n\r\n"
        b'<img src="https://cdn.example.com/a.png"><img src="file:///etc/x.png"><script>x()</script>'
    )
    html = html_with_images(raw)
    assert 'src="https://cdn.example.com/a.png"' in html
    assert "file:" not in html and "script" not in html
