"""Exact match positions, snippets and section paths (no Whoosh highlighter: it
mis-highlights overlapping CJK n-grams)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate

from reader.core.ingest.model import OutlineEntry

SNIPPET_BEFORE = 24
SNIPPET_AFTER = 48


def occurrences(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Every (start, end) of every needle in ``text``, overlapping ones included, ascending."""
    unique = [n for n in dict.fromkeys(needles) if n]
    if len(unique) == 1:
        return _occurrences(text, unique[0])
    found: set[tuple[int, int]] = set()
    for needle in unique:
        found.update(_occurrences(text, needle))
    return sorted(found)


def has_border(needle: str) -> bool:
    """True if a proper prefix equals a suffix (``哈哈``, ``aba``): matches may overlap."""
    return any(needle[:k] == needle[-k:] for k in range(1, len(needle)))


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    size = len(needle)
    if has_border(needle):
        found = []
        find = text.find
        pos = find(needle)
        while pos >= 0:
            found.append((pos, pos + size))
            pos = find(needle, pos + 1)
        return found
    # Without a border, matches cannot overlap: split() finds them all at C speed.
    parts = text.split(needle)
    if len(parts) == 1:
        return []
    starts = list(accumulate(map(len, parts[:-1]), lambda acc, n: acc + size + n))
    return [(start, start + size) for start in starts]


def section_path(outline: list[OutlineEntry], offset: int) -> str | None:
    """Titles of the headings that contain ``offset``, outermost first."""
    stack: list[OutlineEntry] = []
    for entry in outline:
        if entry.start > offset:
            break
        while stack and stack[-1].level >= entry.level:
            stack.pop()
        stack.append(entry)
    return " > ".join(e.title for e in stack) if stack else None


def snippet_window(start: int, end: int, length: int) -> tuple[int, int]:
    return max(0, start - SNIPPET_BEFORE), min(length, max(end, start) + SNIPPET_AFTER)


def clean_snippet(raw: str, at_start: bool, at_end: bool) -> str:
    text = " ".join(raw.split())
    return ("" if at_start else "…") + text + ("" if at_end else "…")
