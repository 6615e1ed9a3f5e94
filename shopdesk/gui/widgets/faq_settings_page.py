"""The settings page of the FAQ bot: channels, how sure it must be, its texts, and a box to try a question."""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import canned
from shopdesk.core.db import read_session
from shopdesk.core.faq import FaqMatch, in_language, wants_person
from shopdesk.core.faq_bot import FaqSettings, matcher
from shopdesk.core.text import looks_turkish
from shopdesk.gui import theme

CHANNELS = ("telegram", "webchat", "email")
TEXTS = ("person_tr", "person_en", "handover_tr", "handover_en")
CANDIDATES = 3
DEBOUNCE_MS = 250  # the box answers once the owner pauses typing, not on every key

STYLE = f"""
#faqTestBox {{ background: {theme.PANE}; border: 1px solid {theme.BORDER}; border-radius: 8px; }}
QLabel#faqScore {{ font-weight: 600; color: {theme.MUTED}; }}
QLabel#faqScore[reaches="true"] {{ color: {theme.SUCCESS}; }}
QLabel#faqQuestion {{ color: {theme.MUTED}; font-size: 12px; }}
QLabel#faqVerdict {{ border-radius: 6px; padding: 6px 8px; background: {theme.INCOMING}; }}
QLabel#faqVerdict[verdict="answer"] {{ background: #dcfce7; color: #166534; }}
QLabel#faqVerdict[verdict="person"] {{ background: {theme.ACCENT_SOFT}; color: #1e3a8a; }}
"""


