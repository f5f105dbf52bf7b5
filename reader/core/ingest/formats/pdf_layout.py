"""A PDF page's characters, by their boxes, back into lines, columns and paragraphs.

Only the geometry decides: pdfium emits characters in the order the writer drew
them, which for justified Chinese text or two-column pages is not reading order.
Coordinates are PDF points with y growing upwards.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

MARGIN_ZONE = 0.15  # top and bottom of a page: where running heads and folios live
MAX_RUNNING = 60  # characters: a running head is a short line
REPEAT_SHARE = 0.4  # a margin line on this share of pages (at least 2) is a running head
GUTTER_STEPS = 48  # positions tried across the middle of a page when looking for a gutter
NEAR_LINES = 6  # lines either side that show where a paragraph's full lines end
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—·•(（\[]*(?:第\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*页)?"
    r"(?:\s*(?:/|of|共)\s*\d{1,4}\s*页?)?[\s\-–—·•)）\]]*$",
    re.IGNORECASE,
)
_LIST_MARK = re.compile(r"^(?:[•·▪◦●○■□◆◇\-–—*]|\d{1,3}[.、)）]|[（(]\d{1,3}[)）]|[①-⑳])\s*")


@dataclass(frozen=True)
class Char:
    ch: str
    left: float
    right: float
    bottom: float
    top: float
    generated: bool = False  # a space pdfium inferred from a gap, not one in the file
    size: float = 0.0  # the font's em size; 0 when the file does not say


@dataclass(frozen=True)
class Line:
    """A run of characters on one baseline; geometry fixed when it is made."""

    text: str
    left: float
    right: float
    bottom: float
    top: float
    size: float
    hang: float  # where the text after a list marker starts (== left without a marker)
    font: float = 0.0  # the file's font size, for comparisons only (see _font)

    @classmethod
    def of(cls, chars: list[Char]) -> Line:
        ink = [c for c in chars if not c.ch.isspace()]
        text = _text_of(chars)
        marker = _LIST_MARK.match(text)
        hang = ink[0].left
        if marker and len(ink) > len(marker.group(0).replace(" ", "")):
            hang = ink[len(marker.group(0).replace(" ", ""))].left
        return cls(
            text,
            ink[0].left,
            max(c.right for c in ink),
            min(c.bottom for c in ink),
            max(c.top for c in ink),
            _size(ink),
            hang,
            _font(ink),
        )


def _text_of(chars: list[Char]) -> str:
    """The line's text; an inferred space stays only between two Latin words.

    pdfium infers a space wherever glyphs stand apart, which in justified Chinese
    text (letter-spaced to fill the line) puts spaces inside numbers and next to
    quotes: ``增加 10 0 0亿元``. Latin words have them, so there they are kept.
    """
    out: list[str] = []
    spacing = _spacing_of([c for c in chars if not c.ch.isspace()])
    for index, char in enumerate(chars):
        if char.generated:
            before = chars[index - 1] if index else None
            after = chars[index + 1] if index + 1 < len(chars) else None
            mixed = _ch(before, -1).isascii() != _ch(after, 0).isascii()
            set_apart = char.right - char.left > max(2.5 * spacing, 0.5)
            word = _word_gap(_ch(before, -1), _ch(after, 0))
            if not (_wide(char, before) or word or (mixed and set_apart)):
                continue
        out.append(char.ch)
    return "".join(out).strip()


def _ch(char: Char | None, end: int) -> str:
    return char.ch[end] if char is not None and char.ch else ""


def _wide(space: Char, before: Char | None) -> bool:
    """A gap of about an em or more: table cells and contents columns, not letter-spacing."""
    em = (before.top - before.bottom) / 1.4 if before is not None else 0.0
    return em > 0 and space.right - space.left > 0.8 * em


def _word_gap(before: str, after: str) -> bool:
    if not (before.isascii() and after.isascii()):
        return False
    if before.isdigit() and after.isdigit():
        return False  # 10 0 0: one number, spaced out
    return before.isalnum() and after.isalnum() or before in ".,;:!?)" and after.isalnum()


def _size(ink: list[Char]) -> float:
    """The line's height, by its ideographs when it has them (Latin faces' boxes differ)."""
    chars = [c for c in ink if c.ch >= "\u2e80"] or ink
    return statistics.median(c.top - c.bottom for c in chars)


def _font(ink: list[Char]) -> float:
    """The font size the file gives, for comparing sizes only: 0 when it gives none.

    Box heights depend on the embedded font's ascent, which differs between the
    subsets one writer makes of one face; the font size does not. It is not in
    points (a scaled matrix is not applied), so it is only ever compared.
    """
    chars = [c for c in ink if c.ch >= "\u2e80"] or ink
    sizes = [c.size for c in chars if c.size]
    return statistics.median(sizes) if sizes else 0.0


def same_size(a: Line | Paragraph, b: Line | Paragraph, tolerance: float = 0.15) -> bool:
    if a.font and b.font:
        return abs(a.font - b.font) <= tolerance * max(a.font, b.font)
    return abs(a.size - b.size) <= tolerance * max(a.size, b.size)


@dataclass
class Paragraph:
    lines: list[Line]

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def size(self) -> float:
        return self.lines[0].size

    @property
    def font(self) -> float:
        return self.lines[0].font

    @property
    def width(self) -> tuple[float, float]:
        return min(line.left for line in self.lines), max(line.right for line in self.lines)


def fragments(chars: list[Char]) -> list[Run]:
    """Characters drawn one after another on one baseline, with no wide gap between."""
    runs: list[list[Char]] = []
    last: Char | None = None
    for char in chars:
        if last is None or not _same_run(last, char):
            runs.append([])
        runs[-1].append(char)
        if not char.ch.isspace():
            last = char
    return [Run.of(run) for run in runs if any(not c.ch.isspace() for c in run)]


def _same_run(last: Char, char: Char) -> bool:
    height = max(min(last.top - last.bottom, char.top - char.bottom), 1.0)
    overlap = min(last.top, char.top) - max(last.bottom, char.bottom)
    gap = char.left - last.right
    return overlap >= 0.5 * height and -0.5 * height <= gap <= 2.5 * height


@dataclass(frozen=True)
class Run:
    """Characters drawn one after another on one baseline; extents kept, not recomputed."""

    chars: list[Char]
    left: float
    right: float
    top: float
    bottom: float

    @classmethod
    def of(cls, chars: list[Char]) -> Run:
        ink = [c for c in chars if not c.ch.isspace()]
        return cls(
            chars,
            min(c.left for c in ink),
            max(c.right for c in ink),
            max(c.top for c in ink),
            min(c.bottom for c in ink),
        )


def columns(rows: list[list[Run]]) -> list[list[Line]]:
    """The page as segments read one after another: a column's lines, or full-width lines."""
    gutter = _gutter(rows)
    if gutter is None:
        return [[Line.of(_joined(row)) for row in rows]] if rows else []
    segments: list[list[Line]] = []
    band: tuple[list[Line], list[Line]] = ([], [])
    across: list[Line] = []  # rows spanning the gutter: a title or text above the columns
    for row in rows:
        left = [run for run in row if run.right <= gutter[1]]
        right = [run for run in row if run.left >= gutter[0]]
        if len(left) + len(right) < len(row):
            segments += [side for side in band if side]
            band = ([], [])
            across.append(Line.of(_joined(row)))
            continue
        if across:
            segments.append(across)
            across = []
        for side, part in zip(band, (left, right), strict=True):
            if part:
                side.append(Line.of(_joined(part)))
    return [*segments, *(side for side in band if side), *([across] if across else [])]


