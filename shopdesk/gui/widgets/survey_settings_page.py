"""The settings page of satisfaction follow-ups: channels, scale, timing, rules and the texts (TR and EN)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core.surveys import SurveySettings

CHANNELS = ("email", "telegram", "webchat")


class SurveySettingsPage(QWidget):
    """Edits a copy of the survey settings; ``values()`` gives them back for saving."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = SurveySettings()
        self.title = QLabel(objectName="pageTitle")
        self.intro = QLabel(objectName="hint", wordWrap=True)
        self.channel_boxes = {name: QCheckBox() for name in CHANNELS}
        self.scale = QComboBox()
        self.delay = QSpinBox(minimum=0, maximum=24 * 60, singleStep=15)
        self.once_per = QSpinBox(minimum=0, maximum=365)
        self.answer_days = QSpinBox(minimum=1, maximum=60)
        self.only_after_reply = QCheckBox()
        self.question_tr, self.question_en = QLineEdit(), QLineEdit()
        self.thanks_tr, self.thanks_en = QLineEdit(), QLineEdit()
        self.labels = {key: QLabel(objectName="fieldLabel") for key in ("channels", "scale", "when", "texts")}
        self.hints = {key: QLabel(objectName="hint", wordWrap=True) for key in ("when", "texts")}
        self.row_labels = {
            key: QLabel()
            for key in (
                "delay",
                "once_per",
                "answer_days",
                "question_tr",
                "question_en",
                "thanks_tr",
                "thanks_en",
            )
        }
        self._build()
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.labels["channels"])
        channels = QHBoxLayout()
        for box in self.channel_boxes.values():
            channels.addWidget(box)
        channels.addStretch(1)
        layout.addLayout(channels)
        form = QFormLayout()
        form.setVerticalSpacing(4)
        form.addRow(self.labels["scale"], self.scale)
        form.addRow(self.row_labels["delay"], self.delay)
        form.addRow(self.row_labels["once_per"], self.once_per)
        form.addRow(self.row_labels["answer_days"], self.answer_days)
        form.addRow("", self.only_after_reply)
        form.addRow("", self.hints["when"])
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.labels["texts"])
        texts = QFormLayout()  # its own label column: the long timing labels leave the texts room
        texts.setVerticalSpacing(4)
        for key in ("question_tr", "question_en", "thanks_tr", "thanks_en"):
            texts.addRow(self.row_labels[key], getattr(self, key))
        texts.addRow("", self.hints["texts"])
        layout.addLayout(texts)
        layout.addStretch(1)
        for spin in (self.delay, self.once_per, self.answer_days):
            spin.setMaximumWidth(140)
        for box in self.channel_boxes.values():
            box.toggled.connect(self._update_enabled)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Satisfaction"))
        self.intro.setText(
            self.tr(
                "After you resolve a conversation, ShopDesk asks the customer how it went, on the channel "
                "they used. The answers show in the conversation and in Reports."
            )
        )
        self.labels["channels"].setText(self.tr("Ask on"))
        names = {"email": self.tr("Email"), "telegram": "Telegram", "webchat": self.tr("Web chat")}
        for name, box in self.channel_boxes.items():
            box.setText(names[name])
        index = max(self.scale.currentIndex(), 0)
        self.scale.clear()
        self.scale.addItem(self.tr("CSAT: a score from 1 to 5"), "csat")
        self.scale.addItem(self.tr("NPS: how likely to recommend, 0 to 10"), "nps")
        self.scale.setCurrentIndex(index)
        self.labels["scale"].setText(self.tr("Scale"))
        self.labels["texts"].setText(self.tr("Texts"))
        self.row_labels["delay"].setText(self.tr("Ask after"))
        self.delay.setSuffix(self.tr(" min"))
        self.row_labels["once_per"].setText(self.tr("At most once per customer in"))
        self.once_per.setSuffix(self.tr(" days"))
        self.row_labels["answer_days"].setText(self.tr("Answers are taken for"))
        self.answer_days.setSuffix(self.tr(" days"))
        self.only_after_reply.setText(self.tr("Only when I replied at least once"))
        self.hints["when"].setText(
            self.tr("Reopening the conversation before the question goes out cancels it.")
        )
        self.row_labels["question_tr"].setText(self.tr("Question (Turkish)"))
        self.row_labels["question_en"].setText(self.tr("Question (English)"))
        self.row_labels["thanks_tr"].setText(self.tr("Thank-you (Turkish)"))
        self.row_labels["thanks_en"].setText(self.tr("Thank-you (English)"))
        self.hints["texts"].setText(
            self.tr("Customers who write Turkish get the Turkish texts, everyone else the English ones.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, settings: SurveySettings) -> None:
        self._loaded = settings
        for name, box in self.channel_boxes.items():
            box.setChecked(settings.channels.get(name, False))
        self.scale.setCurrentIndex(max(self.scale.findData(settings.scale), 0))
        self.delay.setValue(settings.delay_minutes)
        self.once_per.setValue(settings.once_per_days)
        self.answer_days.setValue(settings.answer_days)
        self.only_after_reply.setChecked(settings.only_after_reply)
        for key in ("question_tr", "question_en", "thanks_tr", "thanks_en"):
            getattr(self, key).setText(getattr(settings, key))
            getattr(self, key).setCursorPosition(0)  # the start of the text, not its end
        self._update_enabled()

    def values(self) -> SurveySettings:
        """The settings as the page shows them; an emptied text falls back to the default one."""
        defaults = SurveySettings()
        texts = {
            key: getattr(self, key).text().strip() or getattr(defaults, key)
            for key in ("question_tr", "question_en", "thanks_tr", "thanks_en")
        }
        return dataclasses.replace(
            self._loaded,
            channels={**self._loaded.channels, **{n: b.isChecked() for n, b in self.channel_boxes.items()}},
            scale=self.scale.currentData() or "csat",
            delay_minutes=self.delay.value(),
            once_per_days=self.once_per.value(),
            answer_days=self.answer_days.value(),
            only_after_reply=self.only_after_reply.isChecked(),
            **texts,
        )

    def _update_enabled(self) -> None:
        on = any(box.isChecked() for box in self.channel_boxes.values())
        for widget in (self.scale, self.delay, self.once_per, self.answer_days, self.only_after_reply):
            widget.setEnabled(on)
