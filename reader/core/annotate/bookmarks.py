"""Bookmarks: named reading positions, one code-point offset each (issue 13).

Writes run in their own transaction (a savepoint inside a caller's) and return
:class:`~reader.core.changes.Changes` with ``bookmarks`` set, so the library tree's
Bookmarks branch is rebuilt by the one place that refreshes views::

    store = BookmarkStore(db)
    mark, changes = store.add(doc_id, 8076, "第三部分")
    store.list()                       # every bookmark, by document title then offset
    mark, changes = store.rename(mark.id, "")
    mark, changes = store.delete(mark.id)   # returns what it deleted, for undo
    mark, changes = store.restore(mark)     # the same id, name and date again
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from reader.core.annotate.anchoring import OffsetMap
from reader.core.changes import Changes
from reader.core.storage.db import SQLITE_INT_MAX, now_iso, transaction
from reader.core.storage.validation import clean_text
from reader.errors import NotFoundError, UsageError

MAX_NAME_CHARS = 200
EXCERPT_CHARS = 30
_COLUMNS = (
    "b.id, b.doc_id, b.offset, b.name, b.created_at, d.title,"
    f" substr(d.text, b.offset + 1, {EXCERPT_CHARS})"
)


@dataclass(frozen=True)
class Bookmark:
    id: int
    doc_id: int
    offset: int
    name: str  # may be empty: shown by its place then
    created: str
    title: str  # the document's title, for lists
    excerpt: str = ""  # the words at the offset, for a bookmark without a name

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "offset": self.offset,
            "name": self.name,
            "created": self.created,
            "title": self.title,
            "excerpt": self.excerpt,
        }

    def label(self) -> str:
        """Its name, or the words it points at."""
        if self.name:
            return self.name
        words = " ".join(self.excerpt.split())
        return f"“{words}…”" if words else f"@{self.offset}"


def clean_name(name: str) -> str:
    return clean_text(name, "bookmark name", multiline=False, limit=MAX_NAME_CHARS).strip()


class BookmarkStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, doc_id: int | None = None) -> list[Bookmark]:
        where, params = ("WHERE b.doc_id = ?", [doc_id]) if doc_id is not None else ("", [])
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM bookmarks b JOIN documents d ON d.id = b.doc_id {where}"
            " ORDER BY d.title, b.doc_id, b.offset, b.id",
            params,
        ).fetchall()
        return [Bookmark(*row) for row in rows]

    def get(self, bookmark_id: int) -> Bookmark:
        row = None
        if 1 <= bookmark_id <= SQLITE_INT_MAX:
            row = self.db.execute(
                f"SELECT {_COLUMNS} FROM bookmarks b JOIN documents d ON d.id = b.doc_id"
                " WHERE b.id = ?",
                [bookmark_id],
            ).fetchone()
        if row is None:
            raise NotFoundError(f"no bookmark {bookmark_id}")
        return Bookmark(*row)

    def add(self, doc_id: int, offset: int, name: str = "") -> tuple[Bookmark, Changes]:
        """Bookmark ``offset`` of ``doc_id``; the offset must lie in its text (its end too)."""
        name = clean_name(name)
        row = self.db.execute("SELECT chars FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        if not (0 <= offset <= int(row[0])):
            raise UsageError(f"offset {offset} is outside document {doc_id} (0..{row[0]})")
        with transaction(self.db):
            cursor = self.db.execute(
                "INSERT INTO bookmarks (doc_id, offset, name, created_at) VALUES (?, ?, ?, ?)",
                [doc_id, offset, name, now_iso()],
            )
        return self.get(int(cursor.lastrowid or 0)), Changes(bookmarks=True)

    def rename(self, bookmark_id: int, name: str) -> tuple[Bookmark, Changes]:
        self.get(bookmark_id)
        name = clean_name(name)
        with transaction(self.db):
            self.db.execute("UPDATE bookmarks SET name = ? WHERE id = ?", [name, bookmark_id])
        return self.get(bookmark_id), Changes(bookmarks=True)

    def delete(self, bookmark_id: int) -> tuple[Bookmark, Changes]:
        """Delete for good; the returned bookmark is what :meth:`restore` puts back."""
        mark = self.get(bookmark_id)
        with transaction(self.db):
            self.db.execute("DELETE FROM bookmarks WHERE id = ?", [bookmark_id])
        return mark, Changes(bookmarks=True)

    def restore(self, mark: Bookmark) -> tuple[Bookmark, Changes]:
        """Undo of :meth:`delete`: the same id, place, name and date."""
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO bookmarks (id, doc_id, offset, name, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [mark.id, mark.doc_id, mark.offset, mark.name, mark.created],
            )
        return self.get(mark.id), Changes(bookmarks=True)

    def document_changed(self, doc_id: int, old_text: str, new_text: str) -> dict[str, int]:
        """Importer listener: each bookmark keeps its place through the edit."""
        rows = self.db.execute(
            "SELECT id, offset FROM bookmarks WHERE doc_id = ?", [doc_id]
        ).fetchall()
        if not rows:
            return {}
        mapping = OffsetMap(old_text, new_text)
        self.db.conn.executemany(
            "UPDATE bookmarks SET offset = ? WHERE id = ?",
            [
                (min(max(mapping.map(offset), 0), len(new_text)), mark_id)
                for mark_id, offset in rows
            ],
        )
        return {}
