"""Every kind of update arrives as the right message, with its media in the store, exactly once."""

from __future__ import annotations

import pytest
from sqlmodel import select

from shopdesk.channels.telegram.channel import TelegramAccountError
from shopdesk.core.db import read_session, write_session
from shopdesk.core.ingest import get_cursor
from shopdesk.core.models import ContactIdentity, Conversation
from tests.helpers.telegram_env import ALI, EMMA, attachments, eventually, messages

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
PDF = b"%PDF-1.4\n" + b"invoice " * 500


def only(engine):
    (message,) = messages(engine)
    return message


def test_text_message_with_the_customers_identity(engine, api, sync, blobs):
    update = api.send_text(ALI, "Merhaba, siparişim nerede?")
    summary = sync()
    message = only(engine)
    assert (message.direction, message.text) == ("incoming", "Merhaba, siparişim nerede?")
    assert message.natural_key == f"123456:update:{update['update_id']}"
    assert message.dedupe_key == message.external_id == f"123456:{ALI.id}:1"
    assert '"text":"Merhaba, siparişim nerede?"' in blobs.get(message.raw_ref).decode()  # raw update kept
    assert summary.new == 1
    with read_session(engine) as session:
        identity = session.exec(select(ContactIdentity)).one()
        conversation = session.get(Conversation, message.conversation_id)
        offset = get_cursor(session, account_id=conversation.account_id, key="offset")
    assert (identity.address, identity.display) == (str(ALI.id), "@aliyilmaz · tr")
    assert conversation.account_id is not None and conversation.unread_count == 1
    assert offset == str(update["update_id"] + 1)
    assert sync().new == 0 and len(messages(engine)) == 1  # confirmed updates are gone for good


def test_photo_keeps_the_largest_size_and_the_caption(engine, api, sync, blobs):
    api.send_photo(ALI, PHOTO, caption="Bu renk var mı?")
    sync()
    message = only(engine)
    (att,) = attachments(engine, message.id)
    assert message.text == "Bu renk var mı?"
    assert blobs.get(att.sha256) == PHOTO  # the 800x800 size, not a thumbnail
    assert (att.filename, att.mime_type, att.size) == (f"photo_{1}.jpg", "image/jpeg", len(PHOTO))


def test_photo_without_caption_gets_a_label(engine, api, sync):
    api.send_photo(ALI, PHOTO)
    sync()
    assert only(engine).text == "📷 Photo"


def test_document_with_its_name_and_type(engine, api, sync, blobs):
    api.send_document(ALI, PDF, "fatura.pdf", "application/pdf")
    sync()
    message = only(engine)
    (att,) = attachments(engine, message.id)
    assert message.text == "📎 fatura.pdf"
    assert (att.filename, att.mime_type, blobs.get(att.sha256)) == ("fatura.pdf", "application/pdf", PDF)


def test_voice_audio_video_and_video_note(engine, api, sync, blobs):
    api.send_voice(ALI, b"OggS voice", duration=7)
    api.send_audio(ALI, b"ID3 audio")
    api.send_video(ALI, b"\x00\x00\x00\x18ftypmp42 video")
    api.send_video_note(ALI, b"\x00\x00\x00\x18ftypmp42 round")
    sync()
    found = [
        (m.text, [(a.filename, a.mime_type, blobs.get(a.sha256)) for a in attachments(engine, m.id)])
        for m in messages(engine)
    ]
    assert found == [
        ("🎤 Voice message (0:07)", [("voice_1.oga", "audio/ogg", b"OggS voice")]),
        ("🎵 Leandro Toledo – Teste (0:03)", [("telegram.mp3", "audio/mpeg", b"ID3 audio")]),
        ("🎬 Video (0:05)", [("telegram.mp4", "video/mp4", b"\x00\x00\x00\x18ftypmp42 video")]),
        ("⏺ Video message (0:03)", [("video_note_4.mp4", "video/mp4", b"\x00\x00\x00\x18ftypmp42 round")]),
    ]


def test_sticker_is_its_emoji_and_thumbnail(engine, api, sync, blobs):
    api.send_sticker(ALI, emoji="😍", thumb=b"RIFF-thumb-WEBP")
    sync()
    message = only(engine)
    (att,) = attachments(engine, message.id)
    assert message.text == "😍"
    assert (att.filename, blobs.get(att.sha256)) == ("sticker_1.webp", b"RIFF-thumb-WEBP")


def test_location_with_an_openstreetmap_link(engine, api, sync):
    api.send_location(ALI, 41.008238, 28.978359)
    sync()
    assert only(engine).text == (
        "📍 Location: 41.008238, 28.978359\n"
        "https://www.openstreetmap.org/?mlat=41.008238&mlon=28.978359#map=17/41.008238/28.978359"
    )


def test_shared_contact(engine, api, sync):
    api.send_contact(ALI)
    sync()
    assert only(engine).text == "👤 Shared contact: Leandro Toledo, +11234567890"


def test_edited_message_updates_the_stored_one(engine, api, sync):
    first = api.send_text(ALI, "Kırmızı olanı istiyorum")
    api.send_text(ALI, "teşekkürler")
    sync()
    api.edit_text(ALI, first["message"]["message_id"], "Mavi olanı istiyorum")
    sync()
    edited, other = messages(engine)
    assert (edited.text, edited.edited) == ("Mavi olanı istiyorum", True)
    assert (other.text, other.edited) == ("teşekkürler", False)
    with read_session(engine) as session:
        assert session.get(Conversation, edited.conversation_id).preview == "teşekkürler"


