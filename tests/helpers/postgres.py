"""A throw-away PostgreSQL server on loopback (Debian's binaries), and a fresh database per test.

As root it runs as the ``postgres`` system user (PostgreSQL refuses to run as root). Skipped where the
binaries are missing, failed in CI.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

_databases = itertools.count(1)


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="shopdesk-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.prefix: list[str] = []
        self.process: subprocess.Popen | None = None
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self.prefix = [
                "setpriv",
                f"--reuid={account.pw_uid}",
                f"--regid={account.pw_gid}",
                "--clear-groups",
            ]

    def _run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, cwd=self.root)

    def start(self) -> PostgresServer:
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "shopdesk", "--auth=trust", "-E", "UTF8"
        )
        self.process = subprocess.Popen(
            [
                *self.prefix,
                *(str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port)),
                *("-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.root}"),
                *("-c", "fsync=off", "-c", "max_connections=200"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.root,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"postgres exited: {self.process.stderr.read().decode(errors='replace')}")
            if self._accepts():
                return self
            time.sleep(0.05)  # a server starting in another process: nothing to wait on but trying
        raise RuntimeError("postgres did not answer in time")

    def _accepts(self) -> bool:
        """The server takes a session (its port opens while it still says "the database system is
        starting up")."""
        import psycopg

        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                pass
            with psycopg.connect(
                f"host=127.0.0.1 port={self.port} user=shopdesk dbname=postgres", connect_timeout=2
            ):
                return True
        except (OSError, psycopg.OperationalError):
            return False

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://shopdesk@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"relay_{os.getpid()}_{next(_databases)}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=shopdesk dbname=postgres", autocommit=True
        ) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = _bin_dir()
    reason = None if bin_dir else "PostgreSQL is not installed (Debian package postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        reason = reason or "psycopg is not installed"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs PostgreSQL for the relay's tests: {reason}")
        pytest.skip(reason)
    server = PostgresServer(bin_dir).start()
    yield server
    server.stop()
