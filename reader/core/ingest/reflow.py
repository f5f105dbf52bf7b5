"""Rebuild paragraphs from lines broken in the wrong places.

Two kinds of stray breaks occur in real input: a single newline where a Wikisource
link was (``劉少奇同志\n關於憲法草案的報告``), and a page break with a blank line in
the middle of a sentence (``全会听\n\n取了陈敏尔``). The rules are deliberately
conservative: a missed join leaves a visible break, a wrong join swallows a
heading, which is worse. Everything here is a pure function of its input.

Page breaks also come as a line holding only a zero-width space, and Wikisource
footnote references as three lines ``[`` / ``3`` / ``]``; both are undone here.
"""

from __future__ import annotations

import re
import unicodedata

from reader.core.ingest.headings import chinese_heading_rank, markdown_heading
from reader.core.text.cjk import is_ideograph, is_wide

TERMINAL = set("。！？!?；;…")
END_MARKS = set("■□▲△★☆●○◆◇☒※")
CONTINUATION_START = set("，,。.、；;：:！!？?”’」』）)》〉】%‰")
OPENING_OK = set("“‘「『《〈")
SENTENCE_PUNCT = set("，,。、；;：:！？…")
CLOSING = set("”’」』）)")
# Invisible characters some exports leave on "empty" lines (U+200B marks page breaks).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BLANK = " \t\u3000\f\v" + ZERO_WIDTH
_RULE_CHARS = "-=*_~#+·•—－＝＊＿～"
_FOOTNOTE_LABEL = re.compile(r"[\w ]{1,12}")
_FOOTNOTE_OPEN, _FOOTNOTE_CLOSE = ("[", "［"), ("]", "］")
_CN_NUM = "一二三四五六七八九十百零〇两"
# "一、" / "（一）": a numbered point starts here, never in the middle of a sentence.
ENUMERATION = re.compile(rf"^(?:[{_CN_NUM}]+、|[（(]\s*[{_CN_NUM}]+\s*[）)])")
LIST_ITEM = re.compile(r"^(?:[-*+•·]\s|\d{1,3}[.、)）]\s?|[（(]\d{1,3}[)）]|[①-⑳]|>|\|)")
MIN_PROSE_LINE = 20


def is_blank(line: str) -> bool:
    """Only blanks, including zero-width ones: such a line separates paragraphs."""
    return not line.strip(_BLANK)


def marks_page_break(line: str) -> bool:
    """A blank line holding a zero-width character: how some exports mark a page end."""
    return is_blank(line) and any(ch in ZERO_WIDTH for ch in line)


def is_indented(line: str) -> bool:
    return line.startswith(("\u3000", "\t", "  "))


def is_structural(line: str) -> bool:
    """Headings, list-like lines and rules are never joined to their neighbours."""
    stripped = line.strip(" \t\u3000")
    return (
        markdown_heading(line) is not None
        or chinese_heading_rank(line) is not None
        or bool(LIST_ITEM.match(stripped))
        or stripped.startswith("```")
        or is_rule(stripped)
    )


def is_rule(line: str) -> bool:
    """``---``, ``＊＊＊``, ``——————``: a line drawn across the page, not words."""
    text = line.strip(" \t\u3000")
    return len(text) >= 3 and not text.strip(_RULE_CHARS + " ")


def _ends_sentence(line: str, nxt: str = "") -> bool:
    """Does ``line`` end a sentence, given the line ``nxt`` that follows it?"""
    s = line.rstrip(" \t" + ZERO_WIDTH)
    if not s:
        return True
    last = s[-1]
    if last in TERMINAL or last in END_MARKS:
        return True
    if last in CLOSING and len(s) > 1 and s[-2] in TERMINAL:
        return True
    if len(s) > 1 and s[-2] in TERMINAL and is_wide(last):
        # "。文" / "。■": a one-character byline or end mark after the sentence, unless
        # that character is the start of the next sentence (``……当`` / ``前，``).
        return not _starts_next_sentence(s, nxt)
    return False


def _starts_next_sentence(line: str, nxt: str) -> bool:
    """``。深`` + ``化民生…``: the break cut the first word of a new sentence."""
    last = line[-1]
    if last in OPENING_OK:  # "。《" opens a title: it ends nothing
        return True
    if not nxt or not is_ideograph(last) or is_structural(nxt) or is_indented(nxt):
        return False
    return nxt[0] in CONTINUATION_START or _short_first_clause(nxt) or _splits_a_word(line, nxt)


def _has_sentence_punct(text: str) -> bool:
    return any(ch in SENTENCE_PUNCT for ch in text) or _unbalanced_quote(text)


def _unbalanced_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count("《") > text.count("》")


def _short_first_clause(line: str) -> bool:
    """``地，是实现…``: a clause of one character cannot start a paragraph."""
    return len(line) > 2 and line[1] in SENTENCE_PUNCT


def join_separator(left: str, right: str) -> str:
    """Latin words need a space when rejoined; CJK never does."""
    a, b = left[-1:], right[:1]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
        return " "
    return ""


