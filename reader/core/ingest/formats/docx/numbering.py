"""numbering.xml: list markers as Word shows them (``一、``, ``（1）``, ``1.2``, ``•``).

Every number is held to Word's own limits, so a tiny file cannot claim a list that
starts at two billion and spell out each marker in letters: values stay within
0..32767 and a marker within the 31 characters Word allows a level's text
(MS-OI29500 §2.1.283).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core.ingest.formats.docx.chars import clean
from reader.core.ingest.formats.docx.styles import Styles
from reader.core.ingest.formats.docx.wordml import (
    W_ILVL,
    W_NUMID,
    W_PSTYLE,
    W_RPR,
    Element,
    is_on,
    to_int,
    val,
    w,
)

MAX_NUMBER = 32767  # the largest start, override or counter value Word takes
MAX_MARKER_CHARS = 31  # of a level's text once its numbers are filled in
MAX_LETTERS = 30  # A…Z, AA…ZZ, …: 780 is thirty Z's; past that, plain digits

_SYMBOL_FONTS = ("symbol", "wingdings", "webdings", "zapf", "mt extra", "marlett")


def _clamp(value: int) -> int:
    return max(0, min(value, MAX_NUMBER))


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 never
    legal: bool = False  # w:isLgl: every number in the marker in decimal
    suffix: str = "tab"
    style: str = ""  # the paragraph style linked to this level
    symbol_font: bool = False


@dataclass
class _Num:
    abstract: str
    levels: dict[int, _Level]
    start_overrides: dict[int, int] = field(default_factory=dict)


def _read_level(el: Element) -> _Level:
    fonts = el.find(f"{W_RPR}/{w('rFonts')}")
    font = " ".join(v.lower() for v in fonts.attrib.values()) if fonts is not None else ""
    return _Level(
        fmt=val(el.find(w("numFmt"))) or "decimal",
        text=val(el.find(w("lvlText"))) or "",
        start=_clamp(to_int(val(el.find(w("start"))), 1) or 0),
        restart=to_int(val(el.find(w("lvlRestart")))),
        legal=is_on(el.find(w("isLgl"))),
        suffix=val(el.find(w("suff"))) or "tab",
        style=val(el.find(W_PSTYLE)) or "",
        symbol_font=any(f in font for f in _SYMBOL_FONTS),
    )


def _read_levels(el: Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in el.iter(w("lvl")):
        index = to_int(lvl.get(W_ILVL), 0) or 0
        if 0 <= index <= 8:
            levels.setdefault(index, _read_level(lvl))
    return levels


class Numbering:
    """numbering.xml and the running counters of a document's lists.

    Counters belong to the abstract definition, as in Word: two ``w:num`` instances
    of one abstractNum continue one sequence, and an instance with a
    ``w:startOverride`` restarts it at its first use.
    """

    def __init__(self, root: Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, Element] = {}
        self._num: dict[str, Element] = {}
        if root is not None:
            for el in root.iter(w("abstractNum")):
                self._abstract.setdefault(el.get(w("abstractNumId")) or "", el)
            for el in root.iter(w("num")):
                self._num.setdefault(el.get(W_NUMID) or "", el)
        self._resolved: dict[str, _Num | None] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._entered: set[tuple[str, int]] = set()

    def _resolve(self, num_id: str, depth: int = 0) -> _Num | None:
        if num_id not in self._resolved:
            self._resolved[num_id] = self._read_num(num_id, depth)
        return self._resolved[num_id]

    def _read_num(self, num_id: str, depth: int) -> _Num | None:
        num = self._num.get(num_id)
        if num is None:
            return None
        abstract_id = val(num.find(w("abstractNumId"))) or ""
        abstract = self._abstract.get(abstract_id)
        if abstract is None:
            return None
        link = val(abstract.find(w("numStyleLink")))
        if link and depth < 4:  # the levels live in the list style's own definition
            linked_id, _ = self._styles.numbering(link)
            linked = self._resolve(linked_id, depth + 1) if linked_id else None
            if linked is not None:
                base = _Num(linked.abstract, dict(linked.levels))
            else:
                base = _Num(abstract_id, _read_levels(abstract))
        else:
            base = _Num(abstract_id, _read_levels(abstract))
        for override in num.iter(w("lvlOverride")):
            index = to_int(override.get(W_ILVL), 0) or 0
            replaced = override.find(w("lvl"))
            if replaced is not None:
                base.levels[index] = _read_level(replaced)
            start = to_int(val(override.find(w("startOverride"))))
            if start is not None:
                base.start_overrides[index] = _clamp(start)
        return base

    def marker(self, num_id: str, ilvl: int | None, style_id: str) -> tuple[str, str]:
        """Advance the list and return (marker text, suffix kind) for this paragraph."""
        num = self._resolve(num_id)
        if num is None:
            return "", "nothing"
        if ilvl is None:
            linked = (i for i, lvl in num.levels.items() if lvl.style and lvl.style == style_id)
            ilvl = next(linked, 0)
        level = num.levels.get(ilvl)
        if level is None or not 0 <= ilvl <= 8:
            return "", "nothing"
        counters = self._counters.setdefault(num.abstract, [None] * 9)
        current = counters[ilvl]
        if ilvl in num.start_overrides and (num_id, ilvl) not in self._entered:
            counters[ilvl] = num.start_overrides[ilvl]
        else:
            counters[ilvl] = level.start if current is None else _clamp(current + 1)
        self._entered.add((num_id, ilvl))
        for deeper in range(ilvl + 1, 9):
            restart = num.levels[deeper].restart if deeper in num.levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        return _label(num, ilvl, counters), level.suffix


_PLACEHOLDER = re.compile(r"%([1-9])")


def _label(num: _Num, ilvl: int, counters: list[int | None]) -> str:
    level = num.levels[ilvl]
    if level.fmt == "bullet":
        return _bullet(level)

    def number(m: re.Match[str]) -> str:
        index = int(m.group(1)) - 1
        other = num.levels.get(index, level)
        value = counters[index]
        if value is None:
            value = other.start
        fmt = "decimal" if level.legal or other.fmt == "bullet" else other.fmt
        return format_number(value, fmt)

    text = _PLACEHOLDER.sub(number, level.text[: MAX_MARKER_CHARS * 2])
    return clean(text)[:MAX_MARKER_CHARS].strip()


def _bullet(level: _Level) -> str:
    """The bullet as a real character; symbol-font glyphs and Word's ``o`` become ``•``."""
    text = clean(level.text).strip()[:MAX_MARKER_CHARS]
    if not text or level.symbol_font or (text.isascii() and text.isalpha()):
        return "•"
    if any("\ue000" <= ch <= "\uf8ff" for ch in level.text):
        return "•"
    return text


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TW_LEGAL = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千", legal: bool = False) -> str:
    """1..9999 in Chinese numerals: 十一, 二十, 一百零一; legal style writes 壹拾."""
    if not 0 < n < 10000:
        return str(n)
    out: list[str] = []
    gap = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out.append(digits[0] if legal else "零")
            gap = False
        if legal or not (power == 10 and digit == 1 and not out):
            out.append(digits[digit])
        out.append(unit)
    return "".join(out)


