"""`shopdesk account add|list|remove` and `shopdesk sync --once`: a shop's set-up from a script."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from shopdesk.core.db import StoreError, read_session
from shopdesk.secrets import SecretStoreUnavailable

DEFAULT_PORTS = {
    "imap": {"ssl": 993, "starttls": 143, "none": 143},
    "smtp": {"ssl": 465, "starttls": 587, "none": 25},
}


def add_parsers(sub) -> None:
    """The `account` and `sync` commands on the main parser's subparsers."""
    account = sub.add_parser("account", help="add, list or remove email accounts and Telegram bots")
    verbs = account.add_subparsers(dest="verb", required=True)
    add = verbs.add_parser("add", help="add an account").add_subparsers(dest="kind", required=True)
    email = add.add_parser("email", help="an email account (IMAP + SMTP)")
    email.add_argument("--address", required=True)
    email.add_argument("--display-name")
    for proto in ("imap", "smtp"):
        email.add_argument(f"--{proto}-host", help="default: the provider's, known for the address's domain")
        email.add_argument(f"--{proto}-port", type=int, help="default: by the security chosen")
        email.add_argument(f"--{proto}-security", choices=("ssl", "starttls", "none"))
    email.add_argument("--user", help="the login name (default: the address)")
    email.add_argument(
        "--password-stdin", action="store_true", required=True, help="read the password from stdin"
    )
    email.add_argument(
        "--since-days", type=int, help="import mail of the last N days (default 30; 0: everything)"
    )
    telegram = add.add_parser("telegram", help="a Telegram bot (its token from @BotFather)")
    telegram.add_argument(
        "--token-stdin", action="store_true", required=True, help="read the bot token from stdin"
    )
    telegram.add_argument("--api-url", default="", help="a self-hosted Telegram Bot API server")
    webchat = add.add_parser("webchat", help="your own relay (shopdesk-relay) instead of the embedded one")
    webchat.add_argument(
        "--relay-url", required=True, help="where the relay is served, e.g. https://chat.shop.com"
    )
    webchat.add_argument(
        "--token-stdin", action="store_true", required=True, help="read the owner token from stdin"
    )
    verbs.add_parser("list", help="list the accounts")
    remove = verbs.add_parser("remove", help="remove an account (its conversations stay)")
    remove.add_argument("id", type=int)
    sync = sub.add_parser("sync", help="sync every account once and print what arrived")
    sync.add_argument("--once", action="store_true", required=True)


def run_account(data_dir: Path, args: argparse.Namespace) -> int:
    from shopdesk.core.db import make_engine, migrate
    from shopdesk.paths import DataPaths

    paths = DataPaths(data_dir)
    try:
        paths.ensure()
        engine = make_engine(paths.database_url)
        migrate(engine)
    except (StoreError, OSError) as exc:
        return _error(str(exc))
    try:
        if args.verb == "list":
            return _list(engine)
        if args.verb == "remove":
            return _remove(engine, args.id)
        adders = {"email": _add_email, "telegram": _add_telegram, "webchat": _add_webchat}
        return adders[args.kind](engine, args)
    except SecretStoreUnavailable as exc:
        return _error(str(exc))
    finally:
        engine.dispose()


def _add_email(engine, args) -> int:
    from shopdesk.channels.email.account import add_account, with_preset

    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        return _error("no password on standard input (--password-stdin).")
    account = with_preset(
        args.address,
        display_name=args.display_name,
        imap_host=args.imap_host,
        imap_security=args.imap_security,
        smtp_host=args.smtp_host,
        smtp_security=args.smtp_security,
        user=args.user,
    )
    for proto in ("imap", "smtp"):
        port = getattr(args, f"{proto}_port")
        if port is None and getattr(args, f"{proto}_security") is not None:
            port = DEFAULT_PORTS[proto][getattr(account, f"{proto}_security")]
        if port is not None:
            setattr(account, f"{proto}_port", port)
    if args.since_days is not None:
        account.since_days = args.since_days or None
    try:
        account.validate()
    except ValueError as exc:
        return _error(f"{exc}.")
    account_id = add_account(engine, account, password)
    print(f"account_id: {account_id}")
    print(
        f"email: {account.address} (IMAP {account.imap_host}:{account.imap_port} {account.imap_security}, "
        f"SMTP {account.smtp_host}:{account.smtp_port} {account.smtp_security})"
    )
    return 0