def _gutter(rows: list[list[Run]]) -> tuple[float, float] | None:
    """An empty vertical strip near the middle that splits the rows into two columns.

    Justified Chinese text falls apart into runs at arbitrary places, so a gap
    alone proves nothing: the rows must rarely cross the strip, and the right
    column's rows must start at one left edge, as a real column does.
    """
    if len(rows) < 8:
        return None
    runs = [run for row in rows for run in row]
    left = min(run.left for run in runs)
    right = max(run.right for run in runs)
    size = statistics.median(run.top - run.bottom for run in runs)
    middle = (left + right) / 2
    best: float | None = None
    for step in range(GUTTER_STEPS + 1):
        x = left + (right - left) * (0.3 + 0.4 * step / GUTTER_STEPS)
        closer = best is None or abs(x - middle) < abs(best - middle)
        if closer and _splits_columns(rows, x, size):
            best = x
    if best is None:
        return None
    return best - size / 4, best + size / 4


def _splits_columns(rows: list[list[Run]], x: float, size: float) -> bool:
    crossing = 0
    allowed = max(1, len(rows) // 10)
    starts: list[int] = []
    for row in rows:
        if any(run.left < x - size / 4 and run.right > x + size / 4 for run in row):
            crossing += 1
            if crossing > allowed:
                return False
            continue
        right_side = [run.left for run in row if run.left >= x]
        if right_side and any(run.right <= x for run in row):
            starts.append(round(min(right_side)))
    if len(starts) < 4:
        return False
    edges = [edge for edge, _ in Counter(starts).most_common(2)]  # a column and its indent
    aligned = sum(1 for start in starts if any(abs(start - edge) <= 1 for edge in edges))
    return aligned >= 0.6 * len(starts)


def rows_of(runs: list[Run]) -> list[list[Run]]:
    """Runs that share a baseline, left to right; rows top to bottom."""
    ordered = sorted(runs, key=lambda run: -run.top)
    rows: list[list[Run]] = []
    band = (0.0, 0.0)  # (top, bottom) of the current row
    for run in ordered:
        top, bottom = run.top, run.bottom
        overlap = min(top, band[0]) - max(bottom, band[1])
        if rows and overlap >= 0.5 * min(top - bottom, band[0] - band[1]):
            rows[-1].append(run)
            band = (max(top, band[0]), min(bottom, band[1]))
            continue
        rows.append([run])
        band = (top, bottom)
    return [sorted(row, key=lambda run: run.left) for row in rows]


def _joined(row: list[Run]) -> list[Char]:
    """A row's runs as one line; a space where they stand an em or more apart.

    Table cells and contents columns stand apart; letter-spaced Chinese does not;
    Latin words get their space at any visible gap.
    """
    chars: list[Char] = []
    spacing = _letter_spacing(row)
    for run in row:
        first = run.chars[0]
        if chars:
            last = next((c for c in reversed(chars) if not c.ch.isspace()), chars[-1])
            gap = run.left - last.right
            em = (first.top - first.bottom) / 1.4
            latin = gap > 0.2 * em and _word_gap(last.ch[-1:], first.ch[:1])
            # 安装 TEX Live: the space set between Chinese and Latin, when it is more
            # than the line's letter-spacing (justified 增加1000亿元 has none).
            mixed = last.ch.isascii() != first.ch.isascii() and gap > max(0.25 * em, 2.5 * spacing)
            if gap > max(0.9 * em, 2.5 * spacing) or latin or mixed:
                chars.append(Char(" ", last.right, run.left, first.bottom, first.top))
        chars += run.chars
    return chars


def _letter_spacing(row: list[Run]) -> float:
    """The row's usual gap between neighbouring glyphs: what justification added."""
    return _spacing_of([c for run in row for c in run.chars if not c.ch.isspace()])


def _spacing_of(ink: list[Char]) -> float:
    ordered = sorted(ink, key=lambda c: c.left)
    gaps = [max(b.left - a.right, 0.0) for a, b in zip(ordered, ordered[1:], strict=False)]
    return statistics.median(gaps) if len(gaps) >= 4 else 0.0


def drop_running_lines(
    pages: list[list[list[Run]]], heights: list[float], labels: list[str]
) -> None:
    """Remove running headers and footers, and bare page numbers, from pages of rows.

    A running head repeats (digits aside) on several pages, or carries the
    page's own number beside a short title (``第 2 节 简明教程 4``).
    """
    margins = [_margin_rows(rows, h) for rows, h in zip(pages, heights, strict=True)]
    counts = Counter(key for found in margins for key in {_margin_key(line) for _, line in found})
    threshold = min(3, max(2, REPEAT_SHARE * len(pages)))
    for rows, found, label in zip(pages, margins, labels, strict=True):
        for row, line in found:
            short = len(line.text) <= MAX_RUNNING
            repeated = counts[_margin_key(line)] >= threshold
            numbered = _carries_number(line.text, label)
            if (short and (repeated or numbered)) or _PAGE_NUMBER.match(line.text):
                rows.remove(row)


def _carries_number(text: str, label: str) -> bool:
    """``第 2 节 简明教程 4``, ``2.4 生成模板 3 使用说明``: a short title with the folio in it."""
    words = text.split()
    return len(words) > 1 and label in words and len(text) <= MAX_RUNNING


def _margin_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.replace(" ", ""))


