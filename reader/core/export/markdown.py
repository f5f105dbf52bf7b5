"""Annotations as Markdown notes (pure functions: data in, text out).

Shape of one document's export::

    ---
    title: "…"            # YAML front matter; strings JSON-quoted, which YAML reads
    source: "…"
    doc_id: 3
    tags: ["政策/城市"]
    exported: "2026-…"
    annotations: 12
    notes: 4
    orphaned: 0
    ---

    # Title

    ## Section (only sections holding annotations, nested ## / ### … from the outline)

    > quote line, every line prefixed "> ", Markdown escaped so it renders literally

    the note, as Markdown

    #tag #城市/更新 · 重点 · p. 12 · [↗ 120](pizhu://open?doc=3&pos=120)

(``p. 12``, the printed page, for documents that have pages: PDFs.)

Why escape so much: a quote is the author's text, not Markdown. ``*``, ``#``, ``[``,
backticks, ``|``, ``<b>`` and a leading ``1.`` or ``-`` must come out as the
characters, in CommonMark and in Obsidian (where ``#word`` is a tag, ``==x==`` a
highlight and ``$x$`` maths). Notes are Markdown already and are written as they are.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from reader.core.annotate.annotations import Annotation
from reader.core.ingest.model import OutlineEntry, Page, page_index_at

# Characters with inline meaning in CommonMark, GFM or Obsidian: always escaped.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$=%!^{}])")
_LIST_MARKER = re.compile(r"^(\d{1,9})([.)])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ORPHANED_HEADING = "未能定位的批注 (orphaned)"


@dataclass(frozen=True)
class ExportDocument:
    id: int
    title: str
    source: str | None
    tags: tuple[str, ...]
    outline: tuple[OutlineEntry, ...]
    pages: tuple[Page, ...] = ()

    @cached_property
    def _page_starts(self) -> list[int]:
        return [p.start for p in self.pages]

    def page_at(self, pos: int) -> str | None:
        """The printed label of the page holding ``pos``."""
        index = page_index_at(self._page_starts, pos)
        return self.pages[index].label if index >= 0 else None


def escape_inline(text: str) -> str:
    """Backslash-escape every character that could start Markdown syntax inside a line."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def escape_line(line: str) -> str:
    """One line of literal text as Markdown that renders as exactly that line."""
    body = line.strip()
    start = len(line) - len(line.lstrip())
    lead, trail = line[:start], line[start + len(body) :]
    body = escape_inline(body)
    if body[:1] in ("-", "+"):  # bullet list marker / setext underline
        body = "\\" + body
    elif match := _LIST_MARKER.match(body):  # "1." / "1)" ordered list marker
        body = f"{match.group(1)}\\{match.group(2)}{body[match.end() :]}"
    # Leading blanks would indent (4 spaces make a code block) and parsers strip
    # leading and trailing whitespace (markdown-it even the ideographic space U+3000
    # that indents Chinese paragraphs): write them as character references.
    return _blanks_as_refs(lead) + body + _blanks_as_refs(trail)


def _blanks_as_refs(blanks: str) -> str:
    return "".join(f"&#{ord(ch)};" for ch in blanks)


def quote_block(text: str) -> str:
    """A blockquote that renders as ``text``: every line prefixed ``> ``.

    Line breaks inside a paragraph become hard breaks (a trailing backslash); blank
    lines become a bare ``>``, which keeps one blockquote with several paragraphs.
    Leading and trailing blank lines of the quote are dropped.
    """
    lines = text.strip("\n").split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip(" \t"):
            out.append(">")
            continue
        rendered = escape_line(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following.strip(" \t"):
            rendered += "\\"
        out.append("> " + rendered)
    return "\n".join(out)


def obsidian_tag(name: str) -> str:
    """``城市/更新`` → ``#城市/更新``; characters Obsidian does not allow become ``_``."""
    cleaned = re.sub(r"[^\w/\-]", "_", name)
    if cleaned.replace("/", "").isdigit():  # an all-digit tag is not a tag in Obsidian
        cleaned = "_" + cleaned
    return "#" + cleaned


def open_link(doc_id: int, pos: int) -> str:
    return f"pizhu://open?doc={doc_id}&pos={pos}"


def front_matter(fields: dict[str, object]) -> str:
    """YAML front matter; values are written as JSON, a subset YAML parses the same."""
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines)


def close_fences(note: str) -> str:
    """Close a code fence the note left open, so it cannot swallow the rest of the file."""
    fence: str | None = None
    for line in note.split("\n"):
        match = _FENCE.match(line)
        if match is None:
            continue
        marker = match.group(1)
        if fence is None:
            fence = marker
        elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[len(marker):]:
            fence = None
    return note if fence is None else f"{note}\n{fence}"


