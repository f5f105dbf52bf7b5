"""Documents in the library: rows, canonical text, outline, pages and details."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from sqlite_utils import Database

from reader.core.changes import Changes
from reader.core.ingest.model import OutlineEntry, Page, ParsedDocument, page_index_at
from reader.core.ingest.titles import MAX_GIVEN_TITLE_CHARS, clean_title, parse_user_date
from reader.core.storage.db import now_iso
from reader.errors import NotFoundError, UsageError

# Details a user may edit; a re-import keeps the ones in ``edited``.
DETAIL_FIELDS = ("title", "authors", "date", "source_url", "language", "script")
SCRIPTS = ("", "simplified", "traditional", "mixed")


class IndexOp(StrEnum):
    """What ``search_queue`` asks of the indexer for a document (the column's values)."""

    UPSERT = "upsert"
    DELETE = "delete"


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
    authors: list[str] = field(default_factory=list)
    date: str = ""
    source_url: str = ""
    site: str = ""
    language: str = ""
    script: str = ""
    original: str | None = None  # kept copy, relative to the data dir
    edited: list[str] = field(default_factory=list)
    parser_version: int = 0  # which importer read the file (ingest.importer.PARSER_VERSION)
    aliases: list[str] = field(default_factory=list)  # other names (Markdown front matter)

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass(frozen=True)
class SourceInfo:
    path: str
    mtime: float
    size: int
    sha256: str
    encoding: str
    format: str
    parser_version: int = 0


_INFO_COLUMNS = (
    "id, title, chars, format, encoding, source_path, sha256, imported_at, updated_at,"
    " authors, date, source_url, site, language, script, original, edited, parser_version,"
    " aliases"
)


# What an import writes from the file, and a re-import writes again: one list for both.
_CONTENT_COLUMNS = (
    "text", "chars", "format", "encoding", "source_path", "source_mtime", "source_size",
    "sha256", "updated_at",
)  # fmt: skip


def _content_values(parsed: ParsedDocument, source: SourceInfo, stamp: str) -> list[object]:
    """The values of :data:`_CONTENT_COLUMNS`, in that order."""
    return [
        parsed.text,
        len(parsed.text),
        source.format,
        source.encoding,
        source.path,
        source.mtime,
        source.size,
        source.sha256,
        stamp,
    ]


def _info(row: tuple[object, ...]) -> DocumentInfo:
    values = list(row)
    values[9] = _json_list(values[9])
    values[16] = _json_list(values[16])
    values[18] = _json_list(values[18])
    # SQLite's row is untyped; its columns are DocumentInfo's fields, in order
    return DocumentInfo(*values)  # pyright: ignore[reportArgumentType]


def _json_list(value: object) -> list[str]:
    try:
        data = json.loads(str(value or "[]"))
    except ValueError:
        return []
    return [str(v) for v in data] if isinstance(data, list) else []


class DocumentStore:
    """Reads and writes the ``documents`` and ``outline`` tables; callers own transactions.

    Every write returns the :class:`Changes` it made (with the new id, for an insert)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[DocumentInfo]:
        rows = self.db.execute(f"SELECT {_INFO_COLUMNS} FROM documents ORDER BY id").fetchall()
        return [_info(row) for row in rows]

    def get(self, doc_id: int) -> DocumentInfo:
        row = self.db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return _info(row)

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

    def pages(self, doc_id: int) -> list[Page]:
        self.get(doc_id)
        rows = self.db.execute(
            "SELECT label, start FROM pages WHERE doc_id = ? ORDER BY seq", [doc_id]
        ).fetchall()
        return [Page(*row) for row in rows]

    def page_at(self, doc_id: int, offset: int) -> str | None:
        """The printed label of the page holding ``offset``; None for a document without pages."""
        pages = self.pages(doc_id)
        index = page_index_at([p.start for p in pages], offset)
        return pages[index].label if index >= 0 else None

    def find_by_path(self, path: str) -> DocumentInfo | None:
        row = self.db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE source_path = ?", [path]
        ).fetchone()
        return _info(row) if row else None

    def find_by_sha(self, sha256: str) -> DocumentInfo | None:
        row = self.db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE sha256 = ? ORDER BY id LIMIT 1",
            [sha256],
        ).fetchone()
        return _info(row) if row else None

    def insert(
        self, parsed: ParsedDocument, source: SourceInfo, original: str | None = None
    ) -> tuple[int, Changes]:
        stamp = now_iso()
        meta = parsed.meta
        columns = (
            "title", *_CONTENT_COLUMNS, "imported_at", "authors", "date", "source_url", "site",
            "language", "script", "original", "parser_version", "aliases",
        )  # fmt: skip
        cursor = self.db.execute(
            f"INSERT INTO documents ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})",
            [
                parsed.title,
                *_content_values(parsed, source, stamp),
                stamp,
                json.dumps(meta.authors, ensure_ascii=False),
                meta.date,
                meta.source_url,
                meta.site,
                meta.language,
                parsed.script,
                original,
                source.parser_version,
                json.dumps(meta.aliases, ensure_ascii=False),
            ],
        )
        doc_id = int(cursor.lastrowid or 0)
        self._write_structure(doc_id, parsed)
        self.enqueue_index(doc_id, IndexOp.UPSERT)
        return doc_id, Changes(documents={doc_id})

    def replace_content(
        self, doc_id: int, parsed: ParsedDocument, source: SourceInfo, original: str | None = None
    ) -> Changes:
        """Update a document in place, keeping its id (and so its annotations).

        Details the user edited by hand stay as the user left them.
        """
        edited = set(self.get(doc_id).edited)
        meta = parsed.meta
        fresh: dict[str, object] = {
            "title": parsed.title,
            "authors": json.dumps(meta.authors, ensure_ascii=False),
            "date": meta.date,
            "source_url": meta.source_url,
            "language": meta.language,
            "script": parsed.script,
            "aliases": json.dumps(meta.aliases, ensure_ascii=False),
        }
        details = {k: v for k, v in fresh.items() if k not in edited}
        content = "".join(f"{k} = ?, " for k in _CONTENT_COLUMNS)
        sets = "".join(f", {k} = ?" for k in details)
        self.db.execute(
            f"UPDATE documents SET {content}"
            "site = ?, original = coalesce(?, original), parser_version = ?"
            f"{sets} WHERE id = ?",
            [
                *_content_values(parsed, source, now_iso()),
                meta.site,
                original,
                source.parser_version,
                *details.values(),
                doc_id,
            ],
        )
        self.db.execute("DELETE FROM outline WHERE doc_id = ?", [doc_id])
        self.db.execute("DELETE FROM pages WHERE doc_id = ?", [doc_id])
        self._write_structure(doc_id, parsed)
        self.enqueue_index(doc_id, IndexOp.UPSERT)
        return Changes(documents={doc_id})

    def rename(self, doc_id: int, title: str) -> Changes:
        return self.update_details(doc_id, title=title)

    def update_details(
        self, doc_id: int, *, edited: Collection[str] | None = None, **values: object
    ) -> Changes:
        """Set details by hand (``title``, ``authors``, ``date``, ``source_url``, …).

        Each value is checked and normalised; a field set here is marked edited so
        a later re-import of a changed file does not overwrite it. ``edited`` replaces
        that list instead: undo puts back the list as it was.
        """
        info = self.get(doc_id)
        columns = {name: _checked_detail(name, value) for name, value in values.items()}
        if not columns:
            return Changes()
        marked = set(info.edited) | set(columns) if edited is None else set(edited)
        edited = sorted(marked)
        sets = ", ".join(f"{k} = ?" for k in columns)
        self.db.execute(
            f"UPDATE documents SET {sets}, edited = ?, updated_at = ? WHERE id = ?",
            [*columns.values(), json.dumps(edited), now_iso(), doc_id],
        )
        if "title" in columns:
            self.enqueue_index(doc_id, IndexOp.UPSERT)
        return Changes(documents={doc_id})

    def delete(self, doc_id: int) -> Changes:
        """The row goes, and with it (foreign keys) its annotations, tags, progress,
        collection entries and reading time; the Changes name all of those."""
        self.get(doc_id)
        self.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        self.enqueue_index(doc_id, IndexOp.DELETE)
        return Changes(
            documents={doc_id}, collections=True, annotations={doc_id}, tags=True,
            progress={doc_id}, words=True, stats=True,
        )  # fmt: skip

    def enqueue_index(self, doc_id: int, op: IndexOp) -> None:
        self.db.execute(
            "INSERT INTO search_queue (doc_id, op, queued_at) VALUES (?, ?, ?)"
            " ON CONFLICT(doc_id) DO UPDATE SET op = excluded.op, queued_at = excluded.queued_at",
            [doc_id, op, now_iso()],
        )

    def _write_structure(self, doc_id: int, parsed: ParsedDocument) -> None:
        self.db.conn.executemany(
            "INSERT INTO outline (doc_id, seq, level, title, start, declared)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (doc_id, seq, e.level, e.title, e.start, int(parsed.declared_outline))
                for seq, e in enumerate(parsed.outline)
            ],
        )
        self.db.conn.executemany(
            "INSERT INTO pages (doc_id, seq, label, start) VALUES (?, ?, ?, ?)",
            [(doc_id, seq, p.label, p.start) for seq, p in enumerate(parsed.pages)],
        )


def _checked_detail(name: str, value: object) -> object:
    """One detail as stored, or a UsageError naming the field and what is wrong."""
    if name not in DETAIL_FIELDS:
        raise UsageError(f"unknown document detail {name!r}")
    if name == "authors":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise UsageError("authors: expected a list of names")
        names = [clean_title(str(a)) for a in items]
        return json.dumps([n for n in names if n], ensure_ascii=False)
    text = str(value).strip()
    if name == "title":
        title = clean_title(text, MAX_GIVEN_TITLE_CHARS)
        if not title:
            raise UsageError("title: a title cannot be blank")
        return title
    if name == "date":
        date = parse_user_date(text) if text else ""
        if date is None:
            raise UsageError(f"date: {text!r} is not a date (use 2024, 2024-03 or 2024-03-05)")
        return date
    if name == "script" and text not in SCRIPTS:
        raise UsageError(f"script: expected one of {', '.join(s for s in SCRIPTS if s)}")
    return text
