"""Fixtures of the email channel tests: the real Dovecot and SMTP servers, and an in-memory keyring."""

from tests.helpers.dovecot import dovecot_server, mail_user
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.smtp_server import smtp_server

__all__ = ["dovecot_server", "mail_user", "memory_keyring", "smtp_server"]
