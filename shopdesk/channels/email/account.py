"""Email accounts: settings in ChannelAccount.settings_json, password in the keyring, a connection test."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.channels.email.presets import preset_for
from shopdesk.core.accounts import remove_channel_account, settings_json, stored_settings
from shopdesk.core.db import write_session
from shopdesk.core.models import ChannelAccount
from shopdesk.secrets import delete_secret, get_secret, set_secret

CHANNEL = "email"
SECURITY = ("ssl", "starttls", "none")
SINCE_CHOICES = (7, 30, 90, None)  # days; None imports everything
AUTH_FAILED = (
    "The account {address}: wrong user name or password — open Settings → Accounts and enter it again "
    "(Gmail/Outlook need an app password)."
)
NO_PASSWORD = "The account {address} has no password saved — open Settings → Accounts and enter it."


@dataclass
class EmailAccount:
    """One mailbox. ``user`` defaults to the address; ``sent_folder`` "" means found on the server."""

    address: str
    display_name: str = ""
    imap_host: str = ""
    imap_port: int = 993
    imap_security: str = "ssl"
    smtp_host: str = ""
    smtp_port: int = 465
    smtp_security: str = "ssl"
    user: str = ""
    since_days: int | None = 30
    folders: list[str] = field(default_factory=lambda: ["INBOX"])
    sent_folder: str = ""
    read_sent: bool = True
    provider_files_sent: bool = False
    id: int | None = None

    @property
    def login_user(self) -> str:
        return self.user or self.address

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2] or "localhost"

    def folders_to_check(self) -> list[str]:
        return [*self.folders, *([self.sent_folder] if self.sent_folder else [])]

    def validate(self) -> None:
        """Raise ValueError with an owner-readable message when a setting cannot work."""
        if "@" not in self.address:
            raise ValueError(f"{self.address!r} is not an email address")
        for name in ("imap_security", "smtp_security"):
            if getattr(self, name) not in SECURITY:
                raise ValueError(f"{name} must be one of {', '.join(SECURITY)}")
        if not self.imap_host or not self.smtp_host:
            raise ValueError("the IMAP and SMTP server names are needed")
        for name in ("imap_port", "smtp_port"):
            if not 0 < int(getattr(self, name)) < 65536:
                raise ValueError(f"{name} must be a port number (1-65535)")


def with_preset(address: str, **overrides) -> EmailAccount:
    """A new account for ``address``, servers filled from its provider's preset where one is known."""
    account = EmailAccount(address=address.strip())
    preset = preset_for(address)
    if preset is not None:
        account = replace(
            account,
            imap_host=preset.imap_host,
            imap_port=preset.imap_port,
            imap_security=preset.imap_security,
            smtp_host=preset.smtp_host,
            smtp_port=preset.smtp_port,
            smtp_security=preset.smtp_security,
            provider_files_sent=preset.files_sent,
        )
    return replace(account, **{k: v for k, v in overrides.items() if v is not None})


def secret_key(account_id: int) -> str:
    return f"email:{account_id}"


def password_of(account_id: int) -> str | None:
    """The account's password from the keyring (SecretStoreUnavailable when there is no keyring)."""
    return get_secret(secret_key(account_id))


def _from_row(row: ChannelAccount) -> EmailAccount:
    values = stored_settings(row, EmailAccount)
    values.setdefault("address", row.name)
    return EmailAccount(**values, id=row.id)


def add_account(engine: Engine, account: EmailAccount, password: str) -> int:
    """Store ``account`` and its password; nothing is stored when the keyring refuses the password."""
    account.validate()
    with write_session(engine) as session:
        row = ChannelAccount(channel=CHANNEL, name=account.address, settings_json=settings_json(account))
        session.add(row)
        session.flush()
        account.id = row.id
        set_secret(secret_key(row.id), password)  # raises inside the transaction: the row is rolled back
    return account.id


def update_account(engine: Engine, account: EmailAccount, password: str | None = None) -> None:
    """Save edited settings (and a new password when given)."""
    account.validate()
    with write_session(engine) as session:
        row = session.get(ChannelAccount, account.id)
        if row is None or row.channel != CHANNEL:
            raise LookupError(f"email account {account.id} does not exist")
        row.name = account.address
        row.settings_json = settings_json(account)
        session.add(row)
        if password is not None:
            set_secret(secret_key(account.id), password)


def list_accounts(session: Session, *, enabled_only: bool = False) -> list[EmailAccount]:
    stmt = select(ChannelAccount).where(ChannelAccount.channel == CHANNEL).order_by(ChannelAccount.id)
    if enabled_only:
        stmt = stmt.where(ChannelAccount.enabled)
    return [_from_row(row) for row in session.exec(stmt)]


def get_account(session: Session, account_id: int) -> EmailAccount | None:
    row = session.get(ChannelAccount, account_id)
    return _from_row(row) if row is not None and row.channel == CHANNEL else None


def remove_account(engine: Engine, account_id: int) -> None:
    """Forget the account, its sync positions and its password; its conversations stay in the inbox."""
    try:
        remove_channel_account(engine, account_id, channel=CHANNEL)
    except LookupError:
        raise LookupError(f"email account {account_id} does not exist") from None
    delete_secret(secret_key(account_id))


@dataclass(frozen=True)
class Problem:
    """What ``test_connection`` found wrong: service ('imap'/'smtp'), step and the server's own words.

    ``step`` is one of "lookup" (name lookup), "connect", "tls", "login", "folder"; ``message`` is an
    English sentence for logs and the command line (the GUI words its own from service and step).
    """

    service: str
    step: str
    detail: str
    message: str


def test_connection(account: EmailAccount, password: str, *, timeout: float = 15.0) -> list[Problem]:
    """Try IMAP (login, then each folder) and SMTP (login); an empty list means all is well."""
    from shopdesk.channels.email import connect

    problems = []
    for check in (connect.check_imap, connect.check_smtp):
        try:
            check(account, password, timeout=timeout)
        except connect.ConnectFailure as exc:
            problems.append(Problem(exc.service, exc.step, exc.detail, str(exc)))
    return problems


test_connection.__test__ = False  # not a pytest test, despite its name
