"""The fields of one Telegram bot: the token (masked), how to get one, the /start welcome, the API server."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpacerItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.channels.telegram.account import (
    TOKEN_SHAPE,
    WELCOME_EN,
    WELCOME_TR,
    TelegramAccount,
    TokenProblem,
    clean_api_url,
)

BOTFATHER_URL = "https://t.me/BotFather"


class TelegramAccountForm(QWidget):
    """Edits one TelegramAccount; ``account()`` gives what it shows, ``problems()`` what stops saving.

    The bot's identity (id, name, @username) is not typed: it comes from getMe, see ``set_identity``.
    """

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._account = TelegramAccount(0, "")
        self._build()
        self.retranslate()
        self.load(None)

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.guide = QLabel(objectName="providerNote", wordWrap=True, openExternalLinks=True)
        self.guide.setTextFormat(Qt.TextFormat.RichText)
        # A wrapped label sizes itself for a narrow guess of its width: too tall, unless told it is wide.
        self.guide.setMinimumWidth(420)
        self.guide.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.token = QLineEdit(objectName="token", echoMode=QLineEdit.EchoMode.Password)
        self.token.setClearButtonEnabled(True)
        self.welcome_tr = self._welcome_edit("welcomeTr")
        self.welcome_en = self._welcome_edit("welcomeEn")
        self.advanced = QToolButton(objectName="advancedToggle", checkable=True)
        self.advanced.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced.setArrowType(Qt.ArrowType.RightArrow)
        self.api_url = QLineEdit(objectName="apiUrl")
        self.labels = {key: QLabel(objectName="fieldLabel") for key in _LABELS}
        self.hints = {key: QLabel(objectName="hint", wordWrap=True) for key in ("token", "welcome", "api")}
        for hint in self.hints.values():
            hint.setMinimumWidth(360)
        # One form, so that every label lines up; the advanced rows are hidden until asked for.
        self.fields = form = QFormLayout()
        form.setVerticalSpacing(5)
        form.addRow(self.labels["token"], self.token)
        form.addRow("", self.hints["token"])
        form.addItem(QSpacerItem(0, 8))
        form.addRow(self.labels["welcome"])
        form.addRow(self.labels["welcome_tr"], self.welcome_tr)
        form.addRow(self.labels["welcome_en"], self.welcome_en)
        form.addRow("", self.hints["welcome"])
        form.addItem(QSpacerItem(0, 8))
        form.addRow(self.advanced)
        form.addRow(self.labels["api"], self.api_url)
        form.addRow("", self.hints["api"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.guide)
        layout.addSpacing(6)
        layout.addLayout(form)
        self.advanced.toggled.connect(self.show_advanced)
        for widget in (self.token, self.api_url):
            widget.textEdited.connect(self.changed)
        for edit in (self.welcome_tr, self.welcome_en):
            edit.textChanged.connect(self.changed)

    def _welcome_edit(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(objectName=name, tabChangesFocus=True)
        edit.setFixedHeight(64)
        return edit

    def retranslate(self) -> None:
        texts = {
            "token": self.tr("Bot token"),
            "welcome": self.tr("Welcome reply to /start"),
            "welcome_tr": self.tr("Turkish"),
            "welcome_en": self.tr("English"),
            "api": self.tr("Bot API server"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.guide.setText(self.guide_html())
        self.hints["welcome"].setText(
            self.tr(
                "The bot sends this when a customer starts it. Customers whose Telegram is in Turkish get "
                "the Turkish text, everyone else the English one. Leave both empty to send nothing."
            )
        )
        self.hints["api"].setText(
            self.tr(
                "Leave empty to use Telegram's own server. Fill it in only when you run your own Bot API "
                "server (telegram-bot-api): it lets files up to 2,000 MB through instead of 20 MB."
            )
        )
        self.api_url.setPlaceholderText(self.tr("https://api.telegram.org (Telegram's own)"))
        self.advanced.setText(self.tr("Advanced"))
        self._show_token_hint()

    def guide_html(self) -> str:
        link = f"<a href='{BOTFATHER_URL}'>@BotFather</a>"
        steps = [
            self.tr("In Telegram, open %1 (the official bot with the blue tick).").replace("%1", link),
            self.tr("Send it /newbot."),
            self.tr(
                "Choose a name (customers see it) and a username ending in “bot”, such as lalebutik_bot."
            ),
            self.tr("BotFather answers with a token like 123456789:AAH…: copy it and paste it below."),
        ]
        title = self.tr("How to create your shop's bot")
        items = "".join(f"<li>{step}</li>" for step in steps)
        return f"<b>{title}</b><ol style='margin:4px 0 0 0; -qt-list-indent:1'>{items}</ol>"

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_advanced(self, shown: bool) -> None:
        self.advanced.setChecked(shown)
        self.advanced.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        for widget in (self.api_url, self.hints["api"]):
            self.fields.setRowVisible(widget, shown)

    def advanced_shown(self) -> bool:
        return self.advanced.isChecked()

    # --- values --------------------------------------------------------------------------------

    @property
    def account_id(self) -> int | None:
        return self._account.id

    def load(self, account: TelegramAccount | None) -> None:
        """Show ``account`` (None: a new bot, with the default welcome texts)."""
        self._account = account or TelegramAccount(0, "", welcome_en=WELCOME_EN, welcome_tr=WELCOME_TR)
        a = self._account
        self.token.clear()
        for edit, text in ((self.welcome_tr, a.welcome_tr), (self.welcome_en, a.welcome_en)):
            edit.blockSignals(True)
            edit.setPlainText(text)
            edit.blockSignals(False)
        self.api_url.setText(a.api_url)
        self.show_advanced(bool(a.api_url))
        self.guide.setVisible(a.id is None)
        self._show_token_hint()
        self.mark_invalid(set())

    def set_identity(self, bot_id: int, name: str, username: str) -> None:
        """What getMe said about the token: the bot's id, name and @username (saved with the account)."""
        self._account = dataclasses.replace(self._account, bot_id=bot_id, name=name, username=username)

    def account(self) -> TelegramAccount:
        """The bot as the form shows it (limits and identity carried over)."""
        return dataclasses.replace(
            self._account,
            api_url=self.api_url.text().strip(),
            welcome_tr=self.welcome_tr.toPlainText().strip(),
            welcome_en=self.welcome_en.toPlainText().strip(),
        )

    def entered_token(self) -> str | None:
        """The token pasted here (spaces removed); None when left empty (a saved bot keeps its own)."""
        return "".join(self.token.text().split()) or None

    def problems(self) -> list[tuple[QWidget, str]]:
        """What stops checking or saving, each with the field to fix and a sentence for the owner."""
        found: list[tuple[QWidget, str]] = []
        token = self.entered_token()
        if token is None and self._account.id is None:
            found.append((self.token, self.tr("Paste the bot token that @BotFather gave you.")))
        elif token is not None and not TOKEN_SHAPE.match(token):
            text = self.tr(
                "This does not look like a bot token. Copy it from @BotFather: it looks like "
                "123456789:AAH… (digits, a colon, then letters and digits)."
            )
            found.append((self.token, text))
        try:
            clean_api_url(self.api_url.text())
        except TokenProblem:
            text = self.tr("“%1” is not a web address: it should start with https:// or http://.")
            found.append((self.api_url, text.replace("%1", self.api_url.text().strip())))
            self.show_advanced(True)
        return found

    def mark_invalid(self, widgets: set[QWidget]) -> None:
        for widget in (self.token, self.api_url):
            widget.setProperty("invalid", widget in widgets)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _show_token_hint(self) -> None:
        if self._account.id is None:
            self.token.setPlaceholderText(self.tr("123456789:AAH…"))
            self.hints["token"].setText(self.tr("Kept in this computer's password store, never shown again."))
        else:
            self.token.setPlaceholderText(self.tr("Saved — paste a new one only to change it"))
            self.hints["token"].setText(
                self.tr("After /revoke in @BotFather, paste the new token here; the conversations stay.")
            )


_LABELS = ("token", "welcome", "welcome_tr", "welcome_en", "api")
