"""Every annotation of the library, filtered and sorted: what the Annotations workspace lists.

The workspace asks twice: :meth:`AnnotationQuery.ids` gives the ordered ids of what
matches (cheap: one SQL query, then a text test on folded strings), and
:meth:`AnnotationQuery.rows` gives the full rows for the few the view shows, so a
filter change at 10 000 annotations costs milliseconds, not a row object per
annotation (``bench/workspace_bench.py``)::

    query = AnnotationQuery(db)
    ids = query.ids(AnnotationFilter(tag="城市", colors=("blue",), text="國務院"))
    rows = query.rows(ids[:200])             # WorkspaceRow: annotation, title, section, page

Text search follows the library search's rules (:mod:`reader.core.search.fold`):
every literal occurrence counts, traditional = simplified, full width = half width,
Latin case-blind. Words separated by spaces must all occur; ``"a b"`` is one phrase.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from reader.core.annotate.annotations import STYLES, Annotation, AnnotationService
from reader.core.annotate.colors import ColorService
from reader.core.annotate.tags import normalise_tag, under, under_params
from reader.core.ingest.model import OutlineEntry, page_index_at
from reader.core.search.fold import fold
from reader.core.search.positions import section_path
from reader.core.storage.db import ID_LIST, id_list
from reader.errors import UsageError

SORTS = ("reading", "created", "updated", "color")
"""``reading``: by document, then position; ``created``/``updated``: newest first;
``color``: in palette order, then reading order."""

_RANKS = (
    "WITH rank(doc_id, n) AS (SELECT id, row_number() OVER (ORDER BY title, id) FROM documents)"
)
"""Documents in title order, numbered: joined instead of ``documents`` itself, whose rows
hold the whole text, so the sort reads the covering index and this small table."""
_ORDER = {
    "reading": "r.n, a.start, a.end, a.id",
    "created": "a.created_at DESC, a.id DESC",
    "updated": "a.updated_at DESC, a.id DESC",
    "color": "ifnull(c.seq, 999), r.n, a.start, a.end, a.id",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class AnnotationFilter:
    """What to list; every field left at its default lets everything through.

    ``since``/``until`` are inclusive days (``2026-12-01``) of ``date_field``
    (``created`` or ``updated``), in UTC as stored. ``orphaned``: True only orphans,
    False only placed ones, None both. ``has_note`` likewise.
    """

    collection_id: int | None = None  # with its sub-collections
    doc_ids: tuple[int, ...] | None = None
    tag: str | None = None  # with its sub-tags
    colors: tuple[str, ...] = ()
    style: str | None = None
    has_note: bool | None = None
    orphaned: bool | None = None
    since: str | None = None
    until: str | None = None
    date_field: str = "created"
    text: str = ""
    sort: str = "reading"
    trashed: bool = False

    def is_empty(self) -> bool:
        return self == AnnotationFilter(sort=self.sort, date_field=self.date_field)


@dataclass(frozen=True)
class WorkspaceRow:
    """One annotation with what the workspace shows beside it."""

    annotation: Annotation
    title: str
    section: str | None  # headings containing it, outermost first (``一、… > （二）…``)
    page: str | None  # printed page label (PDFs), None without pages
    color_hex: str
    color_label: str


def search_terms(text: str) -> list[str]:
    """The folded terms of a search box: words, or ``"quoted phrases"``; empty ones dropped."""
    text = _CONTROLS.sub(" ", text)
    terms = [(m.group(1) if m.group(1) is not None else m.group(2)) for m in _TERM.finditer(text)]
    return [fold(t) for t in terms if t.strip()]


class _FoldCache:
    """Every annotation's folded ``quote \x00 note``, joined into one string with ``\x01``
    between annotations, so a term is looked for at C speed (``str.find``) rather than
    once per annotation. Valid while the library file is unchanged (this connection's
    write count, SQLite's ``data_version`` for other connections); after a change only
    strings not seen before are folded again. Quotes and notes never hold ``\x00`` or
    ``\x01`` (``clean_text`` refuses control characters), so no match spans two."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.by_raw: dict[str, str] = {}
        self.blob = ""
        self.starts: list[int] = []  # where each annotation's text begins in ``blob``
        self.ids: list[int] = []
        self.stamp: tuple[int, int] | None = None

    def _refresh(self) -> None:
        stamp = (self.db.conn.total_changes, self.db.execute("PRAGMA data_version").fetchone()[0])
        if stamp == self.stamp:
            return
        if len(self.by_raw) > 200_000:  # a long session's edits: start over
            self.by_raw.clear()
        by_raw, parts, starts, ids, at = self.by_raw, [], [], [], 0
        for ann_id, quote, note in self.db.execute("SELECT id, quote, note FROM annotations"):
            raw = f"{quote}\x00{note}"
            folded = by_raw.get(raw)
            if folded is None:
                folded = by_raw[raw] = fold(raw)
            parts.append(folded)
            starts.append(at)
            ids.append(ann_id)
            at += len(folded) + 1
        self.blob, self.starts, self.ids, self.stamp = "\x01".join(parts), starts, ids, stamp

    def matching(self, terms: list[str]) -> set[int]:
        """Ids of the annotations whose quote or note holds every (folded) term."""
        self._refresh()
        found: set[int] | None = None
        blob, starts, ids = self.blob, self.starts, self.ids
        for term in terms:
            hits: set[int] = set()
            pos = blob.find(term)
            while pos >= 0:
                k = bisect.bisect_right(starts, pos) - 1
                hits.add(ids[k])
                pos = blob.find(term, starts[k + 1]) if k + 1 < len(starts) else -1
            found = hits if found is None else found & hits
            if not found:
                return set()
        return found or set()


class AnnotationQuery:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.colors = ColorService(db)
        self.service = AnnotationService(db)
        self._fold = _FoldCache(db)

    def ids(self, flt: AnnotationFilter) -> list[int]:
        """Ids of the matching annotations, in ``flt.sort`` order."""
        where, params = self._where(flt)
        terms = search_terms(flt.text)
        if terms:  # the text test first, in memory; SQL then keeps only those ids
            matched = self._fold.matching(terms)
            if not matched:
                return []
            where += " AND a.id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(sorted(matched)))
        joins = ""
        if flt.sort in ("reading", "color"):
            joins += " JOIN rank r ON r.doc_id = a.doc_id"
        if flt.sort == "color":
            joins += " LEFT JOIN colors c ON c.key = a.color"
        rows = self.db.conn.execute(
            f"{_RANKS if joins else ''} SELECT a.id FROM annotations a{joins}"
            f" WHERE {where} ORDER BY {_ORDER[flt.sort]}",
            params,
        ).fetchall()
        return [row[0] for row in rows]

    def rows(self, ids: Sequence[int]) -> list[WorkspaceRow]:
        """Full rows for ``ids``, in that order (ids gone meanwhile are left out)."""
        if not ids:
            return []
        anns: dict[int, Annotation] = {}
        for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for ann in self.service._select(f"id IN ({marks})", chunk):
                anns[ann.id] = ann
        doc_ids = sorted({a.doc_id for a in anns.values()})
        titles, outlines, pages = self._documents(doc_ids)
        palette = {c.key: (c.hex, c.label) for c in self.colors.list()}
        rows = []
        for ann_id in ids:
            ann = anns.get(ann_id)
            if ann is None:
                continue
            starts, labels = pages.get(ann.doc_id, ([], []))
            index = page_index_at(starts, ann.start)
            hex_, label = palette.get(ann.color, ("#f7d154", ann.color))
            rows.append(
                WorkspaceRow(
                    ann,
                    titles.get(ann.doc_id, ""),
                    section_path(outlines.get(ann.doc_id, []), ann.start),
                    labels[index] if index >= 0 else None,
                    hex_,
                    label,
                )
            )
        return rows

    def _documents(
        self, doc_ids: list[int]
    ) -> tuple[dict[int, str], dict[int, list[OutlineEntry]], dict[int, tuple[list, list]]]:
        """Titles, outlines and page starts of ``doc_ids``: three queries, not three per row."""
        titles: dict[int, str] = {}
        outlines: dict[int, list[OutlineEntry]] = {}
        pages: dict[int, tuple[list, list]] = {}
        if not doc_ids:
            return titles, outlines, pages
        ids = [id_list(doc_ids)]
        for doc_id, title in self.db.execute(
            f"SELECT id, title FROM documents WHERE id IN ({ID_LIST})", ids
        ):
            titles[doc_id] = title
        for doc_id, level, title, start in self.db.execute(
            f"SELECT doc_id, level, title, start FROM outline WHERE doc_id IN ({ID_LIST})"
            " ORDER BY doc_id, seq",
            ids,
        ):
            outlines.setdefault(doc_id, []).append(OutlineEntry(level, title, start))
        for doc_id, label, start in self.db.execute(
            f"SELECT doc_id, label, start FROM pages WHERE doc_id IN ({ID_LIST})"
            " ORDER BY doc_id, seq",
            ids,
        ):
            starts, labels = pages.setdefault(doc_id, ([], []))
            starts.append(start)
            labels.append(label)
        return titles, outlines, pages

    def _where(self, flt: AnnotationFilter) -> tuple[str, list[object]]:
        """The SQL for every filter but the text one; bad values are usage errors."""
        if flt.sort not in SORTS:
            raise UsageError(f"unknown sort {flt.sort!r} (choose from {', '.join(SORTS)})")
        clauses = ["a.deleted_at IS NOT NULL" if flt.trashed else "a.deleted_at IS NULL"]
        params: list[object] = []
        if flt.collection_id is not None:
            clauses.append(
                "a.doc_id IN (SELECT dc.doc_id FROM document_collections dc WHERE dc.collection_id"
                " IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION"
                " SELECT c2.id FROM collections c2 JOIN sub ON c2.parent_id = sub.id)"
                " SELECT id FROM sub))"
            )
            params.append(flt.collection_id)
        if flt.doc_ids is not None:
            clauses.append(f"a.doc_id IN ({ID_LIST})")
            params.append(id_list(flt.doc_ids))
        if flt.tag:
            clauses.append(
                "a.id IN (SELECT at.annotation_id FROM annotation_tags at JOIN tags t"
                f" ON t.id = at.tag_id WHERE {under('t.name')})"
            )
            params += under_params(normalise_tag(flt.tag))
        if flt.colors:
            keys = [self.colors.resolve(c) for c in flt.colors]
            clauses.append(f"a.color IN ({','.join('?' * len(keys))})")
            params += keys
        if flt.style is not None:
            if flt.style not in STYLES:
                raise UsageError(f"unknown style {flt.style!r} (choose from {', '.join(STYLES)})")
            clauses.append("a.style = ?")
            params.append(flt.style)
        if flt.has_note is not None:  # the index's expression, so the index answers it
            clauses.append("(a.note <> '') = ?")
            params.append(1 if flt.has_note else 0)
        if flt.orphaned is not None:
            clauses.append("a.status = 'orphaned'" if flt.orphaned else "a.status = 'ok'")
        if flt.date_field not in ("created", "updated"):
            raise UsageError("the date range applies to 'created' or 'updated'")
        column = f"a.{flt.date_field}_at"
        if flt.since:
            clauses.append(f"substr({column}, 1, 10) >= ?")
            params.append(_day(flt.since))
        if flt.until:
            clauses.append(f"substr({column}, 1, 10) <= ?")
            params.append(_day(flt.until))
        return " AND ".join(clauses), params


def _day(text: str) -> str:
    if not _DATE.match(text):
        raise UsageError(f"a day looks like 2026-12-01, not {text!r}")
    return text
