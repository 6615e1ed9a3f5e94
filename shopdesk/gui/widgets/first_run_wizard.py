"""The first-run wizard: language, shop and owner names, then a first channel, the demo inbox or later."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shopdesk.first_run import after_first_run
from shopdesk.gui import theme
from shopdesk.gui.i18n import choose_language, install_translators
from shopdesk.gui.widgets.settings_style import STYLE as SETTINGS_STYLE
from shopdesk.paths import resource
from shopdesk.settings import Settings, save_settings

log = logging.getLogger(__name__)

STYLE = SETTINGS_STYLE.replace("#settingsDialog", "#firstRunWizard") + (
    f"""
#firstRunWizard QRadioButton {{ font-weight: 600; color: {theme.TEXT}; padding-top: 6px; }}
QLabel#choiceHint {{ color: {theme.MUTED}; font-size: 12px; padding-left: 24px; }}
"""
)
LANGUAGES = (("en", "English"), ("tr", "Türkçe"))  # each in its own language: never translated
CHOICES = ("email", "telegram", "webchat", "demo", "later")


class _Page(QWizardPage):
    """A wizard page that retranslates itself when the language changes."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError


def _hint(name: str = "hint") -> QLabel:
    return QLabel(objectName=name, wordWrap=True)


class LanguagePage(_Page):
    """English or Türkçe; choosing one switches the wizard (and the app) at once."""

    language_chosen = Signal(str)

    def __init__(self, language: str) -> None:
        super().__init__()
        self.buttons = QButtonGroup(self)
        self.intro = _hint()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        for code, name in LANGUAGES:
            button = QRadioButton(name, checked=code == language)
            button.setProperty("language", code)
            self.buttons.addButton(button)
            layout.addWidget(button)
        self.later = _hint()
        layout.addSpacing(8)
        layout.addWidget(self.later)
        layout.addStretch(1)
        self.buttons.buttonToggled.connect(self._toggled)
        self.retranslate()

    def _toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked:
            self.language_chosen.emit(button.property("language"))

    def language(self) -> str:
        return self.buttons.checkedButton().property("language")

    def choose(self, code: str) -> None:
        for button in self.buttons.buttons():
            if button.property("language") == code:
                button.setChecked(True)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to ShopDesk"))
        self.setSubTitle(self.tr("One inbox for your shop's email, Telegram and web chat."))
        self.intro.setText(self.tr("Choose the language of ShopDesk:"))
        self.later.setText(self.tr("You can change it later in Settings."))


