"""Lay an extractor's blocks out as the canonical text, and place outline and pages in it.

Paragraphs are separated by one blank line and the text ends with a newline, as
for text files. This is the only place offsets are computed from blocks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.core.ingest.headings import chinese_heading, chinese_heading_rank
from reader.core.ingest.model import (
    Block,
    Extracted,
    OutlineEntry,
    OutlineHint,
    Page,
    ParsedDocument,
)
from reader.core.ingest.script import detect_script
from reader.core.ingest.titles import MAX_GIVEN_TITLE_CHARS, choose_title, clean_title, date_of

SEPARATOR = "\n\n"
_INDENT = " \t\u3000"


def render(extracted: Extracted, filename: str = "") -> ParsedDocument:
    blocks = extracted.blocks
    starts = _block_starts(blocks)
    parts = [b.text for b in blocks if b.text]
    text = SEPARATOR.join(parts) + ("\n" if parts else "")
    if extracted.outline is not None:
        outline = _declared_outline(extracted.outline, blocks, starts, text)
    else:
        outline = _found_outline(blocks, starts, extracted.detect_headings)
    first_heading = next((b.text for b in blocks if b.heading and b.text), "")
    meta = extracted.meta
    title = choose_title(
        metadata=meta.title, heading=first_heading, filename=filename, paragraphs=parts
    )
    if not meta.date:
        meta = replace(meta, date=date_of(filename, parts))
    pages = _pages(extracted, starts, len(text))
    script = detect_script(text)
    if not meta.language and script:
        meta = replace(meta, language="zh")
    declared = extracted.outline is not None
    return ParsedDocument(text, title, outline, pages, meta, script, declared)


def _block_starts(blocks: list[Block]) -> list[int]:
    """Offset of each block; an empty block starts where the next text would."""
    starts: list[int] = []
    pos = 0
    placed = False
    for block in blocks:
        if block.text and placed:
            pos += len(SEPARATOR)
        starts.append(pos if block.text or not placed else pos + len(SEPARATOR))
        if block.text:
            pos += len(block.text)
            placed = True
    return starts


def _found_outline(blocks: list[Block], starts: list[int], detect: bool) -> list[OutlineEntry]:
    outline: list[OutlineEntry] = []
    anchor: tuple[int, int] | None = None  # (level, rank) of the last marked heading
    for block, start in zip(blocks, starts, strict=True):
        if not block.text:
            continue
        if block.heading:
            anchor = (block.heading, chinese_heading_rank(block.text) or 0)
            lead = len(block.text) - len(block.text.lstrip(_INDENT))
            outline.append(OutlineEntry(block.heading, block.text.strip(_INDENT), start + lead))
        elif detect and not block.verbatim:
            found = chinese_heading(block.text)  # the heading line, or a run-in heading sentence
            if found is not None:
                lead = len(block.text) - len(block.text.lstrip(_INDENT))
                level = _cn_level(found.rank, anchor)
                outline.append(OutlineEntry(level, found.title, start + lead))
    return outline


def _cn_level(rank: int, anchor: tuple[int, int] | None) -> int:
    """A Chinese heading's level, relative to the marked heading it falls under."""
    if anchor is None:
        return rank
    level, anchor_rank = anchor
    offset = rank - anchor_rank if anchor_rank else rank
    return max(1, min(6, level + offset))


def _declared_outline(
    hints: list[OutlineHint], blocks: list[Block], starts: list[int], text: str
) -> list[OutlineEntry]:
    """The file's own outline, in reading order.

    A bookmark points at a page position, so its entry moves onto its title's text
    when that begins a line near it; an EPUB nav entry points at its element,
    so it stays there. Starts never go backwards: an outline is read top to bottom.
    """
    outline: list[OutlineEntry] = []
    previous = 0
    for hint in hints:
        title = clean_title(hint.title, MAX_GIVEN_TITLE_CHARS)
        if not title or not 0 <= hint.block < len(blocks):
            continue
        start = starts[hint.block]
        # A bookmark's point can sit a little below its heading's top: look from the
        # block before, but never before the previous entry.
        since = max(previous, starts[hint.block - 1] if hint.block else 0)
        found = None if hint.exact else _line_starting_with(text, title, since, start + 400)
        if found is not None:
            start, title = found[0], text[found[0] : found[1]]
        start = max(start, previous)
        outline.append(OutlineEntry(max(1, min(6, hint.level)), title, start))
        previous = start
    return outline


def _line_starting_with(text: str, title: str, start: int, end: int) -> tuple[int, int] | None:
    """A line in ``text[start:end]`` that begins with ``title``, spaces and case aside.

    (``第1节 介绍`` finds ``第 1 节介绍``.) The span found is what the outline keeps, so
    its title is exactly the text.
    """
    chars = [re.escape(ch) for ch in title if not ch.isspace()]
    if not chars:
        return None
    pattern = re.compile(r"(?m)^[ \t\u3000]*" + r"[ \t\u3000]*".join(chars), re.IGNORECASE)
    match = pattern.search(text, start, end)
    if match is None:
        return None
    lead = len(match.group(0)) - len(match.group(0).lstrip(" \t\u3000"))
    return match.start() + lead, match.end()


def _pages(extracted: Extracted, starts: list[int], length: int) -> list[Page]:
    pages: list[Page] = []
    for page in extracted.pages:
        if not 0 <= page.block < len(starts):
            continue
        start = min(starts[page.block] + page.offset, length)
        if pages and start < pages[-1].start:
            start = pages[-1].start
        pages.append(Page(page.label, start))
    return pages

