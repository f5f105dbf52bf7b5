"""From decoded text to the canonical text, its title and its outline.

The canonical text is what the reader shows and what every offset in Pizhu counts
in (code points). It keeps every character of the source except: newline style,
a leading BOM, trailing ASCII blanks on a line, blank lines (runs of them, and
lines of only blanks or zero-width characters: one blank line separates
paragraphs), Markdown heading markers (the outline carries the level), a
Markdown file's YAML front matter (it becomes metadata), and the stray line
breaks that :mod:`reader.core.ingest.reflow` removes.

Plain text and Markdown are told apart by the caller (the file's suffix): a
``.txt`` line ``# 1`` or ``---`` means nothing, while a ``.md`` file's structure
comes from markdown-it's token stream (ATX and setext headings, fences, tables,
HTML blocks), never from line patterns.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from reader.core.ingest.headings import markdown_heading
from reader.core.ingest.model import Block, Extracted, Metadata, OutlineEntry, ParsedDocument
from reader.core.ingest.reflow import (
    is_blank,
    join_lines,
    join_separator,
    joins_across_blank,
    marks_page_break,
)
from reader.core.ingest.render import render
from reader.core.ingest.textutil import one_line as _one_line
from reader.core.ingest.titles import normalise_date, split_names

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class _Block:
    lines: list[str]
    verbatim: bool = False  # fenced code, tables, HTML: no reflow, no headings
    heading_level: int = 0  # Markdown heading level, 0 = not a heading
    after_marked_break: bool = False  # only zero-width page-break lines before it


# Blocks that the structure of the file makes, by their first line: (end line, block).
_Structures = dict[int, tuple[int, _Block]]


def normalise_newlines(text: str) -> str:
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_markdown_name(filename: str) -> bool:
    """``.md``/``.markdown`` files are Markdown; so is text with no name at all.

    Text without a name is what tests and snippets pass; it was always read with
    Markdown headings and fences, and keeps being read so.
    """
    return not filename or PurePath(filename).suffix.lower() in MARKDOWN_SUFFIXES


def parse_document(raw: str, filename: str = "", *, markdown: bool | None = None) -> ParsedDocument:
    """``markdown`` None: decided by ``filename`` (:func:`is_markdown_name`)."""
    if markdown is None:
        markdown = is_markdown_name(filename)
    return render(extract_text(raw, markdown=markdown), filename)


def extract_text(raw: str, *, markdown: bool = True) -> Extracted:
    """Plain text or Markdown as paragraph blocks, stray line breaks removed."""
    lines = normalise_newlines(raw).split("\n")
    meta = Metadata()
    if markdown:
        meta, front_end, readable = _front_matter(lines)
        if readable:  # it is metadata now, not text
            lines[:front_end] = [""] * front_end
        structures = _markdown_structures(lines, front_end, show_front=not readable)
    else:
        structures = _plain_structures(lines)
    blocks = _merge_page_breaks(_split_blocks(lines, structures))
    return Extracted([_as_block(b) for b in blocks], meta=meta)


def _as_block(block: _Block) -> Block:
    lines = block.lines if block.verbatim else [s.rstrip(" \t") for s in block.lines]
    return Block("\n".join(lines), heading=block.heading_level, verbatim=block.verbatim)


def _split_blocks(lines: list[str], structures: _Structures) -> list[_Block]:
    """Blank-line-delimited paragraphs, with the structures' blocks placed between them."""
    blocks: list[_Block] = []
    current: list[str] = []
    gap: list[str] = []  # the blank lines since the last block

    def flush() -> None:
        if current:
            marked = bool(gap) and all(marks_page_break(s) for s in gap)
            blocks.append(_Block(join_lines(current[:]), after_marked_break=marked))
            current.clear()
        gap.clear()

    i = 0
    while i < len(lines):
        if i in structures:
            flush()
            end, block = structures[i]
            blocks.append(block)
            i = max(end, i + 1)
            continue
        if is_blank(lines[i]):
            if current:
                flush()
            gap.append(lines[i])
        else:
            current.append(lines[i])
        i += 1
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
            and joins_across_blank(
                pieces[-1] if pieces else prev.lines[-1],
                block.lines[0],
                marked=block.after_marked_break,
            )
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


