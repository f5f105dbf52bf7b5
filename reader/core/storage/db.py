"""Open the library file: pragmas, migrations, and the transaction helpers.

Several processes may write one library at once (two ``pizhu`` commands, the window
saving reading progress while the CLI annotates). SQLite serialises writers with one
lock; to make a second writer *wait* for it rather than fail, every write transaction
begins ``IMMEDIATE``: it takes the lock before its first read. A deferred ``BEGIN``
reads first and upgrades later, and in WAL mode an upgrade from a stale snapshot
fails at once with ``SQLITE_BUSY`` — the busy timeout is never applied to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

# sqlite-utils picks the sqlite3 module (it may be pysqlite3); its errors are that module's
from sqlite_utils.utils import sqlite3  # pyright: ignore[reportPrivateImportUsage]

from reader.core.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from reader.errors import PizhuError, UsageError, library_error

BUSY_TIMEOUT_S = 30.0
"""How long a writer waits for another one. Writes are short, but an import holds the
lock for all its files (it is all-or-nothing), so this is generous."""

SQLITE_INT_MAX = 2**63 - 1
"""The largest integer SQLite stores; a larger id can only be a typo."""

ID_LIST = "SELECT value FROM json_each(?)"
"""A list of ids of any length as one parameter: ``WHERE id IN (ID_LIST)`` bound to
:func:`id_list`. An ``IN (?, ?, …)`` of every hit's document stops at SQLite's 32,766
parameters, and each length is a statement of its own in the connection's cache: at
1 GB of library, forty searches for every document left 46 MB of compiled statements."""


def id_list(ids: Iterable[int]) -> str:
    """``ids`` as the JSON array :data:`ID_LIST` reads."""
    return json.dumps([int(i) for i in ids])

_MAX_DIGITS = len(str(SQLITE_INT_MAX))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_whole_number(
    text: str, what: str, *, minimum: int = 0, maximum: int = SQLITE_INT_MAX
) -> int:
    """``text`` as an int in ``[minimum, maximum]``, or :class:`UsageError` naming ``what``.

    The one check every id and offset from outside (argv, links) goes through:
    ``int()`` alone accepts ``"٣"``, raises ``ValueError`` past 4300 digits, and
    SQLite raises ``OverflowError`` past 64 bits.
    """
    value = text.strip()
    digits = value[1:] if value[:1] in ("+", "-") else value
    if not (digits.isascii() and digits.isdigit()):
        raise UsageError(f"{what} must be a whole number, not {_shorten(text)!r}")
    number = int(value) if len(digits.lstrip("0")) <= _MAX_DIGITS else None
    if number is None or not minimum <= number <= maximum:
        raise UsageError(
            f"{what} must be a whole number from {minimum} to {maximum}, not {_shorten(value)}"
        )
    return number


def _shorten(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def open_database(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and migrate the library at ``path``.

    One ``Database`` per thread: sqlite3 connections refuse cross-thread use. The
    connection is in autocommit mode (``isolation_level=None``): Python never opens a
    hidden deferred transaction, so every transaction is one of ours.
    """
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        db = Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if str(path) != ":memory:":
            db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise library_error(exc) or PizhuError(f"cannot open library {path}: {exc}") from exc
    if migrate:
        migrate_database(db, path)
    return db


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate_database(db: Database, path: Path | str = "library") -> int:
    """Apply pending migrations in order; returns the number applied.

    Each migration runs in its own write transaction with its version bump, and the
    version is read again once the lock is held: two processes opening an old library
    at once must not both apply the same migration.
    """
    version = _checked_version(db, path)
    applied = 0
    while version < SCHEMA_VERSION:
        with transaction(db):
            version = _checked_version(db, path)
            if version < SCHEMA_VERSION:
                MIGRATIONS[version](db)
                db.execute(f"PRAGMA user_version = {version + 1}")
                version += 1
                applied += 1
    return applied


def _checked_version(db: Database, path: Path | str) -> int:
    try:
        version = schema_version(db)
    except sqlite3.DatabaseError as exc:
        raise library_error(exc) or PizhuError(f"{path} is not a Pizhu library: {exc}") from exc
    if version > SCHEMA_VERSION:
        raise PizhuError(
            f"{path} was written by a newer Pizhu (schema {version} > {SCHEMA_VERSION})"
        )
    return version


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """All-or-nothing: the unit every command's writes go through.

    The outermost call takes the write lock at once (``BEGIN IMMEDIATE``, waiting up
    to :data:`BUSY_TIMEOUT_S` for another writer); nested calls are savepoints. A lock
    not granted in time raises :class:`LibraryBusyError`, a full disk
    :class:`DiskFullError`, both after rolling back.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():  # sqlite-utils: a savepoint inside the open transaction
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            _rollback(conn)
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
    except sqlite3.DatabaseError as exc:
        translated = library_error(exc)
        if translated is None:
            raise
        raise translated from exc


@contextmanager
def read_snapshot(db: Database) -> Iterator[Database]:
    """One consistent view for a command that only reads, without the write lock.

    A deferred ``BEGIN`` in WAL mode never blocks writers nor waits for them;
    ``query_only`` turns an accidental write inside into an error rather than a lock
    upgrade. Inside a write transaction this is a no-op (that view is consistent too).
    """
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("PRAGMA query_only = ON")
    try:
        conn.execute("BEGIN")
        try:
            yield db
        finally:
            _rollback(conn)  # nothing to keep: it only read
    finally:
        conn.execute("PRAGMA query_only = OFF")


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (an error may already have ended it)."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")
