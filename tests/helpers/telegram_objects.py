"""Bot API objects (User, Chat, Message, PhotoSize …) shaped as the Bot API documents them.

Field names and example values follow the Bot API's object tables and python-telegram-bot's own test data
(tests/_files/test_voice.py, test_audio.py, test_video.py, test_videonote.py, test_document.py,
test_sticker.py, test_contact.py, test_location.py, tests/test_callbackquery.py). tests/channels/telegram
checks every fixture by parsing it with PTB's ``Update.de_json`` and asserting no unknown field is left.
"""

from __future__ import annotations

import itertools
import secrets
import time
from dataclasses import dataclass

_file_numbers = itertools.count(1)


@dataclass(frozen=True)
class Customer:
    """A Telegram user writing to the bot from a private chat (private chat id == user id)."""

    id: int
    first_name: str
    last_name: str = ""
    username: str = ""
    language_code: str = ""

    def user(self) -> dict:
        user = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def chat(self) -> dict:
        chat = {"id": self.id, "first_name": self.first_name, "type": "private"}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass
class StoredFile:
    """A file the fake server can hand out with getFile and serve under /file/bot<token>/<path>."""

    file_id: str
    file_unique_id: str
    file_path: str
    size: int
    data: bytes | None  # None: too big to keep (only its size is known)

    def file_object(self) -> dict:
        """The Bot API's File object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }


def new_file(folder: str, extension: str, data: bytes | None, size: int | None = None) -> StoredFile:
    number = next(_file_numbers)
    return StoredFile(
        file_id=f"BQACAgIAAxkBAAI{secrets.token_hex(12)}",
        file_unique_id=f"AgAD{secrets.token_hex(4)}",
        file_path=f"{folder}/file_{number}.{extension}",
        size=len(data) if size is None else size,
        data=data,
    )


def photo_size(file: StoredFile, width: int, height: int) -> dict:
    return {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "file_size": file.size,
        "width": width,
        "height": height,
    }


def document(file: StoredFile, file_name: str, mime_type: str, thumbnail: dict | None = None) -> dict:
    obj = {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "file_name": file_name,
        "mime_type": mime_type,
        "file_size": file.size,
    }
    if thumbnail:
        obj["thumbnail"] = thumbnail
    return obj


def voice(file: StoredFile, duration: int = 3, mime_type: str = "audio/ogg") -> dict:
    return {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "duration": duration,
        "mime_type": mime_type,
        "file_size": file.size,
    }


def audio(
    file: StoredFile,
    *,
    duration: int = 3,
    performer: str = "Leandro Toledo",
    title: str = "Teste",
    file_name: str = "telegram.mp3",
    mime_type: str = "audio/mpeg",
) -> dict:
    return {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "duration": duration,
        "performer": performer,
        "title": title,
        "file_name": file_name,
        "mime_type": mime_type,
        "file_size": file.size,
    }


def video(
    file: StoredFile,
    thumbnail: dict,
    *,
    width: int = 360,
    height: int = 640,
    duration: int = 5,
    file_name: str = "telegram.mp4",
    mime_type: str = "video/mp4",
) -> dict:
    return {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "width": width,
        "height": height,
        "duration": duration,
        "thumbnail": thumbnail,
        "file_name": file_name,
        "mime_type": mime_type,
        "file_size": file.size,
    }


def video_note(file: StoredFile, thumbnail: dict, *, length: int = 240, duration: int = 3) -> dict:
    return {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "length": length,
        "duration": duration,
        "thumbnail": thumbnail,
        "file_size": file.size,
    }


def sticker(file: StoredFile, thumbnail: dict | None, *, emoji: str = "💪", set_name: str = "") -> dict:
    obj = {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": emoji,
        "file_size": file.size,
    }
    if thumbnail:
        obj["thumbnail"] = thumbnail
    if set_name:
        obj["set_name"] = set_name
    return obj


def location(latitude: float = -23.691288, longitude: float = -46.788279) -> dict:
    return {"latitude": latitude, "longitude": longitude}


def contact(
    phone_number: str = "+11234567890", first_name: str = "Leandro", last_name: str = "Toledo", user_id=23
) -> dict:
    obj = {"phone_number": phone_number, "first_name": first_name, "last_name": last_name}
    if user_id is not None:
        obj["user_id"] = user_id
    return obj


def message(message_id: int, chat: dict, sender: dict | None, **content) -> dict:
    """A Message: message_id, from, chat, date and the content fields given."""
    msg = {"message_id": message_id}
    if sender is not None:
        msg["from"] = sender
    msg.update({"chat": chat, "date": int(time.time())})
    msg.update({k: v for k, v in content.items() if v is not None})
    return msg


def callback_query(query_id: str, sender: dict, msg: dict, data: str) -> dict:
    return {
        "id": query_id,
        "from": sender,
        "message": msg,
        "chat_instance": str(-abs(hash((sender["id"], msg["chat"]["id"])))),
        "data": data,
    }


def chat_member_updated(chat: dict, sender: dict, bot_user: dict, old: str, new: str) -> dict:
    """A ChatMemberUpdated about the bot itself (my_chat_member): 'member' -> 'kicked' when blocked."""

    def member(status: str) -> dict:
        if status == "kicked":
            return {"status": "kicked", "user": bot_user, "until_date": 0}
        return {"status": status, "user": bot_user}

    return {
        "chat": chat,
        "from": sender,
        "date": int(time.time()),
        "old_chat_member": member(old),
        "new_chat_member": member(new),
    }
