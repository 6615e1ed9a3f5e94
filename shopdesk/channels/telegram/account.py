"""Telegram bots: settings in ChannelAccount.settings_json, the token in the keyring, a getMe check."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.core.accounts import remove_channel_account, settings_json, stored_settings
from shopdesk.core.db import write_session
from shopdesk.core.models import ChannelAccount
from shopdesk.secrets import delete_secret, get_secret, set_secret

CHANNEL = "telegram"
OFFICIAL_API = "https://api.telegram.org"
TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
WELCOME_EN = "Hello! Thanks for writing to us. Send your question here and we will answer as soon as we can."
WELCOME_TR = "Merhaba! Bize yazdığınız için teşekkürler. Sorunuzu buraya yazın, en kısa sürede yanıtlayalım."


class TokenProblem(Exception):
    """A token that cannot be used, with a message meant for the owner (never containing the token)."""


@dataclass
class TelegramAccount:
    """One bot. ``api_url`` "" means Telegram's own Bot API; a self-hosted server lifts the file limits."""

    bot_id: int
    username: str
    name: str = ""
    api_url: str = ""
    welcome_en: str = WELCOME_EN
    welcome_tr: str = WELCOME_TR
    download_limit_mb: int = 0  # 0: what the server allows (20 MB at Telegram, 2,000 MB self-hosted)
    upload_limit_mb: int = 0  # 0: 50 MB at Telegram, 2,000 MB self-hosted
    id: int | None = None

    @property
    def root_url(self) -> str:
        return (self.api_url or OFFICIAL_API).rstrip("/")

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.root_url}/file/bot"

    @property
    def official(self) -> bool:
        return self.root_url == OFFICIAL_API

    @property
    def download_limit(self) -> int:
        return (self.download_limit_mb or (20 if self.official else 2000)) * 1024 * 1024

    @property
    def upload_limit(self) -> int:
        return (self.upload_limit_mb or (50 if self.official else 2000)) * 1024 * 1024

    @property
    def handle(self) -> str:
        return f"@{self.username}" if self.username else self.name or f"bot {self.bot_id}"

    def welcome_for(self, language_code: str | None) -> str:
        """The /start reply in the customer's language (Turkish for 'tr…', else English)."""
        turkish = (language_code or "").lower().startswith("tr")
        first, second = (self.welcome_tr, self.welcome_en) if turkish else (self.welcome_en, self.welcome_tr)
        return (first or second).strip()


@dataclass(frozen=True)
class BotIdentity:
    """What getMe says about a bot."""

    bot_id: int
    name: str
    username: str


def secret_key(account_id: int) -> str:
    return f"telegram:{account_id}"


def token_of(account_id: int) -> str | None:
    """The bot's token from the keyring (SecretStoreUnavailable when there is no keyring)."""
    return get_secret(secret_key(account_id))


def clean_token(token: str) -> str:
    """The pasted token without spaces; TokenProblem when it cannot be a bot token."""
    token = "".join(token.split())
    if not TOKEN_SHAPE.match(token):
        raise TokenProblem(
            "This does not look like a bot token. Copy it from @BotFather: it looks like "
            "123456789:AAH… (digits, a colon, then letters and digits)."
        )
    return token


def clean_api_url(api_url: str | None) -> str:
    api_url = (api_url or "").strip().rstrip("/")
    api_url = api_url.removesuffix("/bot")  # pasted as PTB's base_url: we add /bot and /file/bot
    if api_url and not re.match(r"^https?://[^/\s]+", api_url):
        raise TokenProblem(f"{api_url!r} is not a web address (it should start with https:// or http://).")
    return "" if api_url == OFFICIAL_API else api_url


