"""The crash dialog: a worker thread's crash shows one dialog on the GUI thread; it opens the log folder."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget

from shopdesk.crash_log import install_crash_log, set_crash_listener, uninstall_crash_log
from shopdesk.gui.widgets.crash_dialog import CrashDialog, CrashReporter, one_line

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture
def reporter(qtbot, tmp_path):
    log_file = install_crash_log(tmp_path / "logs")
    window = QWidget()
    qtbot.addWidget(window)
    reporter = CrashReporter(log_file, window)
    set_crash_listener(reporter.on_crash)
    yield reporter
    uninstall_crash_log()
    if reporter.dialog is not None:
        reporter.dialog.close()


def crash_in_thread(message: str) -> None:
    def work():
        raise RuntimeError(message)

    thread = threading.Thread(target=work, name="shopdesk-bg-1")
    thread.start()
    thread.join()


def test_a_crash_in_a_worker_thread_shows_one_dialog_on_the_gui_thread(qtbot, reporter, tmp_path):
    crash_in_thread("the IMAP fetcher broke")
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog.thread() is QApplication.instance().thread()  # built by the GUI thread, not the worker
    assert dialog.summary.text() == "RuntimeError: the IMAP fetcher broke"
    assert dialog.log_path.text() == str(tmp_path / "logs" / "shopdesk.log")
    assert dialog.title.text() == "Something went wrong"
    assert "keeps running" in dialog.intro.text()


def test_further_crashes_are_counted_in_the_same_dialog(qtbot, reporter):
    crash_in_thread("first")
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    first = reporter.dialog
    crash_in_thread("second")
    crash_in_thread("third")
    qtbot.waitUntil(lambda: first.repeats == 2)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]
    assert dialogs == [first]
    assert first.summary.text() == "RuntimeError: first"
    assert first.again.text() == "More errors since then: 2"


def test_after_close_the_next_crash_opens_a_new_dialog(qtbot, reporter):
    crash_in_thread("first")
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    reporter.dialog.close_button.click()
    assert reporter.dialog is None
    crash_in_thread("second")
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog.summary.text() == "RuntimeError: second"


def test_open_the_log_folder_opens_the_folder(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    dialog = CrashDialog("ValueError: x", tmp_path / "logs" / "shopdesk.log")
    qtbot.addWidget(dialog)
    dialog.open_folder_button.click()
    [url] = opened
    assert url.toLocalFile() == str(tmp_path / "logs")


def test_the_one_line_summary_is_short_redacted_and_first_line_only():
    assert one_line(KeyError, KeyError("id")) == "KeyError: 'id'"
    assert one_line(OSError, OSError()) == "OSError"
    assert TOKEN not in one_line(RuntimeError, RuntimeError(f"bot{TOKEN} refused\nsecond line"))
    assert "second line" not in one_line(RuntimeError, RuntimeError("first\nsecond line"))
    assert len(one_line(ValueError, ValueError("x" * 1000))) == 300
