"""The import progress bar follows ImportProgress events from the bus and hides once the import is done."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Signal

from shopdesk.channels.email.account import EmailAccount, add_account
from shopdesk.core.import_progress import ImportProgress, progress_publisher
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.import_progress import ImportProgressBar
from tests.helpers.memory_keyring import memory_keyring  # noqa: F401


def test_the_bar_shows_an_import_and_hides_when_it_is_done(qtbot, ctx, memory_keyring):  # noqa: F811
    account_id = add_account(ctx.engine, EmailAccount("info@lale.test", imap_host="i", smtp_host="s"), "pw")
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    bar = ImportProgressBar(ctx, bridge, tasks)
    qtbot.addWidget(bar)
    bar._hide_timer.setInterval(20)
    report = progress_publisher(ctx.publish)  # what EmailChannel(progress=...) calls, from its threads
    report(account_id, "INBOX", 1, 3)  # a handful of new mails: no bar
    assert bar.isHidden() and bar.label.text() == ""
    report(account_id, "INBOX", 200, 1000)
    number = QLocale().toString  # "1,000" in English, "1.000" in Turkish
    qtbot.waitUntil(lambda: bar.label.text() == f"Importing mail: 200 of {number(1000)}")
    assert bar.isVisibleTo(bar.parentWidget() or bar) and bar.bar.value() == 200
    assert bar.toolTip() == "info@lale.test"
    report(account_id, "Sent", 0, 100)
    qtbot.waitUntil(lambda: bar.label.text() == f"Importing mail: 200 of {number(1100)}")
    report(account_id, "INBOX", 1000, 1000)
    report(account_id, "Sent", 100, 100)
    qtbot.waitUntil(lambda: bar.label.text() == f"Mail imported: {number(1100)} message(s)")
    qtbot.waitUntil(bar.isHidden)
    bridge.close()
    tasks.shutdown()


class BridgeWithProgress(QObject):
    import_progress = Signal(object)


def test_events_from_the_bridge_are_used_when_it_carries_them(qtbot, ctx):
    signals = BridgeWithProgress()
    bar = ImportProgressBar(ctx, signals, None)
    qtbot.addWidget(bar)
    signals.import_progress.emit(ImportProgress("email", 99, "INBOX", 50, 500))
    assert bar.label.text() == "Importing mail: 50 of 500"
