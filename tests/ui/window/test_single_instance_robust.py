"""The single-instance socket is private and takes no nonsense (issue 16).

A running window listens on a socket that any local process could try to talk
to, so: the socket lives in a private folder, never under a name in ``/tmp`` that
another user could take first; a malformed or oversized request gets a one-line
JSON error and the connection is dropped, and the window keeps serving. The
clients here are raw Unix sockets in a thread (sending exactly the bytes a test
wants) while the test's thread runs the window's event loop.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest

from reader.errors import PizhuError
from reader.ui.window import single_instance
from reader.ui.window.single_instance import (
    ACK,
    MAX_REQUEST_BYTES,
    InstanceGuard,
    decode_request,
    encode_requests,
    hand_off,
    socket_dir,
)

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files"),
]
T = TypeVar("T")
WAIT_MS = 15_000


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private ``$XDG_RUNTIME_DIR`` with a short path (socket paths are ~100 bytes at most)."""
    path = Path(tempfile.mkdtemp(prefix="pz-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def temp_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The temp dir the fallback folder is made in, without a usable runtime dir."""
    path = Path(tempfile.mkdtemp(prefix="pz-tmp-"))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def guard(qtbot, runtime: Path, tmp_path: Path) -> Iterator[InstanceGuard]:
    tmp_path.joinpath("lib").mkdir()
    first = InstanceGuard(tmp_path / "lib")
    assert first.acquire()
    yield first
    first.release()


def _in_thread(qtbot, work: Callable[[], T]) -> T:
    """Run a blocking client while this thread runs the server's event loop."""
    with ThreadPoolExecutor(1) as pool:
        future: Future[T] = pool.submit(work)
        qtbot.waitUntil(future.done, timeout=WAIT_MS)
        return future.result()


def _talk(path: str, payload: bytes, *, until_closed: bool = True) -> bytes:
    """Send ``payload`` and read the answer: up to the first line, or until hung up."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(WAIT_MS / 1000)
        client.connect(path)
        with contextlib.suppress(OSError):  # it hung up mid-send: its reply still waits for us
            client.sendall(payload)
        answer = b""
        while until_closed or not answer.endswith(b"\n"):
            try:
                chunk = client.recv(65536)
            except ConnectionResetError:  # hung up with our bytes unread: the same as EOF
                break
            if not chunk:
                break
            answer += chunk
        return answer


def _error_of(answer: bytes) -> str:
    assert answer.endswith(b"\n") and answer.count(b"\n") == 1, answer[:200]
    return json.loads(answer)["error"]


def _still_serves(qtbot, guard: InstanceGuard, tmp_path: Path) -> None:
    """A good request after the bad one is acknowledged and delivered."""
    line = json.dumps({"targets": ["a.txt"], "cwd": str(tmp_path)}).encode() + b"\n"
    with qtbot.waitSignal(guard.targetsReceived, timeout=WAIT_MS) as received:
        answer = _in_thread(qtbot, lambda: _talk(guard.name, line, until_closed=False))
    assert answer == ACK
    assert received.args == [[str(tmp_path / "a.txt")]]


# -- where the socket is -----------------------------------------------------------


def test_the_socket_is_in_the_private_runtime_dir(guard: InstanceGuard, runtime: Path) -> None:
    socket_file = Path(guard.name)
    assert socket_file.parent == runtime
    info = os.lstat(socket_file)
    assert stat.S_ISSOCK(info.st_mode)
    assert info.st_mode & 0o077 == 0, oct(info.st_mode)


def test_a_shared_runtime_dir_falls_back_to_a_private_temp_folder(
    temp_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "run"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    folder = socket_dir()
    assert folder == temp_root / f"pizhu-{os.getuid()}"
    assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700


def _taken_by_another_user(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root the folder really gets another owner; otherwise we pretend to be another uid."""
    if os.getuid() == 0:
        os.chown(folder, 65534, 65534)
    else:
        real = os.getuid()
        monkeypatch.setattr(single_instance.os, "getuid", lambda: real + 1)
        folder.rename(folder.with_name(f"pizhu-{real + 1}"))


@pytest.mark.parametrize("squat", ["other-user", "open-mode", "symlink", "file"])
def test_an_unsafe_fallback_folder_is_refused(
    temp_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, squat: str
) -> None:
    folder = temp_root / f"pizhu-{os.getuid()}"
    if squat == "other-user":
        folder.mkdir(mode=0o700)
        _taken_by_another_user(folder, monkeypatch)
    elif squat == "open-mode":
        folder.mkdir()
        folder.chmod(0o1777)
    elif squat == "symlink":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "elsewhere")
    else:
        folder.write_text("")
    reason = {
        "other-user": "belongs to another user",
        "open-mode": r"is open to other users \(mode 1777, not 700\)",
        "symlink": "is not a folder",
        "file": "is not a folder",
    }[squat]
    with pytest.raises(PizhuError, match=reason + ".*set XDG_RUNTIME_DIR"):
        InstanceGuard(tmp_path)


def test_the_refusal_reaches_the_user_as_one_line(
    temp_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``pizhu`` (the GUI) with a squatted folder: one error line, exit 1, no window."""
    from reader.cli import main

    (temp_root / f"pizhu-{os.getuid()}").mkdir(mode=0o777)
    (temp_root / f"pizhu-{os.getuid()}").chmod(0o777)
    code = main(["--data-dir", str(tmp_path / "lib")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("pizhu: error: "), err
    assert "is open to other users" in err and "Traceback" not in err


# -- what it accepts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"[1,2]\n", "must be a JSON object"),
        (b'{"targets":5}\n', '"targets" must be a list of strings'),
        (b'{"targets":[1]}\n', '"targets" must be a list of strings'),
        (b'{"targets":[],"cwd":3}\n', '"cwd" must be a string'),
        (b'{"targets":["a\\u0000b"]}\n', "NUL character"),
        (b"\xff\xfe\n", "not UTF-8"),
        (b"not json\n", "not JSON"),
        (b"\n", "not JSON"),
    ],
    ids=["list", "targets-int", "target-int", "cwd-int", "nul", "not-utf8", "not-json", "empty"],
)
def test_a_malformed_request_gets_an_error_reply(
    qtbot, guard: InstanceGuard, tmp_path: Path, payload: bytes, reason: str
) -> None:
    with qtbot.assertNotEmitted(guard.targetsReceived):
        answer = _in_thread(qtbot, lambda: _talk(guard.name, payload))
    assert reason in _error_of(answer)  # and then it hung up: _talk read to the end
    _still_serves(qtbot, guard, tmp_path)


def test_a_huge_request_without_a_newline_is_cut_off(
    qtbot, guard: InstanceGuard, tmp_path: Path
) -> None:
    """10 MB and no newline: refused once past the cap, not buffered to the end."""
    answer = _in_thread(qtbot, lambda: _talk(guard.name, b"x" * (10 * 1024 * 1024)))
    assert _error_of(answer) == f"the request is longer than {MAX_REQUEST_BYTES} bytes"
    assert not guard._connections  # no buffer kept for it
    _still_serves(qtbot, guard, tmp_path)


def test_a_connection_that_sends_nothing_is_dropped(
    qtbot, guard: InstanceGuard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "REQUEST_TIMEOUT_MS", 300)
    answer = _in_thread(qtbot, lambda: _talk(guard.name, b'{"targets": []'))
    assert _error_of(answer) == "no complete request in time"
    _still_serves(qtbot, guard, tmp_path)


def test_too_many_connections_are_refused(
    qtbot, guard: InstanceGuard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "MAX_CONNECTIONS", 2)
    idle = [socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) for _ in range(2)]
    try:
        for client in idle:
            client.connect(guard.name)
        qtbot.waitUntil(lambda: len(guard._connections) == 2, timeout=WAIT_MS)
        answer = _in_thread(qtbot, lambda: _talk(guard.name, b'{"targets": []}\n'))
        assert _error_of(answer) == "too many connections"
    finally:
        for client in idle:
            client.close()
    qtbot.waitUntil(lambda: not guard._connections, timeout=WAIT_MS)
    _still_serves(qtbot, guard, tmp_path)


# -- the sending side ----------------------------------------------------------------


def test_many_targets_are_handed_over_in_lines_under_the_cap(
    qtbot, guard: InstanceGuard, tmp_path: Path
) -> None:
    targets = [f"文件夹/第{n:05d}号文件-{'长' * 40}.txt" for n in range(3000)]
    lines = encode_requests(targets, str(tmp_path))
    assert len(lines) > 1 and all(len(line) <= MAX_REQUEST_BYTES for line in lines)
    received: list[str] = []
    guard.targetsReceived.connect(received.extend)
    assert _in_thread(qtbot, lambda: hand_off(guard.data_dir, targets))
    qtbot.waitUntil(lambda: len(received) == len(targets), timeout=WAIT_MS)
    assert received == [str(Path.cwd() / t) for t in targets]  # in order, none lost


def test_a_refusal_is_reported_with_its_reason(
    qtbot, guard: InstanceGuard, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(line: bytes) -> list[str]:
        raise single_instance.BadRequest("not today")

    monkeypatch.setattr(single_instance, "decode_request", refuse)
    with pytest.raises(PizhuError, match=r"^the running Pizhu refused the request: not today$"):
        _in_thread(qtbot, lambda: hand_off(guard.data_dir, ["a.txt"], timeout_ms=5000))


def test_one_target_too_long_for_any_request_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(PizhuError, match="too long to hand to the running Pizhu"):
        encode_requests(["x" * MAX_REQUEST_BYTES], str(tmp_path))


def test_undecodable_file_names_survive_the_trip(tmp_path: Path) -> None:
    """A name that is not UTF-8 arrives in argv as lone surrogates; it must come back so."""
    name = os.fsdecode(b"\xff\xfe.txt")
    [line] = encode_requests([name], str(tmp_path))
    assert decode_request(line.rstrip(b"\n")) == [str(tmp_path / name)]
