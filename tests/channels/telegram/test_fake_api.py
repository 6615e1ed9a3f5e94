"""The fake Bot API's objects are the Bot API's: PTB parses every fixture with no field left unknown."""

from __future__ import annotations

import json
import urllib.request

import pytest
from telegram import Message, TelegramObject, Update

import shopdesk.channels.telegram  # noqa: F401  (PTB_TIMEDELTA, as the channel runs PTB)
from tests.helpers.telegram_api import TOKEN, FakeBotApi
from tests.helpers.telegram_env import ALI


def unknown_fields(obj, path="update") -> list[str]:
    """Every field PTB did not recognise (it keeps those in api_kwargs), anywhere in the object tree."""
    found = []
    if isinstance(obj, TelegramObject):
        found += [f"{path}.{key}" for key in obj.api_kwargs]
        for name in obj.to_dict(recursive=False):
            found += unknown_fields(getattr(obj, name, None), f"{path}.{name}")
    elif isinstance(obj, list | tuple):
        for index, value in enumerate(obj):
            found += unknown_fields(value, f"{path}[{index}]")
    return found


def every_kind(api: FakeBotApi) -> list[dict]:
    first = api.send_text(ALI, "Merhaba")
    bot_msg = api.bot_message(ALI, "Puanınız?", {"5": "rate:5"})
    return [
        first,
        api.send_text(ALI, "cevap", reply_to=bot_msg["message_id"]),
        api.send_photo(ALI, b"\xff\xd8photo", caption="renk"),
        api.send_document(ALI, b"%PDF", "fatura.pdf", "application/pdf"),
        api.send_voice(ALI, b"OggS"),
        api.send_audio(ALI, b"ID3"),
        api.send_video(ALI, b"mp4"),
        api.send_video_note(ALI, b"mp4"),
        api.send_sticker(ALI),
        api.send_location(ALI, 41.0, 29.0),
        api.send_contact(ALI),
        api.edit_text(ALI, first["message"]["message_id"], "Merhaba!"),
        api.press_button(ALI, bot_msg["message_id"], "rate:5"),
        api.block_bot(ALI),
    ]


def test_every_update_parses_as_ptb_objects_with_no_unknown_field(api):
    for update in every_kind(api):
        parsed = Update.de_json(json.loads(json.dumps(update)), None)
        assert parsed.update_id == update["update_id"]
        assert unknown_fields(parsed) == [], update


def call(api: FakeBotApi, method: str, token: str = TOKEN, **params) -> tuple[int, dict]:
    body = json.dumps(params).encode()
    request = urllib.request.Request(
        f"{api.api_url}/bot{token}/{method}", body, {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_get_updates_confirms_with_the_offset_and_long_polls(api):
    first, second = api.send_texts(ALI, ["bir", "iki"])
    status, body = call(api, "getUpdates")
    assert status == 200 and [u["update_id"] for u in body["result"]] == [
        first["update_id"],
        second["update_id"],
    ]
    _, body = call(api, "getUpdates", offset=second["update_id"])
    assert [u["update_id"] for u in body["result"]] == [second["update_id"]]  # the first is gone for good
    _, body = call(api, "getUpdates", offset=second["update_id"] + 1, timeout=0)
    assert body == {"ok": True, "result": []}
    _, body = call(api, "getUpdates", offset=first["update_id"])
    assert body["result"] == []  # confirmed updates never come back


def test_errors_are_shaped_like_the_bot_apis(api):
    api.fail("sendMessage", 429, retry_after=3)
    assert call(api, "sendMessage", chat_id=ALI.id, text="x") == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        },
    )
    assert call(api, "getMe", token="1:wrong")[1] == {
        "ok": False,
        "error_code": 401,
        "description": "Unauthorized",
    }
    api.conflict = True
    assert call(api, "getUpdates")[1]["description"].startswith("Conflict: terminated by other getUpdates")
    status, body = call(api, "sendMessage", chat_id=ALI.id, text="x")
    assert status == 200 and Message.de_json(body["result"], None).text == "x"


@pytest.mark.parametrize("method", ["getme", "GETME", "getMe"])
def test_methods_are_case_insensitive(api, method):
    assert call(api, method)[1]["result"]["username"] == "shopdesk_test_bot"
