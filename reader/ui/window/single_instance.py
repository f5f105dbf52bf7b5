"""One Pizhu per data dir: a second launch hands its files or links to the first.

Double-clicking a ``.txt`` file or a ``pizhu://`` link starts a new process each
time. Two GUI processes writing one library would race on progress, settings and
imports, so the first process takes a lock file in the data dir and listens on a
local socket; later processes find the lock taken, send their arguments over the
socket and exit. The lock (``QLockFile``) is what decides who is first: it notices
a crashed owner by its pid, so a stale lock never blocks a start, and two
simultaneous starts cannot both win (a socket name alone can be stolen by
``QLocalServer.removeServer``).

The socket is a door into the running GUI, so it is kept private and treated as
untrusted input. On Unix it lives in the user's runtime dir (``$XDG_RUNTIME_DIR``,
or a ``pizhu-<uid>`` folder in the temp dir made 0700 and refused when it belongs
to someone else or is open to others), never under a predictable name in ``/tmp``
that another user could create first and listen on. A request is one JSON line
of at most :data:`MAX_REQUEST_BYTES`; anything else gets a one-line JSON error and
the connection is dropped, so a stray or hostile client can neither crash the
window nor make it buffer without bound.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QDeadlineTimer,
    QElapsedTimer,
    QLockFile,
    QObject,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from reader.errors import PizhuError

LOCK_NAME = ".pizhu-gui.lock"
HANDOFF_TIMEOUT_MS = 10_000  # the first instance may still be starting up
ACK = b"ok\n"
MAX_REQUEST_BYTES = 64 * 1024
"""A request is a few paths or links; a longer line is refused (the sender splits
many targets into several lines, see :func:`encode_requests`)."""
REQUEST_TIMEOUT_MS = 10_000
"""A connection that has not sent a complete line by then is dropped (a stuck or idle
client must not hold a socket and a buffer for the whole session)."""
MAX_CONNECTIONS = 16  # hand-offs are one at a time in practice; more is a runaway client


class BadRequest(ValueError):
    """A request line the running instance refuses; the message is sent back."""


# -- where the socket lives ----------------------------------------------------------


def server_name(data_dir: Path) -> str:
    """The socket for ``data_dir``: a full path in a private folder on Unix.

    Per user and per data dir. Windows has no socket files: Qt makes a named pipe
    (whose namespace all users share, hence the user in the hash) and
    ``UserAccessOption`` limits it to this user.
    """
    key = f"{_user()}\0{Path(os.path.abspath(data_dir)).resolve()}"
    name = f"pizhu-{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"
    if sys.platform == "win32":
        return name
    return str(socket_dir() / name)


def socket_dir() -> Path:
    """``$XDG_RUNTIME_DIR`` when it is private, else ``<tmp>/pizhu-<uid>`` made 0700.

    Raises :class:`PizhuError` when the fallback exists but is not safe: another
    user who created it first could otherwise listen in our place and receive the
    files and links we hand over.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and unsafe_reason(Path(runtime)) is None:
        return Path(runtime)
    fallback = Path(tempfile.gettempdir()) / f"pizhu-{os.getuid()}"
    try:
        fallback.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise PizhuError(
            f"cannot create {fallback} for the window's socket: {exc.strerror}"
        ) from None
    reason = unsafe_reason(fallback)
    if reason is not None:
        raise PizhuError(
            f"{fallback} {reason}, so Pizhu will not put its socket there;"
            " remove it, or set XDG_RUNTIME_DIR to a private folder"
        )
    return fallback


def unsafe_reason(folder: Path) -> str | None:
    """Why ``folder`` may not hold our socket (None: a 0700 folder of ours, not a link)."""
    try:
        info = os.lstat(folder)
    except OSError as exc:
        return f"cannot be examined ({exc.strerror})"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if info.st_uid != os.getuid():
        return "belongs to another user"
    if info.st_mode & 0o077:
        return f"is open to other users (mode {stat.S_IMODE(info.st_mode):o}, not 700)"
    return None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers): the uid still separates users
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