def test_an_edit_in_the_same_batch_as_its_message(engine, api, sync):
    first = api.send_text(ALI, "saat 3te")
    api.edit_text(ALI, first["message"]["message_id"], "saat 4te")
    api.send_text(ALI, "olur mu?")
    sync()
    assert [(m.text, m.edited) for m in messages(engine)] == [("saat 4te", True), ("olur mu?", False)]
    with read_session(engine) as session:
        assert get_cursor(session, account_id=1, key="offset") == str(api.next_update_id)


def test_an_edit_of_a_message_never_received_is_kept_as_new(engine, api, sync):
    first = api.send_text(ALI, "eski")
    sync()
    with write_session(engine) as session:  # as if it had come before the bot was set up
        session.connection().exec_driver_sql("DELETE FROM message")
    api.edit_text(ALI, first["message"]["message_id"], "yeni")
    sync()
    message = only(engine)
    assert message.text == "yeni" and "edited" in message.parse_note


def test_large_file_becomes_a_note_not_a_loop(engine, api, sync):
    api.send_document(ALI, None, "katalog.zip", "application/zip", size=25 * 1024 * 1024)
    api.send_text(ALI, "gördünüz mü?")
    sync()
    big, after = messages(engine)
    assert attachments(engine, big.id) == []
    assert "katalog.zip (25.0 MB) is larger than the 20.0 MB that Telegram lets bots" in big.parse_note
    assert after.text == "gördünüz mü?"
    assert api.calls_of("getFile") == []  # the update's file_size said enough


def test_a_file_that_cannot_be_fetched_becomes_a_note(engine, api, sync):
    update = api.send_document(ALI, b"data", "gone.txt", "text/plain")
    api.files.clear()  # getFile answers 400 "invalid file_id"
    sync()
    message = only(engine)
    assert "gone.txt could not be downloaded from Telegram" in message.parse_note
    assert message.natural_key.endswith(str(update["update_id"]))


def test_unsupported_and_unreadable_updates_are_kept_with_a_note(engine, api, sync, blobs):
    api.enqueue(
        message={
            "message_id": 9,
            "from": EMMA.user(),
            "chat": EMMA.chat(),
            "date": 1,
            "dice": {"emoji": "🎲", "value": 6},
        }
    )
    api.enqueue(message={"message_id": 10, "date": 1})  # no chat: cannot be read
    api.send_text(EMMA, "still here")
    sync()
    dice, broken, text = messages(engine)
    assert "cannot show yet" in dice.text and "dice" in dice.parse_note
    assert "could not be read" in broken.parse_note and b'"message_id":10' in blobs.get(broken.raw_ref)
    assert text.text == "still here"


def test_callback_query_is_answered_and_recorded(engine, api, sync):
    api.send_text(ALI, "Memnun kaldınız mı?")
    sync()
    bot_message = api.bot_message(ALI, "Puanınız?", {"⭐⭐⭐⭐⭐": "rate:5"})
    update = api.press_button(ALI, bot_message["message_id"], "rate:5")
    sync()
    pressed = messages(engine)[-1]
    assert (pressed.direction, pressed.text) == ("system", "Button pressed: rate:5")
    assert pressed.conversation_id == messages(engine)[0].conversation_id
    assert update["callback_query"]["id"] in api.answered
    api.enqueue(callback_query=update["callback_query"])  # the same press again (a re-fetch)
    sync()
    assert len(messages(engine)) == 2  # answered again harmlessly (400 ignored), stored once


def test_start_gets_the_welcome_in_the_customers_language(engine, api, sync):
    api.send_text(ALI, "/start")
    api.send_text(EMMA, "/start")
    sync()
    sync()
    assert api.sent_texts(ALI.id) == [
        "Merhaba! Bize yazdığınız için teşekkürler. Sorunuzu buraya yazın, en kısa sürede yanıtlayalım."
    ]
    assert api.sent_texts(EMMA.id)[0].startswith("Hello! Thanks for writing to us.")
    bots = [m for m in messages(engine) if m.direction == "bot"]
    assert [m.author for m in bots] == ["@shopdesk_test_bot"] * 2


def test_blocking_the_bot_is_recorded(engine, api, sync):
    api.send_text(ALI, "bye")
    api.block_bot(ALI)
    sync()
    assert messages(engine)[-1].text.startswith("The customer blocked the bot")


def test_a_new_conversation_after_the_last_was_resolved(engine, api, sync):
    api.send_text(ALI, "ilk soru")
    sync()
    with write_session(engine) as session:
        session.connection().exec_driver_sql("UPDATE conversation SET status = 'resolved'")
    api.send_text(ALI, "yeni soru")
    sync()
    first, second = messages(engine)
    assert first.conversation_id != second.conversation_id


def test_a_download_failing_on_the_network_retries_the_whole_batch(engine, api, sync, blobs):
    api.send_text(ALI, "önce")
    api.send_photo(ALI, PHOTO)
    api.fail("getFile", 502, "Bad Gateway")
    with pytest.raises(TelegramAccountError, match="cannot be reached"):
        sync()
    assert messages(engine) == []  # the batch and its offset wait together
    sync()
    first, photo = messages(engine)
    assert (first.text, photo.text) == ("önce", "📷 Photo")
    assert blobs.get(attachments(engine, photo.id)[0].sha256) == PHOTO


def test_a_download_that_keeps_failing_becomes_a_note_and_the_loop_moves_on(engine, api, running):
    api.fail("getFile", 502, "Bad Gateway", times=50)
    api.send_photo(ALI, PHOTO)
    api.send_text(ALI, "sonra")
    run = running()
    eventually(lambda: len(messages(engine)) == 2, what="the loop to give up on the file")
    photo, after = messages(engine)
    assert "could not be downloaded from Telegram (Bad Gateway)" in photo.parse_note
    assert after.text == "sonra" and len(api.calls_of("getFile")) == 5
    run.wait_state(1, "connected")
