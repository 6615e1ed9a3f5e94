"""Composition root: builds the AppContext, starts the runtime, opens the window, shuts down in order."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from shopdesk import APP_ID, APP_NAME, __version__
from shopdesk.paths import DataPaths, resource

log = logging.getLogger(__name__)


def run_gui(data_dir: Path, *, demo: bool = False, quit_after_paint: bool = False) -> int:
    started = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from shopdesk.core.db import StoreError
    from shopdesk.gui.instance import InstanceLock, RaiseServer, ask_running_instance_to_raise

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationDomain(APP_ID)
    app.setWindowIcon(QIcon(str(resource("icons/shopdesk.png"))))
    app.setQuitOnLastWindowClosed(True)

    paths = DataPaths(data_dir)
    try:
        lock = InstanceLock(paths)
    except OSError as exc:
        return _fatal(QMessageBox, f"The data directory {data_dir} cannot be created: {exc.strerror or exc}.")
    if not lock.acquire():
        if ask_running_instance_to_raise(paths):
            print(f"{APP_NAME} is already running for {data_dir}; its window was brought to the front.")
            return 0
        return _fatal(QMessageBox, f"{APP_NAME} is already running for {data_dir}.")
    try:
        ctx = _open(paths, demo)
    except (StoreError, OSError) as exc:
        lock.release()
        return _fatal(QMessageBox, _describe(exc, data_dir))
    from shopdesk.crash_log import install_crash_log, set_crash_listener, uninstall_crash_log

    log_file = install_crash_log(paths.logs)  # uncaught errors from here on: logged, shown, survived

    from shopdesk.channels.setup import register_channels
    from shopdesk.context import shutdown, start_runtime
    from shopdesk.gui.i18n import choose_language, install_translators
    from shopdesk.gui.main_window import MainWindow
    from shopdesk.gui.widgets.crash_dialog import CrashReporter

    install_translators(app, choose_language(ctx.settings.language))
    register_channels(ctx)
    if demo:
        from shopdesk.demo import keep_story_replies_local

        keep_story_replies_local(ctx)
    ctx.loop.start()  # the loop only: the window may hand it work; the channels wait for the first paint
    window = MainWindow(ctx)
    # Connecting (and importing PTB, FastAPI, uvicorn on the loop's thread) competes with the window for
    # the interpreter: it starts once the window is on the screen.
    window.first_painted.connect(lambda: start_runtime(ctx))
    set_crash_listener(CrashReporter(log_file, window).on_crash)
    raiser = RaiseServer(paths, window)
    raiser.raise_requested.connect(window.bring_to_front)
    window.show()
    if not quit_after_paint:
        QTimer.singleShot(0, window.offer_first_run)  # once the event loop runs (and answers a second start)
    if quit_after_paint:
        window.first_painted.connect(
            lambda: (
                print(f"first_paint_seconds: {time.perf_counter() - started:.3f}"),
                QTimer.singleShot(0, app.quit),
            )
        )
    code = app.exec()
    set_crash_listener(None)
    window.close_down()
    shutdown(ctx)
    lock.release()
    uninstall_crash_log()
    return code


def _open(paths: DataPaths, demo: bool):
    from shopdesk.context import open_context

    ctx = open_context(paths.root)
    if demo:
        from shopdesk.demo import fill_demo_if_empty

        fill_demo_if_empty(ctx)
    return ctx


def _describe(exc: Exception, data_dir: Path) -> str:
    if isinstance(exc, OSError):
        return (
            f"ShopDesk cannot use the data directory {data_dir}: {exc.strerror or exc}. "
            "Check that it is writable and the disk is not full, or choose another with --data-dir."
        )
    return str(exc)


def _fatal(message_box, text: str) -> int:
    """The same clear text on stderr and, where there is a screen, in a dialog."""
    from PySide6.QtWidgets import QApplication

    print(f"error: {text}", file=sys.stderr)
    if QApplication.platformName() not in ("offscreen", "minimal"):
        message_box.critical(None, APP_NAME, text)
    return 2
