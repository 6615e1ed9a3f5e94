import base64
import email
import re
from datetime import UTC, datetime
from email import policy
from urllib.parse import quote

import pytest

from shopdesk.channels.email import parse as parse_module
from shopdesk.channels.email.parse import (
    dedupe_key,
    parse_headers,
    parse_message,
    split_quoted,
    to_incoming_item,
)
from tests.channels.email.corpora import CORPORA, corpus_params, generate, require

ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?")
SURROGATE = re.compile("[\ud800-\udfff]")
NAME, WORDS = "Şükrü Çelik", "ığüşöç İĞÜŞÖÇ"
# What UTF-8 read as windows-1254, or windows-1254 read as Latin-1, looks like.
MOJIBAKE = re.compile("Ã.|Ä±|Ä°|Å[Ÿž]|Ä[Ÿž]|[ÝýÞþÐð]|\ufffd")


def b_word(text, charset):
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def q_word(text, charset):
    encoded = "".join(
        chr(b) if chr(b).isalnum() and b < 128 else "_" if b == 32 else f"={b:02X}"
        for b in text.encode(charset)
    )
    return f"=?{charset}?Q?{encoded}?="


def mail(*headers: str, body: bytes = b"", content_type="text/plain; charset=utf-8", cte="8bit") -> bytes:
    head = [
        *headers,
        "MIME-Version: 1.0",
        f"Content-Type: {content_type}",
        f"Content-Transfer-Encoding: {cte}",
    ]
    return "\r\n".join(head).encode("ascii") + b"\r\n\r\n" + body


def has_header(raw: bytes, name: bytes, pattern: bytes = rb".") -> bool:
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]
    return re.search(rb"(?im)^" + name + rb"[ \t]*:[^\n]*" + pattern, head) is not None


def plain_text_parts(raw: bytes) -> list[bytes]:
    """Independent oracle: the non-empty inline text/plain payloads compat32 finds."""
    found = []
    for part in email.message_from_bytes(raw, policy=policy.compat32).walk():
        if part.get_content_type() == "text/plain" and part.get_content_disposition() != "attachment":
            data = part.get_payload(decode=True)
            if isinstance(data, bytes) and data.strip():
                found.append(data)
    return found


@pytest.mark.parametrize("path", corpus_params())
def test_every_corpus_file_parses_into_one_readable_result(path):
    raw = require(CORPORA) and path.read_bytes()
    result = parse_message(raw)
    for text in (result.subject, result.sender.name, result.sender.address, result.text, result.html or ""):
        assert not SURROGATE.search(text), "undecoded bytes left in a field"
        text.encode("utf-8")  # storable as-is
    assert not ENCODED_WORD.search(result.subject)
    assert not ENCODED_WORD.search(result.sender.name)
    if has_header(raw, rb"from", rb"@"):
        assert "@" in result.sender.address
    if has_header(raw, rb"subject", rb"[A-Za-z0-9]"):
        assert result.subject.strip()
    if plain_text_parts(raw):
        assert result.text.strip()
    if not raw.strip():
        assert result.parse_note == "empty message"
    for attachment in result.attachments:
        assert attachment.filename and "/" not in attachment.filename and "\\" not in attachment.filename
        assert not ENCODED_WORD.search(attachment.filename)
    assert result.date is None or result.date.tzinfo is not None
    # The cheap header pass agrees with the full parse, so sync and import compute the same dedupe key.
    headers = parse_headers(raw)
    assert (headers.message_id, headers.subject) == (result.message_id, result.subject)


@pytest.mark.parametrize("path", corpus_params())
def test_every_corpus_file_becomes_one_incoming_item(path):
    raw = require(CORPORA) and path.read_bytes()
    item = to_incoming_item(raw, natural_key=f"test:{path.name}")
    again = to_incoming_item(raw, natural_key="elsewhere")
    assert (item.channel, item.raw, item.dedupe_key) == ("email", raw, again.dedupe_key)
    assert item.external_id == parse_headers(raw).message_id


def test_unknown_charset_never_raises():
    raw = mail(
        "From: a@b.c", "Subject: x", body="Şükrü".encode(), content_type="text/plain; charset=X-UNKNOWN"
    )
    result = parse_message(raw)
    assert result.text == "Şükrü"
    assert "unknown charset" in result.parse_note
    bogus = mail("From: a@b.c", f"Subject: {b_word(NAME, 'utf-8').replace('utf-8', 'x-nonsense')}")
    assert parse_message(bogus).subject == NAME