# --- plain text -----------------------------------------------------------------


def _plain_structures(lines: list[str]) -> _Structures:
    """A ``.txt`` has no Markdown, but for ``#`` headings where the file is written in them.

    Many saved articles are Markdown in a ``.txt``: ``# 标题`` on a line of its own
    between blank lines, as the first line or several times. A ``# 1`` (no word in
    it) or a lone ``#`` remark inside the text is not that, and stays text.
    """
    found: _Structures = {}
    for i, line in enumerate(lines):
        heading = markdown_heading(line)
        if heading is None or not _stands_alone(lines, i):
            continue
        if any(ch.isalpha() for ch in heading.title):
            found[i] = (i + 1, _Block([heading.title], heading_level=heading.level))
    first = next((i for i, line in enumerate(lines) if not is_blank(line)), -1)
    return found if len(found) >= 2 or first in found else {}


def _stands_alone(lines: list[str], i: int) -> bool:
    before = i == 0 or is_blank(lines[i - 1])
    after = i + 1 == len(lines) or is_blank(lines[i + 1])
    return before and after


# --- Markdown -------------------------------------------------------------------

# Top-level tokens whose lines are shown exactly as written.
_VERBATIM_TOKENS = frozenset({"fence", "code_block", "html_block", "table_open", "hr"})


@cache
def _markdown_parser() -> MarkdownIt:
    """CommonMark with tables; indented code off (Chinese text indents its paragraphs)."""
    from markdown_it import MarkdownIt  # only Markdown files need it

    return MarkdownIt("commonmark").enable("table").disable("code")


def _markdown_structures(lines: list[str], front_end: int, *, show_front: bool) -> _Structures:
    """Headings, fences, tables and HTML blocks of a Markdown file, from markdown-it.

    ``lines[:front_end]`` is a front matter, never parsed as Markdown (its ``---``
    would be a setext underline); ``show_front``: one we could not read, shown
    exactly as written.
    """
    structures: _Structures = {}
    if front_end and show_front:
        structures[0] = (front_end, _Block(lines[:front_end], verbatim=True))
    # markdown-it sees the lines our rules call blank (zero-width, U+3000) as blank.
    source = "\n".join("" if i < front_end or is_blank(s) else s for i, s in enumerate(lines))
    tokens = _markdown_parser().parse(source)
    for index, token in enumerate(tokens):
        if token.map is None or token.map[0] < front_end:
            continue
        begin, end = token.map
        if token.type == "heading_open" and not token.level:
            title = _one_line(tokens[index + 1].content.split("\n"))
            if title:
                structures[begin] = (end, _Block([title], heading_level=int(token.tag[1:])))
        elif token.type == "fence" or (token.type in _VERBATIM_TOKENS and not token.level):
            end = _without_blank_tail(lines, begin, end)
            structures.setdefault(begin, (end, _Block(lines[begin:end], verbatim=True)))
    return structures


def _without_blank_tail(lines: list[str], begin: int, end: int) -> int:
    end = min(end, len(lines))
    while end > begin + 1 and is_blank(lines[end - 1]):
        end -= 1
    return end


# --- YAML front matter ----------------------------------------------------------
#
# PyYAML is not a dependency: this reads the subset notes are written in (Obsidian,
# and Pizhu's own exports, which write every value as JSON): ``key: value``,
# ``key: [a, b]``, ``key: "JSON string"`` and ``key:`` followed by ``- item`` lines.
# Anything else under a key (nested maps, block scalars) is skipped; a line that is
# not YAML at all makes the whole front matter plain text again.

