"""Server settings of the common mail providers, looked up by the address's domain."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    provider: str
    imap_host: str
    imap_port: int
    imap_security: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    files_sent: bool  # the provider puts mail sent over SMTP into Sent itself
    note: str = ""


GMAIL = Preset(
    "Gmail",
    "imap.gmail.com",
    993,
    "ssl",
    "smtp.gmail.com",
    465,
    "ssl",
    True,
    "Gmail needs an app password: Google Account → Security → 2-Step Verification → App passwords. "
    "Your normal Google password will not work here.",
)
OUTLOOK = Preset(
    "Outlook",
    "outlook.office365.com",
    993,
    "ssl",
    "smtp-mail.outlook.com",
    587,
    "starttls",
    True,
    "Outlook, Hotmail and Live need an app password: account.microsoft.com → Security → Advanced "
    "security options → App passwords (two-step verification must be on).",
)
YANDEX = Preset(
    "Yandex",
    "imap.yandex.com",
    993,
    "ssl",
    "smtp.yandex.com",
    465,
    "ssl",
    False,
    "Yandex needs an app password (Yandex ID → Security → App passwords → Mail), and IMAP allowed in "
    "Mail → Settings → Email clients.",
)
YAHOO = Preset(
    "Yahoo",
    "imap.mail.yahoo.com",
    993,
    "ssl",
    "smtp.mail.yahoo.com",
    465,
    "ssl",
    False,
    "Yahoo needs an app password: Account info → Account security → Generate app password.",
)
ICLOUD = Preset(
    "iCloud",
    "imap.mail.me.com",
    993,
    "ssl",
    "smtp.mail.me.com",
    587,
    "starttls",
    False,
    "iCloud needs an app-specific password: appleid.apple.com → Sign-In and Security → "
    "App-Specific Passwords.",
)

BY_DOMAIN = {
    "gmail.com": GMAIL,
    "googlemail.com": GMAIL,
    "outlook.com": OUTLOOK,
    "outlook.com.tr": OUTLOOK,
    "hotmail.com": OUTLOOK,
    "hotmail.com.tr": OUTLOOK,
    "live.com": OUTLOOK,
    "msn.com": OUTLOOK,
    "yandex.com": YANDEX,
    "yandex.com.tr": YANDEX,
    "yandex.ru": YANDEX,
    "ya.ru": YANDEX,
    "yahoo.com": YAHOO,
    "icloud.com": ICLOUD,
    "me.com": ICLOUD,
    "mac.com": ICLOUD,
}


def domain_of(address: str) -> str:
    return address.strip().rpartition("@")[2].lower().rstrip(".")


def preset_for(address: str) -> Preset | None:
    """The provider's settings for ``address`` (by its domain), or None for an unknown provider."""
    return BY_DOMAIN.get(domain_of(address))
