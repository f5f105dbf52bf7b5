"""Integrity check of the library file (and, with the search issue, of the index)."""

from __future__ import annotations

from sqlite_utils import Database

from reader.core.annotate.annotations import check_annotations
from reader.core.storage.db import schema_version
from reader.core.storage.migrations import SCHEMA_VERSION


def check_database(db: Database) -> list[str]:
    """Return a list of problems, empty when the library is sound."""
    problems: list[str] = []
    result = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        problems.extend(f"sqlite integrity: {line}" for line in result[:20])
    for table, rowid, parent, _fk in db.execute("PRAGMA foreign_key_check").fetchall()[:20]:
        problems.append(f"{table} row {rowid}: dangling reference to {parent}")
    version = schema_version(db)
    if version != SCHEMA_VERSION:
        problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
    for doc_id, chars, actual in db.execute(
        "SELECT id, chars, length(text) FROM documents WHERE chars <> length(text)"
    ).fetchall():
        problems.append(f"document {doc_id}: chars is {chars} but the text has {actual}")
    for doc_id, seq, start in db.execute(
        "SELECT o.doc_id, o.seq, o.start FROM outline o JOIN documents d ON d.id = o.doc_id"
        " WHERE o.start < 0 OR o.start > d.chars"
        " OR (NOT o.declared AND substr(d.text, o.start + 1, length(o.title)) <> o.title)"
    ).fetchall():
        problems.append(f"document {doc_id}: outline entry {seq} at {start} does not match text")
    for doc_id, seq, start in db.execute(
        "SELECT doc_id, seq, start FROM (SELECT p.doc_id, p.seq, p.start, d.chars,"
        " lag(p.start, 1, 0) OVER (PARTITION BY p.doc_id ORDER BY p.seq) AS before"
        " FROM pages p JOIN documents d ON d.id = p.doc_id)"
        " WHERE start > chars OR start < before"
    ).fetchall():
        problems.append(f"document {doc_id}: page {seq} starts at {start}, out of order or range")
    for word_id, doc_id, start, end in db.execute(
        "SELECT w.id, w.doc_id, w.start, w.end FROM words w JOIN documents d ON d.id = w.doc_id"
        " WHERE w.end > d.chars"
    ).fetchall():
        problems.append(f"word {word_id}: span {start}..{end} is outside document {doc_id}")
    problems.extend(check_annotations(db))
    problems.extend(_check_search_index(db))
    return problems


def _check_search_index(db: Database) -> list[str]:
    """The index lives beside the library file, in the same data dir."""
    from pathlib import Path

    from reader.core.search.check import check_index

    files = [row[2] for row in db.execute("PRAGMA database_list").fetchall() if row[1] == "main"]
    if not files or not files[0]:
        return []
    return check_index(Path(files[0]).parent, db)