class ShopPage(_Page):
    """The shop's name and the owner's name, both required."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.shop_name = QLineEdit(settings.shop_name)
        self.owner_name = QLineEdit(settings.owner_name)
        self.shop_label, self.owner_label = QLabel(objectName="fieldLabel"), QLabel(objectName="fieldLabel")
        self.shop_hint, self.owner_hint = _hint(), _hint()
        form = QFormLayout(self)
        form.setVerticalSpacing(4)
        form.addRow(self.shop_label, self.shop_name)
        form.addRow("", self.shop_hint)
        form.addRow(self.owner_label, self.owner_name)
        form.addRow("", self.owner_hint)
        for field in (self.shop_name, self.owner_name):
            field.textChanged.connect(self.completeChanged)
        self.retranslate()

    def isComplete(self) -> bool:
        return bool(self.shop_name.text().strip() and self.owner_name.text().strip())

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your shop"))
        self.setSubTitle(self.tr("Both names are needed; you can change them later in Settings."))
        self.shop_label.setText(self.tr("Shop name"))
        self.shop_hint.setText(self.tr("Customers see it in your replies ({{shop.name}} in canned replies)."))
        self.owner_label.setText(self.tr("Your name"))
        self.owner_hint.setText(
            self.tr("Customers see it as the person answering them ({{agent.name}} in canned replies).")
        )
        self.shop_name.setPlaceholderText(self.tr("Lale Butik"))
        self.owner_name.setPlaceholderText(self.tr("Your first name"))


class ChannelPage(_Page):
    """Where customers write: email, Telegram, web chat; or the demo inbox; or later."""

    def __init__(self) -> None:
        super().__init__()
        self.buttons = QButtonGroup(self)
        self.hints: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for choice in CHOICES:
            button = QRadioButton(checked=choice == "email")
            button.setProperty("choice", choice)
            self.buttons.addButton(button)
            self.hints[choice] = _hint("choiceHint")
            layout.addWidget(button)
            layout.addWidget(self.hints[choice])
        self.error = QLabel(objectName="errorLabel", wordWrap=True)
        self.error.hide()
        layout.addStretch(1)
        layout.addWidget(self.error)
        self.retranslate()

    def choice(self) -> str:
        return self.buttons.checkedButton().property("choice")

    def choose(self, choice: str) -> None:
        self.button(choice).setChecked(True)

    def button(self, choice: str) -> QRadioButton:
        return self.buttons.buttons()[CHOICES.index(choice)]

    def retranslate(self) -> None:
        self.setTitle(self.tr("Add a channel"))
        self.setSubTitle(self.tr("Where do your customers write to you? You can add the others later."))
        texts = {
            "email": (
                self.tr("Email"),
                self.tr("Connect your shop's mailbox (Gmail, Outlook, Yandex or any IMAP/SMTP server)."),
            ),
            "telegram": (
                self.tr("Telegram"),
                self.tr("Connect your shop's Telegram bot; @BotFather makes one in a minute."),
            ),
            "webchat": (
                self.tr("Web chat"),
                self.tr(
                    "Nothing to set up to try it: the demo shop opens with the chat widget on it. For your "
                    "own web site, connect your chat server later in Edit → Web chat…"
                ),
            ),
            "demo": (
                self.tr("Open the demo inbox"),
                self.tr("Look around an inbox full of example conversations; your own inbox stays empty."),
            ),
            "later": (
                self.tr("Later"),
                self.tr("Start with an empty inbox; add channels from the Edit menu."),
            ),
        }
        for choice, (title, hint) in texts.items():
            self.button(choice).setText(title)
            self.hints[choice].setText(hint)


class FirstRunWizard(QWizard):
    """Finish saves the names and the language (in the background), then closes; Skip saves only the language.

    After it closes, ``chosen_channel`` says what the owner picked: "email" | "telegram" | "webchat" | "demo",
    or None for "Later" and Skip.
    """

    def __init__(self, ctx, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.setObjectName("firstRunWizard")
        self.setStyleSheet(STYLE)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, QPixmap(str(resource("icons/shopdesk-48.png"))))
        self.language_page = LanguagePage(choose_language(ctx.settings.language))
        self.shop_page = ShopPage(ctx.settings)
        self.channel_page = ChannelPage()
        for page in (self.language_page, self.shop_page, self.channel_page):
            self.addPage(page)
        self.language_page.language_chosen.connect(self._switch_language)
        self.skipped = False
        self.resize(620, 430)
        self.retranslate()

    @property
    def chosen_channel(self) -> str | None:
        if self.skipped:
            return None
        choice = self.channel_page.choice()
        return None if choice == "later" else choice

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up ShopDesk"))
        # Our own texts: QWizard does not retranslate its buttons on a language change.
        texts = {
            QWizard.WizardButton.BackButton: self.tr("&Back"),
            QWizard.WizardButton.NextButton: self.tr("&Next"),
            QWizard.WizardButton.FinishButton: self.tr("&Finish"),
            QWizard.WizardButton.CancelButton: self.tr("Skip"),
        }
        for which, text in texts.items():
            self.setButtonText(which, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        """Finish: store, then close; a failed save keeps the wizard open and says why."""
        new = after_first_run(
            self.ctx.settings,
            language=self.language_page.language(),
            shop_name=self.shop_page.shop_name.text(),
            owner_name=self.shop_page.owner_name.text(),
        )
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.channel_page.error.hide()
        self.tasks.run_in_background(
            lambda: save_settings(self.ctx.engine, new),
            on_done=lambda _: self._saved(new),
            on_error=self._failed,
        )

    def reject(self) -> None:
        """Skip (or Escape, or closing the window): keep the language shown, and don't ask again."""
        self.skipped = True
        new = after_first_run(self.ctx.settings, language=self.language_page.language())
        _apply(self.ctx.settings, new)
        self.tasks.run_in_background(
            lambda: save_settings(self.ctx.engine, new),
            on_error=lambda exc: log.warning("the skipped first run was not stored: %s", exc),
        )
        super().reject()

    def _saved(self, new: Settings) -> None:
        _apply(self.ctx.settings, new)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.channel_page.error.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
        self.channel_page.error.show()

    def _switch_language(self, language: str) -> None:
        app = QApplication.instance()
        if app is not None:
            install_translators(app, language)


def _apply(settings: Settings, new: Settings) -> None:
    """Update ``settings`` in place, so every holder of ctx.settings sees the new values."""
    for field in dataclasses.fields(Settings):
        setattr(settings, field.name, getattr(new, field.name))
