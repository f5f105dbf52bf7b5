"""A second launch hands its link or file to the running instance and never opens the library.

Real processes: the first runs the GUI offscreen on a data dir, later ones are started
the way a desktop starts them (`pizhu --data-dir D TARGET`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.ui.window.single_instance import LOCK_NAME, decode_request, encode_request

TIMEOUT = 60


def _pizhu(data_dir: Path, *args: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with open(log, "w") as out:  # the child keeps its own descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
            stdout=out, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip


def _wait_for(condition: Callable[[], bool], what: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert proc.poll() is None, f"first instance exited ({proc.returncode}) before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _last_opened(data_dir: Path, doc_id: int) -> tuple[int, str | None]:
    library = Library.open(data_dir)
    try:
        progress = library.progress.get(doc_id)
        return progress.offset, progress.last_opened
    finally:
        library.close()


def _count(data_dir: Path) -> int:
    library = Library.open(data_dir)
    try:
        return len(library.documents.list())
    finally:
        library.close()


@pytest.fixture
def first(tmp_path: Path) -> Iterator[tuple[subprocess.Popen, Path]]:
    data_dir = tmp_path / "lib"
    proc = _pizhu(data_dir, log=tmp_path / "first.log")
    try:
        _wait_for(lambda: (data_dir / ".sample-imported").exists(), "the sample import", proc)
        yield proc, data_dir
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(10)


def test_second_launch_hands_over_link_and_file(first, tmp_path: Path) -> None:
    proc, data_dir = first
    link = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir),
         "pizhu://open?doc=2&pos=40"],
        capture_output=True, text=True, timeout=TIMEOUT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert link.returncode == 0, link.stdout + link.stderr
    _wait_for(lambda: _last_opened(data_dir, 2)[1] is not None, "doc 2 to open", proc)

    note = tmp_path / "笔记.txt"
    note.write_text("# 笔记\n\n京津冀协同发展的第二次启动测试。\n", encoding="utf-8")
    before = _count(data_dir)
    handed = _pizhu(data_dir, str(note), log=tmp_path / "handed.log")
    assert handed.wait(TIMEOUT) == 0, (tmp_path / "handed.log").read_text()
    _wait_for(lambda: _count(data_dir) == before + 1, "the file to be imported", proc)
    assert proc.poll() is None  # the first instance is still the only GUI


def test_stale_lock_after_a_crash(first, tmp_path: Path) -> None:
    proc, data_dir = first
    assert (data_dir / LOCK_NAME).exists()
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    again = _pizhu(data_dir, "pizhu://open?doc=3", log=tmp_path / "again.log")
    try:
        _wait_for(lambda: _last_opened(data_dir, 3)[1] is not None, "doc 3 to open", again)
        assert again.poll() is None  # it became the first instance, not a hand-off
    finally:
        again.send_signal(signal.SIGKILL)
        again.wait(10)


def test_request_round_trip(tmp_path: Path) -> None:
    line = encode_request(["a.txt", "/abs/b.md", "pizhu://open?doc=1", "C:x"], str(tmp_path))
    assert decode_request(line.rstrip(b"\n")) == [
        str(tmp_path / "a.txt"), "/abs/b.md", "pizhu://open?doc=1", str(tmp_path / "C:x"),
    ]  # fmt: skip
