"""Secrets (mail passwords, bot and relay tokens) in the OS keyring, never in the database or a log."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from shopdesk import APP_ID

SERVICE = APP_ID
NO_KEYRING = (
    "This computer has no working password store (keyring), so ShopDesk cannot keep passwords safely. "
    "Start the desktop's keyring service (GNOME Keyring, KWallet), or allow ShopDesk to keep them in a "
    "file only your user can read."
)


class SecretStoreUnavailable(Exception):
    """No keyring backend works; the message says what the owner can do."""


def _backend() -> KeyringBackend:
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a configured backend that cannot start (no D-Bus session, say)
        raise SecretStoreUnavailable(f"{NO_KEYRING} ({exc})") from exc
    # The null backend forgets silently and the fail backend raises on use: neither keeps a password.
    if isinstance(backend, fail.Keyring | null.Keyring):
        raise SecretStoreUnavailable(NO_KEYRING)
    return backend


def get_secret(key: str) -> str | None:
    """The secret stored under ``key``, or None when there is none."""
    try:
        return _backend().get_password(SERVICE, key)
    except KeyringError as exc:
        raise SecretStoreUnavailable(f"{NO_KEYRING} ({exc})") from exc


def set_secret(key: str, value: str) -> None:
    try:
        _backend().set_password(SERVICE, key, value)
    except KeyringError as exc:
        raise SecretStoreUnavailable(f"{NO_KEYRING} ({exc})") from exc


def delete_secret(key: str) -> None:
    """Forget ``key``; forgetting a secret that is not there is not an error."""
    try:
        _backend().delete_password(SERVICE, key)
    except PasswordDeleteError:
        pass
    except KeyringError as exc:
        raise SecretStoreUnavailable(f"{NO_KEYRING} ({exc})") from exc


def keyring_available() -> bool:
    """Whether a real keyring backend is in use (the settings dialog warns when not)."""
    try:
        _backend()
    except SecretStoreUnavailable:
        return False
    return True


def keyring_description() -> str:
    """Which keyring keeps the secrets (``--check`` prints it), or "none (…)" when none can."""
    try:
        backend = keyring.get_keyring()
    except Exception as exc:
        return f"none ({exc})"
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    return name if keyring_available() else f"none ({name})"


class OwnerOnlyFileKeyring(KeyringBackend):
    """Secrets in a JSON file readable by the owner only (mode 0600): the fallback the owner must consent to.

    Never chosen by keyring's own detection (not viable); only ``use_owner_only_file`` installs it.
    """

    priority = -10
    viable = False

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._lock = threading.Lock()

    def _read(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError as exc:
            raise KeyringError(f"the password file {self.path} is damaged") from exc

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            data = self._read()
            data[f"{service}/{username}"] = password
            self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            data = self._read()
            if data.pop(f"{service}/{username}", None) is None:
                raise PasswordDeleteError(username)
            self._write(data)


def use_owner_only_file(path: Path) -> None:
    """Keep secrets in ``path`` (0600) from now on. Call only after the owner agreed to it."""
    keyring.set_keyring(OwnerOnlyFileKeyring(path))
