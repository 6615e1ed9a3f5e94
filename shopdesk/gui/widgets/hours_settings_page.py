"""The settings page of business hours and auto-replies: the week, holidays, what is sent when, the texts."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import QEvent, QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core.automation import WEEK, AutomationSettings

CHANNELS = ("email", "telegram", "webchat")
TEXTS = ("away_tr", "away_en", "acknowledge_tr", "acknowledge_en")


class HoursSettingsPage(QWidget):
    """Edits a copy of the automation settings; ``values()`` gives them back, ValueError for bad holidays."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = AutomationSettings()
        self.title = QLabel(objectName="pageTitle")
        self.intro = QLabel(objectName="hint", wordWrap=True)
        self.days = {day: QCheckBox() for day in WEEK}
        self.opens = {day: QTimeEdit(displayFormat="HH:mm") for day in WEEK}
        self.closes = {day: QTimeEdit(displayFormat="HH:mm") for day in WEEK}
        self.holidays = QLineEdit(placeholderText="2026-12-31, 2027-01-01")
        self.away = QCheckBox()
        self.out_of_hours = {name: QCheckBox() for name in CHANNELS}
        self.acknowledge = {name: QCheckBox() for name in CHANNELS}
        self.once_per = QSpinBox(minimum=1, maximum=168)
        self.texts = {key: QLineEdit() for key in TEXTS}
        self.labels = {
            key: QLabel(objectName="fieldLabel")
            for key in ("week", "holidays", "out_of_hours", "acknowledge", "once_per", "texts")
        }
        self.text_labels = {key: QLabel() for key in TEXTS}
        self.hint = QLabel(objectName="hint", wordWrap=True)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.labels["week"])
        week = QGridLayout()
        week.setHorizontalSpacing(8)
        week.setVerticalSpacing(2)
        for row, day in enumerate(WEEK):
            week.addWidget(self.days[day], row, 0)
            week.addWidget(self.opens[day], row, 1)
            week.addWidget(QLabel("–"), row, 2)
            week.addWidget(self.closes[day], row, 3)
            self.days[day].toggled.connect(self._update_enabled)
        week.setColumnStretch(4, 1)
        layout.addLayout(week)
        layout.addWidget(self.away)
        form = QFormLayout()
        form.setVerticalSpacing(4)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # long Turkish labels go above
        form.addRow(self.labels["holidays"], self.holidays)
        for key, boxes in (("out_of_hours", self.out_of_hours), ("acknowledge", self.acknowledge)):
            row = QHBoxLayout()
            for box in boxes.values():
                row.addWidget(box)
            row.addStretch(1)
            form.addRow(self.labels[key], row)
        self.once_per.setMaximumWidth(140)
        form.addRow(self.labels["once_per"], self.once_per)
        layout.addLayout(form)
        layout.addWidget(self.labels["texts"])
        texts = QFormLayout()
        texts.setVerticalSpacing(4)
        for key in TEXTS:
            texts.addRow(self.text_labels[key], self.texts[key])
        texts.addRow("", self.hint)
        layout.addLayout(texts)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Hours & auto-replies"))
        self.intro.setText(
            self.tr(
                "When the shop is closed, customers get a short message saying so. ShopDesk never answers "
                "auto-replies, mailing lists or no-reply senders."
            )
        )
        self.labels["week"].setText(self.tr("Opening hours"))
        locale = QLocale()
        for n, day in enumerate(WEEK, 1):
            self.days[day].setText(locale.dayName(n, QLocale.FormatType.LongFormat))
        self.away.setText(self.tr("Away now (closed, whatever the hours say)"))
        self.labels["holidays"].setText(self.tr("Closed on"))
        self.holidays.setToolTip(self.tr("Dates the shop is closed, as YYYY-MM-DD, separated by commas."))
        self.labels["out_of_hours"].setText(self.tr("When closed, reply on"))
        self.labels["acknowledge"].setText(self.tr("Acknowledge new questions on"))
        names = {"email": self.tr("Email"), "telegram": "Telegram", "webchat": self.tr("Web chat")}
        for boxes in (self.out_of_hours, self.acknowledge):
            for name, box in boxes.items():
                box.setText(names[name])
        self.labels["once_per"].setText(self.tr("At most once a conversation in"))
        self.once_per.setSuffix(self.tr(" h"))
        self.labels["texts"].setText(self.tr("Texts"))
        self.text_labels["away_tr"].setText(self.tr("Closed (Turkish)"))
        self.text_labels["away_en"].setText(self.tr("Closed (English)"))
        self.text_labels["acknowledge_tr"].setText(self.tr("Acknowledgement (Turkish)"))
        self.text_labels["acknowledge_en"].setText(self.tr("Acknowledgement (English)"))
        self.hint.setText(
            self.tr(
                "{{contact.first_name}} and {{shop.name}} are filled in; one without a value is left out."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, settings: AutomationSettings) -> None:
        self._loaded = settings
        for day in WEEK:
            span = settings.hours.get(day)
            self.days[day].setChecked(bool(span))
            self.opens[day].setTime(QTime.fromString(span[0], "HH:mm") if span else QTime(9, 0))
            self.closes[day].setTime(QTime.fromString(span[1], "HH:mm") if span else QTime(18, 0))
        self.holidays.setText(", ".join(settings.holidays))
        self.away.setChecked(settings.away)
        for name in CHANNELS:
            self.out_of_hours[name].setChecked(settings.out_of_hours.get(name, False))
            self.acknowledge[name].setChecked(settings.acknowledge.get(name, False))
        self.once_per.setValue(settings.once_per_hours)
        for key in TEXTS:
            self.texts[key].setText(getattr(settings, key))
            self.texts[key].setCursorPosition(0)
        self._update_enabled()

    def values(self) -> AutomationSettings:
        """The settings as the page shows them; raises ValueError naming a holiday that is not a date."""
        holidays = []
        for part in filter(None, (p.strip() for p in self.holidays.text().split(","))):
            try:
                holidays.append(date.fromisoformat(part).isoformat())
            except ValueError:
                raise ValueError(
                    self.tr("“%1” is not a date: write it as 2026-12-31.").replace("%1", part)
                ) from None
        defaults = AutomationSettings()
        hours = {
            day: [self.opens[day].time().toString("HH:mm"), self.closes[day].time().toString("HH:mm")]
            for day in WEEK
            if self.days[day].isChecked()
        }
        return dataclasses.replace(
            self._loaded,
            hours=hours,
            holidays=sorted(set(holidays)),
            away=self.away.isChecked(),
            out_of_hours={
                **self._loaded.out_of_hours,
                **{n: b.isChecked() for n, b in self.out_of_hours.items()},
            },
            acknowledge={
                **self._loaded.acknowledge,
                **{n: b.isChecked() for n, b in self.acknowledge.items()},
            },
            once_per_hours=self.once_per.value(),
            **{key: self.texts[key].text().strip() or getattr(defaults, key) for key in TEXTS},
        )

    def _update_enabled(self) -> None:
        for day in WEEK:
            on = self.days[day].isChecked()
            self.opens[day].setEnabled(on)
            self.closes[day].setEnabled(on)
