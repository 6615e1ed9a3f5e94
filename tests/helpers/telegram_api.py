"""A local HTTP server speaking the Telegram Bot API's JSON on a free loopback port, for the Telegram tests.

``FakeBotApi`` runs http.server in a thread: getMe, getUpdates (real long polling, offset confirms),
sendMessage, sendPhoto, sendDocument (multipart), getFile and /file/bot<token>/<path>,
answerCallbackQuery, editMessageReplyMarkup; on demand 429 (parameters.retry_after), 403, 409, 401 and
slow answers. ``send_*`` helpers enqueue customers' updates of each kind (see telegram_objects.py).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import defaultdict, deque

from tests.helpers import telegram_objects as tg
from tests.helpers.telegram_http import ApiError, Call, Handler, Params, Server
from tests.helpers.telegram_objects import Customer, StoredFile

TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"  # the Bot API docs' example token
DOWNLOAD_LIMIT = 20 * 1024 * 1024
UPLOAD_LIMIT = 50 * 1024 * 1024
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


class FakeBotApi:
    """One bot's side of the Bot API. Use as a context manager or call start()/stop()."""

    def __init__(self, token: str = TOKEN, *, first_name="ShopDesk Test Bot", username="shopdesk_test_bot"):
        self.token = token
        self.bot_user = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.port = 0
        self.calls: list[Call] = []
        self.files: dict[str, StoredFile] = {}
        self.blocked: set[int] = set()
        self.answered: set[str] = set()
        self.revoked = False
        self.conflict = False
        self._cond = threading.Condition()
        self._updates: deque[dict] = deque()
        self._next_update_id = 721_000_000 + secrets.randbelow(1000)
        self._message_ids: dict[int, int] = defaultdict(int)
        self._messages: dict[tuple[int, int], dict] = {}
        self._failures: dict[str, deque[list]] = defaultdict(deque)  # [calls to let through, error]
        self._delays: dict[str, deque[float]] = defaultdict(deque)
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False

    # --- running ---------------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """What --api-url takes: the server's root (PTB adds /bot<token> and /file/bot<token>)."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeBotApi:
        handler = type("BoundHandler", (Handler,), {"api": self})
        self._server = Server(("127.0.0.1", self.port), handler)
        self.port = self._server.server_address[1]
        self._stopping = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fake-bot-api", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the port (connections are refused until start() again, on the same port)."""
        if self._server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
        self._server = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- what tests set up -------------------------------------------------------------------------

    def fail(
        self, method: str, code: int, description: str | None = None, *, retry_after=None, times=1, after=0
    ) -> None:
        """Answer ``times`` calls of ``method`` with an error (429, retry_after …), ``after`` calls on."""
        with self._cond:
            queue = self._failures[method.lower()]
            for number in range(times):
                queue.append([after if number == 0 else 0, ApiError(code, description, retry_after)])

    def delay(self, method: str, seconds: float, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` only after ``seconds`` (the work is still done)."""
        with self._cond:
            self._delays[method.lower()].extend([seconds] * times)

    def calls_of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method.lower() == method.lower()]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        """Texts and captions of the messages the bot sent (successfully), in order."""
        with self._cond:
            msgs = [m for m in self._messages.values() if m.get("from", {}).get("id") == self.bot_user["id"]]
        return [m.get("text", m.get("caption", "")) for m in msgs if chat_id in (None, m["chat"]["id"])]

    def sent_messages(self) -> list[dict]:
        with self._cond:
            return [m for m in self._messages.values() if m.get("from", {}).get("id") == self.bot_user["id"]]

    def pending_updates(self) -> int:
        with self._cond:
            return len(self._updates)

    # --- customers' updates ----------------------------------------------------------------------

    def enqueue(self, **update_fields) -> dict:
        """Add an update (message=…, edited_message=…, callback_query=…) and wake a waiting getUpdates."""
        with self._cond:
            update = {"update_id": self._next_update_id, **update_fields}
            self._next_update_id += 1
            self._updates.append(update)
            self._cond.notify_all()
        return update

    def _message(self, customer: Customer, **content) -> dict:
        with self._cond:
            self._message_ids[customer.id] += 1
            msg = tg.message(self._message_ids[customer.id], customer.chat(), customer.user(), **content)
            self._messages[(customer.id, msg["message_id"])] = msg
        return msg

    def _add_file(self, folder: str, extension: str, data: bytes | None, size: int | None = None):
        stored = tg.new_file(folder, extension, data, size)
        with self._cond:
            self.files[stored.file_id] = stored
        return stored

    def send_text(self, customer: Customer, text: str, *, reply_to: int | None = None) -> dict:
        reply = self._messages.get((customer.id, reply_to)) if reply_to else None
        return self.enqueue(message=self._message(customer, text=text, reply_to_message=reply))

    def send_texts(self, customer: Customer, texts: list[str]) -> list[dict]:
        return [self.send_text(customer, text) for text in texts]

    def send_photo(self, customer: Customer, data: bytes, *, caption: str | None = None) -> dict:
        thumb = self._add_file("photos", "jpg", data[: max(len(data) // 8, 1)])
        middle = self._add_file("photos", "jpg", data[: max(len(data) // 2, 1)])
        full = self._add_file("photos", "jpg", data)
        sizes = [tg.photo_size(thumb, 90, 90), tg.photo_size(middle, 320, 320), tg.photo_size(full, 800, 800)]
        return self.enqueue(message=self._message(customer, photo=sizes, caption=caption))

    def send_document(
        self, customer, data: bytes | None, file_name: str, mime_type: str, *, caption=None, size=None
    ) -> dict:
        stored = self._add_file("documents", file_name.rpartition(".")[2] or "bin", data, size)
        doc = tg.document(stored, file_name, mime_type)
        return self.enqueue(message=self._message(customer, document=doc, caption=caption))

    def send_voice(self, customer: Customer, data: bytes, *, duration: int = 3) -> dict:
        stored = self._add_file("voice", "oga", data)
        return self.enqueue(message=self._message(customer, voice=tg.voice(stored, duration)))

    def send_audio(self, customer: Customer, data: bytes, **fields) -> dict:
        stored = self._add_file("music", "mp3", data)
        return self.enqueue(message=self._message(customer, audio=tg.audio(stored, **fields)))

    def send_video(self, customer: Customer, data: bytes, *, caption: str | None = None) -> dict:
        stored = self._add_file("videos", "mp4", data)
        thumb = tg.photo_size(self._add_file("thumbnails", "jpg", b"\xff\xd8thumb"), 180, 320)
        return self.enqueue(message=self._message(customer, video=tg.video(stored, thumb), caption=caption))

    def send_video_note(self, customer: Customer, data: bytes) -> dict:
        stored = self._add_file("video_notes", "mp4", data)
        thumb = tg.photo_size(self._add_file("thumbnails", "jpg", b"\xff\xd8thumb"), 240, 240)
        return self.enqueue(message=self._message(customer, video_note=tg.video_note(stored, thumb)))

    def send_sticker(self, customer: Customer, *, emoji: str = "💪", thumb: bytes | None = b"RIFFthumb"):
        stored = self._add_file("stickers", "webp", b"RIFF\x00\x00\x00\x00WEBPsticker")
        thumbnail = None
        if thumb is not None:
            thumbnail = tg.photo_size(self._add_file("thumbnails", "webp", thumb), 128, 128)
        sticker = tg.sticker(stored, thumbnail, emoji=emoji, set_name="ShopDeskTest")
        return self.enqueue(message=self._message(customer, sticker=sticker))

    def send_location(self, customer: Customer, latitude: float, longitude: float) -> dict:
        return self.enqueue(message=self._message(customer, location=tg.location(latitude, longitude)))

    def send_contact(self, customer: Customer, **fields) -> dict:
        return self.enqueue(message=self._message(customer, contact=tg.contact(**fields)))

    def edit_text(self, customer: Customer, message_id: int, text: str) -> dict:
        with self._cond:
            original = dict(self._messages[(customer.id, message_id)])
            original.update(text=text, edit_date=int(time.time()))
            self._messages[(customer.id, message_id)] = original
        return self.enqueue(edited_message=original)

    def bot_message(self, customer: Customer, text: str, buttons: dict[str, str] | None = None) -> dict:
        """A message the bot sent earlier (with inline buttons: label -> callback data)."""
        markup = {"inline_keyboard": [[{"text": k, "callback_data": v} for k, v in buttons.items()]]}
        with self._cond:
            self._message_ids[customer.id] += 1
            msg = tg.message(
                self._message_ids[customer.id],
                customer.chat(),
                self.bot_user,
                text=text,
                reply_markup=markup if buttons else None,
            )
            self._messages[(customer.id, msg["message_id"])] = msg
        return msg

    @property
    def next_update_id(self) -> int:
        with self._cond:
            return self._next_update_id

    def press_button(self, customer: Customer, message_id: int, data: str) -> dict:
        """The customer taps an inline button under the bot's message ``message_id``."""
        msg = self._messages[(customer.id, message_id)]
        query = tg.callback_query(str(secrets.randbits(60)), customer.user(), msg, data)
        return self.enqueue(callback_query=query)

    def block_bot(self, customer: Customer) -> dict:
        """The customer blocks the bot: sends to them get 403 and a my_chat_member update arrives."""
        with self._cond:
            self.blocked.add(customer.id)
        change = tg.chat_member_updated(customer.chat(), customer.user(), self.bot_user, "member", "kicked")
        return self.enqueue(my_chat_member=change)

    # --- the methods ------------------------------------------------------------------------------

    def handle(self, method: str, params: Params) -> object:
        key = method.lower()
        with self._cond:
            delay = self._delays[key].popleft() if self._delays[key] else 0
        if delay:
            time.sleep(delay)
        with self._cond:
            if self.revoked:
                raise ApiError(401)
            if self._failures[key]:
                head = self._failures[key][0]
                if head[0] > 0:
                    head[0] -= 1
                else:
                    raise self._failures[key].popleft()[1]
        if key == "getupdates":
            return self._get_updates(params)
        handler = getattr(self, f"_m_{key}", None)
        if handler is None:
            raise ApiError(404)
        with self._cond:
            return handler(params)

    def _get_updates(self, params: Params) -> list[dict]:
        offset, limit = params.int("offset", 0), min(max(params.int("limit", 100), 1), 100)
        deadline = time.monotonic() + params.int("timeout", 0)
        with self._cond:
            if self.conflict:
                raise ApiError(409)
            if offset < 0:
                while len(self._updates) > -offset:
                    self._updates.popleft()
            elif offset:
                while self._updates and self._updates[0]["update_id"] < offset:
                    self._updates.popleft()  # confirmed: gone for good
            while not self._updates and not self._stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return list(self._updates)[:limit]

    def _m_getme(self, params: Params) -> dict:
        return self.bot_user

    def _outgoing(self, params: Params, **content) -> dict:
        chat_id = params.int("chat_id")
        if chat_id in self.blocked:
            raise ApiError(403)
        reply = params.json("reply_parameters") or {}
        reply_id = reply.get("message_id") or params.int("reply_to_message_id")
        replied = self._messages.get((chat_id, reply_id)) if reply_id else None
        if reply_id and replied is None and not reply.get("allow_sending_without_reply"):
            raise ApiError(400, "Bad Request: message to be replied not found")
        self._message_ids[chat_id] += 1
        chat = {"id": chat_id, "first_name": "Customer", "type": "private"}
        markup = params.json("reply_markup")
        msg = tg.message(
            self._message_ids[chat_id], chat, self.bot_user, reply_to_message=replied, reply_markup=markup
        )
        msg.update({k: v for k, v in content.items() if v is not None})
        self._messages[(chat_id, msg["message_id"])] = msg
        return msg

    def _m_sendmessage(self, params: Params) -> dict:
        text = params.str("text", "")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > TEXT_LIMIT:
            raise ApiError(400, "Bad Request: message is too long")
        return self._outgoing(params, text=text)

    def _upload(self, params: Params, field_name: str, folder: str) -> tuple[StoredFile, str, str]:
        caption = params.str("caption")
        if caption and len(caption) > CAPTION_LIMIT:
            raise ApiError(400, "Bad Request: message caption is too long")
        if field_name not in params.files:
            raise ApiError(400, f"Bad Request: there is no {field_name} in the request")
        filename, content_type, data = params.files[field_name]
        if len(data) > UPLOAD_LIMIT:
            raise ApiError(413, "Request Entity Too Large")
        stored = tg.new_file(folder, filename.rpartition(".")[2] or "bin", data)
        self.files[stored.file_id] = stored
        return stored, filename, content_type

    def _m_sendphoto(self, params: Params) -> dict:
        stored, _name, _type = self._upload(params, "photo", "photos")
        sizes = [tg.photo_size(stored, 90, 90), tg.photo_size(stored, 800, 800)]
        return self._outgoing(params, photo=sizes, caption=params.str("caption"))

    def _m_senddocument(self, params: Params) -> dict:
        stored, name, content_type = self._upload(params, "document", "documents")
        doc = tg.document(stored, name, content_type)
        return self._outgoing(params, document=doc, caption=params.str("caption"))

    def _m_getfile(self, params: Params) -> dict:
        stored = self.files.get(params.str("file_id", ""))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if stored.size > DOWNLOAD_LIMIT:
            raise ApiError(400, "Bad Request: file is too big")
        return stored.file_object()

    def _m_answercallbackquery(self, params: Params) -> bool:
        query_id = params.str("callback_query_id", "")
        if query_id in self.answered:
            raise ApiError(
                400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
            )
        self.answered.add(query_id)
        return True

    def _m_editmessagereplymarkup(self, params: Params) -> dict:
        key = (params.int("chat_id"), params.int("message_id"))
        if key not in self._messages:
            raise ApiError(400, "Bad Request: message to edit not found")
        msg = dict(self._messages[key])
        markup = params.json("reply_markup")
        msg.pop("reply_markup", None)
        if markup and markup.get("inline_keyboard"):
            msg["reply_markup"] = markup
        msg["edit_date"] = int(time.time())
        self._messages[key] = msg
        return msg

    def download(self, file_path: str) -> bytes | None:
        with self._cond:
            for stored in self.files.values():
                if stored.file_path == file_path and stored.data is not None:
                    return stored.data
        return None

    def record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)


__all__ = ["TOKEN", "Call", "FakeBotApi"]
