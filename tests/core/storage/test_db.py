"""Transactions that wait for each other, reads that never wait, numbers that fit (issue 16)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.utils import sqlite3

from reader.core.storage.db import (
    SQLITE_INT_MAX,
    open_database,
    parse_whole_number,
    read_snapshot,
    schema_version,
    transaction,
)
from reader.core.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from reader.errors import DiskFullError, LibraryBusyError, UsageError, library_error

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite3"
    open_database(path).close()
    return path


def _raw(path: Path) -> sqlite3.Connection:
    """A second writer that does not wait at all."""
    return sqlite3.connect(path, timeout=0, isolation_level=None)


def test_a_transaction_holds_the_write_lock_before_its_first_write(path: Path) -> None:
    db = open_database(path)
    other = _raw(path)
    with transaction(db):
        db.execute("SELECT count(*) FROM documents").fetchone()  # only a read so far
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # released at commit
    other.execute("ROLLBACK")


def test_nested_transactions_are_savepoints(path: Path) -> None:
    db = open_database(path)
    with transaction(db):
        db.execute("UPDATE colors SET label = 'outer' WHERE key = 'yellow'")
        with pytest.raises(RuntimeError), transaction(db):
            db.execute("UPDATE colors SET label = 'inner' WHERE key = 'blue'")
            raise RuntimeError("only the inner part is undone")
    labels = dict(db.execute("SELECT key, label FROM colors").fetchall())
    assert labels["yellow"] == "outer" and labels["blue"] != "inner"


def test_a_writer_waits_for_another(path: Path) -> None:
    """Another process holds the lock for 0.3 s more: this writer waits instead of failing."""
    holder = _raw(path)
    holder.execute("BEGIN IMMEDIATE")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from reader.core.storage.db import open_database, transaction\n"
            "db = open_database(sys.argv[1])\n"
            "print('ready', flush=True)\n"
            "with transaction(db):\n"
            "    db.execute(\"UPDATE colors SET label = 'waited' WHERE key = 'green'\")\n",
            str(path),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    time.sleep(0.3)  # it is waiting for the lock now
    holder.execute("ROLLBACK")
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert holder.execute("SELECT label FROM colors WHERE key = 'green'").fetchone() == ("waited",)


def test_a_writer_that_waited_too_long_is_told_so(path: Path, monkeypatch) -> None:
    monkeypatch.setattr("reader.core.storage.db.BUSY_TIMEOUT_S", 0.1)
    db = open_database(path)
    holder = _raw(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LibraryBusyError, match="another Pizhu is writing"), transaction(db):
            pytest.fail("the body must not run without the lock")
    finally:
        holder.execute("ROLLBACK")
    assert not db.conn.in_transaction


def test_a_read_snapshot_neither_blocks_nor_writes(path: Path) -> None:
    reader, writer = open_database(path), open_database(path)
    with read_snapshot(reader):
        before = reader.execute("SELECT label FROM colors WHERE key = 'green'").fetchone()
        with transaction(writer):  # no wait: the reader holds no write lock
            writer.execute("UPDATE colors SET label = 'new' WHERE key = 'green'")
        assert reader.execute("SELECT label FROM colors WHERE key = 'green'").fetchone() == before
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.execute("UPDATE colors SET label = 'x'")
    assert reader.execute("SELECT label FROM colors WHERE key = 'green'").fetchone() == ("new",)
    reader.execute("UPDATE colors SET label = 'writable again' WHERE key = 'green'")


def test_a_full_disk_rolls_back_and_says_so(path: Path) -> None:
    db = open_database(path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFullError, match="the disk is full; nothing was changed"):  # noqa: SIM117
        with transaction(db):
            db.execute("UPDATE colors SET label = 'changed' WHERE key = 'green'")
            db.execute("CREATE TABLE filler (x)")
            db.execute("INSERT INTO filler VALUES (zeroblob(1000000))")
    assert db.execute("SELECT label FROM colors WHERE key = 'green'").fetchone() != ("changed",)


def test_processes_opening_an_old_library_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    db = Database(sqlite3.connect(path, isolation_level=None))
    db.enable_wal()
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.close()
    go = tmp_path / "go"
    code = (
        "import os, sys, time\n"
        "from reader.core.storage.db import open_database\n"
        "while not os.path.exists(sys.argv[2]): time.sleep(0.005)\n"
        "open_database(sys.argv[1]).close()\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(path), str(go)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    time.sleep(0.5)
    go.touch()
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    assert schema_version(open_database(path, migrate=False)) == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 1), (" 42 ", 42), ("+7", 7), ("007", 7), (str(SQLITE_INT_MAX), SQLITE_INT_MAX)],
)
def test_parse_whole_number(text: str, expected: int) -> None:
    assert parse_whole_number(text, "an id", minimum=1) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "an id must be a whole number, not ''"),
        ("abc", "an id must be a whole number, not 'abc'"),
        ("３", "an id must be a whole number, not '３'"),  # full-width: int() would take it
        ("1.5", "not '1.5'"),
        ("0", f"an id must be a whole number from 1 to {SQLITE_INT_MAX}, not 0"),
        ("-3", "not -3"),
        (str(SQLITE_INT_MAX + 1), f"not {SQLITE_INT_MAX + 1}"),
        ("9" * 5000, "(5000 characters)"),  # int() itself would raise ValueError
    ],
)
def test_parse_whole_number_refuses(text: str, message: str) -> None:
    with pytest.raises(UsageError) as exc:
        parse_whole_number(text, "an id", minimum=1)
    assert message in str(exc.value)


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (sqlite3.OperationalError("database or disk is full"), DiskFullError),
        (sqlite3.OperationalError("database is locked"), LibraryBusyError),
        (OSError(errno.ENOSPC, "No space left on device"), DiskFullError),
        (OSError(errno.EACCES, "Permission denied"), None),
        (sqlite3.IntegrityError("UNIQUE constraint failed"), None),
        (ValueError("no"), None),
    ],
)
def test_library_error(exc: BaseException, kind: type | None) -> None:
    found = library_error(exc)
    assert (type(found) if found else None) is kind
