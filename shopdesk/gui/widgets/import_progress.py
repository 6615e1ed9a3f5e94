"""A small progress bar for the status bar while a mailbox's first import runs; hidden otherwise."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from shopdesk.channels.email.account import get_account
from shopdesk.core.db import read_session
from shopdesk.core.import_progress import ImportProgress
from shopdesk.gui.bridge import BusSignal

MIN_TOTAL = 20  # a sync that brings a handful of new mails shows no bar
HIDE_AFTER_MS = 6000


class ImportProgressBar(QWidget):
    """Shows "Importing mail: 1,200 of 3,400" with a bar, fed by ImportProgress events.

    Connects to ``bridge.import_progress`` when the bridge has that signal, else to the bus directly.
    """

    def __init__(self, ctx, bridge, tasks, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runs: dict[tuple[int, str], tuple[int, int]] = {}
        self._addresses: dict[int, str] = {}
        self._finished = 0
        self.label = QLabel()
        self.bar = QProgressBar(textVisible=False, maximumWidth=140, maximumHeight=10)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self._hide_timer = QTimer(self, singleShot=True, interval=HIDE_AFTER_MS)
        self._hide_timer.timeout.connect(self._finish)
        signal = getattr(bridge, "import_progress", None)
        if signal is None:
            signal = BusSignal(ctx.bus, ImportProgress, self).event
        signal.connect(self.on_import_progress)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self._show()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def on_import_progress(self, event: ImportProgress) -> None:
        key = (event.account_id, event.folder)
        if key not in self._runs and (event.total < MIN_TOTAL or event.done >= event.total):
            return
        self._runs[key] = (event.done, event.total)
        self._hide_timer.stop()
        if self.running():
            self._show()
        else:
            self._finished = sum(total for _done, total in self._runs.values())
            self._show()
            self._hide_timer.start()

    def running(self) -> bool:
        return any(done < total for done, total in self._runs.values())

    def _show(self) -> None:
        if not self._runs:
            return
        done = sum(d for d, _t in self._runs.values())
        total = sum(t for _d, t in self._runs.values())
        if self.running():
            text = self.tr("Importing mail: %1 of %2")
            text = text.replace("%1", QLocale().toString(done)).replace("%2", QLocale().toString(total))
        else:
            text = self.tr("Mail imported: %Ln message(s)", "", self._finished)
        self.label.setText(text)
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(min(done, total))
        accounts = sorted({self._address(aid) for aid, _folder in self._runs})
        self.setToolTip(", ".join(accounts))
        self.show()

    def _finish(self) -> None:
        self._runs.clear()
        self.hide()

    def _address(self, account_id: int) -> str:
        if account_id not in self._addresses:
            with read_session(self._ctx.engine) as session:
                account = get_account(session, account_id)
            self._addresses[account_id] = account.address if account else ""
        return self._addresses[account_id]
