"""A real Dovecot IMAP server on loopback for tests: one per session, a fresh user and Maildir per test.

Set up as ../shared/scripts/dovecot-local.sh does (``dovecot -F -c CONF``, no SSL), with a static passdb;
as root it drops to ``nobody`` with setpriv, because Dovecot refuses mail access as UID 0.
Missing Dovecot skips the tests locally and fails them in CI.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from imapclient import IMAPClient

from shopdesk.channels.email.account import EmailAccount
from shopdesk.channels.email.connect import silence_imaplib

GEN_MAILBOX = Path("/work/shared/scripts/gen_mailbox.py")
_users = itertools.count(1)
PASSWORD = "gizli-şifre1"  # a Turkish letter: sign-in must not be ASCII-only


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(p, os.X_OK)), None
    )


def missing(what: str) -> None:
    """Skip locally, fail in CI: the real peers may not be skipped there."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed (CI must run this test)")
    pytest.skip(f"{what} is not installed")


CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = shopdesk-test-{port}
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = 0
mail_location = maildir:~/Maildir
mail_fsync = never
mail_max_userip_connections = 200
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
  # no authentication penalty: the tests fail logins on purpose and then log in right away
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
# Any user name signs in with the one password and gets home/<name>: a test makes a user by naming it.
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
"""


@dataclass
class MailUser:
    """One mailbox on the test server."""

    name: str
    password: str
    host: str
    port: int
    home: Path
    server: DovecotServer

    @property
    def maildir(self) -> Path:
        return self.home / "Maildir"

    def client(self) -> IMAPClient:
        client = silence_imaplib(IMAPClient(self.host, port=self.port, ssl=False, timeout=30))
        client.plain_login(self.name, self.password)
        return client

    def account(self, **overrides) -> EmailAccount:
        values = dict(
            address=f"{self.name}@shop.example",
            display_name="Kuzu Dükkan",
            imap_host=self.host,
            imap_port=self.port,
            imap_security="none",
            smtp_host="127.0.0.1",
            smtp_port=1,
            smtp_security="none",
            user=self.name,
            since_days=None,
            sent_folder="",
        )
        values.update(overrides)
        return EmailAccount(**values)

    def generate(self, n: int, *, seed: int = 1) -> None:
        """Write ``n`` generated messages straight into the Maildir (fast; Dovecot picks them up)."""
        subprocess.run(
            [
                sys.executable,
                str(GEN_MAILBOX),
                "--maildir",
                str(self.maildir),
                "-n",
                str(n),
                "--seed",
                str(seed),
            ],
            check=True,
            capture_output=True,
        )
        self.server.own(self.home)


class DovecotServer:
    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="shopdesk-dovecot-"))
        self.root.chmod(0o755)
        self.port = free_port()
        import pwd  # Unix only, like Dovecot; imported here so that other systems can skip

        if os.getuid() == 0:
            account = pwd.getpwnam(os.environ.get("DOVECOT_RUN_AS", "nobody"))
            self.uid, self.gid = account.pw_uid, account.pw_gid
            self.prefix = ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups", "--"]
        else:
            self.uid, self.gid, self.prefix = os.getuid(), os.getgid(), []
        self.process: subprocess.Popen | None = None

    @property
    def conf(self) -> Path:
        return self.root / "dovecot.conf"

    def own(self, path: Path) -> None:
        """Hand ``path`` (recursively) to the user Dovecot runs as."""
        if os.getuid() != 0:
            return
        for dirpath, dirnames, filenames in os.walk(path):
            os.chown(dirpath, self.uid, self.gid)
            for name in dirnames + filenames:
                os.lchown(os.path.join(dirpath, name), self.uid, self.gid)

    def start(self) -> None:
        for sub in ("run", "state", "home"):
            (self.root / sub).mkdir(exist_ok=True)
        import grp
        import pwd

        user, group = pwd.getpwuid(self.uid).pw_name, grp.getgrgid(self.gid).gr_name
        self.conf.write_text(
            CONF.format(
                root=self.root,
                port=self.port,
                user=user,
                group=group,
                uid=self.uid,
                gid=self.gid,
                password=PASSWORD,
            ),
            encoding="utf-8",
        )
        self.own(self.root)
        self.process = subprocess.Popen(
            [*self.prefix, self.binary, "-F", "-c", str(self.conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_banner()

    def _wait_banner(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self.process.stderr.read().decode()} {self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(200).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self.log()}")

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def add_user(self) -> MailUser:
        name = f"u{os.getpid()}x{next(_users)}"
        home = self.root / "home" / name
        for sub in ("cur", "new", "tmp"):
            (home / "Maildir" / sub).mkdir(parents=True, exist_ok=True)
        self.own(home)
        return MailUser(name, PASSWORD, "127.0.0.1", self.port, home, self)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def dovecot_server():
    binary = _dovecot_binary()
    if binary is None:
        missing("Dovecot (Debian package dovecot-imapd)")
    server = DovecotServer(binary)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_user(dovecot_server) -> MailUser:
    """A fresh user with an empty Maildir, removed after the test."""
    user = dovecot_server.add_user()
    yield user
    shutil.rmtree(user.home, ignore_errors=True)
