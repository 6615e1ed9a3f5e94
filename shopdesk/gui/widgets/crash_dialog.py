"""'Something went wrong': what happened, the log file, 'Open the log folder'; and the reporter showing it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shopdesk.crash_log import redact
from shopdesk.gui import theme
from shopdesk.gui.widgets.settings_style import STYLE as SETTINGS_STYLE

STYLE = SETTINGS_STYLE.replace("#settingsDialog", "#crashDialog") + (
    f"QLabel#crashSummary {{ background: {theme.PANE}; border: 1px solid {theme.BORDER}; border-radius: 6px;"
    " padding: 6px 8px; font-family: monospace; font-size: 12px; }"
)
SUMMARY_LIMIT = 300


def one_line(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """``ValueError: the first line of its message``, redacted and cut to a readable length."""
    message = str(exc).strip().splitlines()[0] if exc is not None and str(exc).strip() else ""
    text = redact(f"{exc_type.__name__}: {message}" if message else exc_type.__name__)
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


class CrashDialog(QDialog):
    """Tells the owner ShopDesk keeps running, what happened and where the log is."""

    def __init__(self, summary: str, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.repeats = 0
        self.setObjectName("crashDialog")
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(480)
        self.title = QLabel(objectName="pageTitle")
        self.intro = QLabel(objectName="hint", wordWrap=True)
        self.what_label = QLabel(objectName="fieldLabel")
        self.summary = QLabel(summary, objectName="crashSummary", wordWrap=True)
        self.log_label = QLabel(objectName="fieldLabel")
        self.log_path = QLabel(str(log_file), objectName="pathLabel", wordWrap=True)
        self.again = QLabel(objectName="hint", wordWrap=True)
        self.again.hide()
        for label in (self.summary, self.log_path):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setTextFormat(Qt.TextFormat.PlainText)  # an exception message is never markup
        self.open_folder_button = QPushButton(objectName="secondaryButton")
        self.close_button = QPushButton(objectName="primaryButton", default=True)
        self.open_folder_button.clicked.connect(self.open_log_folder)
        self.close_button.clicked.connect(self.accept)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(6)
        for widget in (self.title, self.intro):
            layout.addWidget(widget)
        layout.addSpacing(6)
        for widget in (self.what_label, self.summary, self.again, self.log_label, self.log_path):
            layout.addWidget(widget)
        layout.addSpacing(10)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Something went wrong"))
        self.title.setText(self.tr("Something went wrong"))
        self.intro.setText(self.tr("ShopDesk keeps running. What happened is written to the log file below."))
        self.what_label.setText(self.tr("What happened"))
        self.log_label.setText(self.tr("Log file"))
        self.again.setText(self.tr("More errors since then: %1").replace("%1", str(self.repeats)))
        self.open_folder_button.setText(self.tr("Open the log folder"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def count_another(self) -> None:
        """Another crash while this dialog is open: count it rather than open a second dialog."""
        self.repeats += 1
        self.again.setText(self.tr("More errors since then: %1").replace("%1", str(self.repeats)))
        self.again.show()

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))


class CrashReporter(QObject):
    """Takes the crash listener's call from any thread and shows one CrashDialog on the GUI thread.

    Register it with ``set_crash_listener(reporter.on_crash)``; create it on the GUI thread.
    """

    _crashed = Signal(str)

    def __init__(self, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog_parent = parent
        self.dialog: CrashDialog | None = None
        # Queued even from the GUI thread: the dialog opens from the event loop, never inside the hook.
        self._crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def on_crash(self, exc_type: type[BaseException], exc: BaseException | None, tb=None) -> None:
        """The crash listener: safe to call from any thread."""
        self._crashed.emit(one_line(exc_type, exc))

    def _show(self, summary: str) -> None:
        if self.dialog is not None:
            self.dialog.count_another()
            return
        self.dialog = CrashDialog(summary, self.log_file, self.dialog_parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._closed)
        self.dialog.show()
        self.dialog.raise_()

    def _closed(self) -> None:
        self.dialog = None
