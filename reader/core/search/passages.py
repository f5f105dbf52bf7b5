"""Turn a document's match positions into passages a person can scan: one per
paragraph, with the matched text marked and the section path from the outline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.core.ingest.model import OutlineEntry
from reader.core.search.positions import section_path

CONTEXT_BEFORE = 14
CONTEXT_AFTER = 36


@dataclass(frozen=True)
class Passage:
    start: int  # the first match in this passage (where Enter takes the reader)
    end: int
    section: str | None
    before: str  # text before the first match (may start with …)
    parts: tuple[tuple[str, bool], ...]  # (text, is_match) from the first match on
    match_count: int


PARAGRAPH_SCAN = 2_000
"""How far past a match its paragraph's end is looked for: a longer paragraph is cut into
passages this far apart (a report's paragraphs are shorter; a text without blank lines
would otherwise be one passage, and read whole)."""

FIRST_SCAN = 400
"""How far past a match its paragraph's end is looked for first (most paragraphs end
sooner: a window read from disk is then one or two blocks, not three)."""

ReadFn = Callable[[int, int], str]  # (start, end) -> those characters of the text


def passages(
    text: str, outline: list[OutlineEntry], matches: list[tuple[int, int]], limit: int = 50
) -> list[Passage]:
    """Group ascending ``matches`` by paragraph (blank-line separated) and render each."""
    return passages_in(lambda lo, hi: text[lo:hi], len(text), outline, matches, limit)


def passages_in(
    read: ReadFn,
    length: int,
    outline: list[OutlineEntry],
    matches: Sequence[tuple[int, int]],
    limit: int = 50,
) -> list[Passage]:
    """:func:`passages` of a text of ``length`` characters known only through ``read``.

    Only windows around the passages shown are read (a few kilobytes a document), so
    a page of hits in long reports never needs their whole texts.
    """
    groups: list[tuple[list[tuple[int, int]], int, str]] = []  # matches, window start, text
    paragraph_end = -1
    for start, end in matches:
        if groups and start < paragraph_end:
            groups[-1][0].append((start, end))
            continue
        if len(groups) >= limit:
            break
        # One read per passage: what it shows and, to the text's end if short, how far
        # its paragraph runs.
        base = max(0, start - CONTEXT_BEFORE - 1)
        window = read(base, min(length, end + FIRST_SCAN))
        found = window.find("\n\n", end - base)
        if found < 0 and base + len(window) < min(length, end + PARAGRAPH_SCAN):
            window = read(base, min(length, end + PARAGRAPH_SCAN))  # a long paragraph
            found = window.find("\n\n", end - base)
        groups.append(([(start, end)], base, window))
        paragraph_end = base + found if found >= 0 else base + len(window)
    return [_render(read, length, outline, *group) for group in groups]


def _render(
    read: ReadFn,
    length: int,
    outline: list[OutlineEntry],
    group: list[tuple[int, int]],
    base: int,
    text: str,
) -> Passage:
    """The passage of ``group``, from ``text`` (the characters from ``base`` on)."""
    first_start, first_end = group[0]
    right_limit = min(length, group[-1][1] + CONTEXT_AFTER, first_start + 160)
    reach = max([right_limit] + [end for start, end in group if start < right_limit])
    if base + len(text) < min(length, reach + 2):  # a match longer than the scan
        text = read(base, min(length, reach + 2))
    first = first_start - base
    left = max(0, first - CONTEXT_BEFORE, text.rfind("\n\n", 0, first) + 1)
    before = _flat(text[left:first])
    if base + left > 0 and text[left - 1 : left] != "\n":  # a short read (a text just gone)
        before = "…" + before
    parts: list[tuple[str, bool]] = []
    pos = first
    limit = right_limit - base
    for start, end in group:
        start, end = start - base, end - base
        if start >= limit:
            break
        if start > pos:
            parts.append((_flat(text[pos:start]), False))
        start = max(start, pos)  # overlapping matches
        if end > start:
            parts.append((_flat(text[start:end]), True))
        pos = max(pos, end)
    tail_end = max(pos, limit)
    paragraph_end = text.find("\n\n", pos, reach + 2 - base)
    if paragraph_end >= 0:
        tail_end = min(tail_end, paragraph_end)
    if tail_end > pos:
        more = "…" if base + tail_end < length else ""
        parts.append((_flat(text[pos:tail_end]) + more, False))
    return Passage(
        first_start, first_end, section_path(outline, first_start), before, tuple(parts), len(group)
    )


def _flat(s: str) -> str:
    return s.replace("\n", " ")