def can_start_continuation(line: str) -> bool:
    first = line[:1]
    if not first:
        return False
    cat = unicodedata.category(first)
    return cat[0] in "LN" or first in CONTINUATION_START or first in OPENING_OK


def join_lines(lines: list[str]) -> list[str]:
    """Join single-newline breaks inside one blank-line-delimited paragraph."""
    lines = join_bare_numbers(join_footnote_markers(lines))
    if len(lines) == 1 or _looks_like_verse(lines):
        return lines
    out: list[str] = []
    pieces = [lines[0]]  # the line being built, kept in pieces: joining stays linear
    for line in lines[1:]:
        prev = pieces[-1]
        if _keep_single_break(prev, line):
            out.append("".join(pieces))
            pieces = [line]
        else:
            pieces += [join_separator(prev, line), line]
    out.append("".join(pieces))
    return out


def join_footnote_markers(lines: list[str]) -> list[str]:
    """``文字`` / ``[`` / ``3`` / ``]`` → ``文字[3]``: Wikisource's footnote references.

    The link markup around a reference becomes line breaks in a copied page; the
    reference belongs at the end of the line before it, exactly as printed.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        if out and _is_footnote_marker(lines, i):
            marker = "".join(part.strip() for part in lines[i : i + 3])
            out[-1] = out[-1].rstrip(" \t") + marker
            i += 3
        else:
            out.append(lines[i])
            i += 1
    return out


def join_bare_numbers(lines: list[str]) -> list[str]:
    """``一、`` / ``我国人民…`` → ``一、我国人民…``: a point's number alone on its line.

    Wikisource sets the number of a point apart from its text; alone it would be
    taken for an empty heading, and its text for a continuation of the paragraph
    before.
    """
    out: list[str] = []
    for line in lines:
        if out and _is_bare_number(out[-1]) and not is_blank(line) and not is_indented(line):
            out[-1] = out[-1].rstrip(" \t") + line.lstrip(" ")
        else:
            out.append(line)
    return out


def _is_bare_number(line: str) -> bool:
    text = line.strip(" \t\u3000")
    m = ENUMERATION.match(text)
    return m is not None and m.end() == len(text)


def starts_point(line: str) -> bool:
    """Does ``line`` start a numbered point (``一、``, ``（一）``)?"""
    return bool(ENUMERATION.match(line.strip(" \t\u3000")))


def _is_footnote_marker(lines: list[str], i: int) -> bool:
    if i + 2 >= len(lines):
        return False
    return (
        lines[i].strip() in _FOOTNOTE_OPEN
        and lines[i + 2].strip() in _FOOTNOTE_CLOSE
        and bool(_FOOTNOTE_LABEL.fullmatch(lines[i + 1].strip()))
    )


def _looks_like_verse(lines: list[str]) -> bool:
    """Short lines without sentence punctuation (a masthead, an address, a poem) stay."""
    return all(len(s) <= 30 and not _has_sentence_punct(s) for s in lines)


def _keep_single_break(prev: str, line: str) -> bool:
    return (
        prev.endswith(("  ", "\\"))
        or is_indented(line)
        or is_structural(prev)
        or is_structural(line)
        or starts_point(line)
        or _ends_sentence(prev, line)
        or not can_start_continuation(line.lstrip(" "))
    )


def joins_across_blank(prev: str, nxt: str, *, marked: bool = False) -> bool:
    """Is the blank line between these two lines a page break inside a sentence?

    ``marked``: the file itself marks the break (a line of only U+200B, and no
    empty line, between the two): then an unfinished sentence is all it takes.
    """
    if is_structural(prev) or is_structural(nxt) or is_indented(nxt) or starts_point(nxt):
        return False
    if _ends_sentence(prev, nxt) or not can_start_continuation(nxt):
        return False
    if marked:
        return True
    # The part after the break must be prose too, not a caption or a byline.
    prose_after = _has_sentence_punct(nxt) or len(nxt) >= MIN_PROSE_LINE
    if not prose_after:
        return False
    prose_before = len(prev) >= MIN_PROSE_LINE and _has_sentence_punct(prev)
    continues = nxt[0] in CONTINUATION_START or _short_first_clause(nxt)
    if prose_before or continues:
        return True
    # A short line of prose (``全会认为，党的二十届三中``) joins only when the break
    # splits a dictionary word (三中|全会, 紧|抓): headings such as ``第二，国有企业改革…``
    # look the same by length and punctuation, but end on a word boundary.
    return _has_sentence_punct(prev) and _splits_a_word(prev, nxt)


def _splits_a_word(prev: str, nxt: str) -> bool:
    left, right = prev[-6:], nxt[:6]
    if not (is_ideograph(left[-1:]) and is_ideograph(right[:1])):
        return False
    import rjieba  # its dictionary loads on first use (about 0.2 s)

    pos = 0
    for token in rjieba.cut(left + right, hmm=False):  # dictionary words only: deterministic
        end = pos + len(token)
        if pos < len(left) < end:
            return True
        pos = end
    return False