def _margin_rows(rows: list[list[Run]], height: float) -> list[tuple[list[Run], Line]]:
    """Up to two rows at each end of the page, in the margin and set apart from the body."""
    lines = [Line.of(_joined(row)) for row in rows]
    found: list[tuple[list[Run], Line]] = []
    for order, top_end in ((range(len(rows)), True), (range(len(rows) - 1, -1, -1), False)):
        indexes = list(order)
        for here, inner in zip(indexes[:2], indexes[1:3], strict=False):
            line, next_line = lines[here], lines[inner]
            in_zone = (
                line.bottom > height * (1 - MARGIN_ZONE)
                if top_end
                else line.top < height * MARGIN_ZONE
            )
            gap = line.bottom - next_line.top if top_end else next_line.bottom - line.top
            size = min(line.size, next_line.size)
            # The outermost row may be a bare folio close under the body's last line.
            folio = here == indexes[0] and bool(_PAGE_NUMBER.match(line.text)) and gap > 0
            apart = gap >= 0.8 * size or folio
            if not in_zone or not apart or any(r is rows[here] for r, _ in found):
                break
            found.append((rows[here], line))
    return found


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Cut a column's lines into paragraphs where the layout shows a new one begins."""
    if not lines:
        return []
    spacing = _line_spacing(lines)
    found: list[Paragraph] = [Paragraph([lines[0]])]
    for index, (prev, line) in enumerate(zip(lines, lines[1:], strict=False)):
        block = _block_edges(lines, index)
        if any(_centred(one, block) for one in (prev, line)) or _starts_paragraph(
            prev, line, _right_edge(lines, index), spacing
        ):
            found.append(Paragraph([line]))
        else:
            found[-1].lines.append(line)
    return found


