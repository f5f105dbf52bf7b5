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

MARGIN_ZONE = 0.1  # top and bottom tenth of a page: where running heads and folios live
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

    @classmethod
    def of(cls, chars: list[Char]) -> Line:
        ink = [c for c in chars if not c.ch.isspace()]
        text = "".join(c.ch for c in chars).strip()
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
        )


def _size(ink: list[Char]) -> float:
    """The line's type size, by its ideographs when it has them.

    Latin fonts' boxes differ from font to font, so ``ctexbeamer 实现。`` in a
    monospace face would otherwise look like another size than its paragraph.
    """
    cjk = [c.top - c.bottom for c in ink if c.ch >= "\u2e80"]
    return statistics.median(cjk or [c.top - c.bottom for c in ink])


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
    chars: list[Char] = []
    for run in row:
        first = run.chars[0]
        if chars and run.left - chars[-1].right > 0.25 * (first.top - first.bottom):
            chars.append(Char(" ", chars[-1].right, run.left, first.bottom, first.top))
        chars += run.chars
    return chars


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
    words = text.split()
    return len(words) > 1 and label in (words[0], words[-1])


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
            if not in_zone or gap < 0.8 * size or any(r is rows[here] for r, _ in found):
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
        if _starts_paragraph(prev, line, _right_edge(lines, index), spacing):
            found.append(Paragraph([line]))
        else:
            found[-1].lines.append(line)
    return found


def _right_edge(lines: list[Line], index: int) -> float:
    """Where full lines end near ``lines[index]``: the measure of its own text block."""
    size = lines[index].size
    near = lines[max(0, index - NEAR_LINES) : index + NEAR_LINES + 1]
    return max(line.right for line in near if abs(line.size - size) <= 0.15 * size)


def _line_spacing(lines: list[Line]) -> float:
    gaps = [
        a.bottom - b.top
        for a, b in zip(lines, lines[1:], strict=False)
        if 0 <= a.bottom - b.top < 3 * a.size
    ]
    return statistics.median(gaps) if gaps else 0.0


def _starts_paragraph(prev: Line, line: Line, right_edge: float, spacing: float) -> bool:
    size = max(line.size, 1.0)
    if abs(size - prev.size) > 0.15 * max(size, prev.size):
        return True  # another font size: a heading, a caption, a footnote
    if prev.bottom - line.top > spacing + 0.8 * size:
        return True  # a wider gap than between the lines of a paragraph
    if _LIST_MARK.match(line.text) and line.left <= prev.left + 0.3 * size:
        return True  # the next item of a list
    if line.left > prev.left + 0.8 * size and abs(line.left - prev.hang) > 0.3 * size:
        return True  # indented against the line before, and not a list item's hanging text
    return prev.right < right_edge - 1.5 * size  # the line before ended short


def fills_column(paragraph: Paragraph, right_edge: float) -> bool:
    return paragraph.lines[-1].right >= right_edge - 1.5 * paragraph.size
