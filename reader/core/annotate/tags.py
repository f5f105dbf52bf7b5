"""Hierarchical tags shared by annotations and documents.

A tag is stored once by its full path (``城市/更新``); the levels are implied by ``/``,
so filtering by ``城市`` also finds ``城市/更新`` and renaming ``城市`` carries its
children along. Renaming onto an existing name merges the two: the only way two
tags can become one without losing any of their uses.

Service methods that write run in their own transaction (a savepoint when the
caller already holds one) and return :class:`~reader.core.changes.Changes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlite_utils import Database

from reader.core.changes import Changes
from reader.core.storage.db import now_iso, transaction
from reader.core.storage.validation import clean_text
from reader.errors import NotFoundError, UsageError

MAX_TAG_CHARS = 120


@dataclass(frozen=True)
class TagInfo:
    name: str
    annotations: int  # live (not trashed) annotations carrying exactly this tag
    documents: int  # documents carrying exactly this tag
    total: int  # live annotations carrying this tag or one below it
    # A level that exists only as a prefix ("城市" of "城市/更新") is listed with 0, 0, total.

    @property
    def depth(self) -> int:
        return self.name.count("/")

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def normalise_tag(name: str) -> str:
    """``" #城市 / 更新 "`` → ``"城市/更新"``; refuses empty levels and control characters."""
    name = clean_text(name, "tag name", multiline=False, limit=MAX_TAG_CHARS).strip()
    name = name.lstrip("#").strip()
    levels = [re.sub(r"\s+", " ", level.strip()) for level in name.split("/")]
    if not name or any(not level for level in levels):
        raise UsageError(f"tag name {name!r} is empty or has an empty level")
    return "/".join(levels)


def under(column: str) -> str:
    """SQL true when ``column`` is the tag ``?`` or below it; bind :func:`under_params`."""
    return f"({column} = ? OR substr({column}, 1, length(?) + 1) = ? || '/')"


def under_params(name: str) -> list[str]:
    return [name, name, name]


def _self_and_ancestors(name: str) -> list[str]:
    levels = name.split("/")
    return ["/".join(levels[: i + 1]) for i in range(len(levels))]


class TagService:
    """Tags library-wide: ``list``, ``ensure``, ``rename`` (merging), ``merge``, ``delete``,
    and document tags: ``document_tags``, ``tag_document``, ``untag_document``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[TagInfo]:
        """Every tag, with the levels above it that exist only as prefixes, by name."""
        direct = {
            name: (n_ann, n_doc)
            for name, n_ann, n_doc in self.db.execute(
                "SELECT t.name,"
                " (SELECT count(*) FROM annotation_tags at JOIN annotations a"
                "   ON a.id = at.annotation_id WHERE at.tag_id = t.id AND a.deleted_at IS NULL),"
                " (SELECT count(*) FROM document_tags dt WHERE dt.tag_id = t.id)"
                " FROM tags t"
            ).fetchall()
        }
        subtree: dict[str, set[int]] = {}
        for name in direct:
            for level in _self_and_ancestors(name):
                subtree.setdefault(level, set())
        for ann_id, name in self.db.execute(
            "SELECT at.annotation_id, t.name FROM annotation_tags at JOIN tags t"
            " ON t.id = at.tag_id JOIN annotations a ON a.id = at.annotation_id"
            " WHERE a.deleted_at IS NULL"
        ).fetchall():
            for level in _self_and_ancestors(name):
                subtree[level].add(ann_id)
        return [
            TagInfo(name, *direct.get(name, (0, 0)), len(ids))
            for name, ids in sorted(subtree.items())
        ]

    def get_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM tags WHERE name = ?", [normalise_tag(name)])
        found = row.fetchone()
        if found is None:
            raise NotFoundError(f"no tag {name!r}")
        return int(found[0])

    def ensure(self, name: str) -> int:
        """The id of tag ``name``, creating it on the fly."""
        name = normalise_tag(name)
        row = self.db.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()
        if row:
            return int(row[0])
        cursor = self.db.execute(
            "INSERT INTO tags (name, created_at) VALUES (?, ?)", [name, now_iso()]
        )
        return int(cursor.lastrowid or 0)

    def rename(self, old: str, new: str) -> Changes:
        """Rename ``old`` and every tag below it; where a new name exists, merge into it."""
        old, new = normalise_tag(old), normalise_tag(new)
        affected = self.db.execute(
            "SELECT id, name FROM tags WHERE " + under("name") + " ORDER BY name",
            under_params(old),
        ).fetchall()
        if not affected:
            raise NotFoundError(f"no tag {old!r}")
        changes = Changes(tags=True)
        if old == new:
            return changes
        with transaction(self.db):
            changes.annotations |= self._documents_touched([tag_id for tag_id, _ in affected])
            # Park the affected rows on unique temporary names first, so renaming a tag
            # into its own subtree (a → a/b) never collides with itself half-way.
            for tag_id, _ in affected:
                self.db.execute("UPDATE tags SET name = ? WHERE id = ?", [f"\x00{tag_id}", tag_id])
            for tag_id, name in affected:
                target = new + name[len(old) :]
                existing = self.db.execute("SELECT id FROM tags WHERE name = ?", [target])
                row = existing.fetchone()
                if row is None:
                    self.db.execute("UPDATE tags SET name = ? WHERE id = ?", [target, tag_id])
                else:
                    self._merge_ids(tag_id, int(row[0]))
        return changes

    def merge(self, sources: Iterable[str], target: str) -> Changes:
        """Fold each source tag (alone, not its children) into ``target``."""
        changes = Changes(tags=True)
        with transaction(self.db):
            target_id = self.ensure(target)
            for source in sources:
                source_id = self.get_id(source)
                if source_id != target_id:
                    changes.annotations |= self._documents_touched([source_id])
                    self._merge_ids(source_id, target_id)
        return changes

    def delete(self, name: str) -> Changes:
        """Remove one tag from everything that carries it (annotations stay)."""
        with transaction(self.db):
            tag_id = self.get_id(name)
            touched = self._documents_touched([tag_id])
            self.db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
        return Changes(tags=True, annotations=touched)

    def document_tags(self, doc_id: int) -> list[str]:
        rows = self.db.execute(
            "SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id"
            " WHERE dt.doc_id = ? ORDER BY t.name",
            [doc_id],
        ).fetchall()
        return [row[0] for row in rows]

    def tag_document(self, doc_id: int, names: Iterable[str]) -> Changes:
        with transaction(self.db):
            self._require_document(doc_id)
            for name in names:
                self.db.execute(
                    "INSERT OR IGNORE INTO document_tags (doc_id, tag_id) VALUES (?, ?)",
                    [doc_id, self.ensure(name)],
                )
        return Changes(documents={doc_id}, tags=True)

    def untag_document(self, doc_id: int, names: Iterable[str]) -> Changes:
        with transaction(self.db):
            self._require_document(doc_id)
            for name in names:
                self.db.execute(
                    "DELETE FROM document_tags WHERE doc_id = ? AND tag_id = ?",
                    [doc_id, self.get_id(name)],
                )
        return Changes(documents={doc_id}, tags=True)

    def _require_document(self, doc_id: int) -> None:
        if self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is None:
            raise NotFoundError(f"no document with id {doc_id}")

    def _merge_ids(self, source_id: int, target_id: int) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)"
            " SELECT annotation_id, ? FROM annotation_tags WHERE tag_id = ?",
            [target_id, source_id],
        )
        self.db.execute(
            "INSERT OR IGNORE INTO document_tags (doc_id, tag_id)"
            " SELECT doc_id, ? FROM document_tags WHERE tag_id = ?",
            [target_id, source_id],
        )
        self.db.execute("DELETE FROM tags WHERE id = ?", [source_id])

    def _documents_touched(self, tag_ids: list[int]) -> set[int]:
        marks = ",".join("?" * len(tag_ids))
        rows = self.db.execute(
            "SELECT DISTINCT a.doc_id FROM annotation_tags at JOIN annotations a"
            f" ON a.id = at.annotation_id WHERE at.tag_id IN ({marks})",
            tag_ids,
        ).fetchall()
        return {int(row[0]) for row in rows}