def _block_edges(lines: list[Line], index: int) -> tuple[float, float]:
    """The left and right edges of the text around ``lines[index]``, whatever its size."""
    near = lines[max(0, index - NEAR_LINES) : index + NEAR_LINES + 2]
    return min(line.left for line in near), max(line.right for line in near)


def _centred(line: Line, edges: tuple[float, float]) -> bool:
    """A title, a byline, a date set in the middle: a paragraph of its own."""
    inset_left, inset_right = line.left - edges[0], edges[1] - line.right
    size = max(line.size, 1.0)
    return min(inset_left, inset_right) > 1.5 * size and abs(inset_left - inset_right) < 3 * size


def _right_edge(lines: list[Line], index: int) -> float:
    """Where full lines end near ``lines[index]``: the measure of its own text block."""
    near = lines[max(0, index - NEAR_LINES) : index + NEAR_LINES + 1]
    return max(line.right for line in near if same_size(line, lines[index]))


def _line_spacing(lines: list[Line]) -> float:
    gaps = [
        a.bottom - b.top
        for a, b in zip(lines, lines[1:], strict=False)
        if 0 <= a.bottom - b.top < 3 * a.size
    ]
    return statistics.median(gaps) if gaps else 0.0


def _starts_paragraph(prev: Line, line: Line, right_edge: float, spacing: float) -> bool:
    size = max(line.size, 1.0)
    if not same_size(prev, line):
        return True  # another font size: a heading, a caption, a footnote
    if prev.bottom - line.top > spacing + 0.4 * size:
        return True  # a wider gap than between the lines of a paragraph
    if _LIST_MARK.match(line.text) and line.left <= prev.left + 0.3 * size:
        return True  # the next item of a list
    if line.left > prev.left + 0.8 * size and abs(line.left - prev.hang) > 0.3 * size:
        return True  # indented against the line before, and not a list item's hanging text
    return prev.right < right_edge - 1.5 * size  # the line before ended short


def fills_column(paragraph: Paragraph, right_edge: float) -> bool:
    return paragraph.lines[-1].right >= right_edge - 1.5 * paragraph.size
