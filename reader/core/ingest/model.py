"""What a format extractor hands to the renderer, and what the renderer hands back.

Extractors speak in paragraph blocks, never in offsets: the renderer is the one
place that lays blocks out as the canonical text, so every offset (outline
entry, page start) is computed once, the same way for every format.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field


class FormatError(Exception):
    """The file cannot be imported; ``str(exc)`` is the one-line reason shown to the user."""


@dataclass
class Block:
    """One paragraph of the canonical text.

    ``text`` is final: the renderer never strips or rewrites it, so positions
    inside a block (``PageStart.offset``) stay exact. It holds no blank line,
    except in a verbatim block (a code fence keeps its blank lines).
    """

    text: str
    heading: int = 0  # outline level 1..6 for a heading the format marks; 0 for body text
    verbatim: bool = False  # code, tables, verse: never taken for a Chinese heading


@dataclass(frozen=True)
class PageStart:
    """Where a printed page begins: in block ``block``, ``offset`` code points in."""

    label: str
    block: int
    offset: int = 0


@dataclass(frozen=True)
class OutlineHint:
    """An outline entry the file itself declares (PDF bookmarks, EPUB nav).

    It points at a block; ``title`` is what the file calls it, which need not be
    the block's text.
    """

    level: int
    title: str
    block: int
    exact: bool = False  # the block is the entry's own (an EPUB id): never search for it


@dataclass
class Metadata:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str = ""  # ISO 8601 prefix: "2024", "2024-03" or "2024-03-05"
    source_url: str = ""
    site: str = ""
    language: str = ""
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass
class Extracted:
    blocks: list[Block]
    meta: Metadata = field(default_factory=Metadata)
    encoding: str = ""  # the charset the text was decoded from, or the container's name
    pages: list[PageStart] = field(default_factory=list)
    outline: list[OutlineHint] | None = None  # None: headings and the detector make it
    detect_headings: bool = True  # run the Chinese heading detector on one-line blocks


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    title: str
    start: int

    def as_dict(self) -> dict[str, object]:
        return {"level": self.level, "title": self.title, "start": self.start}


@dataclass(frozen=True)
class Page:
    label: str
    start: int

    def as_dict(self) -> dict[str, object]:
        return {"page": _label_value(self.label), "start": self.start}


def _label_value(label: str) -> int | str:
    """Page numbers print as JSON numbers; printed labels such as ``iv`` stay strings."""
    return int(label) if label.isdigit() and not label.startswith("0") else label


@dataclass(frozen=True)
class ParsedDocument:
    text: str
    title: str
    outline: list[OutlineEntry]
    pages: list[Page] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)
    script: str = ""  # "simplified", "traditional", "mixed" or "" (no Chinese)
    declared_outline: bool = False  # the outline is the file's own (bookmarks, nav)


def page_index_at(starts: Sequence[int], offset: int) -> int:
    """Which page holds ``offset`` (by the pages' start offsets, in order); -1 without pages.

    Text before the first page's start (a cover the PDF has no text for) counts as
    the first page.
    """
    if not starts:
        return -1
    return max(bisect.bisect_right(starts, offset) - 1, 0)