class FaqSettingsPage(QWidget):
    """Edits a copy of the FAQ bot's settings; the test box reads the FAQ set as stored, in the background."""

    def __init__(self, engine, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.tasks = engine, tasks
        self._loaded = FaqSettings()
        self._asked = ""
        self._found: list[FaqMatch] = []
        self._titles: dict[int, str] = {}
        self.setStyleSheet(STYLE)
        self.title = QLabel(objectName="pageTitle")
        self.intro = QLabel(objectName="hint", wordWrap=True)
        self.channel_boxes = {name: QCheckBox() for name in CHANNELS}
        self.channel_hints = {name: QLabel(objectName="hint", wordWrap=True) for name in ("webchat", "email")}
        self.threshold = QSlider(Qt.Orientation.Horizontal, minimum=20, maximum=100, pageStep=5)
        self.texts = {key: QLineEdit() for key in TEXTS}
        self.text_labels = {key: QLabel() for key in TEXTS}
        sections = ("channels", "threshold", "texts", "test")
        self.labels = {key: QLabel(objectName="fieldLabel") for key in sections}
        self.hints = {key: QLabel(objectName="hint", wordWrap=True) for key in ("threshold", "texts", "test")}
        self.question = QLineEdit()
        self.scores = [QLabel(objectName="faqScore") for _ in range(CANDIDATES)]
        self.candidates = [QLabel(wordWrap=True) for _ in range(CANDIDATES)]
        self.matched = [QLabel(objectName="faqQuestion", wordWrap=True) for _ in range(CANDIDATES)]
        self.verdict = QLabel(objectName="faqVerdict", wordWrap=True)
        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._build()
        self.retranslate()
        self._show_results()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.labels["channels"])
        for name, box in self.channel_boxes.items():
            layout.addWidget(box)
            if name in self.channel_hints:
                self.channel_hints[name].setContentsMargins(24, 0, 0, 2)  # under the box's text
                layout.addWidget(self.channel_hints[name])
        layout.addSpacing(6)
        layout.addWidget(self.labels["threshold"])
        self.threshold.setMaximumWidth(320)
        layout.addWidget(self.threshold)
        layout.addWidget(self.hints["threshold"])
        layout.addSpacing(6)
        layout.addWidget(self.labels["texts"])
        layout.addWidget(self.hints["texts"])
        texts = QFormLayout()
        texts.setVerticalSpacing(4)
        texts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # long Turkish labels go above
        for key in TEXTS:
            texts.addRow(self.text_labels[key], self.texts[key])
        layout.addLayout(texts)
        layout.addSpacing(10)
        layout.addWidget(self._test_box())
        layout.addStretch(1)
        self.threshold.valueChanged.connect(self._threshold_changed)
        self.question.textChanged.connect(lambda _: self.debounce.start())
        self.debounce.timeout.connect(self.try_question)

    def _test_box(self) -> QFrame:
        box = QFrame(objectName="faqTestBox")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(self.labels["test"])
        layout.addWidget(self.hints["test"])
        layout.addWidget(self.question)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(0)
        grid.setContentsMargins(0, 2, 0, 0)
        for n in range(CANDIDATES):
            self.scores[n].setMinimumWidth(44)
            self.scores[n].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.scores[n], 2 * n, 0)
            grid.addWidget(self.candidates[n], 2 * n, 1)
            grid.addWidget(self.matched[n], 2 * n + 1, 1)
            self.matched[n].setContentsMargins(0, 0, 0, 4)  # a little air between candidates
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addWidget(self.verdict)
        return box

    def retranslate(self) -> None:
        self.title.setText(self.tr("FAQ bot"))
        self.intro.setText(
            self.tr(
                "The bot answers customers' questions with your FAQ replies: the canned replies marked "
                "“Answer as FAQ”, each with example questions. Under every answer there is a button to talk "
                "to a person."
            )
        )
        self.labels["channels"].setText(self.tr("Answer on"))
        names = {"telegram": "Telegram", "webchat": self.tr("Web chat"), "email": self.tr("Email")}
        for name, box in self.channel_boxes.items():
            box.setText(names[name])
        self.channel_hints["webchat"].setText(
            self.tr("Answered by the relay, even while your laptop is closed.")
        )
        self.channel_hints["email"].setText(
            self.tr("Off unless you turn it on: email customers usually expect a person to write back.")
        )
        self.hints["threshold"].setText(
            self.tr(
                "Higher: the bot answers less often, but more surely right. Lower: it answers more, "
                "and sometimes wrongly."
            )
        )
        self.labels["texts"].setText(self.tr("Talk to a person"))
        self.text_labels["person_tr"].setText(self.tr("Button (Turkish)"))
        self.text_labels["person_en"].setText(self.tr("Button (English)"))
        self.text_labels["handover_tr"].setText(self.tr("Hand-over message (Turkish)"))
        self.text_labels["handover_en"].setText(self.tr("Hand-over message (English)"))
        self.hints["texts"].setText(
            self.tr(
                "The button sits under every answer the bot sends. Pressing it, or writing words like "
                "“temsilci” or “agent”, hands the conversation to you: it comes back to the top of the "
                "inbox, unread, and the customer gets the hand-over message. Customers who write Turkish get "
                "the Turkish texts, everyone else the English ones."
            )
        )
        self.labels["test"].setText(self.tr("Test a question"))
        self.hints["test"].setText(
            self.tr(
                "Type what a customer might write. This tries the FAQ replies as saved, with the sureness "
                "set above; unsaved changes in Canned replies are not included."
            )
        )
        self.question.setPlaceholderText(self.tr("When will my order arrive?"))
        self._threshold_changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, settings: FaqSettings) -> None:
        self._loaded = settings
        for name, box in self.channel_boxes.items():
            box.setChecked(settings.channels.get(name, False))
        self.threshold.setValue(round(settings.threshold * 100))
        for key in TEXTS:
            self.texts[key].setText(getattr(settings, key))
            self.texts[key].setCursorPosition(0)  # the start of the text, not its end

    def values(self) -> FaqSettings:
        """The settings as the page shows them; an emptied text falls back to the default one."""
        defaults = FaqSettings()
        return dataclasses.replace(
            self._loaded,
            channels={**self._loaded.channels, **{n: b.isChecked() for n, b in self.channel_boxes.items()}},
            threshold=self.threshold.value() / 100,
            **{key: self.texts[key].text().strip() or getattr(defaults, key) for key in TEXTS},
        )

    def try_question(self) -> None:
        """Score the test question against the stored FAQ set, off the GUI thread.

        Scoring takes microseconds, but the first read after a FAQ changed builds the matcher again: half
        a second for 300 FAQs.
        """
        self.debounce.stop()
        asked = self.question.text().strip()
        if not asked:
            self._answered((asked, self._titles, []))
            return
        self.tasks.run_in_background(lambda: self._read(asked), on_done=self._answered)

    # -- internals ----------------------------------------------------------------------------------

    def _read(self, asked: str) -> tuple[str, dict[int, str], list[FaqMatch]]:
        with read_session(self.engine) as session:
            titles = {r.id: r.title for r in canned.list_canned(session) if r.is_faq}
            return asked, titles, matcher(session).scores(asked, CANDIDATES)

    def _answered(self, result: tuple[str, dict[int, str], list[FaqMatch]]) -> None:
        asked, titles, found = result
        if asked != self.question.text().strip():
            return  # the owner typed on: the read of the newer text is on its way
        self._asked, self._titles, self._found = asked, titles, found
        self._show_results()

    def _threshold_changed(self) -> None:
        self.labels["threshold"].setText(
            self.tr("How sure the bot must be: %1").replace("%1", self._percent(self.threshold.value()))
        )
        self._show_results()

    def _show_results(self) -> None:
        threshold = self.threshold.value()
        for n in range(CANDIDATES):
            found = self._found[n] if n < len(self._found) else None
            self.scores[n].setText(self._percent(_percent_of(found.score)) if found else "")
            _restyle(self.scores[n], "reaches", bool(found) and _percent_of(found.score) >= threshold)
            self.candidates[n].setText(self._titles.get(found.entry_id, "") if found else "")
            self.matched[n].setText(self.tr("matched “%1”").replace("%1", found.question) if found else "")
            for label in (self.scores[n], self.candidates[n], self.matched[n]):
                label.setVisible(found is not None)
        verdict, text = self._verdict(threshold)
        self.verdict.setText(text)
        _restyle(self.verdict, "verdict", verdict)
        self.verdict.setVisible(bool(self._asked))

    def _verdict(self, threshold: int) -> tuple[str, str]:
        """What the bot would do with the test question: ("answer" | "person" | "silent", the words)."""
        if wants_person(self._asked):
            return "person", self.tr("This asks for a person: the bot hands over.")
        if not self._titles:
            return "silent", self.tr(
                "There are no FAQ replies yet: in Canned replies, turn on “Answer as FAQ” for the replies "
                "the bot may send."
            )
        if not self._found:
            return "silent", self.tr("The bot would not answer: no FAQ reply shares words with this.")
        language = "tr" if looks_turkish(self._asked) else "en"  # as the bot weighs the customer's words
        chosen = in_language([m for m in self._found if _percent_of(m.score) >= threshold], language)
        if chosen is not None:
            title = self._titles.get(chosen.entry_id, "")
            return "answer", self.tr("The bot would answer with: “%1”").replace("%1", title)
        text = self.tr("The bot would not answer: the best match is below %1.")
        return "silent", text.replace("%1", self._percent(threshold))

    def _percent(self, value: int) -> str:
        return self.tr("%1 %").replace("%1", str(value))


def _percent_of(score: float) -> int:
    """A score in whole percent, rounded down, so a score shown as 55 % always reaches a 55 % threshold."""
    return math.floor(score * 100 + 1e-9)


def _restyle(label: QLabel, name: str, value: object) -> None:
    """Set a property the style sheet selects on, and apply it now."""
    label.setProperty(name, value)
    label.style().unpolish(label)
    label.style().polish(label)