def _add_telegram(engine, args) -> int:
    from shopdesk.channels.telegram.account import TokenProblem, add_from_token

    token = sys.stdin.readline().strip()
    if not token:
        return _error("no bot token on standard input (--token-stdin).")
    try:
        account = add_from_token(engine, token, args.api_url)
    except (TokenProblem, ValueError) as exc:
        return _error(str(exc))
    print(f"account_id: {account.id}")
    print(f"telegram: {account.handle} ({account.name})")
    return 0


def _add_webchat(engine, args) -> int:
    from shopdesk.channels.webchat.account import RelayProblem, use_own_relay

    token = sys.stdin.readline().strip()
    if not token:
        return _error("no owner token on standard input (--token-stdin).")
    try:
        account_id = use_own_relay(engine, args.relay_url, token)
    except RelayProblem as exc:
        return _error(str(exc))
    print(f"account_id: {account_id}")
    print(f"webchat: {args.relay_url.strip().rstrip('/')} (restart ShopDesk to connect to it)")
    return 0


def _list(engine) -> int:
    from sqlmodel import select

    from shopdesk.core.models import ChannelAccount

    with read_session(engine) as session:
        rows = session.exec(select(ChannelAccount).order_by(ChannelAccount.id)).all()
    for row in rows:
        print(f"{row.id}\t{row.channel}\t{row.name}\t{'enabled' if row.enabled else 'disabled'}")
    return 0


def _remove(engine, account_id: int) -> int:
    from shopdesk.channels.email import account as email
    from shopdesk.channels.telegram import account as telegram
    from shopdesk.channels.webchat import account as webchat
    from shopdesk.core.models import ChannelAccount

    with read_session(engine) as session:
        row = session.get(ChannelAccount, account_id)
        channel = row.channel if row is not None else None
    removers = {
        email.CHANNEL: email.remove_account,
        telegram.CHANNEL: telegram.remove_account,
        webchat.CHANNEL: lambda engine, _id: webchat.use_embedded_relay(engine),
    }
    if channel not in removers:
        return _error(
            f"there is no email account or Telegram bot with id {account_id} (see: shopdesk account list)."
        )
    removers[channel](engine, account_id)
    if channel == webchat.CHANNEL:
        print("webchat: back to the relay inside ShopDesk; the conversations stay in the inbox")
    else:
        print(f"removed: {account_id} ({channel}); its conversations stay in the inbox")
    return 0


def run_sync_once(data_dir: Path) -> int:
    """Sync every enabled account once; exit 1 when any failed (each failure said on stderr)."""
    from shopdesk.channels.email.account import list_accounts
    from shopdesk.channels.email.channel import EmailAccountError, sync_once
    from shopdesk.channels.telegram.account import list_accounts as list_bots
    from shopdesk.channels.telegram.channel import TelegramAccountError
    from shopdesk.channels.telegram.channel import sync_once as sync_bot
    from shopdesk.context import open_context, shutdown

    try:
        ctx = open_context(data_dir)
    except (StoreError, OSError) as exc:
        return _error(str(exc))
    failed = 0
    try:
        with read_session(ctx.engine) as session:
            mailboxes = list_accounts(session, enabled_only=True)
            bots = list_bots(session, enabled_only=True)
        if not (mailboxes or bots):
            print("no accounts to sync (add one: shopdesk account add email|telegram …)")
        for mailbox in mailboxes:
            try:
                print(f"email {sync_once(ctx.engine, ctx.blobs, ctx.publish, mailbox).describe()}")
            except EmailAccountError as exc:
                failed += 1
                _error(str(exc))
        for bot in bots:
            try:
                summary = asyncio.run(sync_bot(ctx.engine, ctx.blobs, ctx.publish, bot))
                print(f"telegram {summary.describe()}")
            except TelegramAccountError as exc:
                failed += 1
                _error(str(exc))
    finally:
        shutdown(ctx)
    return 1 if failed else 0


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2
