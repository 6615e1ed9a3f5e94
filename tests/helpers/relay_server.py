"""A real relay for tests: uvicorn on a free loopback port, in a thread or in its own process."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from shopdesk.relay.config import Limits, RelayConfig, SiteConfig, hash_token

SITE_KEY = "site_test"
OWNER_TOKEN = "owner-token-for-tests"
SHOP_ORIGIN = "https://shop.example"
ROOT = Path(__file__).resolve().parents[2]


def relay_config(db_url: str, **limits) -> RelayConfig:
    return RelayConfig(
        site=SiteConfig(
            key=SITE_KEY,
            owner_token_hash=hash_token(OWNER_TOKEN),
            allowed_origins=(SHOP_ORIGIN,),
            name="Toprak & İplik",
        ),
        database_url=db_url,
        limits=replace(Limits(), **limits),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RelayThread:
    """uvicorn serving the relay app on its own loop in a daemon thread."""

    def __init__(self, config: RelayConfig) -> None:
        import uvicorn

        from shopdesk.relay.app import create_app
        from shopdesk.relay.main import SERVER_OPTIONS

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.app = create_app(config)
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", **SERVER_OPTIONS))
        self.thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def relay(self):
        return self.app.state.relay

    def _run(self) -> None:
        asyncio.run(self.server.serve(sockets=[self.sock]))

    def start(self) -> RelayThread:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the relay did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        self.sock.close()


def write_relay_toml(path: Path, db_url: str, port: int, **limits) -> Path:
    lines = [
        f'host = "127.0.0.1"\nport = {port}\ndatabase_url = "{db_url}"\n',
        "[site]",
        f'key = "{SITE_KEY}"\nname = "Toprak & İplik"\nallowed_origins = ["{SHOP_ORIGIN}"]',
        f'owner_token_hash = "{hash_token(OWNER_TOKEN)}"\n',
        "[limits]",
        *(f"{k} = {v}" for k, v in limits.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class RelayProcess:
    """`shopdesk-relay --config relay.toml` as a child process (so a test can kill -9 it)."""

    def __init__(self, config_path: Path, port: int) -> None:
        self.config_path = config_path
        self.port = port
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20) -> RelayProcess:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.log = open(self.config_path.with_suffix(".log"), "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "shopdesk.relay.main", "--config", str(self.config_path)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,  # a file, not a pipe: a full pipe would stop the relay at its next log line
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.close()
                tail = self.config_path.with_suffix(".log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the relay exited: {tail}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("the relay process did not answer in time")

    def kill(self) -> None:
        """kill -9: no shutdown, no flush."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self.log.close()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def relay_server(tmp_path):
    server = RelayThread(relay_config(f"sqlite:///{tmp_path / 'relay.sqlite3'}")).start()
    yield server
    server.stop()
