"""Web chat: which chat server the widget talks to (the one inside ShopDesk, or the shop's own relay), and
the line to paste into the shop's pages."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from shopdesk.channels.webchat.account import (
    RelayProblem,
    own_relay,
    script_tag,
    use_embedded_relay,
    use_own_relay,
)
from shopdesk.gui import theme
from shopdesk.gui.widgets.settings_style import STYLE as FORM_STYLE
from shopdesk.secrets import SecretStoreUnavailable

log = logging.getLogger(__name__)
STYLE = FORM_STYLE.replace("#settingsDialog", "#webchatDialog") + (
    f"QPlainTextEdit#scriptTag {{ font-family: monospace; font-size: 12px; background: {theme.PANE};"
    f" border: 1px solid {theme.BORDER}; border-radius: 6px; padding: 4px; }}"
)


def restart_webchat(ctx, tasks) -> None:
    """Build the running web chat again, so that it connects to the relay just chosen."""
    rebuild = getattr(ctx.channels.get("webchat"), "rebuild", None)
    if rebuild is not None and ctx.loop.running:
        tasks.run_coro(rebuild(), on_error=lambda exc: log.warning("restarting the web chat failed: %r", exc))


class WebchatDialog(QDialog):
    """The chat server in use, a form to connect the shop's own relay, and the script tag for its pages.

    ``relay_changed`` fires after the choice is stored: connect it to ``restart_webchat``.
    """

    relay_changed = Signal()

    def __init__(self, ctx, tasks, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.setObjectName("webchatDialog")
        self.setStyleSheet(STYLE)
        self.resize(680, 520)
        self.title = QLabel(objectName="pageTitle")
        self.current = QLabel(objectName="hint", wordWrap=True)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.own_title = QLabel(objectName="fieldLabel")
        self.own_hint = QLabel(objectName="hint", wordWrap=True)
        self.address = QLineEdit(placeholderText="https://chat.your-shop.com")
        self.token = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.labels = {key: QLabel() for key in ("address", "token")}
        self.connect_button = QPushButton(objectName="primaryButton", clicked=self.use_own)
        self.embedded_button = QPushButton(objectName="secondaryButton", clicked=self.use_embedded)
        self.tag_title = QLabel(objectName="fieldLabel")
        self.tag = QPlainTextEdit(objectName="scriptTag", readOnly=True, maximumHeight=64)
        self.copy_button = QPushButton(objectName="secondaryButton", clicked=self.copy_tag)
        self.error = QLabel(objectName="errorLabel", wordWrap=True)
        self.notice = QLabel(objectName="hint", wordWrap=True)
        self.close_button = QPushButton(objectName="secondaryButton", clicked=self.accept)
        self._build()
        self.retranslate()
        self.show_state()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.labels["address"], self.address)
        form.addRow(self.labels["token"], self.token)
        buttons = QHBoxLayout()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.embedded_button)
        buttons.addStretch(1)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tag, 1)
        tag_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        footer = QHBoxLayout()
        footer.addWidget(self.notice, 1)
        footer.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addWidget(self.title)
        layout.addWidget(self.current)
        layout.addSpacing(10)
        layout.addWidget(self.own_title)
        layout.addWidget(self.own_hint)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        layout.addWidget(self.tag_title)
        layout.addLayout(tag_row)
        layout.addStretch(1)
        layout.addLayout(footer)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.show_state()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Web chat"))
        self.title.setText(self.tr("Web chat"))
        self.own_title.setText(self.tr("Your shop's chat server"))
        self.own_hint.setText(
            self.tr(
                "A live shop's widget needs a chat server that is always on: shopdesk-relay on your server "
                "(see “Running the web chat relay” in the README). Enter its address and the owner token "
                "that shopdesk-relay --new-token printed."
            )
        )
        self.labels["address"].setText(self.tr("Address"))
        self.labels["token"].setText(self.tr("Owner token"))
        self.token.setPlaceholderText(self.tr("kept in this computer's password store"))
        self.connect_button.setText(self.tr("Check and use"))
        self.embedded_button.setText(self.tr("Use the built-in server"))
        self.tag_title.setText(self.tr("For every page of your shop"))
        self.copy_button.setText(self.tr("Copy"))
        self.close_button.setText(self.tr("Close"))

    # --- what is in use ------------------------------------------------------------------------

    def show_state(self) -> None:
        own = own_relay(self.ctx.engine)
        self.embedded_button.setEnabled(own is not None)
        if own is None:
            self.current.setText(
                self.tr(
                    "In use: the chat server inside ShopDesk, on this computer. It is for trying the chat "
                    "(Help → Open the demo shop); customers on your web site cannot reach it."
                )
            )
            self.tag.setPlainText("")
            self.tag.setPlaceholderText(self.tr("Connect your shop's chat server to get this line."))
            self.copy_button.setEnabled(False)
            return
        url, site_key = own
        self.current.setText(self.tr("In use: your shop's chat server at %1.").replace("%1", url))
        if not self.address.text():
            self.address.setText(url)
        self.tag.setPlainText(script_tag(url, site_key) if site_key else "")
        self.tag.setPlaceholderText(self.tr("Check the server again to get this line."))
        self.copy_button.setEnabled(bool(site_key))

    # --- changing it ---------------------------------------------------------------------------

    def use_own(self) -> None:
        """Check the address and the token against the relay in the background, then keep them."""
        url, token = self.address.text().strip(), self.token.text().strip()
        if not url or not token:
            self.error.setText(self.tr("Enter the server's address and its owner token."))
            (self.address if not url else self.token).setFocus()
            return
        self.error.clear()
        self.notice.setText(self.tr("Asking the chat server…"))
        self._busy(True)
        engine = self.ctx.engine
        self.tasks.run_in_background(
            lambda: use_own_relay(engine, url, token), lambda _id: self._used(), self._refused
        )

    def _busy(self, busy: bool) -> None:
        """One change at a time: both buttons wait while one is being checked and stored."""
        self.connect_button.setEnabled(not busy)
        self.embedded_button.setEnabled(not busy and own_relay(self.ctx.engine) is not None)

    def _used(self) -> None:
        self._busy(False)
        self.token.clear()
        self.show_state()
        self.notice.setText(
            self.tr("Saved. ShopDesk now connects to your chat server; paste the line below into your shop.")
        )
        self.relay_changed.emit()

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        self.notice.clear()
        if isinstance(exc, RelayProblem):
            self.error.setText(self.problem_text(exc))
        elif isinstance(exc, SecretStoreUnavailable):
            self.error.setText(
                self.tr(
                    "Not saved: this computer has no password store (keyring) for the owner token. Start "
                    "your desktop's keyring (GNOME Keyring, KWallet), or run shopdesk account add webchat."
                )
            )
        else:
            log.warning("connecting the shop's relay failed: %r", exc)
            self.error.setText(self.tr("Not saved: %1").replace("%1", str(exc)))

    def problem_text(self, problem: RelayProblem) -> str:
        """What went wrong with the shop's relay, in the window's language."""
        texts = {
            "address": self.tr("“%1” is not a web address: it starts with https:// (or http://)."),
            "unreachable": self.tr(
                "The chat server at %1 does not answer. Is it running, and is the address right?"
            ),
            "token": self.tr(
                "The chat server at %1 refused the owner token: use the one shopdesk-relay --new-token "
                "printed."
            ),
            "not_relay": self.tr("%1 answered, but not as a ShopDesk chat server: check the address."),
        }
        text = texts.get(problem.kind)
        return text.replace("%1", problem.url) if text else str(problem)

    def use_embedded(self) -> None:
        self._busy(True)
        self.error.clear()
        engine = self.ctx.engine
        self.tasks.run_in_background(
            lambda: use_embedded_relay(engine), lambda _id: self._back(), self._refused
        )

    def _back(self) -> None:
        self._busy(False)
        self.show_state()
        self.notice.setText(self.tr("Back to the chat server inside ShopDesk."))
        self.relay_changed.emit()

    def copy_tag(self) -> None:
        QGuiApplication.clipboard().setText(self.tag.toPlainText())
        self.notice.setText(self.tr("Copied: paste it before </body> on every page of your shop."))