def roman(n: int) -> str:
    """1..3999 in upper-case Roman numerals; other numbers in digits."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: A…Z, then AA, BB…, at most MAX_LETTERS letters."""
    if not 0 < n <= 26 * MAX_LETTERS:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(first: int, last: int) -> Callable[[int], str]:
    """Numbers drawn in a circle or parentheses (①, ⑴, ⒈); Word prints larger ones plain."""
    return lambda n: chr(first + n - 1) if 1 <= n <= last - first + 1 else str(n)


def _cycle(symbols: str) -> Callable[[int], str]:
    """Finite series (甲乙丙…, 子丑寅…); past their end Word prints the number."""
    return lambda n: symbols[n - 1] if 1 <= n <= len(symbols) else str(n)


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": roman,
    "lowerRoman": lambda n: roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL, "拾佰仟", legal=True),
    "ideographLegalTraditional": lambda n: _chinese(n, _TW_LEGAL, "拾佰仟", legal=True),
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "decimalEnclosedCircle": _enclosed(0x2460, 0x2473),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 0x2473),
    "decimalEnclosedParen": _enclosed(0x2474, 0x2487),
    "decimalEnclosedFullstop": _enclosed(0x2488, 0x249B),
    "ideographEnclosedCircle": _enclosed(0x3280, 0x3289),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "none": lambda n: "",
}


def format_number(value: int, fmt: str) -> str:
    """A list counter in one of Word's number formats; unknown formats print decimal."""
    return _FORMATS.get(fmt, str)(value)


def with_marker(marker: str, suffix: str, text: str) -> str:
    """Marker and text; no space after ``一、``, ``（1）`` or ``①``, one after ``1.``."""
    if not marker:
        return text
    last = marker[-1]
    category = unicodedata.category(last)
    tight = category == "No" or (
        category.startswith("P") and unicodedata.east_asian_width(last) in "WF"
    )
    return marker + ("" if suffix == "nothing" or tight else " ") + text