# -- the request format --------------------------------------------------------------


def encode_request(targets: Sequence[str], cwd: str) -> bytes:
    """One JSON line; relative paths are resolved by the receiver against ``cwd``.

    ASCII JSON: a file name that is not valid UTF-8 reaches Python as lone
    surrogates, which survive ``\\u`` escapes but not UTF-8 encoding.
    """
    return json.dumps({"targets": list(targets), "cwd": cwd}).encode("ascii") + b"\n"


def encode_requests(targets: Sequence[str], cwd: str) -> list[bytes]:
    """``targets`` as request lines of at most :data:`MAX_REQUEST_BYTES` each.

    ``pizhu *.txt`` in a big folder must not be refused for its length, so the
    targets are split; a single target too long for any line is a user error.
    """
    empty = len(encode_request([], cwd))
    batches: list[list[str]] = [[]]
    size = empty
    for target in targets:
        item = len(json.dumps(target))  # as encode_request writes it, "\u" escapes included
        if empty + item > MAX_REQUEST_BYTES:
            raise PizhuError(f"too long to hand to the running Pizhu: {target[:60]}…")
        if batches[-1] and size + 2 + item > MAX_REQUEST_BYTES:  # 2: the ", " before it
            batches.append([])
            size = empty
        size += item + (2 if batches[-1] else 0)
        batches[-1].append(target)
    return [encode_request(batch, cwd) for batch in batches]


def decode_request(line: bytes) -> list[str]:
    """Targets with relative file paths made absolute; links are passed through.

    Raises :class:`BadRequest` (naming what is wrong) for anything but a JSON
    object whose ``targets`` is a list of strings and whose ``cwd`` is a string.
    """
    data = _json_object(line)
    targets = data.get("targets", [])
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise BadRequest('"targets" must be a list of strings')
    cwd = data.get("cwd", "")
    if not isinstance(cwd, str):
        raise BadRequest('"cwd" must be a string')
    if any("\0" in text for text in (*targets, cwd)):
        raise BadRequest("a target or the cwd contains a NUL character")
    base = Path(cwd or ".")
    return [
        text if _looks_like_url(text) or Path(text).is_absolute() else str(base / text)
        for text in targets
    ]


