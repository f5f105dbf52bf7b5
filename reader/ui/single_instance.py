"""One Pizhu per data dir: a second launch hands its files or links to the first.

Double-clicking a ``.txt`` file or a ``pizhu://`` link starts a new process each
time. Two GUI processes writing one library would race on progress, settings and
imports, so the first process takes a lock file in the data dir and listens on a
local socket; later processes find the lock taken, send their arguments over the
socket and exit. The lock (``QLockFile``) is what decides who is first: it notices
a crashed owner by its pid, so a stale lock never blocks a start, and two
simultaneous starts cannot both win (a socket name alone can be stolen by
``QLocalServer.removeServer``).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QElapsedTimer, QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = ".pizhu-gui.lock"
HANDOFF_TIMEOUT_MS = 10_000  # the first instance may still be starting up
ACK = b"ok\n"


def server_name(data_dir: Path) -> str:
    """Per user and per data dir (the socket namespace is shared by all users on Unix)."""
    key = f"{_user()}\0{Path(os.path.abspath(data_dir)).resolve()}"
    return f"pizhu-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers): the uid still separates users
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def encode_request(targets: Sequence[str], cwd: str) -> bytes:
    """One JSON line; relative paths are resolved by the receiver against ``cwd``."""
    return json.dumps({"targets": list(targets), "cwd": cwd}, ensure_ascii=False).encode() + b"\n"


def decode_request(line: bytes) -> list[str]:
    """Targets with relative file paths made absolute; links are passed through."""
    data = json.loads(line.decode("utf-8"))
    cwd = Path(str(data.get("cwd") or "."))
    found: list[str] = []
    for target in data.get("targets", []):
        text = str(target)
        found.append(text if _looks_like_url(text) or Path(text).is_absolute() else str(cwd / text))
    return found


def _looks_like_url(text: str) -> bool:
    scheme, sep, _rest = text.partition(":")
    return bool(sep) and len(scheme) > 1 and scheme.isascii() and scheme.isalpha()


class InstanceGuard(QObject):
    """Owns the data dir's GUI lock and the socket that receives later launches' targets."""

    targetsReceived = Signal(list)  # list[str]

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when the owning pid is gone
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    # -- deciding who runs ------------------------------------------------------------

    def acquire(self) -> bool:
        """True when this process is the first: it holds the lock and now listens."""
        if not self._lock.tryLock(0):
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a crashed owner's socket file; we hold the lock
        if not server.listen(self.name):
            self._lock.unlock()
            raise OSError(f"cannot listen on {self.name}: {server.errorString()}")
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def owner_pid(self) -> int | None:
        info = self._lock.getLockInfo()  # PySide6: (pid, hostname, appname); pid 0 if none
        pid = int(info[0]) if isinstance(info, tuple) and info else 0
        return pid or None

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    # -- receiving ----------------------------------------------------------------------

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll())
        while b"\n" in data:
            line, data = data.split(b"\n", 1)
            try:
                targets = decode_request(line)
            except (ValueError, UnicodeDecodeError):
                socket.write(b"error: bad request\n")
                continue
            socket.write(ACK)
            socket.flush()
            self.targetsReceived.emit(targets)
        self._buffers[socket] = data

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def hand_off(data_dir: Path, targets: Sequence[str], timeout_ms: int = HANDOFF_TIMEOUT_MS) -> bool:
    """Send ``targets`` (maybe none: then the first instance just raises its window).

    Retries until ``timeout_ms``: the lock holder may not be listening yet. True once
    the first instance acknowledged the request.
    """
    name = server_name(data_dir)
    request = encode_request(targets, os.getcwd())
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < timeout_ms:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(1000):
            socket.write(request)
            socket.flush()
            reply = b""
            deadline = QDeadlineTimer(max(1000, timeout_ms - clock.elapsed()))
            while not reply.endswith(b"\n") and not deadline.hasExpired():
                connected = QLocalSocket.LocalSocketState.ConnectedState
                if not socket.waitForReadyRead(200) and socket.state() != connected:
                    break
                reply += bytes(socket.readAll())
            socket.disconnectFromServer()
            if reply == ACK:
                return True
        QThread.msleep(100)
    return False


def refuse_second_instance(guard: InstanceGuard, targets: Sequence[str]) -> int:
    """Exit code for a second launch: 0 once the first instance took over ``targets``."""
    if hand_off(guard.data_dir, targets):
        return 0
    pid = guard.owner_pid()
    owner = f" (process {pid})" if pid else ""
    print(
        f"pizhu: error: another Pizhu{owner} is using {guard.data_dir} but does not answer;"
        " close it, or use --data-dir for another library",
        file=sys.stderr,
    )
    return 1
