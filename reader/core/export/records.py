"""The export model: what a template sees, one plain record per annotation and document.

Qt-free and free of Markdown: every field is a value a template prints or tests
(``quote``, ``note``, ``tags``, ``color_label``, ``section_path``, ``page``, ``link``,
``link_text``, ``block_id``, …). Records are built once per export from the library's
rows, in the export's script and language, so templates never compute offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.annotate.annotations import Annotation
from reader.core.export import markdown
from reader.core.export.markdown import ExportDocument

SECTION_SEPARATOR = " › "


@dataclass(frozen=True)
class Heading:
    """An outline heading that opens before an annotation, in reading order.

    ``depth`` counts from 0 for the document's highest level in use (the title entry
    excluded), so ``"#" * (2 + depth)`` nests sections under a ``#`` title.
    """

    depth: int
    title: str
    start: int
    nesting: int = 0  # its place in the section path: 0 for a top section, 1 below it, …


@dataclass(frozen=True)
class AnnotationRecord:
    id: int
    uuid: str
    block_id: str  # "pz-" + the first 8 hex digits of the UUID: stable across exports
    doc_id: int
    start: int
    end: int
    quote: str
    note: str
    tags: tuple[str, ...]
    color: str  # the stable key: "yellow" …
    color_label: str  # in the export's language unless the user chose the label
    color_hex: str
    style: str  # "highlight" or "underline"
    section_path: tuple[str, ...]  # enclosing outline titles, outermost first
    page: str | None  # the printed page label, for documents that have pages
    link: str  # pizhu://open?doc=…&pos=…
    link_text: str  # "第三部分 › （二）" or "p. 12": where it is, in words
    created: str
    updated: str
    orphaned: bool
    headings: tuple[Heading, ...] = ()  # headings to open before this one (reading order)

    @property
    def section(self) -> str:
        return SECTION_SEPARATOR.join(self.section_path)

    @property
    def has_note(self) -> bool:
        return bool(self.note.strip())


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    title: str
    authors: tuple[str, ...]
    date: str
    source: str  # the imported file's path ("" if none)
    source_url: str
    site: str
    language: str
    format: str
    chars: int
    tags: tuple[str, ...]
    collections: tuple[str, ...]  # "报告/2024" paths
    link: str  # pizhu://open?doc=…
    placed: tuple[AnnotationRecord, ...]  # in reading order
    orphans: tuple[AnnotationRecord, ...]  # lost their place: no section, no page

    @property
    def annotations(self) -> tuple[AnnotationRecord, ...]:
        return self.placed + self.orphans

    @property
    def counts(self) -> dict[str, int]:
        every = self.annotations
        return {
            "annotations": len(every),
            "notes": sum(1 for a in every if a.has_note),
            "orphaned": len(self.orphans),
        }

    @property
    def updated(self) -> str:
        """The latest change of any of its annotations ("" if none)."""
        return max((a.updated for a in self.annotations), default="")


@dataclass(frozen=True)
class DocumentMeta:
    """What the records need of a document beyond :class:`ExportDocument`."""

    authors: tuple[str, ...] = ()
    date: str = ""
    source_url: str = ""
    site: str = ""
    language: str = ""
    format: str = ""
    chars: int = 0
    collections: tuple[str, ...] = ()


def block_id(uuid: str) -> str:
    return "pz-" + uuid.replace("-", "")[:8].lower()


def document_record(
    doc: ExportDocument,
    meta: DocumentMeta,
    annotations: Sequence[Annotation],
    labels: dict[str, str],
    hexes: dict[str, str],
    page_word: str = "p.",
) -> DocumentRecord:
    """One document's records: placed annotations in reading order with the headings that
    open before each (as :func:`markdown.render_body` walks them), then the orphans."""
    skip = markdown.title_entry(doc)
    levels = sorted({e.level for i, e in enumerate(doc.outline) if i != skip})
    depth_of = {level: n for n, level in enumerate(levels)}
    sections = markdown.Sections(doc.outline, skip)
    open_path: tuple[int, ...] = ()
    placed: list[AnnotationRecord] = []
    for ann in sorted((a for a in annotations if not a.orphaned), key=_reading_order):
        path = sections.path(ann.start)
        common = 0
        while common < min(len(path), len(open_path)) and path[common] == open_path[common]:
            common += 1
        headings = tuple(
            Heading(depth_of[doc.outline[i].level], doc.outline[i].title, doc.outline[i].start, n)
            for n, i in enumerate(path[common:], common)
        )
        open_path = path
        titles = tuple(doc.outline[i].title for i in path)
        page = doc.page_at(ann.start)
        placed.append(_record(doc, ann, labels, hexes, titles, page, page_word, headings))
    orphans = tuple(
        _record(doc, a, labels, hexes, (), None, page_word, ()) for a in annotations if a.orphaned
    )
    return DocumentRecord(
        id=doc.id,
        title=doc.title,
        authors=meta.authors,
        date=meta.date,
        source=doc.source or "",
        source_url=meta.source_url,
        site=meta.site,
        language=meta.language,
        format=meta.format,
        chars=meta.chars,
        tags=doc.tags,
        collections=meta.collections,
        link=f"pizhu://open?doc={doc.id}",
        placed=tuple(placed),
        orphans=orphans,
    )


def _reading_order(ann: Annotation) -> tuple[int, int, int]:
    return (ann.start, ann.end, ann.id)


def _record(
    doc: ExportDocument,
    ann: Annotation,
    labels: dict[str, str],
    hexes: dict[str, str],
    section_path: tuple[str, ...],
    page: str | None,
    page_word: str,
    headings: tuple[Heading, ...],
) -> AnnotationRecord:
    return AnnotationRecord(
        id=ann.id,
        uuid=ann.uuid,
        block_id=block_id(ann.uuid),
        doc_id=ann.doc_id,
        start=ann.start,
        end=ann.end,
        quote=ann.quote,
        note=ann.note,
        tags=ann.tags,
        color=ann.color,
        color_label=labels.get(ann.color, ann.color),
        color_hex=hexes.get(ann.color, ""),
        style=ann.style,
        section_path=section_path,
        page=page,
        link=markdown.open_link(ann.doc_id, ann.start),
        link_text=link_text(section_path, page, doc.title, page_word),
        created=ann.created,
        updated=ann.updated,
        orphaned=ann.orphaned,
        headings=headings,
    )


def link_text(
    section_path: Sequence[str], page: str | None, title: str, page_word: str = "p."
) -> str:
    """Where an annotation is, as a reader says it: its section path and its page
    (``第三部分 › （二） · p. 12``); the document's title before the first heading."""
    parts = [SECTION_SEPARATOR.join(section_path)] if section_path else []
    if page:
        parts.append(f"{page_word} {page}")
    return " · ".join(parts) or title
