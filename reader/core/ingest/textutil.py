"""Small text helpers the format extractors share."""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.ingest.reflow import join_separator


def one_line(lines: Iterable[str]) -> str:
    """Lines as one line, joined as reflow joins them: nothing between CJK, a space
    between Latin words. Each line loses its edge spaces; blank lines go."""
    parts = [stripped for stripped in (line.strip() for line in lines) if stripped]
    if not parts:
        return ""
    out = [parts[0]]
    for part in parts[1:]:
        out += [join_separator(out[-1], part), part]
    return "".join(out)
