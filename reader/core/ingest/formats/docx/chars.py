"""Characters as Word stores them, cleaned into block text."""

from __future__ import annotations

import re

from reader.core.ingest.reflow import join_lines
from reader.core.ingest.textutil import one_line

_INVISIBLE = (
    [0x00AD, 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0xFEFF, 0xFFFC]
    + list(range(0x202A, 0x202F))
    + list(range(0x2060, 0x2065))
    + list(range(0x2066, 0x206A))
    + list(range(0xFFF9, 0xFFFC))
)
# Controls go, tabs become spaces, every kind of line break becomes "\n"; zero-width
# and bidi marks go (ZWJ/ZWNJ stay: emoji and Indic text need them); U+F000–F0FF are
# symbol-font glyphs (Wingdings, Symbol) that mean nothing as Unicode.
_CLEAN: dict[int, str | None] = {
    **{c: None for c in range(0x20) if c not in (0x09, 0x0A)},
    **{c: None for c in range(0x7F, 0xA0)},
    **{c: None for c in _INVISIBLE},
    **{c: None for c in range(0xF000, 0xF100)},
    0x09: " ",
    0x0B: "\n",
    0x0C: "\n",
    0x0D: "\n",
    0x85: "\n",
    0x2028: "\n",
    0x2029: "\n",
}
_DIRTY = re.compile("[" + "".join(re.escape(chr(c)) for c in _CLEAN) + "]")


def clean(text: str) -> str:
    return text.translate(_CLEAN) if _DIRTY.search(text) else text


def paragraph_text(raw: str, one_line_only: bool = False) -> str:
    """A paragraph's raw text (line breaks as ``\\n``) as clean block text.

    Blank lines go. In body text a break stays only where reflow keeps it; it sees
    each line's indent, which marks a new paragraph after a soft break. Then every
    line loses its edge spaces, so the full-width indent (``　　``) Chinese typists
    put before a paragraph goes too; spacing inside a line stays as typed.
    """
    lines = [line for line in (s.rstrip() for s in clean(raw).split("\n")) if line.strip()]
    if one_line_only or len(lines) < 2:
        return one_line(lines)
    return "\n".join(line.lstrip() for line in join_lines(lines))
