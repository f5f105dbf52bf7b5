"""Documents in the library: rows, canonical text and outline."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from reader.core.db import now_iso
from reader.core.errors import NotFoundError
from reader.core.ingest.model import OutlineEntry, ParsedDocument


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    title: str
    chars: int
    format: str
    encoding: str
    source_path: str | None
    sha256: str
    imported_at: str
    updated_at: str


@dataclass(frozen=True)
class SourceInfo:
    path: str
    mtime: float
    size: int
    sha256: str
    encoding: str
    format: str


_INFO_COLUMNS = "id, title, chars, format, encoding, source_path, sha256, imported_at, updated_at"


class DocumentStore:
    """Reads and writes the ``documents`` and ``outline`` tables; callers own transactions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[DocumentInfo]:
        rows = self.db.execute(f"SELECT {_INFO_COLUMNS} FROM documents ORDER BY id").fetchall()
        return [DocumentInfo(*row) for row in rows]

    def get(self, doc_id: int) -> DocumentInfo:
        row = self.db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return DocumentInfo(*row)

    def text(self, doc_id: int) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return str(row[0])

    def outline(self, doc_id: int) -> list[OutlineEntry]:
        self.get(doc_id)
        rows = self.db.execute(
            "SELECT level, title, start FROM outline WHERE doc_id = ? ORDER BY seq", [doc_id]
        ).fetchall()
        return [OutlineEntry(*row) for row in rows]

    def find_by_path(self, path: str) -> DocumentInfo | None:
        row = self.db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE source_path = ?", [path]
        ).fetchone()
        return DocumentInfo(*row) if row else None

    def find_by_sha(self, sha256: str) -> DocumentInfo | None:
        row = self.db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE sha256 = ? ORDER BY id LIMIT 1",
            [sha256],
        ).fetchone()
        return DocumentInfo(*row) if row else None

    def insert(self, parsed: ParsedDocument, source: SourceInfo) -> int:
        stamp = now_iso()
        cursor = self.db.execute(
            "INSERT INTO documents (title, text, chars, format, encoding, source_path,"
            " source_mtime, source_size, sha256, imported_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                parsed.title,
                parsed.text,
                len(parsed.text),
                source.format,
                source.encoding,
                source.path,
                source.mtime,
                source.size,
                source.sha256,
                stamp,
                stamp,
            ],
        )
        doc_id = int(cursor.lastrowid or 0)
        self._write_outline(doc_id, parsed.outline)
        self.enqueue_index(doc_id, "upsert")
        return doc_id

    def replace_content(self, doc_id: int, parsed: ParsedDocument, source: SourceInfo) -> None:
        """Update a document in place, keeping its id (and so its annotations)."""
        self.db.execute(
            "UPDATE documents SET title = ?, text = ?, chars = ?, format = ?, encoding = ?,"
            " source_path = ?, source_mtime = ?, source_size = ?, sha256 = ?, updated_at = ?"
            " WHERE id = ?",
            [
                parsed.title,
                parsed.text,
                len(parsed.text),
                source.format,
                source.encoding,
                source.path,
                source.mtime,
                source.size,
                source.sha256,
                now_iso(),
                doc_id,
            ],
        )
        self.db.execute("DELETE FROM outline WHERE doc_id = ?", [doc_id])
        self._write_outline(doc_id, parsed.outline)
        self.enqueue_index(doc_id, "upsert")

    def rename(self, doc_id: int, title: str) -> None:
        self.get(doc_id)
        self.db.execute(
            "UPDATE documents SET title = ?, updated_at = ? WHERE id = ?",
            [title, now_iso(), doc_id],
        )
        self.enqueue_index(doc_id, "upsert")

    def delete(self, doc_id: int) -> None:
        self.get(doc_id)
        self.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        self.enqueue_index(doc_id, "delete")

    def enqueue_index(self, doc_id: int, op: str) -> None:
        self.db.execute(
            "INSERT INTO search_queue (doc_id, op, queued_at) VALUES (?, ?, ?)"
            " ON CONFLICT(doc_id) DO UPDATE SET op = excluded.op, queued_at = excluded.queued_at",
            [doc_id, op, now_iso()],
        )

    def _write_outline(self, doc_id: int, outline: list[OutlineEntry]) -> None:
        self.db.conn.executemany(
            "INSERT INTO outline (doc_id, seq, level, title, start) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, seq, e.level, e.title, e.start) for seq, e in enumerate(outline)],
        )