_FM_KEY = re.compile(r"^([^\s:#\[\]{}\"'\-][^:]*?)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
_FM_ITEM = re.compile(r"^[ \t]*-(?:[ \t]+(.*?))?[ \t]*$")
_FM_COMMENT = re.compile(r"(?:^|[ \t]+)#.*$")
_FM_DOUBLE = re.compile(r'^"((?:[^"\\]|\\.)*)"[ \t]*(?:#.*)?$')
_FM_SINGLE = re.compile(r"^'((?:[^']|'')*)'[ \t]*(?:#.*)?$")


class _Malformed(ValueError):
    """The front matter is not the YAML subset we read."""


@dataclass
class _Field:
    inline: str | None  # the text after ``key:``; None when nothing follows
    items: list[str]  # ``- item`` lines under it
    nested: bool = False  # other indented lines: a value we do not read


def _front_matter(lines: list[str]) -> tuple[Metadata, int, bool]:
    """(metadata, lines it spans, readable). Spans 0 lines when there is none."""
    if not lines or lines[0].rstrip() != "---":
        return Metadata(), 0, False
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), -1)
    body = lines[1:close] if close > 0 else []
    first = next((s for s in body if s.strip() and not s.lstrip().startswith("#")), "")
    if close < 0 or not _FM_KEY.match(first):
        return Metadata(), 0, False
    try:
        return _metadata(_fields(body)), close + 1, True
    except _Malformed:
        return Metadata(), close + 1, False


def _fields(body: list[str]) -> dict[str, _Field]:
    fields: dict[str, _Field] = {}
    current: _Field | None = None
    for line in body:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if (item := _FM_ITEM.match(line)) and current is not None and current.inline is None:
            current.items.append(item.group(1) or "")
        elif line[:1] in " \t" and current is not None:
            current.nested = True
        elif key := _FM_KEY.match(line):
            current = _Field(key.group(2) or None, [])
            fields[key.group(1).strip().lower()] = current
        else:
            raise _Malformed(line)
    return fields


def _value(field: _Field) -> str | list[str] | None:
    """A field's value as a string or a list of strings; None for what we do not read."""
    if field.nested:
        return None
    if field.inline is None:
        return [s for s in (_scalar(item) for item in field.items) if s is not None]
    text = field.inline
    if text[:1] in "|>{&*!":
        return None
    if text.startswith("["):
        return _flow_list(text)
    return _scalar(text)


def _scalar(text: str) -> str | None:
    text = text.strip()
    if text.startswith('"'):
        if not (m := _FM_DOUBLE.match(text)):
            raise _Malformed(text)
        try:
            return str(json.loads(f'"{m.group(1)}"'))
        except ValueError as exc:  # an escape JSON does not know: not for us to guess
            raise _Malformed(text) from exc
    if text.startswith("'"):
        if not (m := _FM_SINGLE.match(text)):
            raise _Malformed(text)
        return m.group(1).replace("''", "'")
    if text[:1] in "[{|>&*!":
        return None
    return _FM_COMMENT.sub("", text).strip()


def _flow_list(text: str) -> list[str] | None:
    """``[a, "b", 'c']``: JSON when it is JSON (Pizhu writes that), else plain items."""
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int | float)]
    inner = _FM_COMMENT.sub("", text).strip()
    if not inner.endswith("]"):
        raise _Malformed(text)
    inner = inner[1:-1]
    if any(ch in inner for ch in "[]{}"):
        return None
    items = [_scalar(part) for part in inner.split(",") if part.strip()]
    return [s for s in items if s]


def _metadata(fields: dict[str, _Field]) -> Metadata:
    values = {key: _value(field) for key, field in fields.items()}
    meta = Metadata()
    meta.title = _text(values.get("title"))
    meta.tags = [t.lstrip("#") for t in _names(values.get("tags", values.get("tag")))]
    meta.tags = [t for t in meta.tags if t]
    meta.aliases = _names(values.get("aliases", values.get("alias")))
    meta.authors = _names(values.get("authors", values.get("author")))
    meta.date = normalise_date(_text(values.get("date")))
    meta.source_url = _text(values.get("url")) or _text(values.get("source"))
    meta.language = _text(values.get("language", values.get("lang")))
    return meta


def _text(value: str | list[str] | None) -> str:
    return value.strip() if isinstance(value, str) else ""


def _names(value: str | list[str] | None) -> list[str]:
    """A list, or one string of comma-separated names (``tags: 政策, 城市``)."""
    if isinstance(value, str):
        return split_names(value)
    return [v.strip() for v in value or [] if v.strip()]


__all__ = [
    "OutlineEntry",
    "ParsedDocument",
    "extract_text",
    "is_markdown_name",
    "parse_document",
]
