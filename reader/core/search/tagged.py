"""Tags in a search: the documents and passages under a tag, and the search of the
annotations' own quotes and notes (``--annotations``).

These read the library's tables, not the index: tags change with every annotation,
and the index is a cache of the texts only.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from sqlite_utils import Database

from reader.core.annotate.tags import normalise_tag, under, under_params
from reader.core.search.doccache import DocCache
from reader.core.search.fold import fold
from reader.core.search.matches import Matches
from reader.core.search.positions import section_path
from reader.core.search.query import ParsedQuery
from reader.core.search.response import Hit
from reader.errors import PizhuError

Passages = dict[int, list[tuple[int, int]]]  # doc id -> (start, end) of tagged annotations


def tag_scope(db: Database, tag: str) -> tuple[set[int], Passages]:
    """Documents tagged ``tag`` (or a tag below it), and passages of annotations so tagged."""
    try:
        name = normalise_tag(tag)
    except PizhuError:
        return set(), {}
    docs = {
        row[0]
        for row in db.execute(
            "SELECT dt.doc_id FROM document_tags dt JOIN tags t ON t.id = dt.tag_id"
            f" WHERE {under('t.name')}",
            under_params(name),
        )
    }
    passages: Passages = {}
    for doc_id, start, end in db.execute(
        "SELECT DISTINCT a.doc_id, a.start, a.end FROM annotations a"
        " JOIN annotation_tags at ON at.annotation_id = a.id JOIN tags t ON t.id = at.tag_id"
        f" WHERE {under('t.name')} AND a.deleted_at IS NULL",
        under_params(name),
    ):
        passages.setdefault(doc_id, []).append((start, end))
    return docs, passages


def tagged_annotations(db: Database, tag: str) -> set[int]:
    """Ids of the annotations tagged ``tag`` or a tag below it."""
    try:
        name = normalise_tag(tag)
    except PizhuError:
        return set()
    return {
        row[0]
        for row in db.execute(
            "SELECT at.annotation_id FROM annotation_tags at JOIN tags t"
            f" ON t.id = at.tag_id WHERE {under('t.name')}",
            under_params(name),
        )
    }


def search_annotations(
    db: Database, cache: DocCache, parsed: ParsedQuery, scope: AbstractSet[int], limit: int
) -> tuple[int, list[Hit]]:
    """Quotes and notes of live annotations; a hit per document, matches = annotations."""
    tagged: set[int] | None = None
    for tag in parsed.tags:
        ids = tagged_annotations(db, tag)
        tagged = ids if tagged is None else tagged & ids
    per_doc: dict[int, list[tuple[int, int, int, str, int]]] = {}
    rows = db.execute(
        "SELECT id, doc_id, start, end, quote, note FROM annotations"
        " WHERE deleted_at IS NULL ORDER BY doc_id, start, id"
    ).fetchall()
    for ann_id, doc_id, start, end, quote, note in rows:
        if doc_id not in scope or (tagged is not None and ann_id not in tagged):
            continue
        unit = fold(f"{quote}\n{note}")
        if not all(any(lit.folded in unit for lit in g) for g in parsed.groups):
            continue
        if any(ex.folded in unit for ex in parsed.excludes):
            continue
        count = sum(unit.count(lit.folded) for lit in parsed.literals)
        shown = " ".join(f"{quote} — {note}".split()) if note else " ".join(quote.split())
        per_doc.setdefault(doc_id, []).append((ann_id, start, end, shown, count))
    ranked = sorted(per_doc.items(), key=lambda item: (-sum(a[4] for a in item[1]), item[0]))
    hits = [
        Hit(
            doc_id=doc_id,
            title=cache.meta[doc_id][0],
            score=float(sum(a[4] for a in anns)),
            matches=Matches.of(sorted({(a[1], a[2]) for a in anns})),
            snippet=anns[0][3],
            section=section_path(cache.outline(doc_id), anns[0][1]),
            annotation_ids=[a[0] for a in anns],
        )
        for doc_id, anns in ranked[: max(0, limit)]
    ]
    return len(ranked), hits
