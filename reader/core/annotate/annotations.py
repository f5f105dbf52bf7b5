"""Annotations: highlights and underlines with notes and tags, kept attached to their words.

The GUI and the CLI call :class:`AnnotationService`; every writing method is one
transaction (a savepoint inside a caller's transaction) and returns the
:class:`~reader.core.changes.Changes` views need to refresh::

    service = AnnotationService(db)
    ann, changes = service.create(doc_id, start, end, color="blue", note="…", tags=["城市/更新"])
    ann, changes = service.create_from_quote(doc_id, "稳中求进", occurrence=2)
    service.list_for_document(doc_id)            # live annotations in reading order
    service.in_range(doc_id, start, end)         # placed ones overlapping a visible range
    service.list(tag="城市", color="blue", orphaned=True, trashed=False, doc_ids=[…])
    service.get(12) / service.get("uuid…")       # by id or UUID
    ann, changes = service.update(12, note=…, color=…, style=…, add_tags=[…], remove_tags=[…])
    changes = service.delete(12)                 # to the trash (recoverable)
    ann, changes = service.restore(12)
    changes = service.purge(12) / service.empty_trash()

Offsets are code points into the canonical text (``DocumentStore.text``). Each
annotation stores its quote and :data:`~reader.core.annotate.anchoring.CONTEXT_CHARS` of
context each side so :meth:`AnnotationService.reanchor` can place it again when the
document is re-imported with changes (see :mod:`reader.core.annotate.anchoring`).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from reader.core.annotate.anchoring import (
    CONTEXT_CHARS,
    Anchor,
    OffsetMap,
    PlacementKind,
    locate,
)
from reader.core.annotate.colors import ColorService
from reader.core.annotate.tags import TagService, normalise_tag, under, under_params
from reader.core.changes import Changes
from reader.core.storage.db import (
    ID_LIST,
    SQLITE_INT_MAX,
    id_list,
    now_iso,
    parse_whole_number,
    transaction,
)
from reader.core.storage.validation import clean_text
from reader.errors import NotFoundError, UsageError

STYLES = ("highlight", "underline")


class AnnotationStatus(StrEnum):
    """Stored in ``annotations.status`` and shown as ``status`` in ``pizhu`` JSON."""

    OK = "ok"
    ORPHANED = "orphaned"  # its words could not be found after an edit of the document

_COLUMNS = (
    "id, uuid, doc_id, start, end, quote, prefix, suffix, color, style, note, status,"
    " created_at, updated_at, deleted_at"
)


@dataclass(frozen=True)
class Annotation:
    id: int
    uuid: str
    doc_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    color: str
    style: str
    note: str
    status: AnnotationStatus
    created: str
    updated: str
    deleted: str | None  # when it went to the trash; None = live
    tags: tuple[str, ...] = ()

    @property
    def orphaned(self) -> bool:
        return self.status == AnnotationStatus.ORPHANED

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.start, self.end, self.quote, self.prefix, self.suffix)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "color": self.color,
            "style": self.style,
            "note": self.note,
            "tags": list(self.tags),
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
        }



def _annotation(row: Sequence[Any], tags: tuple[str, ...]) -> Annotation:
    """An annotation from a row of ``_COLUMNS`` (sqlite3 rows are untyped), status as enum."""
    ann_id, uuid, doc_id, start, end, quote, prefix, suffix, color, style, note, *stamps = row
    status, created, updated, deleted = stamps
    return Annotation(
        ann_id, uuid, doc_id, start, end, quote, prefix, suffix, color, style, note,
        AnnotationStatus(status), created, updated, deleted, tags,
    )  # fmt: skip

class AnnotationService:
    """Create, edit, trash, restore and list annotations; re-anchor them after edits."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.tags = TagService(db)
        self.colors = ColorService(db)
        self._texts: dict[int, tuple[str, str]] = {}  # doc_id -> (sha256, text)

    # -- creating ---------------------------------------------------------------------

    def create(
        self,
        doc_id: int,
        start: int,
        end: int,
        *,
        color: str = "yellow",
        style: str = "highlight",
        note: str = "",
        tags: Iterable[str] = (),
        uuid: str | None = None,
    ) -> tuple[Annotation, Changes]:
        """Annotate ``[start, end)`` of document ``doc_id``; everything is checked first."""
        text = self._text(doc_id)
        if not (0 <= start < end <= len(text)):
            raise UsageError(
                f"span {start}..{end} is empty or outside document {doc_id} (0..{len(text)})"
            )
        color = self.colors.resolve(color)
        style = _check_style(style)
        note = clean_text(note, "note")
        tag_names = sorted({normalise_tag(name) for name in tags})
        quote = text[start:end]
        if not quote.strip():
            raise UsageError("the span holds only blank space")
        prefix = text[max(0, start - CONTEXT_CHARS) : start]
        suffix = text[end : end + CONTEXT_CHARS]
        uuid = uuid or str(uuid_module.uuid4())
        stamp = now_iso()
        with transaction(self.db):
            cursor = self.db.execute(
                "INSERT INTO annotations (uuid, doc_id, start, end, quote, prefix, suffix,"
                " color, style, note, status, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?)",
                [uuid, doc_id, start, end, quote, prefix, suffix, color, style, note, stamp, stamp],
            )
            ann_id = int(cursor.lastrowid or 0)
            self.add_tags(ann_id, tag_names)
        ann = Annotation(
            ann_id, uuid, doc_id, start, end, quote, prefix, suffix, color, style, note,
            AnnotationStatus.OK, stamp, stamp, None, tuple(tag_names),
        )  # fmt: skip
        return ann, Changes(annotations={doc_id}, tags=bool(tag_names))

    def create_from_quote(
        self, doc_id: int, quote: str, occurrence: int = 1, **fields: object
    ) -> tuple[Annotation, Changes]:
        """Annotate the ``occurrence``-th (1-based) place where ``quote`` appears."""
        if not quote:
            raise UsageError("the quote is empty")
        if occurrence < 1:
            raise UsageError("occurrence counts from 1")
        text = self._text(doc_id)
        at = -1
        for _ in range(occurrence):
            at = text.find(quote, at + 1)
            if at == -1:
                count = self.count_occurrences(text, quote)
                raise NotFoundError(
                    f"quote not found in document {doc_id}"
                    if count == 0
                    else f"quote occurs {count} time(s) in document {doc_id}, not {occurrence}"
                )
        # fields: create()'s keyword arguments, passed through (typed object here)
        return self.create(
            doc_id, at, at + len(quote), **fields  # pyright: ignore[reportArgumentType]
        )

    @staticmethod
    def count_occurrences(text: str, quote: str) -> int:
        count, at = 0, text.find(quote)
        while at != -1:
            count, at = count + 1, text.find(quote, at + 1)
        return count

    # -- reading ----------------------------------------------------------------------

    def get(self, ref: int | str) -> Annotation:
        """By integer id, or by UUID (as printed in JSON and exports).

        A reference no row can have (an id past SQLite's range, text that is not
        UTF-8) is simply not found, rather than an ``OverflowError`` from SQLite.
        """
        where, value = _annotation_key(ref)
        found = self._select(f"{where}", [value]) if value is not None else []
        if not found:
            shown = "with that id" if value is None and isinstance(ref, int) else str(ref)
            raise NotFoundError(f"no annotation {shown[:60]}")
        return found[0]

    def list_for_document(self, doc_id: int) -> list[Annotation]:
        """Live annotations of one document in reading order (orphaned ones included)."""
        self._chars(doc_id)
        return self.list(doc_ids=[doc_id])

    def in_range(self, doc_id: int, start: int, end: int) -> list[Annotation]:
        """Live, placed annotations overlapping ``[start, end)``: what a view paints.

        A point query (``start == end``) gives the annotations under a cursor position.
        """
        if start == end:
            where = "doc_id = ? AND start <= ? AND end > ?"
            params: list[object] = [doc_id, start, start]
        else:
            where = "doc_id = ? AND start < ? AND end > ?"
            params = [doc_id, end, start]
        return self._select(f"{where} AND deleted_at IS NULL AND status = 'ok'", params)

    def list(
        self,
        *,
        doc_ids: Sequence[int] | None = None,
        tag: str | None = None,
        color: str | None = None,
        orphaned: bool = False,
        trashed: bool = False,
    ) -> list[Annotation]:
        """Filter by documents, tag (with its subtree), colour, orphaned; ``trashed``
        lists the trash instead of live annotations. Ordered by document, then position."""
        clauses = ["deleted_at IS NOT NULL" if trashed else "deleted_at IS NULL"]
        params: list[object] = []
        if doc_ids is not None:
            clauses.append(f"doc_id IN ({ID_LIST})")
            params.append(id_list(doc_ids))
        if tag is not None:
            clauses.append(
                "id IN (SELECT at.annotation_id FROM annotation_tags at JOIN tags t"
                f" ON t.id = at.tag_id WHERE {under('t.name')})"
            )
            params += under_params(normalise_tag(tag))
        if color is not None:
            clauses.append("color = ?")
            params.append(self.colors.resolve(color))
        if orphaned:
            clauses.append("status = 'orphaned'")
        return self._select(" AND ".join(clauses), params)

    # -- editing ----------------------------------------------------------------------

    def update(
        self,
        ref: int | str,
        *,
        note: str | None = None,
        color: str | None = None,
        style: str | None = None,
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
    ) -> tuple[Annotation, Changes]:
        """Change what is given; ``None``/empty leaves a field as it is."""
        ann = self.get(ref)
        sets: dict[str, object] = {}
        if note is not None:
            sets["note"] = clean_text(note, "note")
        if color is not None:
            sets["color"] = self.colors.resolve(color)
        if style is not None:
            sets["style"] = _check_style(style)
        adding, removing = list(add_tags), list(remove_tags)
        with transaction(self.db):
            self.add_tags(ann.id, adding)
            for name in removing:
                self.db.execute(
                    "DELETE FROM annotation_tags WHERE annotation_id = ? AND tag_id ="
                    " (SELECT id FROM tags WHERE name = ?)",
                    [ann.id, normalise_tag(name)],
                )
            if sets or adding or removing:
                sets["updated_at"] = now_iso()
                assignments = ", ".join(f"{column} = ?" for column in sets)
                self.db.execute(
                    f"UPDATE annotations SET {assignments} WHERE id = ?", [*sets.values(), ann.id]
                )
        return self.get(ann.id), Changes(annotations={ann.doc_id}, tags=bool(adding or removing))

    def delete(self, ref: int | str) -> Changes:
        """Move to the trash; :meth:`restore` brings it back unchanged."""
        ann = self.get(ref)
        if ann.deleted is not None:
            raise UsageError(f"annotation {ann.id} is already in the trash")
        with transaction(self.db):
            self.db.execute(
                "UPDATE annotations SET deleted_at = ? WHERE id = ?", [now_iso(), ann.id]
            )
        return Changes(annotations={ann.doc_id}, tags=bool(ann.tags))

    def restore(self, ref: int | str) -> tuple[Annotation, Changes]:
        ann = self.get(ref)
        if ann.deleted is None:
            raise UsageError(f"annotation {ann.id} is not in the trash")
        with transaction(self.db):
            self.db.execute("UPDATE annotations SET deleted_at = NULL WHERE id = ?", [ann.id])
        return self.get(ann.id), Changes(annotations={ann.doc_id}, tags=bool(ann.tags))

    def purge(self, ref: int | str) -> Changes:
        """Delete for good; only annotations already in the trash can be purged."""
        ann = self.get(ref)
        if ann.deleted is None:
            raise UsageError(f"annotation {ann.id} is not in the trash; delete it first")
        with transaction(self.db):
            self.db.execute("DELETE FROM annotations WHERE id = ?", [ann.id])
        return Changes(annotations={ann.doc_id}, tags=bool(ann.tags))

    def empty_trash(self) -> Changes:
        with transaction(self.db):
            docs = {
                int(row[0])
                for row in self.db.execute(
                    "SELECT DISTINCT doc_id FROM annotations WHERE deleted_at IS NOT NULL"
                ).fetchall()
            }
            self.db.execute("DELETE FROM annotations WHERE deleted_at IS NOT NULL")
        return Changes(annotations=docs, tags=bool(docs))

    # -- re-anchoring -----------------------------------------------------------------

    def reanchor(self, doc_id: int, old_text: str, new_text: str) -> dict[str, int]:
        """Place every annotation of ``doc_id`` (trashed ones too) in ``new_text``.

        Meant as an importer ``ContentListener``: it runs inside the import's
        transaction and returns ``{"moved", "changed", "orphaned"}`` counts (empty when
        the document has no annotations). Orphans keep their quote and context, so a
        later edit that brings the words back re-attaches them.
        """
        rows = self.db.execute(
            "SELECT id, start, end, quote, prefix, suffix, status FROM annotations"
            " WHERE doc_id = ?",
            [doc_id],
        ).fetchall()
        if not rows:
            return {}
        mapping = OffsetMap(old_text, new_text)
        counts: dict[str, int] = dict.fromkeys(
            (PlacementKind.MOVED, PlacementKind.CHANGED, PlacementKind.ORPHANED), 0
        )
        updates: list[tuple[object, ...]] = []
        for ann_id, start, end, quote, prefix, suffix, status in rows:
            expected = mapping.map(start)
            place = locate(Anchor(start, end, quote, prefix, suffix), new_text, expected)
            if place.kind in counts:
                counts[place.kind] += 1
            if place.found:
                new_prefix = new_text[max(0, place.start - CONTEXT_CHARS) : place.start]
                new_suffix = new_text[place.end : place.end + CONTEXT_CHARS]
                if (place.start, place.end, new_prefix, new_suffix, status) == (
                    start, end, prefix, suffix, AnnotationStatus.OK
                ):
                    continue  # nothing to write; refreshed context is what we store
                updates.append(
                    (
                        place.start,
                        place.end,
                        new_text[place.start : place.end],
                        new_prefix,
                        new_suffix,
                        AnnotationStatus.OK,
                        ann_id,
                    )
                )
            else:
                lo = min(max(0, expected), max(0, len(new_text) - 1))
                hi = min(len(new_text), lo + max(1, end - start))
                updates.append((lo, hi, quote, prefix, suffix, AnnotationStatus.ORPHANED, ann_id))
        self.db.conn.executemany(
            "UPDATE annotations SET start = ?, end = ?, quote = ?, prefix = ?, suffix = ?,"
            " status = ? WHERE id = ?",
            updates,
        )
        return counts

    def reattach(self, ref: int | str, start: int, end: int) -> Changes:
        """Attach an (orphaned) annotation to ``[start, end)`` chosen by the user."""
        ann = self.get(ref)
        text = self._text(ann.doc_id)
        if not (0 <= start < end <= len(text)):
            raise UsageError(f"span {start}..{end} is empty or outside document {ann.doc_id}")
        with transaction(self.db):
            self.db.execute(
                "UPDATE annotations SET start = ?, end = ?, quote = ?, prefix = ?, suffix = ?,"
                " status = 'ok', updated_at = ? WHERE id = ?",
                [
                    start,
                    end,
                    text[start:end],
                    text[max(0, start - CONTEXT_CHARS) : start],
                    text[end : end + CONTEXT_CHARS],
                    now_iso(),
                    ann.id,
                ],
            )
        return Changes(annotations={ann.doc_id})

    # -- helpers ----------------------------------------------------------------------

    def _select(self, where: str, params: Sequence[object]) -> list[Annotation]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM annotations WHERE {where} ORDER BY doc_id, start, end, id",
            list(params),
        ).fetchall()
        if not rows:
            return []
        tags: dict[int, list[str]] = {}
        for ann_id, name in self.db.execute(
            "SELECT at.annotation_id, t.name FROM annotation_tags at JOIN tags t"
            f" ON t.id = at.tag_id WHERE at.annotation_id IN"
            f" (SELECT id FROM annotations WHERE {where}) ORDER BY t.name",
            list(params),
        ).fetchall():
            tags.setdefault(ann_id, []).append(name)
        return [_annotation(row, tuple(tags.get(row[0], ()))) for row in rows]

    def add_tags(self, ann_id: int, names: Iterable[str]) -> None:
        """Attach tags (created on the fly); the caller holds the transaction."""
        for name in names:
            self.db.execute(
                "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                [ann_id, self.tags.ensure(name)],
            )

    def _chars(self, doc_id: int) -> int:
        row = self.db.execute("SELECT chars FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return int(row[0])

    def _text(self, doc_id: int) -> str:
        """The canonical text, cached while its sha256 stays the same (re-imports change it)."""
        row = self.db.execute("SELECT sha256 FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        cached = self._texts.get(doc_id)
        if cached is None or cached[0] != row[0]:
            text = self.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
            cached = self._texts[doc_id] = (str(row[0]), str(text[0]))
        return cached[1]


def _check_style(style: str) -> str:
    if style not in STYLES:
        raise UsageError(f"unknown style {style!r} (choose from {', '.join(STYLES)})")
    return style


def check_annotations(db: Database) -> list[str]:
    """Problems for ``pizhu check``: placed annotations must quote their own text."""
    problems = []
    for ann_id, doc_id, start, end in db.execute(
        "SELECT a.id, a.doc_id, a.start, a.end FROM annotations a"
        " JOIN documents d ON d.id = a.doc_id"
        " WHERE a.end > d.chars OR (a.status = 'ok'"
        " AND substr(d.text, a.start + 1, a.end - a.start) <> a.quote)"
        " LIMIT 20"
    ).fetchall():
        problems.append(
            f"annotation {ann_id} of document {doc_id}: {start}..{end} does not match its quote"
        )
    return problems


def _annotation_key(ref: int | str) -> tuple[str, int | str | None]:
    """``(where clause, value)`` for :meth:`AnnotationService.get`; value ``None``: none."""
    if isinstance(ref, int):
        return "id = ?", ref if 1 <= ref <= SQLITE_INT_MAX else None
    text = ref.strip()
    if text.isascii() and text.isdigit():
        try:
            return "id = ?", parse_whole_number(text, "an annotation id", minimum=1)
        except UsageError:
            return "id = ?", None
    uuid = text.removeprefix("urn:uuid:")
    try:
        uuid.encode("utf-8")
    except UnicodeEncodeError:
        return "uuid = ?", None
    return "uuid = ?", uuid