async def check_token(token: str, api_url: str = "", *, timeout: float = 15.0) -> BotIdentity:
    """Ask getMe who the bot is; TokenProblem with an owner-readable message when that fails."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut
    from telegram.request import HTTPXRequest

    token, api_url = clean_token(token), clean_api_url(api_url)
    probe = TelegramAccount(0, "", api_url=api_url)
    request = HTTPXRequest(connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout)
    bot = Bot(token, base_url=probe.base_url, base_file_url=probe.base_file_url, request=request)
    try:
        me = await bot.get_me()
    except InvalidToken as exc:
        raise TokenProblem(
            "Telegram did not accept this token. It may be mistyped or revoked: copy it again from "
            "@BotFather (/mybots → your bot → API Token)."
        ) from exc
    except TimedOut as exc:
        raise TokenProblem(
            f"{probe.root_url} did not answer in time. Check the connection and try again."
        ) from exc
    except NetworkError as exc:
        raise TokenProblem(f"Could not reach {probe.root_url}: {_without(exc, token)}") from exc
    except TelegramError as exc:
        raise TokenProblem(f"Telegram refused the check: {_without(exc, token)}") from exc
    finally:
        await request.shutdown()
    return BotIdentity(me.id, me.full_name, me.username or "")


def _without(exc: Exception, token: str) -> str:
    return str(exc).replace(token, "<token>")


def check_token_blocking(token: str, api_url: str = "", *, timeout: float = 15.0) -> BotIdentity:
    """check_token for a thread without an event loop (the CLI, a GUI background task)."""
    return asyncio.run(check_token(token, api_url, timeout=timeout))


def _from_row(row: ChannelAccount) -> TelegramAccount:
    values = stored_settings(row, TelegramAccount)
    values.setdefault("bot_id", 0)
    values.setdefault("username", row.name.lstrip("@"))
    return TelegramAccount(**values, id=row.id)


def add_account(engine: Engine, account: TelegramAccount, token: str) -> int:
    """Store the bot and its token; the same bot added again keeps its account (and its offset)."""
    token = clean_token(token)
    account.api_url = clean_api_url(account.api_url)
    with write_session(engine) as session:
        row = next((r for r in _rows(session) if _from_row(r).bot_id == account.bot_id), None)
        if row is None:
            row = ChannelAccount(channel=CHANNEL, name=account.handle)
        row.name, row.settings_json, row.enabled = account.handle, settings_json(account), True
        session.add(row)
        session.flush()
        account.id = row.id
        set_secret(secret_key(row.id), token)  # raises inside the transaction: the row is rolled back
    return account.id


def add_from_token(engine: Engine, token: str, api_url: str = "", **settings) -> TelegramAccount:
    """``shopdesk account add telegram``: check the token with getMe, then store the bot (blocking)."""
    identity = check_token_blocking(token, api_url)
    account = TelegramAccount(identity.bot_id, identity.username, identity.name, api_url=api_url, **settings)
    add_account(engine, account, token)
    return account


def update_account(engine: Engine, account: TelegramAccount, token: str | None = None) -> None:
    """Save edited settings (welcome texts, api_url) and a new token when given."""
    account.api_url = clean_api_url(account.api_url)
    with write_session(engine) as session:
        row = session.get(ChannelAccount, account.id)
        if row is None or row.channel != CHANNEL:
            raise LookupError(f"Telegram bot {account.id} does not exist")
        row.name, row.settings_json = account.handle, settings_json(account)
        session.add(row)
        if token is not None:
            set_secret(secret_key(account.id), clean_token(token))


def _rows(session: Session) -> list[ChannelAccount]:
    stmt = select(ChannelAccount).where(ChannelAccount.channel == CHANNEL).order_by(ChannelAccount.id)
    return list(session.exec(stmt))


def list_accounts(session: Session, *, enabled_only: bool = False) -> list[TelegramAccount]:
    return [_from_row(row) for row in _rows(session) if row.enabled or not enabled_only]


def get_account(session: Session, account_id: int) -> TelegramAccount | None:
    row = session.get(ChannelAccount, account_id)
    return _from_row(row) if row is not None and row.channel == CHANNEL else None


def remove_account(engine: Engine, account_id: int) -> None:
    """Forget the bot, its offset and its token; its conversations stay in the inbox."""
    try:
        remove_channel_account(engine, account_id, channel=CHANNEL)
    except LookupError:
        raise LookupError(f"Telegram bot {account_id} does not exist") from None
    delete_secret(secret_key(account_id))
