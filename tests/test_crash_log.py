"""The log file: written and rotated, secrets redacted, uncaught exceptions logged (frames, never locals)."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading

import pytest

from shopdesk.crash_log import LOG_FILE, install_crash_log, redact, set_crash_listener, uninstall_crash_log

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
log = logging.getLogger("shopdesk.test")
BODY = "Merhaba, siparişim 4711 nerede? Kargo ne zaman gelir?"  # a customer's message


@pytest.fixture
def log_file(tmp_path):
    hooks = (sys.excepthook, threading.excepthook)
    path = install_crash_log(tmp_path / "logs")
    yield path
    uninstall_crash_log()
    assert (sys.excepthook, threading.excepthook) == hooks


def flushed(path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_the_file_is_in_the_logs_folder_and_records_info(log_file, tmp_path):
    assert log_file == tmp_path / "logs" / LOG_FILE
    log.info("synced %d messages", 3)
    log.debug("too chatty")
    text = flushed(log_file)
    assert "INFO" in text and "shopdesk.test: synced 3 messages" in text
    assert "too chatty" not in text


def test_the_file_rotates_and_keeps_five(tmp_path):
    path = install_crash_log(tmp_path, max_bytes=2_000)
    try:
        for n in range(400):
            log.info("line %d %s", n, "x" * 40)
    finally:
        uninstall_crash_log()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [LOG_FILE, *(f"{LOG_FILE}.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 2_000 for p in tmp_path.iterdir())
    assert "line 399" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("message", "secret"),
    [
        (f"GET https://api.telegram.org/bot{TOKEN}/getMe failed", TOKEN),
        (f"bot token {TOKEN}", TOKEN),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "eyJhbGciOiJIUzI1NiJ9"),
        ("LOGIN deniz password=hunter2 refused", "hunter2"),
        ("relay says token=s3cr3t-relay&seq=4", "s3cr3t-relay"),
        ("{'password': 'hunter2'}", "hunter2"),
        ("imaps://deniz:hunter2@mail.example.com", "hunter2"),
    ],
)
def test_secrets_in_a_log_message_are_redacted(log_file, message, secret):
    log.warning("%s", message)
    text = flushed(log_file)
    assert secret not in text
    assert "‹redacted›" in text


def test_ordinary_text_is_left_alone():
    text = "at 12:30:45 the basic plan's tokenizer sent 3 messages"
    assert redact(text) == text


def test_a_secret_in_a_logged_exception_is_redacted(log_file):
    try:
        raise ConnectionError(f"https://api.telegram.org/bot{TOKEN}/getUpdates timed out")
    except ConnectionError:
        log.exception("polling failed")
    text = flushed(log_file)
    assert TOKEN not in text
    assert "getUpdates timed out" in text


def _parse_order(body: str) -> None:
    customer_text = body  # a local holding a message body: frames are logged, locals never
    raise ValueError(f"cannot parse message of {len(customer_text)} characters")


def _run_in_thread(target) -> None:
    thread = threading.Thread(target=target, name="imap-fetch")
    thread.start()
    thread.join()


def test_an_uncaught_exception_in_a_thread_is_logged_and_the_listener_called(log_file):
    calls = []
    set_crash_listener(lambda *args: calls.append((threading.current_thread().name, *args)))
    _run_in_thread(lambda: _parse_order(BODY))
    text = flushed(log_file)
    assert "uncaught exception in thread imap-fetch: ValueError" in text
    assert f"ValueError: cannot parse message of {len(BODY)} characters" in text
    assert "in _parse_order" in text  # the traceback's frames
    assert "siparişim" not in text  # the body was only a local variable
    [(thread_name, exc_type, exc, tb)] = calls
    assert (thread_name, exc_type) == ("imap-fetch", ValueError)
    assert isinstance(exc, ValueError) and tb is not None


def test_an_uncaught_exception_on_the_main_thread_goes_through_sys_excepthook(log_file):
    calls = []
    set_crash_listener(lambda exc_type, exc, tb: calls.append(exc_type))
    try:
        _parse_order(BODY)
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert calls == [ValueError]
    assert "uncaught exception: ValueError" in flushed(log_file)
    assert "Kargo" not in flushed(log_file)


def test_a_failing_listener_is_logged_not_raised(log_file):
    def broken(*_):
        raise RuntimeError("listener broke")

    set_crash_listener(broken)
    _run_in_thread(lambda: 1 / 0)
    text = flushed(log_file)
    assert "ZeroDivisionError" in text
    assert "the crash listener failed" in text


def test_system_exit_in_a_thread_is_not_a_crash(log_file):
    calls = []
    set_crash_listener(lambda *args: calls.append(args))
    _run_in_thread(lambda: sys.exit(0))
    assert calls == []


def test_the_crash_log_and_first_run_modules_import_without_pyside6():
    code = (
        "import sys, shopdesk.crash_log, shopdesk.first_run;"
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
