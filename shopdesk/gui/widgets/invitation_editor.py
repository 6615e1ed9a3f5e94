"""The editor of one proactive invitation rule: its conditions, its message in Turkish and English with a
preview bubble as the chat widget shows it, and the limits the widget applies."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import invitations
from shopdesk.core.invitations import Rule
from shopdesk.gui import theme
from shopdesk.gui.widgets.settings_style import STYLE as FORM_STYLE
from shopdesk.gui.widgets.visitor_section import plain_label

LANGUAGES = ("tr", "en")
RETURNING = (None, True, False)  # the "Visitor" choices, in their order
MAX_CART_VALUE = 10_000_000
BUBBLE_WIDTH, BUBBLE_PADDING = 280, 28  # the widget's bubble: at most this wide; padding and border
FIELDS = ("name", "url", "seconds", "cart", "returning", "referrer", "keyword")  # the form's rows

STYLE = (
    FORM_STYLE.replace("#settingsDialog", "#invitationEditor")
    + f"""
QFrame#bubblePane {{ background: {theme.PANE}; border: 1px solid {theme.BORDER}; border-radius: 8px; }}
#invitationEditor QSpinBox, #invitationEditor QDoubleSpinBox {{ min-height: 24px; }}
QLabel#bubbleSender {{ color: {theme.MUTED}; font-size: 11px; }}
QLabel#invitationBubble {{
    background: {theme.SURFACE}; color: {theme.TEXT}; border: 1px solid {theme.BORDER};
    border-radius: 14px; border-bottom-left-radius: 4px; padding: 8px 12px;
}}
"""
)


def limits_text() -> str:
    """The limits the chat widget applies to every rule (the editor's and the window's sentence)."""
    return QCoreApplication.translate(
        "InvitationEditor",
        "At most one invitation per visitor in 24 hours, never while a chat is going on, and only while "
        "your shop shows online unless “Also while the shop shows away” is ticked.",
    )


class InvitationEditor(QDialog):
    """Edits one rule; ``rule()`` gives it back, checked, after the owner pressed Save."""

    def __init__(self, rule: Rule, *, sender: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invitationEditor")
        self.setStyleSheet(STYLE)
        self._rule, self.sender_name = rule, sender
        self.name = QLineEdit(maxLength=invitations.MAX_NAME)
        self.enabled = QCheckBox()
        self.url = QLineEdit(maxLength=invitations.MAX_URL, placeholderText="*/urun/*")
        self.seconds = QSpinBox(minimum=0, maximum=invitations.MAX_SECONDS, singleStep=5)
        self.cart = QDoubleSpinBox(minimum=0, maximum=MAX_CART_VALUE, decimals=2, singleStep=50)
        self.returning = QComboBox()
        self.returning.addItems([""] * len(RETURNING))
        self.referrer = QLineEdit(maxLength=invitations.MAX_TEXT, placeholderText="google")
        self.keyword = QLineEdit(maxLength=invitations.MAX_TEXT, placeholderText="kılıf")
        self.message = {lang: QPlainTextEdit() for lang in LANGUAGES}
        self.counter = {lang: QLabel(objectName="hint") for lang in LANGUAGES}
        self.languages = QTabWidget()
        self.when_away = QCheckBox()
        self.sender_label = QLabel(objectName="bubbleSender")
        self.bubble = plain_label("invitationBubble")
        self.preview_note = QLabel(objectName="hint", wordWrap=True)
        self.limits = QLabel(objectName="hint", wordWrap=True)
        self.error = QLabel(objectName="errorLabel", wordWrap=True)
        self.labels = {key: QLabel() for key in FIELDS}
        self.labels |= {key: QLabel(objectName="fieldLabel") for key in ("messages", "preview")}
        # not wrapped (a wrapped label in a form row gets less height than it needs), never squeezed
        self.hints = {key: QLabel(objectName="hint") for key in ("url", "referrer", "keyword")}
        for hint in self.hints.values():
            hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        self._build()
        self.retranslate()
        self._load(rule)
        self.resize(780, 660)

    def _build(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for key, field in (("name", self.name), ("url", self.url)):
            form.addRow(self.labels[key], field)
        form.addRow("", self.hints["url"])
        for key, field in (("seconds", self.seconds), ("cart", self.cart), ("returning", self.returning)):
            field.setMinimumWidth(220)
            box = QHBoxLayout()
            box.addWidget(field)
            box.addStretch(1)
            form.addRow(self.labels[key], box)
        for key, field in (("referrer", self.referrer), ("keyword", self.keyword)):
            field.setMinimumWidth(220)
            box = QHBoxLayout()
            box.addWidget(field)
            box.addWidget(self.hints[key], 1)
            form.addRow(self.labels[key], box)
        for lang in LANGUAGES:
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(4, 4, 4, 4)
            self.message[lang].setMaximumHeight(150)  # a message of 500 characters at most
            page_layout.addWidget(self.message[lang], 1)
            self.counter[lang].setAlignment(Qt.AlignmentFlag.AlignRight)
            page_layout.addWidget(self.counter[lang])
            self.message[lang].textChanged.connect(self._update_preview)
            self.languages.addTab(page, "")
        self.languages.currentChanged.connect(self._update_preview)
        texts = QHBoxLayout()
        texts.addWidget(self.languages, 3)
        texts.addLayout(self._preview_box(), 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.labels["messages"])
        layout.addLayout(texts, 1)
        layout.addWidget(self.when_away)
        layout.addWidget(self.limits)
        layout.addWidget(self.error)
        layout.addWidget(self.button_box)

    def _preview_box(self) -> QVBoxLayout:
        pane = QFrame(objectName="bubblePane")
        inner = QVBoxLayout(pane)
        inner.setContentsMargins(12, 12, 12, 12)
        inner.addStretch(1)
        inner.addWidget(self.sender_label)
        row = QHBoxLayout()  # not an alignment flag: with one, the wrapped text loses its last lines
        row.addWidget(self.bubble)
        row.addStretch(1)
        inner.addLayout(row)
        box = QVBoxLayout()
        box.addWidget(self.labels["preview"])
        box.addWidget(pane, 1)
        box.addWidget(self.preview_note)
        return box

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Invitation"))
        self.enabled.setText(self.tr("Use this rule"))
        texts = {
            "name": self.tr("Name"),
            "url": self.tr("Page address"),
            "seconds": self.tr("Time on the page"),
            "cart": self.tr("Cart worth at least"),
            "returning": self.tr("Visitor"),
            "referrer": self.tr("Came from"),
            "keyword": self.tr("Searched for"),
            "messages": self.tr("The message, shown in your name"),
            "preview": self.tr("Preview"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.name.setPlaceholderText(self.tr("For you only, e.g. “Product page, 30 s”"))
        lines = (
            self.tr("* stands for any text; the pattern must fit the whole address. Empty: every page."),
            self.tr(
                "Examples: */urun/* every product page · */sepet* the cart · https://shop.example/ the home "
                "page only"
            ),
        )
        self.hints["url"].setText("\n".join(lines))
        self.seconds.setSuffix(self.tr(" s"))
        self.seconds.setSpecialValueText(self.tr("at once"))
        self.cart.setSpecialValueText(self.tr("no condition"))
        for i, text in enumerate(
            (self.tr("Anyone"), self.tr("Returning visitors only"), self.tr("First visit only"))
        ):
            self.returning.setItemText(i, text)
        self.hints["referrer"].setText(self.tr("part of the address of the site they came from; empty: any"))
        self.hints["keyword"].setText(
            self.tr("part of their search words, in any case or accents; empty: any")
        )
        self.languages.setTabText(0, self.tr("Turkish"))
        self.languages.setTabText(1, self.tr("English"))
        self.when_away.setText(self.tr("Also while the shop shows away"))
        self.limits.setText(limits_text())
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._update_preview()

    def _load(self, rule: Rule) -> None:
        self.name.setText(rule.name)
        self.enabled.setChecked(rule.enabled)
        self.url.setText(rule.url)
        self.seconds.setValue(rule.seconds_on_page)
        self.cart.setValue(rule.min_cart_value)
        self.returning.setCurrentIndex(RETURNING.index(rule.returning))
        self.referrer.setText(rule.referrer)
        self.keyword.setText(rule.keyword)
        for lang in LANGUAGES:
            self.message[lang].setPlainText(getattr(rule, f"message_{lang}"))
        self.when_away.setChecked(rule.when_away)

    def values(self) -> Rule:
        """The rule as the dialog shows it (not yet checked)."""
        return dataclasses.replace(
            self._rule,
            name=self.name.text(),
            enabled=self.enabled.isChecked(),
            url=self.url.text(),
            seconds_on_page=self.seconds.value(),
            min_cart_value=round(self.cart.value(), 2),
            returning=RETURNING[max(self.returning.currentIndex(), 0)],
            referrer=self.referrer.text(),
            keyword=self.keyword.text(),
            message_tr=self.message["tr"].toPlainText(),
            message_en=self.message["en"].toPlainText(),
            when_away=self.when_away.isChecked(),
        )

    def rule(self) -> Rule:
        return self._rule

    def accept(self) -> None:
        """Save only a rule that core accepts; else say what is missing and stay open."""
        rule = self.values()
        problem = self._problem(rule)
        if not problem:
            try:
                rule = invitations.checked(rule)
            except ValueError as exc:
                problem = str(exc)
        if problem:
            self.error.setText(problem)
            return
        self._rule = rule
        super().accept()

    def _problem(self, rule: Rule) -> str:
        if not rule.name.strip():
            self.name.setFocus()
            return self.tr("Give the invitation a name (only you see it).")
        if not (rule.message_tr.strip() or rule.message_en.strip()):
            return self.tr("Write the message in Turkish, in English or in both.")
        if any(len(getattr(rule, f"message_{lang}")) > invitations.MAX_MESSAGE for lang in LANGUAGES):
            return self.tr("A message can be at most %1 characters long.").replace(
                "%1", str(invitations.MAX_MESSAGE)
            )
        if any(ch.isspace() for ch in rule.url.strip()):
            return self.tr("A page address has no spaces.")
        return ""

    def _update_preview(self) -> None:
        lang = LANGUAGES[max(self.languages.currentIndex(), 0)]
        other = LANGUAGES[1 - LANGUAGES.index(lang)]
        own, fallback = (self.message[code].toPlainText().strip() for code in (lang, other))
        for code in LANGUAGES:
            length = len(self.message[code].toPlainText())
            self.counter[code].setText(f"{length} / {invitations.MAX_MESSAGE}")
        self.sender_label.setText(self.sender_name or self.tr("You"))
        self._show_bubble(own or fallback or self.tr("Your message appears here."))
        notes = {
            "tr": self.tr("Empty: visitors whose browser is in Turkish get the English message."),
            "en": self.tr("Empty: visitors whose browser is not in Turkish get the Turkish message."),
        }
        self.preview_note.setText(notes[lang] if not own and fallback else "")

    def _show_bubble(self, text: str) -> None:
        """The bubble as wide as its longest line, up to the widget's width (then the text wraps)."""
        metrics = self.bubble.fontMetrics()
        longest = max(metrics.horizontalAdvance(line) for line in text.splitlines() or [""])
        self.bubble.setFixedWidth(min(BUBBLE_WIDTH, longest + BUBBLE_PADDING))
        self.bubble.setText(text)