@pytest.mark.parametrize("charset", ["windows-1254", "iso-8859-9", "utf-8", "latin5", "turkish"])
@pytest.mark.parametrize("encode_word", [b_word, q_word])
@pytest.mark.parametrize("cte", ["8bit", "quoted-printable", "base64"])
def test_turkish_mail_comes_out_right(charset, encode_word, cte):
    codec = {"latin5": "iso-8859-9", "turkish": "windows-1254"}.get(charset, charset)
    text = f"Merhaba,\n{WORDS}\nSiparişim nerede?"
    data = text.replace("\n", "\r\n").encode(codec)
    body = {
        "8bit": data,
        "quoted-printable": __import__("quopri").encodestring(data),
        "base64": base64.encodebytes(data),
    }[cte]
    raw = mail(
        f"From: {encode_word(NAME, codec)} <sukru@example.com.tr>",
        f"Subject: {encode_word(WORDS, codec)}",
        "Date: Tue, 03 Sep 2024 10:00:00 +0300",
        body=body,
        content_type=f'text/plain; charset="{charset}"',
        cte=cte,
    )
    result = parse_message(raw)
    assert (result.sender.name, result.sender.address) == (NAME, "sukru@example.com.tr")
    assert result.subject == WORDS
    assert result.text == text
    assert result.date == datetime(2024, 9, 3, 7, 0, tzinfo=UTC)
    assert result.parse_note is None


def test_rfc2231_and_rfc2047_filenames_and_inline_cid_images():
    boundary = "b1"
    parts = [
        'Content-Type: text/html; charset=utf-8\r\n\r\n<p>Fotoğraf:</p><img src="cid:foto@shop">',
        "Content-Type: image/png\r\nContent-ID: <foto@shop>\r\nContent-Disposition: inline\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=",
        "Content-Type: application/pdf\r\nContent-Disposition: attachment; "
        f"filename*=utf-8''{quote('fatura_ağustos.pdf')}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=",
        "Content-Type: application/pdf\r\nContent-Disposition: attachment; "
        "filename*=windows-1254''%DDade_formu.pdf\r\n\r\nx",
        f'Content-Type: image/jpeg; name="{b_word("ürün_fotoğrafı.jpg", "utf-8")}"\r\n\r\ny',
    ]
    body = "".join(f"--{boundary}\r\n{p}\r\n" for p in parts) + f"--{boundary}--\r\n"
    raw = mail(
        "From: a@b.c",
        body=body.encode(),
        content_type=f'multipart/related; boundary="{boundary}"',
    )
    result = parse_message(raw)
    names = [a.filename for a in result.attachments]
    assert names == ["image-1.png", "fatura_ağustos.pdf", "İade_formu.pdf", "ürün_fotoğrafı.jpg"]
    image = result.attachments[0]
    assert (image.content_id, image.mime_type, image.data[:4]) == ("foto@shop", "image/png", b"\x89PNG")
    assert result.attachments[1].data == b"%PDF-"
    assert 'src="cid:foto@shop"' in result.html
    assert result.text == "Fotoğraf:"  # HTML-only: text taken from the HTML


def test_remote_images_are_counted_and_only_loaded_on_request():
    html = '<p>Kampanya</p><img src="https://tracker.example/p.gif"><img src="cid:logo">'
    raw = mail("From: a@b.c", body=html.encode(), content_type="text/html; charset=utf-8")
    stored = parse_message(raw)
    assert stored.blocked_images == 1 and "tracker.example" not in stored.html
    assert 'src="https://tracker.example/p.gif"' in parse_message(raw, remote_images=True).html


def test_plain_text_preferred_over_html_and_html_kept_sanitised():
    body = (
        "--x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDüz metin\r\n"
        "--x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        '<p onclick="x()">HTML metin</p><script>x</script>\r\n'
        "--x--\r\n"
    )
    result = parse_message(
        mail("From: a@b.c", body=body.encode(), content_type='multipart/alternative; boundary="x"')
    )
    assert result.text == "Düz metin"
    assert result.html == "<p>HTML metin</p>"


