"""From decoded text to the canonical text, its title and its outline.

The canonical text is what the reader shows and what every offset in Pizhu counts
in (code points). It keeps every character of the source except: newline style,
a leading BOM, trailing ASCII blanks on a line, Markdown heading markers (the
outline carries the level), runs of blank lines (one blank line separates
paragraphs), and the stray line breaks that :mod:`reader.core.ingest.reflow` removes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.ingest.headings import markdown_heading
from reader.core.ingest.model import Block, Extracted, OutlineEntry, ParsedDocument
from reader.core.ingest.reflow import is_blank, join_lines, join_separator, joins_across_blank
from reader.core.ingest.render import render


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
    return render(extract_text(raw), filename)


def extract_text(raw: str) -> Extracted:
    """Plain text and Markdown as paragraph blocks, stray line breaks removed."""
    blocks = _merge_page_breaks(_split_blocks(normalise_newlines(raw).split("\n")))
    return Extracted([_as_block(b) for b in blocks])


def _as_block(block: _Block) -> Block:
    lines = block.lines if block.verbatim else [s.rstrip(" \t") for s in block.lines]
    return Block("\n".join(lines), heading=block.heading_level, verbatim=block.verbatim)


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


__all__ = ["OutlineEntry", "ParsedDocument", "extract_text", "parse_document"]
