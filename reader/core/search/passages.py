"""Turn a document's match positions into passages a person can scan: one per
paragraph, with the matched text marked and the section path from the outline."""

from __future__ import annotations

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


def passages(
    text: str, outline: list[OutlineEntry], matches: list[tuple[int, int]], limit: int = 50
) -> list[Passage]:
    """Group ascending ``matches`` by paragraph (blank-line separated) and render each."""
    groups: list[list[tuple[int, int]]] = []
    paragraph_end = -1
    for start, end in matches:
        if groups and start < paragraph_end:
            groups[-1].append((start, end))
            continue
        if len(groups) >= limit:
            break
        groups.append([(start, end)])
        found = text.find("\n\n", end)
        paragraph_end = len(text) if found < 0 else found
    return [_render(text, outline, group) for group in groups]


def _render(text: str, outline: list[OutlineEntry], group: list[tuple[int, int]]) -> Passage:
    first_start, first_end = group[0]
    left = max(0, first_start - CONTEXT_BEFORE, text.rfind("\n\n", 0, first_start) + 1)
    right_limit = min(len(text), group[-1][1] + CONTEXT_AFTER, first_start + 160)
    before = _flat(text[left:first_start])
    if left > 0 and text[left - 1] != "\n":
        before = "…" + before
    parts: list[tuple[str, bool]] = []
    pos = first_start
    for start, end in group:
        if start >= right_limit:
            break
        if start > pos:
            parts.append((_flat(text[pos:start]), False))
        start = max(start, pos)  # overlapping matches
        if end > start:
            parts.append((_flat(text[start:end]), True))
        pos = max(pos, end)
    tail_end = max(pos, right_limit)
    paragraph_end = text.find("\n\n", pos)
    if paragraph_end >= 0:
        tail_end = min(tail_end, paragraph_end)
    if tail_end > pos:
        parts.append((_flat(text[pos:tail_end]) + ("…" if tail_end < len(text) else ""), False))
    return Passage(
        first_start, first_end, section_path(outline, first_start), before, tuple(parts), len(group)
    )


def _flat(s: str) -> str:
    return s.replace("\n", " ")
