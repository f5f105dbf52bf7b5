"""From decoded text to the canonical text, its title and its outline.

The canonical text is what the reader shows and what every offset in Pizhu counts
in (code points). It keeps every character of the source except: newline style,
a leading BOM, trailing ASCII blanks on a line, Markdown heading markers (the
outline carries the level), runs of blank lines (one blank line separates
paragraphs), and the stray line breaks that :mod:`reader.core.reflow` removes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from reader.core.headings import chinese_heading_rank, markdown_heading
from reader.core.reflow import is_blank, join_lines, join_separator, joins_across_blank

MAX_TITLE_CHARS = 60


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    title: str
    start: int

    def as_dict(self) -> dict[str, object]:
        return {"level": self.level, "title": self.title, "start": self.start}


@dataclass(frozen=True)
class ParsedDocument:
    text: str
    title: str
    outline: list[OutlineEntry]


@dataclass
class _Block:
    lines: list[str]
    verbatim: bool = False  # fenced code: no reflow, no headings
    heading_level: int = 0  # Markdown heading level, 0 = not a heading
    extras: list[str] = field(default_factory=list)


def normalise_newlines(text: str) -> str:
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_document(raw: str, filename: str = "") -> ParsedDocument:
    blocks = _merge_page_breaks(_split_blocks(normalise_newlines(raw).split("\n")))
    return _render(blocks, filename)


def _split_blocks(lines: list[str]) -> list[_Block]:
    """Blank-line-delimited paragraphs, with headings and code fences as their own blocks."""
    blocks: list[_Block] = []
    current: list[str] = []
    fence: list[str] | None = None

    def flush() -> None:
        if current:
            blocks.append(_Block(join_lines(current[:])))
            current.clear()

    for line in lines:
        if fence is not None:
            fence.append(line)
            if line.lstrip().startswith("```"):
                blocks.append(_Block(fence, verbatim=True))
                fence = None
            continue
        if line.lstrip().startswith("```"):
            flush()
            fence = [line]
        elif is_blank(line):
            flush()
        elif (heading := markdown_heading(line)) is not None:
            flush()
            blocks.append(_Block([heading.title], heading_level=heading.level))
        else:
            current.append(line)
    if fence is not None:  # unterminated fence: keep it as it is
        blocks.append(_Block(fence, verbatim=True))
    flush()
    return blocks


def _merge_page_breaks(blocks: list[_Block]) -> list[_Block]:
    """Join blocks split by a page break; pieces are joined once at the end (linear time)."""
    merged: list[_Block] = []
    pieces: list[str] = []  # the last line of merged[-1], when it is being extended
    for block in blocks:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and not prev.verbatim
            and not block.verbatim
            and not prev.heading_level
            and not block.heading_level
            and joins_across_blank(pieces[-1] if pieces else prev.lines[-1], block.lines[0])
        ):
            if not pieces:
                pieces = [prev.lines.pop()]
            pieces += [join_separator(pieces[-1], block.lines[0]), block.lines[0]]
            if len(block.lines) > 1:
                prev.lines.append("".join(pieces))
                prev.lines.extend(block.lines[1:])
                pieces = []
        else:
            if pieces and prev is not None:
                prev.lines.append("".join(pieces))
                pieces = []
            merged.append(block)
    if pieces:
        merged[-1].lines.append("".join(pieces))
    return merged


def _render(blocks: list[_Block], filename: str) -> ParsedDocument:
    parts: list[str] = []
    outline: list[OutlineEntry] = []
    pos = 0
    anchor: tuple[int, int] | None = None  # (level, rank) of the last Markdown heading
    first_md_title = ""
    for block in blocks:
        lines = block.lines if block.verbatim else [s.rstrip(" \t") for s in block.lines]
        body = "\n".join(lines)
        if parts:
            pos += 2
        if block.heading_level:
            rank = chinese_heading_rank(body)
            anchor = (block.heading_level, rank or 0)
            outline.append(OutlineEntry(block.heading_level, body, pos))
            first_md_title = first_md_title or body
        elif not block.verbatim and len(lines) == 1:
            rank = chinese_heading_rank(body)
            if rank is not None:
                outline.append(OutlineEntry(_cn_level(rank, anchor), body.strip(" \u3000"), pos))
        parts.append(body)
        pos += len(body)
    text = "\n\n".join(parts)
    if text:
        text += "\n"
    return ParsedDocument(text, _title(first_md_title, parts, filename), outline)


def _cn_level(rank: int, anchor: tuple[int, int] | None) -> int:
    if anchor is None:
        return rank
    level, anchor_rank = anchor
    offset = rank - anchor_rank if anchor_rank else rank
    return max(1, min(6, level + offset))


def _title(first_md_title: str, parts: list[str], filename: str) -> str:
    if first_md_title:
        return first_md_title[:MAX_TITLE_CHARS]
    for part in parts[:5]:
        first_line = part.split("\n", 1)[0].strip(" \t\u3000")
        if first_line.endswith(("：", ":")):
            continue  # a salutation such as 各位代表：
        if first_line and len(first_line) <= MAX_TITLE_CHARS:
            return first_line
        if first_line:
            break
    return PurePath(filename).stem or "Untitled"