def test_wrong_declared_charset_is_rescued():
    raw = mail("From: a@b.c", body=WORDS.encode("windows-1254"), content_type="text/plain; charset=utf-8")
    result = parse_message(raw)
    assert result.text == WORDS
    assert "windows-1254" in result.parse_note
    latin1_label = mail(
        "From: a@b.c", body=WORDS.encode("windows-1254"), content_type="text/plain; charset=iso-8859-1"
    )
    assert parse_message(latin1_label).text == WORDS
    utf8_as_latin1 = mail("From: a@b.c", body=WORDS.encode(), content_type="text/plain; charset=iso-8859-1")
    assert parse_message(utf8_as_latin1).text == WORDS


def test_raw_8bit_headers_are_decoded():
    raw = b"From: " + NAME.encode("windows-1254") + b" <s@x.tr>\r\nSubject: " + WORDS.encode() + b"\r\n\r\nhi"
    result = parse_message(raw)
    assert (result.sender.name, result.subject) == (NAME, WORDS)


def test_nested_message_is_attached_and_shown_when_the_outer_has_no_text():
    inner = (
        "From: eski@x.com\r\nSubject: =?iso-8859-9?Q?=DDade_talebi?=\r\n"
        "Content-Type: text/plain; charset=iso-8859-9\r\n\r\n"
    )
    inner_bytes = inner.encode() + "İade talebim hâlâ yanıtlanmadı.".encode("iso-8859-9")
    body = b"--m\r\nContent-Type: message/rfc822\r\n\r\n" + inner_bytes + b"\r\n--m--\r\n"
    result = parse_message(mail("From: a@b.c", body=body, content_type='multipart/mixed; boundary="m"'))
    [attached] = result.attachments
    assert (attached.filename, attached.mime_type) == ("İade talebi.eml", "message/rfc822")
    assert b"Iade" in attached.data or b"=DDade" in attached.data
    assert "İade talebim hâlâ yanıtlanmadı." in result.text
    assert "Subject: İade talebi" in result.text


def test_bad_or_missing_date_is_none_and_good_one_is_aware_utc():
    assert parse_message(mail("From: a@b.c", "Date: yesterday-ish")).date is None
    assert parse_message(mail("From: a@b.c")).date is None
    when = parse_message(mail("From: a@b.c", "Date: Fri, 21 Nov 1997 09:55:06 -0600")).date
    assert when == datetime(1997, 11, 21, 15, 55, 6, tzinfo=UTC)


def test_ids_and_reply_order():
    raw = mail(
        "From: a@b.c",
        "Message-ID: <new@x>",
        "In-Reply-To: <parent@x>",
        "References: <root@x>\r\n <middle@x> <parent@x>",
    )
    result = parse_message(raw)
    assert (result.message_id, result.in_reply_to) == ("<new@x>", "<parent@x>")
    assert result.references == ["<root@x>", "<middle@x>", "<parent@x>"]
    assert to_incoming_item(raw, natural_key="k").reply_to_ids == ["<parent@x>", "<middle@x>", "<root@x>"]


def test_auto_reply_markers():
    human = parse_message(mail("From: a@b.c"))
    assert not human.is_automatic
    for header in ("Auto-Submitted: auto-replied", "Precedence: bulk", "X-Autoreply: yes", "List-Id: <l.x>"):
        assert parse_message(mail("From: a@b.c", header)).is_automatic, header
    assert not parse_message(mail("From: a@b.c", "Auto-Submitted: no")).is_automatic
    assert parse_message(mail("From: MAILER-DAEMON@x.com")).is_automatic


def test_dedupe_key_same_message_twice_agrees_and_same_id_different_mail_does_not():
    raw = mail("From: a@b.c", "Message-ID: <same@x>", body=b"one\r\ntwo\r\n")
    as_in_mbox = b"From a@b.c Tue Sep  3 10:00:00 2024\n" + raw.replace(b"\r\n", b"\n") + b"\n"
    assert dedupe_key(raw, "<same@x>") == dedupe_key(as_in_mbox, "<same@x>")
    other = mail("From: a@b.c", "Message-ID: <same@x>", body=b"one\r\nthree\r\n")
    assert dedupe_key(raw, "<same@x>") != dedupe_key(other, "<same@x>")
    assert dedupe_key(raw, "<same@x>").startswith("<same@x>|")


