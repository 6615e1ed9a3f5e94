"""The fields of one email account: address (servers filled from the provider), name, password, servers."""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from shopdesk.channels.email.account import SECURITY, EmailAccount, with_preset
from shopdesk.channels.email.presets import Preset, preset_for

SINCE = (7, 30, 90, None)  # the import window choices, in days (None: everything)
DEFAULT_PORTS = {
    "imap": {"ssl": 993, "starttls": 143, "none": 143},
    "smtp": {"ssl": 465, "starttls": 587, "none": 25},
}
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HOST = re.compile(r"^[A-Za-z0-9.\-\[\]:]+$")


class PortEdit(QLineEdit):
    """A port number (1-65535) with ``value()``/``setValue()``, drawn like the other fields."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.setValidator(QIntValidator(1, 65535, self))
        self.setFixedWidth(76)

    def value(self) -> int:
        return int(self.text()) if self.text().isdigit() else 0

    def setValue(self, value: int) -> None:
        self.setText(str(value))


class EmailAccountForm(QWidget):
    """Edits one EmailAccount; ``account()`` gives what it shows, ``problems()`` what is missing.

    Servers follow the address's provider (Gmail, Outlook, Yandex, Yahoo, iCloud) until the owner
    changes them by hand.
    """

    changed = Signal()

    def __init__(self, ctx, bridge, tasks, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._account = EmailAccount(address="")
        self._filled: tuple | None = None  # the server values the last preset filled in
        self._build()
        self.retranslate()
        self.load(None)

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.address = QLineEdit(objectName="address")
        self.provider_note = QLabel(objectName="providerNote", wordWrap=True)
        self.display_name = QLineEdit(objectName="displayName")
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.since = QComboBox(objectName="since")
        # A wrapped label sizes itself for a narrow guess of its width: too tall, unless told it is wide.
        self.provider_note.setMinimumWidth(420)
        self.provider_note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.imap_host, self.imap_port, self.imap_security = self._server("imap")
        self.smtp_host, self.smtp_port, self.smtp_security = self._server("smtp")
        self.user = QLineEdit(objectName="user")
        self.labels = {key: QLabel(objectName="fieldLabel") for key in _LABELS}
        self.hints = {key: QLabel(objectName="hint", wordWrap=True) for key in ("name", "since", "user")}
        form = QFormLayout()
        form.setVerticalSpacing(5)
        form.addRow(self.labels["address"], self.address)
        form.addRow("", self.provider_note)
        form.addRow(self.labels["name"], self.display_name)
        form.addRow("", self.hints["name"])
        form.addRow(self.labels["password"], self.password)
        form.addRow(self.labels["since"], self.since)
        form.addRow("", self.hints["since"])
        servers = QGridLayout()
        servers.setHorizontalSpacing(6)
        servers.setVerticalSpacing(5)
        for column, key in enumerate(("server", "port", "security"), start=1):
            servers.addWidget(self.labels[key], 0, column)
        for row, (key, widgets) in enumerate(
            (
                ("imap", (self.imap_host, self.imap_port, self.imap_security)),
                ("smtp", (self.smtp_host, self.smtp_port, self.smtp_security)),
            ),
            start=1,
        ):
            servers.addWidget(self.labels[key], row, 0)
            for column, widget in enumerate(widgets, start=1):
                servers.addWidget(widget, row, column)
        servers.setColumnStretch(1, 1)
        servers.addWidget(self.labels["user"], 3, 0)
        servers.addWidget(self.user, 3, 1, 1, 3)
        servers.addWidget(self.hints["user"], 4, 1, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addSpacing(10)
        layout.addWidget(self.labels["servers"])
        layout.addLayout(servers)
        self.address.textEdited.connect(self._address_edited)
        self.address.textChanged.connect(self._show_note)
        for widget in (self.address, self.display_name, self.password, self.user):
            widget.textEdited.connect(self.changed)
        for widget in (self.imap_host, self.imap_port, self.smtp_host, self.smtp_port):
            widget.textEdited.connect(self.changed)

    def _server(self, service: str) -> tuple[QLineEdit, PortEdit, QComboBox]:
        host = QLineEdit(objectName=f"{service}Host")
        port = PortEdit(objectName=f"{service}Port")
        security = QComboBox(objectName=f"{service}Security")
        for value in SECURITY:
            security.addItem("", value)
        security.currentIndexChanged.connect(lambda _i: self._security_changed(service))
        security.setProperty("previous", "ssl")
        return host, port, security

    def retranslate(self) -> None:
        texts = {
            "address": self.tr("Email address"),
            "name": self.tr("Your name"),
            "password": self.tr("Password"),
            "since": self.tr("Import mail"),
            "servers": self.tr("Servers"),
            "server": self.tr("Server"),
            "port": self.tr("Port"),
            "security": self.tr("Security"),
            "imap": self.tr("Incoming (IMAP)"),
            "smtp": self.tr("Outgoing (SMTP)"),
            "user": self.tr("User name"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.hints["name"].setText(self.tr("Customers see this name on your replies."))
        self.hints["since"].setText(
            self.tr("How far back the first import reaches; new mail always arrives.")
        )
        self.hints["user"].setText(self.tr("Leave empty when it is the email address itself."))
        self.address.setPlaceholderText(self.tr("info@yourshop.com"))
        self.display_name.setPlaceholderText(self.tr("Lale Butik"))
        self.user.setPlaceholderText(self.tr("Same as the email address"))
        self.imap_host.setPlaceholderText(self.tr("imap.yourshop.com"))
        self.smtp_host.setPlaceholderText(self.tr("smtp.yourshop.com"))
        self._show_password_hint()
        names = {"ssl": self.tr("SSL/TLS"), "starttls": self.tr("STARTTLS"), "none": self.tr("None")}
        for combo in (self.imap_security, self.smtp_security):
            for index in range(combo.count()):
                combo.setItemText(index, names[combo.itemData(index)])
        since = {
            7: self.tr("from the last 7 days"),
            30: self.tr("from the last 30 days"),
            90: self.tr("from the last 90 days"),
            None: self.tr("everything"),
        }
        index = self.since.currentIndex() if self.since.count() else 1  # 30 days at first
        self.since.clear()
        for days in SINCE:
            self.since.addItem(since[days], days)
        self.since.setCurrentIndex(index)
        self._show_note()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- values --------------------------------------------------------------------------------

    @property
    def account_id(self) -> int | None:
        return self._account.id

    def load(self, account: EmailAccount | None) -> None:
        """Show ``account`` (None: a new, empty one)."""
        self._account = account or EmailAccount(address="", since_days=30)
        a = self._account
        self.address.setText(a.address)
        self.display_name.setText(a.display_name)
        self.password.clear()
        self.user.setText(a.user)
        # A window set from the command line (say 14 days) shows as the next longer choice.
        longer = [n for n, days in enumerate(SINCE) if days is None or (a.since_days or 0) <= days]
        self.since.setCurrentIndex(longer[0] if a.since_days else SINCE.index(None))
        for service in ("imap", "smtp"):
            self._set_server(service, getattr(a, f"{service}_host"), getattr(a, f"{service}_port"),
                             getattr(a, f"{service}_security"))  # fmt: skip
        self._filled = self._servers() if a.id is None else None
        self._show_password_hint()
        self._show_note()
        self.mark_invalid(set())

    def account(self) -> EmailAccount:
        """The account as the form shows it (kept settings such as folders carried over)."""
        return dataclasses.replace(
            self._account,
            address=self.address.text().strip(),
            display_name=self.display_name.text().strip(),
            user=self.user.text().strip(),
            since_days=self.since.currentData(),
            imap_host=self.imap_host.text().strip(),
            imap_port=self.imap_port.value(),
            imap_security=self.imap_security.currentData(),
            smtp_host=self.smtp_host.text().strip(),
            smtp_port=self.smtp_port.value(),
            smtp_security=self.smtp_security.currentData(),
            provider_files_sent=self._files_sent(),
        )

    def entered_password(self) -> str | None:
        """The password typed here; None when left empty on a saved account (the kept one stays)."""
        text = self.password.text()
        return text if text or self._account.id is None else None

    def problems(self) -> list[tuple[QWidget, str]]:
        """What stops saving, each with the field to fix and a sentence for the owner."""
        found: list[tuple[QWidget, str]] = []
        address = self.address.text().strip()
        if not address:
            found.append((self.address, self.tr("Enter the email address of the shop's mailbox.")))
        elif not _ADDRESS.match(address):
            text = self.tr("“%1” is not an email address; it looks like info@yourshop.com.")
            found.append((self.address, text.replace("%1", address)))
        for host, what in (
            (self.imap_host, self.tr("Enter the incoming mail (IMAP) server, such as imap.yourshop.com.")),
            (self.smtp_host, self.tr("Enter the outgoing mail (SMTP) server, such as smtp.yourshop.com.")),
        ):
            name = host.text().strip()
            if not name:
                found.append((host, what))
            elif not _HOST.match(name):
                text = self.tr("The server name “%1” can only have letters, digits, dots and dashes.")
                found.append((host, text.replace("%1", name)))
        for port in (self.imap_port, self.smtp_port):
            if not port.value():
                found.append((port, self.tr("Enter the server's port number (for example 993 or 465).")))
        if self._account.id is None and not self.password.text():
            found.append((self.password, self.tr("Enter the mailbox's password (or its app password).")))
        return found

    def mark_invalid(self, widgets: set[QWidget]) -> None:
        fields = (self.address, self.imap_host, self.smtp_host, self.password, self.imap_port, self.smtp_port)
        for widget in fields:
            widget.setProperty("invalid", widget in widgets)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    # --- presets -------------------------------------------------------------------------------

    def preset(self) -> Preset | None:
        return preset_for(self.address.text())

    def _address_edited(self, text: str) -> None:
        # Servers follow the provider while they are empty or still what a preset filled in.
        if self._filled is None and (self.imap_host.text() or self.smtp_host.text()):
            self._show_note()
            return
        if self._filled is not None and self._servers() != self._filled:
            self._filled = None
            self._show_note()
            return
        filled = with_preset(text)
        for service in ("imap", "smtp"):
            defaults = EmailAccount(address="")
            host = getattr(filled, f"{service}_host")
            port = getattr(filled if host else defaults, f"{service}_port")
            security = getattr(filled if host else defaults, f"{service}_security")
            self._set_server(service, host, port, security)
        self._filled = self._servers()
        self._show_note()

    def _files_sent(self) -> bool:
        preset = self.preset()
        if preset is not None and self.imap_host.text().strip() == preset.imap_host:
            return preset.files_sent
        return self._account.provider_files_sent if self._account.id is not None else False

    def _show_note(self) -> None:
        preset = self.preset()
        note = self.provider_notes().get(preset.provider, preset.note) if preset is not None else ""
        self.provider_note.setText(note)
        self.provider_note.setVisible(bool(note))

    def provider_notes(self) -> dict[str, str]:
        return {
            "Gmail": self.tr(
                "Gmail needs an app password: Google Account → Security → 2-Step Verification → "
                "App passwords. Your normal Google password will not work here."
            ),
            "Outlook": self.tr(
                "Outlook, Hotmail and Live need an app password: account.microsoft.com → Security → "
                "Advanced security options → App passwords (two-step verification must be on)."
            ),
            "Yandex": self.tr(
                "Yandex needs an app password (Yandex ID → Security → App passwords → Mail), and IMAP "
                "allowed in Mail → Settings → Email clients."
            ),
            "Yahoo": self.tr(
                "Yahoo needs an app password: Account info → Account security → Generate app password."
            ),
            "iCloud": self.tr(
                "iCloud needs an app-specific password: appleid.apple.com → Sign-In and Security → "
                "App-Specific Passwords."
            ),
        }

    def _show_password_hint(self) -> None:
        if self._account.id is None:
            self.password.setPlaceholderText(self.tr("The mailbox's password or app password"))
        else:
            self.password.setPlaceholderText(self.tr("Saved — type a new one only to change it"))

    # --- servers -------------------------------------------------------------------------------

    def _servers(self) -> tuple:
        return tuple(
            (getattr(self, f"{s}_host").text(), getattr(self, f"{s}_port").value(),
             getattr(self, f"{s}_security").currentData())
            for s in ("imap", "smtp")
        )  # fmt: skip

    def _set_server(self, service: str, host: str, port: int, security: str) -> None:
        combo = getattr(self, f"{service}_security")
        getattr(self, f"{service}_host").setText(host)
        combo.blockSignals(True)
        combo.setCurrentIndex(max(combo.findData(security), 0))
        combo.setProperty("previous", combo.currentData())
        combo.blockSignals(False)
        getattr(self, f"{service}_port").setValue(port)

    def _security_changed(self, service: str) -> None:
        """A port still at the old security's usual number moves to the new one's."""
        combo, port = getattr(self, f"{service}_security"), getattr(self, f"{service}_port")
        defaults = DEFAULT_PORTS[service]
        if port.value() == defaults.get(combo.property("previous")):
            port.setValue(defaults[combo.currentData()])
        combo.setProperty("previous", combo.currentData())
        self.changed.emit()


_LABELS = ("address", "name", "password", "since", "servers", "server", "port", "security", "imap", "smtp",
           "user")  # fmt: skip
