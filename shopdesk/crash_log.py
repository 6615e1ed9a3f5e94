"""The log file in the data directory: rotating, secrets redacted, and every uncaught exception in it.

What goes in: log records at INFO and above, and for an uncaught exception its type, its message and the
traceback's frames (file, line, function, source line) — never local variables. So a message body never
reaches the log unless a caller puts it into a log call or an exception message: don't. Raise
``ValueError("cannot parse message 42")``, not ``ValueError(f"cannot parse {body!r}")``.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_FILE = "shopdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"
REDACTED = "‹redacted›"

CrashListener = Callable[[type[BaseException], BaseException, TracebackType | None], None]

_SECRET_NAME = r"\w*(?:password|passwd|pwd|token|secret|api[_-]?key)"
_PATTERNS = (
    # A Telegram bot token, alone or inside a Bot API URL (https://api.telegram.org/bot<token>/getMe).
    (re.compile(r"\d{3,}:[A-Za-z0-9_-]{30,}"), REDACTED),
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+"), rf"\1 {REDACTED}"),
    # password=…, token: …, "api_key": "…" (a quoted value goes with its quotes).
    (
        re.compile(rf"""(?i)\b({_SECRET_NAME})(['"]?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&,;'"]+)"""),
        rf"\1\2{REDACTED}",
    ),
    # user:password@ in a URL.
    (re.compile(r"(?<=://)([^/\s:@]+):[^/\s@]+@"), rf"\1:{REDACTED}@"),
)


def redact(text: str) -> str:
    """``text`` with anything that looks like a secret replaced by ‹redacted›."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Redacts the formatted message, the traceback text and the stack of every record it passes."""

    def __init__(self, formatter: logging.Formatter) -> None:
        super().__init__()
        self._formatter = formatter

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _CrashLog:
    """The installed handler and hooks; one per process, because sys.excepthook is one per process."""

    def __init__(self, handler: RotatingFileHandler) -> None:
        self.handler = handler
        self.listener: CrashListener | None = None
        self.previous_hooks = (sys.excepthook, threading.excepthook)
        self.log = logging.getLogger("shopdesk.crash")

    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report(exc_type, exc, tb, "uncaught exception")

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report(args.exc_type, args.exc_value, args.exc_traceback, f"uncaught exception in thread {name}")

    def report(self, exc_type, exc, tb, what: str) -> None:
        self.log.critical("%s: %s", what, exc_type.__name__, exc_info=(exc_type, exc, tb))
        if sys.stderr is not None:  # None in a windowed (frozen) app
            print(f"ShopDesk: {what} ({exc_type.__name__}); see {self.handler.baseFilename}", file=sys.stderr)
        listener = self.listener
        if listener is None:
            return
        try:
            listener(exc_type, exc, tb)
        except Exception:  # a failing listener must not loop back into the hook
            self.log.exception("the crash listener failed")


_installed: _CrashLog | None = None


def install_crash_log(
    logs_dir: Path, *, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT
) -> Path:
    """Log to ``logs_dir/shopdesk.log`` (rotating) and hook uncaught exceptions; returns the file's path.

    Calling it again replaces the earlier installation (its handler is closed).
    """
    global _installed
    uninstall_crash_log()
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_FILE
    handler = RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8")
    formatter = logging.Formatter(FORMAT)
    handler.setFormatter(formatter)
    handler.setLevel(logging.INFO)
    # On the handler, not the root logger: a logger's filters do not see records from its children.
    handler.addFilter(RedactSecrets(formatter))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    # httpx logs every request at INFO (Telegram's long polls: one line every few seconds, all day)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    _installed = _CrashLog(handler)
    sys.excepthook = _installed.excepthook
    threading.excepthook = _installed.threading_excepthook
    return path


def set_crash_listener(listener: CrashListener | None) -> None:
    """Call ``listener(exc_type, exc, tb)`` after each uncaught exception is logged, from the thread it
    happened on (None stops it). Does nothing before install_crash_log."""
    if _installed is not None:
        _installed.listener = listener


def uninstall_crash_log() -> None:
    """Restore the previous hooks and close the log file (shutdown and tests)."""
    global _installed
    if _installed is None:
        return
    sys.excepthook, threading.excepthook = _installed.previous_hooks
    logging.getLogger().removeHandler(_installed.handler)
    _installed.handler.close()
    _installed = None