def test_a_message_the_parser_cannot_read_keeps_its_headers_and_a_note(monkeypatch):
    class Broken:
        def __init__(self, *args, **kwargs):
            pass

        def parsebytes(self, raw):
            raise RecursionError("too deep")

    monkeypatch.setattr(parse_module, "BytesParser", Broken)
    raw = mail(f"From: {b_word(NAME, 'utf-8')} <s@x.tr>", "Subject: Kargo", body=b"Merhaba")
    result = parse_message(raw)
    assert result.unreadable
    assert (result.sender.name, result.subject, result.text) == (NAME, "Kargo", "Merhaba")
    assert "could not parse" in result.parse_note
    item = to_incoming_item(raw, natural_key="k")
    assert item.parse_note == result.parse_note and item.raw == raw


def test_header_block_the_stdlib_cannot_read_is_split_by_hand(monkeypatch):
    class Broken:
        def __init__(self, *args, **kwargs):
            pass

        def parsebytes(self, raw):
            raise ValueError("no")

    monkeypatch.setattr(parse_module, "BytesHeaderParser", Broken)
    raw = mail(f"From: {q_word(NAME, 'iso-8859-9')} <s@x.tr>", f"Subject:\r\n {b_word(WORDS, 'utf-8')}")
    headers = parse_headers(raw)
    assert (headers.sender.name, headers.subject) == (NAME, WORDS)


@pytest.mark.parametrize(
    "raw", [b"", b"\r\n\r\n", b"\x00\xff\xfe garbage", b"Subject: only\r\n", b"--\r\n--\r\n"]
)
def test_junk_input_gives_a_result(raw):
    result = parse_message(raw)
    assert isinstance(result.text, str)
    to_incoming_item(raw, natural_key="junk")


def test_generated_turkish_mailbox_reads_without_mojibake(tmp_path):
    folder = generate("eml-dir", tmp_path / "emls", 250)
    for path in sorted(folder.iterdir()):
        result = parse_message(path.read_bytes())
        readable = f"{result.subject}\n{result.sender.name}\n{result.text}"
        assert not MOJIBAKE.search(readable), (path.name, MOJIBAKE.search(readable).group(0))
        assert "@" in result.sender.address and result.text.strip()


QUOTED = [
    (
        "Tamam, teşekkürler!\n\nOn Mon, Sep 2, 2024 at 10:00 AM Shop <shop@x.com> wrote:\n"
        "> Kargonuz yolda.\n",
        "Tamam, teşekkürler!",
        "On Mon",
    ),
    (
        "Teşekkürler.\n\n2 Eyl 2024 Pzt, 10:00 tarihinde Mağaza <shop@x.com> şunu yazdı:\n> Kargonuz yolda.",
        "Teşekkürler.",
        "2 Eyl 2024",
    ),
    (
        "Evet.\n\n2 Eylül 2024 Pazartesi 10:00 tarihinde Mağaza <\nshop@x.com> şunu yazdı:\n\n> Kargonuz",
        "Evet.",
        "2 Eylül",
    ),
    ("Olur.\n\n-----Original Message-----\nFrom: Shop\nSent: Monday\n\nEski", "Olur.", "-----Original"),
    ("Olur.\n\n-----Özgün İleti-----\nKimden: Mağaza\n\nEski", "Olur.", "-----Özgün"),
    ("Yes\n\nFrom: Shop <s@x>\nSent: Monday, 2 September 2024 10:00\nTo: me\n\nold", "Yes", "From: Shop"),
    ("Evet\n\nKimden: Mağaza <s@x>\nGönderildi: 2 Eylül 2024\nKonu: x\n\neski", "Evet", "Kimden:"),
    ("Sure.\n\n> Can you ship it?\n> Thanks\n", "Sure.", "> Can you"),
]


@pytest.mark.parametrize(("text", "new", "quoted_start"), QUOTED)
def test_quoted_history_is_split_off(text, new, quoted_start):
    got_new, got_quoted = split_quoted(text)
    assert got_new == new
    assert got_quoted.startswith(quoted_start)


@pytest.mark.parametrize(
    "text",
    [
        "> Is it blue?\nYes, navy blue.\n> And the size?\nMedium.",  # answers between quotes stay together
        "> only a quote",  # nothing would be left
        "Here is what the courier wrote:\nthey were closed",  # no quoted lines follow
        "On Monday I wrote to you about it\nand nobody answered",
    ],
)
def test_text_without_a_foldable_history_is_left_whole(text):
    assert split_quoted(text) == (text, "")