def _json_object(line: bytes) -> dict[str, object]:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("the request is not UTF-8") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise BadRequest("the request is not JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("the request must be a JSON object")
    return data


def error_reply(message: str) -> bytes:
    """The one-line answer to a refused request: ``{"error": "..."}``."""
    return json.dumps({"error": message}).encode("ascii") + b"\n"


def _looks_like_url(text: str) -> bool:
    scheme, sep, _rest = text.partition(":")
    return bool(sep) and len(scheme) > 1 and scheme.isascii() and scheme.isalpha()


# -- the first instance ----------------------------------------------------------------


@dataclass
class _Connection:
    buffer: bytes
    timer: QTimer


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
        self._connections: dict[QLocalSocket, _Connection] = {}

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
            raise PizhuError(f"cannot listen on {self.name}: {server.errorString()}")
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
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if len(self._connections) >= MAX_CONNECTIONS:
                self._refuse(socket, "too many connections")
                continue
            socket.setReadBufferSize(MAX_REQUEST_BYTES + 1)  # Qt buffers no more than this
            timer = QTimer(socket, singleShot=True, interval=REQUEST_TIMEOUT_MS)
            timer.timeout.connect(lambda s=socket: self._refuse(s, "no complete request in time"))
            timer.start()
            self._connections[socket] = _Connection(b"", timer)
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        """Take what arrived in reads of at most the cap, answering each complete line."""
        while socket.bytesAvailable() > 0:
            connection = self._connections.get(socket)
            if connection is None:  # refused already: whatever it still sends is ignored
                return
            connection.buffer += bytes(socket.read(MAX_REQUEST_BYTES + 1).data())
            if not self._answer_lines(socket, connection):
                return

    def _answer_lines(self, socket: QLocalSocket, connection: _Connection) -> bool:
        """Answer each complete line; refuse one (complete or not) longer than the cap.

        False once the connection was dropped.
        """
        while connection.buffer:
            line, newline, rest = connection.buffer.partition(b"\n")
            if len(line) > MAX_REQUEST_BYTES:
                self._refuse(socket, f"the request is longer than {MAX_REQUEST_BYTES} bytes")
                return False
            if not newline:
                break
            connection.buffer = rest
            if not self._answer(socket, line):
                return False
            connection.timer.start()  # a client sending several lines gets time for each
        return True

    def _answer(self, socket: QLocalSocket, line: bytes) -> bool:
        """Acknowledge and emit one request; False (connection dropped) if it is refused."""
        try:
            targets = decode_request(line)
        except BadRequest as exc:
            self._refuse(socket, str(exc))
            return False
        socket.write(ACK)
        socket.flush()
        self.targetsReceived.emit(targets)
        return True

    def _refuse(self, socket: QLocalSocket, reason: str) -> None:
        """Send the one-line error and hang up (after the reply is written)."""
        connection = self._connections.pop(socket, None)
        if connection is not None:
            connection.timer.stop()
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            return
        socket.write(error_reply(reason))
        socket.flush()
        socket.disconnectFromServer()

    def _forget(self, socket: QLocalSocket) -> None:
        connection = self._connections.pop(socket, None)
        if connection is not None:
            connection.timer.stop()
        socket.deleteLater()


# -- later launches --------------------------------------------------------------------


def hand_off(data_dir: Path, targets: Sequence[str], timeout_ms: int = HANDOFF_TIMEOUT_MS) -> bool:
    """Send ``targets`` (maybe none: then the first instance just raises its window).

    Retries until ``timeout_ms``: the lock holder may not be listening yet. True once
    the first instance acknowledged every request line; :class:`PizhuError` when it
    refused one (with its reason).
    """
    name = server_name(data_dir)
    lines = encode_requests(targets, os.getcwd())
    sent = 0
    clock = QElapsedTimer()
    clock.start()
    while sent < len(lines) and clock.elapsed() < timeout_ms:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(1000):
            try:
                while sent < len(lines):
                    remaining = max(1000, timeout_ms - clock.elapsed())
                    if _exchange(socket, lines[sent], remaining) != ACK:
                        break  # no answer (it is still starting, or went away): try again
                    sent += 1
            finally:
                socket.disconnectFromServer()
        if sent < len(lines):
            QThread.msleep(100)
    return sent == len(lines)


def _exchange(socket: QLocalSocket, line: bytes, timeout_ms: int) -> bytes:
    """Send one request line and return the reply line (b"" when none came)."""
    socket.write(line)
    socket.flush()
    reply = b""
    deadline = QDeadlineTimer(timeout_ms)
    connected = QLocalSocket.LocalSocketState.ConnectedState
    while not reply.endswith(b"\n") and not deadline.hasExpired():
        if not socket.waitForReadyRead(200) and socket.state() != connected:
            break
        reply += bytes(socket.readAll().data())
    if reply.startswith(b"{"):
        raise PizhuError(f"the running Pizhu refused the request: {_refusal(reply)}")
    return reply


def _refusal(reply: bytes) -> str:
    try:
        message = json.loads(reply.decode("utf-8")).get("error")
    except (ValueError, AttributeError):
        message = None
    return str(message) if message else reply.decode("utf-8", "replace").strip()


def refuse_second_instance(guard: InstanceGuard, targets: Sequence[str]) -> int:
    """Exit code for a second launch: 0 once the first instance took over ``targets``."""
    try:
        if hand_off(guard.data_dir, targets):
            return 0
    except PizhuError as exc:
        print(f"pizhu: error: {exc}", file=sys.stderr)
        return 1
    pid = guard.owner_pid()
    owner = f" (process {pid})" if pid else ""
    print(
        f"pizhu: error: another Pizhu{owner} is using {guard.data_dir} but does not answer;"
        " close it, or use --data-dir for another library",
        file=sys.stderr,
    )
    return 1
