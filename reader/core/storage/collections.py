"""Collections: a tree of user folders; a document may sit in several."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from reader.core.changes import Changes
from reader.core.storage.db import now_iso
from reader.errors import NotFoundError, UsageError


@dataclass(frozen=True)
class Collection:
    id: int
    name: str
    parent_id: int | None
    path: str  # "报告/2024": names from the root, joined with "/"


class CollectionStore:
    """Reads and writes collections; callers own the transaction, every write returns
    the :class:`Changes` it made."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> list[Collection]:
        rows = self.db.execute(
            "WITH RECURSIVE tree(id, name, parent_id, path) AS ("
            " SELECT id, name, parent_id, name FROM collections WHERE parent_id IS NULL"
            " UNION ALL SELECT c.id, c.name, c.parent_id, tree.path || '/' || c.name"
            " FROM collections c JOIN tree ON c.parent_id = tree.id)"
            " SELECT id, name, parent_id, path FROM tree ORDER BY path"
        ).fetchall()
        return [Collection(*row) for row in rows]

    def get(self, collection_id: int) -> Collection:
        for collection in self.all():
            if collection.id == collection_id:
                return collection
        raise NotFoundError(f"no collection with id {collection_id}")

    def create(self, path: str) -> tuple[int, Changes]:
        """The collection ``a/b/c`` (each missing level made), and what that changed."""
        return self.ensure_path(path), Changes(collections=True)

    def ensure_path(self, path: str) -> int:
        """Create (if missing) each level of ``a/b/c`` and return the id of the last.

        The importer's building block; a user's "New collection" is :meth:`create`."""
        parent: int | None = None
        names = [n for n in path.split("/") if n.strip()]
        if not names:
            raise UsageError("collection name is empty")
        for name in names:
            parent = self._ensure_child(parent, name.strip())
        assert parent is not None
        return parent

    def _ensure_child(self, parent: int | None, name: str) -> int:
        row = self.db.execute(
            "SELECT id FROM collections WHERE ifnull(parent_id, 0) = ifnull(?, 0) AND name = ?",
            [parent, name],
        ).fetchone()
        if row:
            return int(row[0])
        cursor = self.db.execute(
            "INSERT INTO collections (name, parent_id, created_at) VALUES (?, ?, ?)",
            [name, parent, now_iso()],
        )
        return int(cursor.lastrowid or 0)

    def rename(self, collection_id: int, name: str) -> Changes:
        self.get(collection_id)
        if not name.strip() or "/" in name:
            raise UsageError(f"invalid collection name {name!r}")
        self.db.execute(
            "UPDATE collections SET name = ? WHERE id = ?", [name.strip(), collection_id]
        )
        return Changes(collections=True)

    def move(self, collection_id: int, new_parent: int | None) -> Changes:
        self.get(collection_id)
        if new_parent is not None and collection_id in self._ancestors(new_parent):
            raise UsageError("cannot move a collection into itself")
        self.db.execute(
            "UPDATE collections SET parent_id = ? WHERE id = ?", [new_parent, collection_id]
        )
        return Changes(collections=True)

    def _ancestors(self, collection_id: int) -> set[int]:
        seen: set[int] = set()
        current: int | None = collection_id
        while current is not None and current not in seen:
            seen.add(current)
            row = self.db.execute(
                "SELECT parent_id FROM collections WHERE id = ?", [current]
            ).fetchone()
            current = row[0] if row else None
        return seen

    def delete(self, collection_id: int) -> Changes:
        """Removes the folder and its sub-folders; the documents stay in the library."""
        self.get(collection_id)
        self.db.execute("DELETE FROM collections WHERE id = ?", [collection_id])
        return Changes(collections=True)

    def add_document(self, collection_id: int, doc_id: int) -> Changes:
        self.db.execute(
            "INSERT OR IGNORE INTO document_collections (doc_id, collection_id, added_at)"
            " VALUES (?, ?, ?)",
            [doc_id, collection_id, now_iso()],
        )
        return Changes(collections=True)

    def remove_document(self, collection_id: int, doc_id: int) -> Changes:
        self.db.execute(
            "DELETE FROM document_collections WHERE doc_id = ? AND collection_id = ?",
            [doc_id, collection_id],
        )
        return Changes(collections=True)

    def documents_in(self, collection_id: int, recursive: bool = True) -> list[int]:
        """Documents filed in the collection (and, by default, in its sub-collections)."""
        rows = self.db.execute(
            "WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT c.id FROM collections c"
            " JOIN sub ON c.parent_id = sub.id AND ?)"
            " SELECT DISTINCT doc_id FROM document_collections"
            " WHERE collection_id IN (SELECT id FROM sub) ORDER BY doc_id",
            [collection_id, int(recursive)],
        ).fetchall()
        return [int(r[0]) for r in rows]

    def collections_of(self, doc_id: int) -> list[int]:
        """Ids of the collections a document is filed in, oldest first."""
        rows = self.db.execute(
            "SELECT collection_id FROM document_collections WHERE doc_id = ? ORDER BY rowid",
            [doc_id],
        ).fetchall()
        return [int(r[0]) for r in rows]

    def paths_by_document(self) -> dict[int, list[str]]:
        paths = {c.id: c.path for c in self.all()}
        result: dict[int, list[str]] = {}
        for doc_id, collection_id in self.db.execute(
            "SELECT doc_id, collection_id FROM document_collections"
        ).fetchall():
            result.setdefault(doc_id, []).append(paths[collection_id])
        for value in result.values():
            value.sort()
        return result
