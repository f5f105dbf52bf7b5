"""Reading every document's details never walks the texts: a covering index answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from reader.core.search.doccache import DocCache
from reader.core.storage.db import open_database
from reader.core.storage.documents import DocumentStore


def _plans(path: Path, read: Callable[[Database], object]) -> list[str]:
    db = open_database(path)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    read(db)
    db.conn.set_trace_callback(None)
    plans = [
        " ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT") and "FROM documents" in sql
        and "WHERE" not in sql
    ]
    db.close()
    return plans


def test_the_library_listing_reads_the_covering_index(tmp_path: Path) -> None:
    plans = _plans(tmp_path / "library.sqlite3", lambda db: DocumentStore(db).list())
    assert plans == ["SCAN documents USING COVERING INDEX documents_info"]


def test_the_searchers_titles_and_versions_read_the_covering_index(tmp_path: Path) -> None:
    plans = _plans(tmp_path / "library.sqlite3", lambda db: DocCache(db).refresh())
    assert plans == ["SCAN documents USING COVERING INDEX documents_info"]
