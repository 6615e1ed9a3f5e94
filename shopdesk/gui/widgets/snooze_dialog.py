"""A small dialog to pick the date and time a snoozed conversation comes back (the owner's local time)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QLocale
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout


class SnoozeDialog(QDialog):
    """``chosen()`` is the picked moment as an aware local datetime."""

    def __init__(self, initial: datetime, parent=None) -> None:
        super().__init__(parent)
        self.prompt = QLabel()
        self.when = QDateTimeEdit(calendarPopup=True)
        self.when.setDisplayFormat(QLocale().dateTimeFormat(QLocale.FormatType.ShortFormat))
        self.when.setMinimumWidth(240)
        self.when.setMinimumDateTime(QDateTime.currentDateTime())
        self.when.setDateTime(QDateTime(initial.replace(tzinfo=None)))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.when)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Snooze until"))
        self.prompt.setText(self.tr("Bring this conversation back on:"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def chosen(self) -> datetime:
        return self.when.dateTime().toPython().astimezone()
