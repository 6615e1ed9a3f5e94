"""What "Test connection" found, in the owner's words: name lookup, connection, TLS, sign-in, folder."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject

from shopdesk.channels.email.account import EmailAccount, Problem
from shopdesk.channels.email.presets import Preset
from shopdesk.gui import theme


class ConnectionReport(QObject):
    """Words each Problem of ``test_connection`` for the owner (a QObject so that ``tr`` has a context)."""

    def html(self, problems: list[Problem], account: EmailAccount, preset: Preset | None) -> str:
        """Rich text: one paragraph per failed service, with the server's own words beneath."""
        lines = []
        for problem in problems:
            said = self.tr("The server said: %1").replace("%1", problem.detail) if problem.detail else ""
            service = html.escape(self.service_name(problem.service))
            words = html.escape(self.describe(problem, account, preset))
            lines.append(f"<p style='margin:0 0 6px 0'><b>✗ {service}:</b> {words}")
            if said:
                lines.append(f"<br><span style='color:{theme.MUTED}'>{html.escape(said)}</span>")
            lines.append("</p>")
        return f"<div style='color:{theme.DANGER}'>{''.join(lines)}</div>"

    def service_name(self, service: str) -> str:
        return self.tr("Incoming mail (IMAP)") if service == "imap" else self.tr("Outgoing mail (SMTP)")

    def describe(self, problem: Problem, account: EmailAccount, preset: Preset | None = None) -> str:
        """What failed at ``problem.step``, naming the server (or, for a refused sign-in, the account)."""
        host = account.imap_host if problem.service == "imap" else account.smtp_host
        port = account.imap_port if problem.service == "imap" else account.smtp_port
        if problem.step == "lookup":
            return self.tr("The server name %1 could not be found — check the spelling.").replace("%1", host)
        if problem.step == "tls":
            text = self.tr(
                "The secure connection (TLS) to %1 failed — check Security (SSL/TLS or STARTTLS) "
                "and the port."
            )
            return text.replace("%1", host)
        if problem.step == "login":
            return self._login(account, preset)
        if problem.step == "folder":
            folder = problem.detail.partition(":")[0] or "INBOX"
            return self.tr("Signed in, but the folder %1 could not be opened.").replace("%1", folder)
        text = self.tr(
            "Could not connect to %1 on port %2 — check the port, and that this computer is online."
        )
        return text.replace("%1", host).replace("%2", str(port))

    def _login(self, account: EmailAccount, preset: Preset | None) -> str:
        text = self.tr("The account %1 could not sign in: wrong user name or password.")
        text = text.replace("%1", account.address)
        if preset is not None:
            hint = self.tr("%1 needs an app password here, not your normal password (see the note above).")
            return f"{text} {hint.replace('%1', preset.provider)}"
        hint = self.tr("If your provider uses app passwords, create one and enter it here.")
        return f"{text} {hint}"