def render_annotation(
    ann: Annotation, labels: dict[str, str], page: str | None = None
) -> str:
    parts = [quote_block(ann.quote)]
    note = ann.note.strip("\n")
    if note.strip():
        parts.append(close_fences(note))
    meta = [obsidian_tag(tag) for tag in ann.tags]
    label = labels.get(ann.color, ann.color)
    meta_line = " ".join(meta)
    meta_line += (" · " if meta_line else "") + escape_line(label.strip())
    if page:
        meta_line += f" · p. {escape_inline(page)}"
    meta_line += f" · [↗ {ann.start}]({open_link(ann.doc_id, ann.start)})"
    parts.append(meta_line)
    return "\n\n".join(parts)


class Sections:
    """For any offset, the outline entries enclosing it, outermost first (bisect, O(log n))."""

    def __init__(self, outline: Sequence[OutlineEntry], skip: int | None) -> None:
        self.starts: list[int] = []
        self.paths: list[tuple[int, ...]] = []
        stack: list[int] = []
        for index, entry in enumerate(outline):
            if index == skip:
                continue
            while stack and outline[stack[-1]].level >= entry.level:
                stack.pop()
            stack.append(index)
            self.starts.append(entry.start)
            self.paths.append(tuple(stack))

    def path(self, pos: int) -> tuple[int, ...]:
        at = bisect.bisect_right(self.starts, pos) - 1
        return self.paths[at] if at >= 0 else ()


def title_entry(doc: ExportDocument) -> int | None:
    """The outline entry that is the document's title (already the ``#`` heading)."""
    if doc.outline and doc.outline[0].start == 0 and doc.outline[0].title == doc.title:
        return 0
    return None


def render_body(
    doc: ExportDocument,
    annotations: Sequence[Annotation],
    labels: dict[str, str],
    *,
    top: int = 1,
) -> str:
    """``# title`` and the annotations under their section headings (``top`` = level of
    the title heading; sections start one below)."""
    blocks = [f"{'#' * top} {escape_inline(doc.title)}"]
    skip = title_entry(doc)
    levels = sorted({e.level for i, e in enumerate(doc.outline) if i != skip})
    depth_of = {level: n for n, level in enumerate(levels)}
    sections = Sections(doc.outline, skip)
    open_path: tuple[int, ...] = ()
    placed = [a for a in annotations if not a.orphaned]
    for ann in sorted(placed, key=lambda a: (a.start, a.end, a.id)):
        path = sections.path(ann.start)
        common = 0
        while common < min(len(path), len(open_path)) and path[common] == open_path[common]:
            common += 1
        for index in path[common:]:
            entry = doc.outline[index]
            level = min(6, top + 1 + depth_of[entry.level])
            blocks.append(f"{'#' * level} {escape_inline(entry.title)}")
        open_path = path
        blocks.append(render_annotation(ann, labels, doc.page_at(ann.start)))
    orphans = [a for a in annotations if a.orphaned]
    if orphans:
        blocks.append(f"{'#' * min(6, top + 1)} {escape_inline(ORPHANED_HEADING)}")
        blocks += [render_annotation(a, labels) for a in orphans]
    return "\n\n".join(blocks)


def counts(annotations: Sequence[Annotation]) -> dict[str, int]:
    return {
        "annotations": len(annotations),
        "notes": sum(1 for a in annotations if a.note.strip()),
        "orphaned": sum(1 for a in annotations if a.orphaned),
    }


def render_document(
    doc: ExportDocument,
    annotations: Sequence[Annotation],
    labels: dict[str, str],
    exported: str,
) -> str:
    """One document's annotations as a complete Markdown file."""
    fields: dict[str, object] = {
        "title": doc.title,
        "source": doc.source or "",
        "doc_id": doc.id,
        "tags": list(doc.tags),
        "exported": exported,
        **counts(annotations),
    }
    return f"{front_matter(fields)}\n\n{render_body(doc, annotations, labels)}\n"


def render_many(
    title: str,
    docs: Sequence[tuple[ExportDocument, Sequence[Annotation]]],
    labels: dict[str, str],
    exported: str,
    *,
    tag: str | None = None,
) -> str:
    """Several documents in one file: ``# title``, then each document as ``##``."""
    every = [a for _, anns in docs for a in anns]
    fields: dict[str, object] = {
        "title": title,
        "documents": [doc.title for doc, _ in docs],
        "tags": [tag] if tag else [],
        "exported": exported,
        **counts(every),
    }
    blocks = [front_matter(fields), f"# {escape_inline(title)}"]
    blocks += [render_body(doc, anns, labels, top=2) for doc, anns in docs]
    return "\n\n".join(blocks) + "\n"
