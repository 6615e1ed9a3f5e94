"""Downloading a message's file with getFile: within the Bot API's limit, or a clear note instead."""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass

from telegram.error import BadRequest, InvalidToken, NetworkError

from shopdesk.channels.base import IncomingAttachment

log = logging.getLogger(__name__)
DOWNLOAD_LIMIT = 20 * 1024 * 1024  # Telegram's own Bot API (TelegramAccount.download_limit)
MAX_TRIES = 5  # downloads failing this often in a row become a note: the poll loop must move on
TOO_BIG = (
    "{name} ({size}) is larger than the {limit} that Telegram lets bots download, so it was not saved. "
    "Ask the customer to send it another way, or use your own Bot API server (Settings → Telegram → "
    "Advanced)."
)
NOT_DOWNLOADED = "{name} could not be downloaded from Telegram ({reason})."


@dataclass(frozen=True)
class FileRef:
    """A file a message refers to: the Bot API's file object, the name to save it under, its type."""

    file: dict
    name: str
    mime_type: str = ""


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


class MediaFetcher:
    """Fetches files for one bot; a file that keeps failing on the network becomes a note after MAX_TRIES."""

    def __init__(self, bot, *, limit: int = DOWNLOAD_LIMIT, timeout: float = 120.0) -> None:
        self.bot = bot
        self.limit = limit
        self.timeout = timeout
        self._failures: dict[str, int] = {}

    async def fetch(self, ref: FileRef) -> tuple[IncomingAttachment | None, str | None]:
        """(attachment, None) or (None, note). Raises NetworkError to retry the whole batch later."""
        size = int(ref.file.get("file_size") or 0)
        if size > self.limit:
            return None, TOO_BIG.format(name=ref.name, size=megabytes(size), limit=megabytes(self.limit))
        key = str(ref.file.get("file_unique_id") or ref.file.get("file_id"))
        found = None
        try:
            found = await self.bot.get_file(ref.file["file_id"], read_timeout=self.timeout)
            data = bytes(await found.download_as_bytearray(read_timeout=self.timeout))
        except InvalidToken:
            if found is None:
                raise  # getFile itself refused the token: the loop reports it
            return None, NOT_DOWNLOADED.format(name=ref.name, reason="the download link was not found")
        except BadRequest as exc:
            if "too big" in str(exc).lower():
                return None, TOO_BIG.format(name=ref.name, size=megabytes(size), limit=megabytes(self.limit))
            return None, NOT_DOWNLOADED.format(name=ref.name, reason=exc)
        except NetworkError as exc:
            self._failures[key] = self._failures.get(key, 0) + 1
            if self._failures[key] < MAX_TRIES:
                raise
            log.warning("giving up on file %s after %s tries: %s", key, MAX_TRIES, exc)
            return None, NOT_DOWNLOADED.format(name=ref.name, reason=exc)
        self._failures.pop(key, None)
        name = _with_extension(ref.name, found.file_path or "")
        mime = ref.mime_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        return IncomingAttachment(filename=name, mime_type=mime, data=data), None


def _with_extension(name: str, file_path: str) -> str:
    """Names we made up ("photo_12") take the extension of the file Telegram serves."""
    if "." in name.rpartition("/")[2]:
        return name
    extension = file_path.rpartition("/")[2].rpartition(".")[2] if "." in file_path.rpartition("/")[2] else ""
    return f"{name}.{extension}" if extension else name
