"""One running ShopDesk per data directory (QLockFile); a second start raises the first window."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from shopdesk.paths import DataPaths


class InstanceLock:
    def __init__(self, paths: DataPaths) -> None:
        paths.root.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(paths.lock_file))
        self._lock.setStaleLockTime(0)  # a crashed instance's lock is detected by its dead PID

    def acquire(self) -> bool:
        return self._lock.tryLock(100)

    def release(self) -> None:
        self._lock.unlock()


def server_name(paths: DataPaths) -> str:
    digest = hashlib.sha256(str(paths.root.resolve()).encode()).hexdigest()[:16]
    return f"shopdesk-{digest}"


class RaiseServer(QObject):
    """Listens for a second start and asks the window to come to the front."""

    raise_requested = Signal()

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        name = server_name(paths)
        QLocalServer.removeServer(name)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(name)

    def _on_connection(self) -> None:
        conn = self._server.nextPendingConnection()
        if conn is not None:
            conn.disconnectFromServer()
            self.raise_requested.emit()


def ask_running_instance_to_raise(paths: DataPaths, *, attempts: int = 10) -> bool:
    """Ask the running instance to show its window; it may still be starting, so try for a while."""
    for _ in range(attempts):
        sock = QLocalSocket()
        sock.connectToServer(server_name(paths))
        if sock.waitForConnected(500):
            sock.write(b"raise\n")
            sock.flush()
            sock.disconnectFromServer()
            return True
        QThread.msleep(500)
    return False
