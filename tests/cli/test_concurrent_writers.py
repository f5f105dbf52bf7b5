"""Several processes writing one library at once all succeed (issue 16).

A deferred ``BEGIN`` that reads before it writes fails at once with ``database is
locked`` when another process committed in between; write transactions now begin
``IMMEDIATE`` and wait. These tests hammer one data dir from real processes: each
worker is a separate Python process that runs CLI commands (``reader.cli.main``, one
fresh connection per command, exactly as ``pizhu`` does) in a loop, all released at
the same moment. One test also runs the ``python -m reader`` entry point itself.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.platform.paths import library_path
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
DOC = "# 报告\n\n坚持稳中求进，推动城市高质量发展。坚持稳中求进。推进城市更新行动。\n"

# argv[1]: data dir, argv[2]: go-file (all workers start when it appears),
# argv[3]: worker name, argv[4:]: commands, each one shell-free string split on "|".
WORKER = r"""
import os, sys, time
from reader.cli import main
data_dir, go, name, *commands = sys.argv[1:]
while not os.path.exists(go):
    time.sleep(0.005)
failures = 0
for command in commands:
    code = main(["--data-dir", data_dir, *command.split("|")])
    if code != 0:
        failures += 1
        print(f"{name}: exit {code}: {command}", file=sys.stderr)
sys.exit(1 if failures else 0)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _start(data_dir: Path, go: Path, name: str, commands: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(data_dir), str(go), name, *commands],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run_together(data_dir: Path, tmp_path: Path, jobs: dict[str, list[str]]) -> None:
    """Start one worker process per job, release them at once, and require success."""
    go = tmp_path / "go"
    workers = {name: _start(data_dir, go, name, cmds) for name, cmds in jobs.items()}
    time.sleep(0.5)  # let every worker import the app before the race starts
    go.touch()
    problems = []
    for name, proc in workers.items():
        _, err = proc.communicate(timeout=120)
        if proc.returncode != 0 or "Traceback" in err:
            problems.append(f"{name} (exit {proc.returncode}): {err.strip()}")
    assert not problems, "\n".join(problems)


def _count(data_dir: Path, sql: str) -> int:
    conn = sqlite3.connect(library_path(data_dir))
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def library(capsys, data_dir: Path, tmp_path: Path) -> Path:
    src = tmp_path / "report.md"
    src.write_text(DOC, encoding="utf-8")
    assert run_cli(capsys, data_dir, "import", str(src)).code == 0
    return data_dir


def _annotate(worker: str, n: int) -> list[str]:
    """``n`` annotate commands whose notes say who wrote them, so each can be found."""
    return [f"annotate|1|--start|{i % 20}|--end|{i % 20 + 3}|--note|{worker}-{i}" for i in range(n)]


def test_three_annotating_processes_all_succeed(library: Path, tmp_path: Path) -> None:
    _run_together(library, tmp_path, {f"w{k}": _annotate(f"w{k}", 12) for k in range(3)})
    assert _count(library, "SELECT count(*) FROM annotations") == 36
    assert _count(library, "SELECT count(DISTINCT note) FROM annotations") == 36


def test_import_while_annotating(library: Path, tmp_path: Path) -> None:
    sources = tmp_path / "more"
    sources.mkdir()
    for k in range(6):
        (sources / f"doc{k}.txt").write_text(f"第{k}份文件。推进城市更新行动{k}。\n" * 40, "utf-8")
    imports = [f"import|{sources / f'doc{k}.txt'}" for k in range(6)]
    imports.append(f"import|{sources}")  # all six again: unchanged, but a writer too
    _run_together(
        library,
        tmp_path,
        {"a1": _annotate("a1", 10), "a2": _annotate("a2", 10), "importer": imports},
    )
    assert _count(library, "SELECT count(*) FROM documents") == 7
    assert _count(library, "SELECT count(*) FROM annotations") == 20


def test_cli_while_another_process_saves_progress(library: Path, tmp_path: Path) -> None:
    """``progress --set`` writes through the ProgressService the window saves with."""
    progress = [f"progress|1|--set|{i}" for i in range(20)]
    _run_together(library, tmp_path, {"reader": progress, "cli": _annotate("cli", 12)})
    assert _count(library, "SELECT offset FROM progress WHERE doc_id = 1") == 19
    assert _count(library, "SELECT count(*) FROM annotations") == 12


def test_real_pizhu_processes(library: Path) -> None:
    """The entry point itself, three at a time: every run exits 0, every write is kept."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "--data-dir", str(library), *cmd.split("|")],
            cwd=ROOT,
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for cmd in _annotate("p", 3) + [f"progress|1|--set|{k}" for k in (1, 2)] + ["tags"]
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and err == "", err
    assert _count(library, "SELECT count(*) FROM annotations") == 3


def _hold_write_lock(data_dir: Path) -> sqlite3.Connection:
    """Another writer, in the middle of its transaction."""
    conn = sqlite3.connect(library_path(data_dir), isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE colors SET label = label")
    return conn


def test_a_writer_that_cannot_get_the_lock_says_so(
    capsys, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.core.storage.db.BUSY_TIMEOUT_S", 0.2)
    holder = _hold_write_lock(library)
    try:
        code = main(["--data-dir", str(library), "annotate", "1", "--start", "0", "--end", "2"])
        err = capsys.readouterr().err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    assert err == "pizhu: error: the library is busy (another Pizhu is writing); try again\n"
    assert _count(library, "SELECT count(*) FROM annotations") == 0


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "1"],
        ["annotations"],
        ["tags"],
        ["colors"],
        ["progress"],
        ["progress", "1"],
        ["check"],
        ["export", "1", "-o", "{tmp}/notes.md"],
        ["export", "1", "--format", "json", "-o", "{tmp}/backup.json"],
    ],
)
def test_reading_commands_do_not_wait_for_a_writer(
    capsys, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setattr("reader.core.storage.db.BUSY_TIMEOUT_S", 0.2)
    holder = _hold_write_lock(library)
    try:
        argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
        result = run_cli(capsys, library, *argv)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.code == 0, result.err
