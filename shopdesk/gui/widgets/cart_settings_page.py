"""The follow-up settings of abandoned carts: when, on which channels, and the message in each language."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import carts
from shopdesk.gui.widgets.channel_marks import channel_name

LANGUAGES = ("tr", "en")


class CartSettingsPage(QWidget):
    """Edits a copy of the cart settings, with a preview of the follow-up; ``values()`` gives them back."""

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, shop_name: str = "") -> None:
        super().__init__(parent)
        self.shop_name = shop_name
        self._loaded = carts.CartSettings()
        self.enabled = QCheckBox()
        self.consent = QLabel(objectName="hint", wordWrap=True)
        self.min_value = QDoubleSpinBox(minimum=0, maximum=10_000_000, decimals=2, singleStep=50)
        self.delay = QSpinBox(minimum=1, maximum=carts.MAX_DELAY_HOURS)
        self.channel_boxes = {name: QCheckBox() for name in carts.CHANNELS}
        self.cart_url = QLineEdit(placeholderText="https://")
        self.subject = {lang: QLineEdit() for lang in LANGUAGES}
        self.template = {lang: QPlainTextEdit() for lang in LANGUAGES}
        self.opt_out = {lang: QLineEdit() for lang in LANGUAGES}
        self.preview = QPlainTextEdit(objectName="cartPreview", readOnly=True)
        self.save_button = QPushButton(objectName="primaryButton")
        self.save_button.clicked.connect(lambda: self.save_requested.emit())
        self.status = QLabel(objectName="hint", wordWrap=True)
        self.labels = {
            key: QLabel(objectName="fieldLabel" if key in ("when", "texts", "preview") else "")
            for key in ("when", "min_value", "delay", "channels", "cart_url", "texts", "preview")
        }
        self.hints = {
            key: QLabel(objectName="hint", wordWrap=True) for key in ("min_value", "channels", "texts")
        }
        self._build()
        self.retranslate()
        self.load(self._loaded)

    def _build(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(6)
        minimum = QHBoxLayout()  # the hints beside their fields: a wrapped label in a form row takes
        minimum.addWidget(self.min_value)  # more height than it needs
        minimum.addWidget(self.hints["min_value"], 1)
        form.addRow(self.labels["min_value"], minimum)
        delay = QHBoxLayout()
        delay.addWidget(self.delay)
        delay.addStretch(1)
        form.addRow(self.labels["delay"], delay)
        channels = QHBoxLayout()
        for box in self.channel_boxes.values():
            channels.addWidget(box)
        channels.addStretch(1)
        form.addRow(self.labels["channels"], channels)
        form.addRow(self.labels["cart_url"], self.cart_url)
        for spin in (self.min_value, self.delay):
            spin.setMinimumWidth(200)
        self.languages = QTabWidget()
        for lang in LANGUAGES:
            self.languages.addTab(self._texts_page(lang), "")
        self.languages.currentChanged.connect(self.update_preview)
        texts = QGridLayout()
        texts.addWidget(self.languages, 0, 0)
        preview = QVBoxLayout()
        preview.addWidget(self.labels["preview"])
        preview.addWidget(self.preview, 1)
        texts.addLayout(preview, 0, 1)
        texts.setColumnStretch(0, 3)
        texts.setColumnStretch(1, 2)
        content = QWidget(objectName="cartSettings")
        layout = QVBoxLayout(content)
        layout.setSpacing(6)
        for widget in (self.enabled, self.consent):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.labels["when"])
        layout.addLayout(form)
        layout.addWidget(self.hints["channels"])
        layout.addSpacing(8)
        layout.addWidget(self.labels["texts"])
        layout.addLayout(texts, 1)
        layout.addWidget(self.hints["texts"])
        scroll = QScrollArea(widgetResizable=True, objectName="cartSettingsScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        buttons = QHBoxLayout()  # outside the scrolled part: Save is always in sight
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 8)
        buttons.setContentsMargins(10, 0, 10, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        self.enabled.toggled.connect(self._update_enabled)
        for edit in (*self.subject.values(), *self.opt_out.values(), self.cart_url):
            edit.textChanged.connect(self.update_preview)
        for edit in self.template.values():
            edit.textChanged.connect(self.update_preview)

    def _texts_page(self, lang: str) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setVerticalSpacing(4)
        self.template[lang].setMinimumHeight(160)
        form.addRow(QLabel(objectName=f"subject_{lang}"), self.subject[lang])
        form.addRow(QLabel(objectName=f"template_{lang}"), self.template[lang])
        form.addRow(QLabel(objectName=f"opt_out_{lang}"), self.opt_out[lang])
        return page

    def retranslate(self) -> None:
        self.enabled.setText(self.tr("Send one follow-up for a cart left without an order"))
        self.consent.setText(
            self.tr(
                "Off until you turn it on: a reminder about a cart is a commercial message, which KVKK and "
                "GDPR allow only when the customer agreed to such messages (for example on your site's "
                "checkout or sign-up form). Every follow-up says how to stop them, and a reply such as "
                "STOP is honoured at once."
            )
        )
        self.labels["when"].setText(self.tr("When"))
        self.labels["min_value"].setText(self.tr("Carts worth at least"))
        self.hints["min_value"].setText(self.tr("in your shop's currency"))
        self.labels["delay"].setText(self.tr("Send after"))
        self.delay.setSuffix(self.tr(" h without an order"))
        self.labels["channels"].setText(self.tr("Send by"))
        self.channel_boxes["email"].setText(channel_name("email"))
        self.channel_boxes["telegram"].setText(channel_name("telegram"))
        self.hints["channels"].setText(
            self.tr(
                "By email when the visitor gave their address, else on Telegram when you know them there. "
                "A follow-up that could not go out within a day is skipped."
            )
        )
        self.labels["cart_url"].setText(self.tr("Link to your cart page"))
        self.cart_url.setToolTip(self.tr("Empty: the page the visitor was on."))
        self.labels["texts"].setText(self.tr("The message"))
        self.labels["preview"].setText(self.tr("Preview"))
        self.languages.setTabText(0, self.tr("Turkish"))
        self.languages.setTabText(1, self.tr("English"))
        for lang in LANGUAGES:
            page = self.languages.widget(LANGUAGES.index(lang))
            page.findChild(QLabel, f"subject_{lang}").setText(self.tr("Email subject"))
            page.findChild(QLabel, f"template_{lang}").setText(self.tr("Text"))
            page.findChild(QLabel, f"opt_out_{lang}").setText(self.tr("How to stop"))
        self.hints["texts"].setText(
            self.tr(
                "Variables: {{name}} (first name), {{items}}, {{total}}, {{cart_link}}, {{shop_name}}. "
                "A line whose variable has no value is left out. Visitors whose browser is in Turkish get "
                "the Turkish text, everyone else the English one."
            )
        )
        self.save_button.setText(self.tr("Save"))
        self.update_preview()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, settings: carts.CartSettings) -> None:
        self._loaded = settings
        self.enabled.setChecked(settings.enabled)
        self.min_value.setValue(settings.min_value)
        self.delay.setValue(settings.delay_hours)
        for name, box in self.channel_boxes.items():
            box.setChecked(settings.channels.get(name, False))
        self.cart_url.setText(settings.cart_url)
        for lang in LANGUAGES:
            self.subject[lang].setText(getattr(settings, f"subject_{lang}"))
            self.template[lang].setPlainText(getattr(settings, f"template_{lang}"))
            self.opt_out[lang].setText(getattr(settings, f"opt_out_{lang}"))
            for edit in (self.subject[lang], self.opt_out[lang]):
                edit.setCursorPosition(0)
        self._update_enabled()
        self.update_preview()

    def values(self) -> carts.CartSettings:
        """The settings as the page shows them (an emptied text falls back to the default one)."""
        texts = {}
        for lang in LANGUAGES:
            texts[f"subject_{lang}"] = self.subject[lang].text()
            texts[f"template_{lang}"] = self.template[lang].toPlainText()
            texts[f"opt_out_{lang}"] = self.opt_out[lang].text()
        return carts.clamped(
            dataclasses.replace(
                self._loaded,
                enabled=self.enabled.isChecked(),
                min_value=self.min_value.value(),
                delay_hours=self.delay.value(),
                channels={name: box.isChecked() for name, box in self.channel_boxes.items()},
                cart_url=self.cart_url.text(),
                **texts,
            )
        )

    def language(self) -> str:
        return LANGUAGES[max(self.languages.currentIndex(), 0)]

    def update_preview(self) -> None:
        lang = self.language()
        text = carts.preview(self.values(), language=lang, shop_name=self.shop_name)
        subject = self.subject[lang].text().strip() or getattr(carts.CartSettings(), f"subject_{lang}")
        self.preview.setPlainText(self.tr("Email subject: %1").replace("%1", subject) + "\n\n" + text)

    def show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setObjectName("errorLabel" if error else "hint")
        self.status.style().unpolish(self.status)  # the new name's colour, from the window's style sheet
        self.status.style().polish(self.status)
        self.status.setText(text)

    def _update_enabled(self) -> None:
        on = self.enabled.isChecked()
        for widget in (self.min_value, self.delay, self.cart_url, *self.channel_boxes.values()):
            widget.setEnabled(on)
