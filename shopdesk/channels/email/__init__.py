"""The email channel: robust MIME parsing, safe HTML, threading, mailbox import (IMAP/SMTP to come)."""
