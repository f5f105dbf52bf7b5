"""Recognise headings: Markdown ``#`` lines and the usual Chinese section lines.

Chinese section headings (``一、``, ``（一）``, ``第三章``) are only headings when they
are short and end like a title, not like a clause (``；``): the same prefixes start
ordinary list items in policy texts. A heading stands alone on its line, or opens a
paragraph as its first sentence: government reports print ``（一）扩大国内需求。``
in bold and run the body on after it, in the same paragraph.
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
_INDENT = " \t\u3000"
_SENTENCE_END = "。！？"
_PAIRS = ("“”", "‘’", "《》", "（）", "()", "「」", "『』")  # opening, closing
MAX_RUN_IN_CLAUSES = 3  # "（一）坚持…，着力…，经济…。": run-in titles have few clauses


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
    if not _balanced(text):  # "三、关于《" is the first line of a broken heading, not one
        return None
    for pattern, rank in _CN_PATTERNS:
        m = pattern.match(text)
        if m:
            # "第三章" alone is a heading; "一、" alone numbers the text on the next line.
            named = text.startswith("第") or text[m.end() :].strip(_INDENT)
            return rank if named else None
    return None


@dataclass(frozen=True)
class ChineseHeading:
    rank: int  # 1 = top, as chinese_heading_rank
    title: str  # the heading's own text: a prefix of the paragraph after its indent


def chinese_heading(paragraph: str) -> ChineseHeading | None:
    """The Chinese section heading that opens ``paragraph``, if one does.

    Three shapes occur: the heading is the whole paragraph; it is the paragraph's
    first line, the body following on the next lines; or it is the first sentence,
    run in with the body (``（一）着力扩大国内需求。推动经济…``). In every shape
    ``title`` is exactly the text the paragraph starts with, after its indent, so
    an outline entry placed there reads the same as the text under it.
    """
    body = paragraph.lstrip(_INDENT)
    first, _, rest = body.partition("\n")
    if not rest or _heads_body(first, rest):
        rank = chinese_heading_rank(first)
        if rank is not None:
            return ChineseHeading(rank, first.rstrip(_INDENT))
    return _run_in_heading(first)


def _heads_body(first: str, rest: str) -> bool:
    """A heading line over body text, not the first item of a list of short lines."""
    second = rest.partition("\n")[0]
    return chinese_heading_rank(second) is None and not _has_cn_prefix(second)


def _run_in_heading(line: str) -> ChineseHeading | None:
    """``（一）标题句。正文…``: the first sentence when it is a heading and body follows."""
    if not _has_cn_prefix(line):
        return None
    end = _first_sentence_end(line)
    if end < 0 or not line[end + 1 :].strip(_INDENT):
        return None
    sentence = line[: end + 1]
    if sentence.count("，") > MAX_RUN_IN_CLAUSES - 1:  # a narrative sentence, not a title
        return None
    rank = chinese_heading_rank(sentence)
    return ChineseHeading(rank, sentence) if rank is not None else None


def _first_sentence_end(line: str) -> int:
    ends = [i for i in (line.find(ch) for ch in _SENTENCE_END) if i >= 0]
    return min(ends) if ends else -1


def _has_cn_prefix(line: str) -> bool:
    text = line.lstrip(_INDENT)
    return any(pattern.match(text) for pattern, _rank in _CN_PATTERNS)


def _balanced(text: str) -> bool:
    """A sentence cut inside quotes or brackets is not a whole heading."""
    return all(text.count(pair[0]) == text.count(pair[1]) for pair in _PAIRS)
