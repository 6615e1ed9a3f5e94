import mailbox
from types import SimpleNamespace

import pytest
from sqlmodel import func, select

from shopdesk.channels.email.importer import ImportSummary, import_path
from shopdesk.channels.email.parse import parse_headers, to_incoming_item
from shopdesk.core.db import read_session
from shopdesk.core.events import MessageIngested
from shopdesk.core.models import Attachment, Conversation, Message
from tests.channels.email.corpora import CORPORA, corpus_files, generate, require


@pytest.fixture
def target(engine, blobs, events):
    return SimpleNamespace(engine=engine, blobs=blobs, publish=events)


def message_count(engine) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(Message)).one()


def same_mail(raw: bytes) -> bytes:
    """What makes two files the same mail: line endings and trailing blank lines do not count."""
    return raw.replace(b"\r\n", b"\n").rstrip()


def test_the_whole_corpora_folder_imports_once(target, engine):
    require(CORPORA)
    files = corpus_files()
    mails = [p for p in files if p.stat().st_size]
    distinct = {same_mail(p.read_bytes()) for p in mails}
    not_mail = sum(1 for p in CORPORA.rglob("*") if p.is_file()) - len(mails)
    steps = []

    summary = import_path(target, CORPORA, progress=lambda done, total: steps.append((done, total)))

    assert summary.imported + summary.stored_raw_unreadable == len(distinct) == message_count(engine)
    assert summary.duplicates == len(mails) - len(distinct)
    assert summary.skipped_files == not_mail
    assert steps[-1] == (len(mails), len(mails))
    with read_session(engine) as session:
        for path in mails:
            key = to_incoming_item(path.read_bytes(), natural_key="-").dedupe_key
            found = session.exec(select(Message).where(Message.dedupe_key == key)).all()
            assert len(found) == 1, path
            assert found[0].raw_ref is not None
    again = import_path(target, CORPORA)
    assert again == ImportSummary(duplicates=len(mails), skipped_files=not_mail)
    assert message_count(engine) == len(distinct)


def test_a_generated_mbox_imports_threads_and_reimports_as_nothing(target, engine, events, tmp_path):
    emls = generate("eml-dir", tmp_path / "emls", 120)
    box = mailbox.mbox(tmp_path / "shop.mbox")
    for path in sorted(emls.iterdir()):
        box.add(path.read_bytes())
    box.close()

    summary = import_path(target, tmp_path / "shop.mbox")

    assert summary == ImportSummary(imported=120)
    assert message_count(engine) == 120 == len(events.of(MessageIngested))
    with read_session(engine) as session:
        by_id = {m.external_id: m for m in session.exec(select(Message))}
        assert session.exec(select(func.count()).select_from(Attachment)).one() > 0
    replies = 0
    for path in emls.iterdir():
        headers = parse_headers(path.read_bytes())
        if headers.in_reply_to in by_id:
            replies += 1
            parent, child = by_id[headers.in_reply_to], by_id[headers.message_id]
            assert child.conversation_id == parent.conversation_id
    assert replies > 5
    assert import_path(target, tmp_path / "shop.mbox") == ImportSummary(duplicates=120)
    assert message_count(engine) == 120


def test_a_maildir_imports_once_and_matches_the_same_mail_from_elsewhere(target, engine, tmp_path):
    maildir = generate("maildir", tmp_path / "Maildir", 60, seed=7)
    (maildir / "dovecot-uidlist").write_text("3 V1 N61\n")  # server bookkeeping is not mail

    assert import_path(target, maildir) == ImportSummary(imported=60)
    assert import_path(target, maildir) == ImportSummary(duplicates=60)
    # The same mails as .eml files with LF line endings (as an export would write them) add nothing.
    exported = tmp_path / "export"
    exported.mkdir()
    for index, path in enumerate(sorted((maildir / "cur").iterdir())):
        (exported / f"{index}.eml").write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    assert import_path(target, exported) == ImportSummary(duplicates=60)
    assert message_count(engine) == 60


def test_two_mails_sharing_a_message_id_are_both_kept(target, engine, tmp_path):
    folder = tmp_path / "mails"
    folder.mkdir()
    (folder / "a.eml").write_bytes(b"From: a@x.com\r\nMessage-ID: <same@x>\r\nSubject: one\r\n\r\nbir\r\n")
    (folder / "b.eml").write_bytes(b"From: a@x.com\r\nMessage-ID: <same@x>\r\nSubject: two\r\n\r\niki\r\n")
    assert import_path(target, folder) == ImportSummary(imported=2)


def test_own_mail_is_stored_as_outgoing_to_the_customer(target, engine, tmp_path):
    raw = b"From: Shop <destek@shop.example>\r\nTo: Ayse <ayse@x.com>\r\nSubject: Kargo\r\n\r\nYolda.\r\n"
    (tmp_path / "sent.eml").write_bytes(raw)
    import_path(target, tmp_path / "sent.eml", own_addresses=["Destek@Shop.example"])
    with read_session(engine) as session:
        message = session.exec(select(Message)).one()
        conversation = session.get(Conversation, message.conversation_id)
        assert (message.direction, conversation.unread_count) == ("outgoing", 0)


def test_a_missing_path_is_an_error(target, tmp_path):
    with pytest.raises(FileNotFoundError):
        import_path(target, tmp_path / "nope")


def test_raw_bytes_in_every_header_still_store(target, engine, tmp_path):
    raw = (
        b"From: \xfe\xfd <a\xfe@x.com>\r\nMessage-ID: <\xff\xfe@x>\r\nSubject: \xdd\xe7\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/pl\xe4in; charset=\xff\r\n\r\n\xfe\xfd\r\n"
        b"--b\r\nContent-Type: image/png\r\nContent-ID: <\xfe@x>\r\n"
        b'Content-Disposition: attachment; filename="\xfe\xfd.png"\r\n\r\nPNG\r\n--b--\r\n'
    )
    (tmp_path / "bytes.eml").write_bytes(raw)
    assert import_path(target, tmp_path / "bytes.eml") == ImportSummary(imported=1)
    with read_session(engine) as session:
        [attachment] = session.exec(select(Attachment)).all()
        assert attachment.filename == "şı.png" and attachment.content_id == "ş@x"
        message = session.exec(select(Message)).one()
        assert (message.text, message.external_id, message.author) == ("şı", "<ÿş@x>", "şı")
