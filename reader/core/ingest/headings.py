"""Recognise headings: Markdown ``#`` lines and the usual Chinese section lines.

Chinese section headings (``一、``, ``（一）``, ``第三章``) are only headings when they
stand alone on a short line; the same prefixes start ordinary list items in policy
texts, which are long or end like clauses (``；``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t\u3000]+(.*?)[ \t]*#*[ \t]*$")
_NUM = "一二三四五六七八九十百零〇两"
_DIGITS = "0-9０-９"
# (pattern, rank below the enclosing Markdown heading)
_CN_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^第[{_NUM}{_DIGITS}]+(?:部分|编|篇)"), 1),
    (re.compile(rf"^第[{_NUM}{_DIGITS}]+章"), 1),
    (re.compile(rf"^第[{_NUM}{_DIGITS}]+节"), 2),
    (re.compile(rf"^[{_NUM}]+、"), 1),
    (re.compile(rf"^[（(]\s*[{_NUM}]+\s*[）)]"), 2),
)
MAX_CN_HEADING_CHARS = 40


@dataclass(frozen=True)
class Heading:
    level: int  # 1..6, absolute once resolved
    title: str
    markdown: bool


def markdown_heading(line: str) -> Heading | None:
    m = MD_HEADING.match(line)
    if not m or not m.group(2).strip():
        return None
    return Heading(len(m.group(1)), m.group(2).strip(), True)


def chinese_heading_rank(line: str) -> int | None:
    """Rank (1 = top) if ``line`` is a standalone Chinese section heading, else None."""
    text = line.strip(" \t\u3000")
    if not text or len(text) > MAX_CN_HEADING_CHARS or text.endswith(("；", ";", "，", ",", "：")):
        return None
    if text.count("。") > 1 or ("。" in text and not text.endswith("。")):
        return None
    for pattern, rank in _CN_PATTERNS:
        if pattern.match(text):
            return rank
    return None
