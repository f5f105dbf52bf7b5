"""A second ``reindex --wait`` while one runs waits for it, never reports "0 documents" (issue 16).

Real processes: the first ``reindex --wait`` is held inside its first commit (a
test hook in its own process: it touches ``inside`` and waits for ``release``), so
the second one certainly starts while the build runs. Before the build lock, the
second emptied the index under the first and printed "rebuilt: 0 documents".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh.util.filelock import FileLock

from reader.core.search.indexer import BUILD_LOCK
from reader.core.search.service import SearchService
from tests.core.search.conftest import import_fixtures
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120
DOCS = 5  # import_fixtures

# argv[1]: data dir, argv[2]: "inside" marker, argv[3]: "release" file.
HELD_REINDEX = r"""
import os, sys, time
from reader.cli import main
from reader.core.search.indexer import Indexer
data_dir, inside, release = sys.argv[1:]
real = Indexer._commit_batch
def held(self, *args, **kwargs):
    open(inside, "w").close()
    while not os.path.exists(release):
        time.sleep(0.02)
    return real(self, *args, **kwargs)
Indexer._commit_batch = held
sys.exit(main(["--data-dir", data_dir, "reindex", "--wait"]))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _pizhu(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _wait_for(path: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"timed out waiting for {path.name}"
        time.sleep(0.05)


@pytest.fixture
def held_build(data_dir: Path, tmp_path: Path):  # a generator fixture
    """A real ``reindex --wait`` process stopped inside its build (the lock held)."""
    import_fixtures(data_dir, tmp_path)
    inside, release = tmp_path / "inside", tmp_path / "release"
    first = subprocess.Popen(
        [sys.executable, "-c", HELD_REINDEX, str(data_dir), str(inside), str(release)],
        cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _wait_for(inside, first)
        yield first, release
    finally:
        release.touch()
        first.communicate(timeout=TIMEOUT)  # also closes its pipes, whoever waited for it


def test_a_second_reindex_waits_for_the_running_one(
    capsys, held_build, data_dir: Path
) -> None:
    first, release = held_build
    second = _pizhu(data_dir, "reindex", "--wait")
    time.sleep(2.0)
    assert second.poll() is None, second.communicate()  # waiting, not done with "0 documents"
    release.touch()
    out1, err1 = first.communicate(timeout=TIMEOUT)
    out2, err2 = second.communicate(timeout=TIMEOUT)
    assert (first.returncode, out1, err1) == (0, f"search index rebuilt: {DOCS} documents\n", "")
    assert second.returncode == 0, err2
    assert out2 == f"search index rebuilt: {DOCS} documents\n"
    assert err2 == (
        "pizhu: note: another search index build is running; waiting for it to finish\n"
    )
    check = run_cli(capsys, data_dir, "check")
    assert check.code == 0, check.err
    assert run_cli(capsys, data_dir, "search", "刘䶮", "--json").json()["total"] == 1


def _hits(data: dict) -> list[tuple]:
    return sorted((h["doc_id"], h["matches"], h["exact"]) for h in data["hits"])


def test_search_during_a_build_answers_without_waiting(
    capsys, held_build, data_dir: Path
) -> None:
    first, release = held_build
    search = _pizhu(data_dir, "search", "国务院", "--json")
    out, err = search.communicate(timeout=TIMEOUT)
    assert search.returncode == 0 and "Traceback" not in err, err
    assert first.poll() is None  # the build is still held: search did not wait for it
    release.touch()
    assert first.wait(TIMEOUT) == 0
    after = run_cli(capsys, data_dir, "search", "国务院", "--json").json()
    assert after["total"] >= 2
    assert _hits(json.loads(out)) == _hits(after)  # same answer as from the finished index


def test_the_window_waits_for_a_cli_build_and_can_still_stop(
    data_dir: Path, tmp_path: Path
) -> None:
    """The GUI's worker waits for the lock instead of giving up, and stop() ends the wait."""
    import_fixtures(data_dir, tmp_path)
    lock = FileLock(str(data_dir / BUILD_LOCK))
    assert lock.acquire()
    service = SearchService(data_dir)
    try:
        service.start()
        assert not service.wait_idle(1.5)  # held off by the "other process"
        lock.release()
        assert service.wait_idle(TIMEOUT)
        assert service.last_error is None
        assert not service.sync_now().rebuilt  # it built the index once the lock was free
    finally:
        service.stop()
    assert lock.acquire()
    stopped = SearchService(data_dir)
    try:
        stopped.start()
        started = time.monotonic()
        stopped.stop()
        assert time.monotonic() - started < 5
    finally:
        lock.release()
