"""Open the library file: pragmas, migrations, and the one transaction helper."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.utils import sqlite3

from reader.core.errors import PizhuError
from reader.core.migrations import MIGRATIONS, SCHEMA_VERSION


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_database(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and migrate the library at ``path``.

    One ``Database`` per thread: sqlite3 connections refuse cross-thread use.
    """
    try:
        conn = sqlite3.connect(str(path), timeout=10)
        db = Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 10000")
        if str(path) != ":memory:":
            db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise PizhuError(f"cannot open library {path}: {exc}") from exc
    if migrate:
        migrate_database(db, path)
    return db


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate_database(db: Database, path: Path | str = "library") -> int:
    """Apply pending migrations in order; returns the number applied."""
    try:
        version = schema_version(db)
    except sqlite3.DatabaseError as exc:
        raise PizhuError(f"{path} is not a Pizhu library: {exc}") from exc
    if version > SCHEMA_VERSION:
        raise PizhuError(
            f"{path} was written by a newer Pizhu (schema {version} > {SCHEMA_VERSION})"
        )
    for number in range(version, SCHEMA_VERSION):
        with db.atomic():
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
    return SCHEMA_VERSION - version


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """All-or-nothing: the unit every command's writes go through."""
    with db.atomic():
        yield db
