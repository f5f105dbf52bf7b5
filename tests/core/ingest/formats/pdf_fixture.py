"""Chinese PDFs made for the tests with Qt's own PDF writer (plus pypdf for bookmarks).

Qt's writer is one of those that map 工 to KANGXI RADICAL WORK in its ToUnicode
table, so these files carry the real-world defect the importer must undo.
Every line is placed by hand, so the tests know exactly which text is a line,
a paragraph, a running head, a column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF
from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

FONT = "Noto Sans CJK SC"
PAGE_W, PAGE_H = 595, 842
LEFT, TOP = 72, 90
SIZE = 12
LINE = 20  # baseline to baseline


@dataclass
class Page:
    """Paragraphs (each a list of lines) in one column, or two columns side by side."""

    paragraphs: list[list[str]] = field(default_factory=list)
    right_column: list[list[str]] = field(default_factory=list)
    title: str = ""  # a large line at the top
    bold: str = ""  # a line drawn twice, a hair apart: fake bold
    centred: list[str] = field(default_factory=list)  # short lines set in the middle
    spaced: str = ""  # a line letter-spaced as justified Chinese is


def _app() -> QApplication:
    """A QApplication, not a QGuiApplication: pytest-qt's widget tests share the process."""
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


def write_pdf(
    pages: Sequence[Page],
    *,
    header: str = "政府工作报告（示例）",
    folio: str = "- {n} -",
    title: str = "",
    author: str = "",
) -> bytes:
    """The PDF's bytes; lines of 36 ideographs fill the column, the first is indented."""
    _app()
    buffer = io.BytesIO()
    path = Path(_tmp_name())
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(title)
    writer.setAuthor(author)
    painter = QPainter(writer)
    for number, page in enumerate(pages, start=1):
        if number > 1:
            writer.newPage()
        _draw_page(painter, page, header, folio.format(n=number))
    painter.end()
    buffer.write(path.read_bytes())
    path.unlink()
    return buffer.getvalue()


def _tmp_name() -> str:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        return handle.name


def _font(size: int) -> QFont:
    font = QFont(FONT)
    font.setPixelSize(size)
    return font


def _draw_page(painter: QPainter, page: Page, header: str, folio: str) -> None:
    painter.setFont(_font(9))
    if header:
        painter.drawText(QPointF(LEFT + 150, 40), header)
    if folio:
        painter.drawText(QPointF(PAGE_W / 2 - 12, PAGE_H - 30), folio)
    y = TOP
    if page.title:
        painter.setFont(_font(20))
        painter.drawText(QPointF(LEFT + 60, y), page.title)
        y += 40
    for line in page.centred:
        painter.setFont(_font(SIZE))
        width = painter.fontMetrics().horizontalAdvance(line)
        painter.drawText(QPointF((PAGE_W - width) / 2, y), line)
        y += LINE
    if page.spaced:
        font = _font(SIZE)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        painter.setFont(font)
        painter.drawText(QPointF(LEFT, y), page.spaced)
        y += LINE * 2
    if page.bold:
        painter.setFont(_font(SIZE))
        painter.drawText(QPointF(LEFT, y), page.bold)
        painter.drawText(QPointF(LEFT + 0.4, y), page.bold)
        y += LINE * 2
    if page.right_column:
        _draw_column(painter, page.paragraphs, LEFT, y, width=16)
        _draw_column(painter, page.right_column, PAGE_W / 2 + 12, y, width=16)
    else:
        _draw_column(painter, page.paragraphs, LEFT, y, width=36)


def _draw_column(
    painter: QPainter, paragraphs: list[list[str]], x: float, y: float, width: int
) -> None:
    painter.setFont(_font(SIZE))
    for paragraph in paragraphs:
        for index, line in enumerate(paragraph):
            indent = 2 * SIZE if index == 0 and not line.startswith("~") else 0
            painter.drawText(QPointF(x + indent, y), line.removeprefix("~"))
            y += LINE
        y += 6


def add_bookmarks_and_labels(
    data: bytes,
    bookmarks: Sequence[tuple[str, int]],
    *,
    roman_first: int = 0,
    encrypt: str = "",
) -> bytes:
    """Bookmarks (title, page index) and page labels (``i``, ``ii``, then 1, 2 …)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for bookmark_title, page_index in bookmarks:
        writer.add_outline_item(title=bookmark_title, page_number=page_index)
    if roman_first:
        writer.set_page_label(0, roman_first - 1, style="/r")
        writer.set_page_label(roman_first, len(writer.pages) - 1, style="/D", start=1)
    if encrypt:
        writer.encrypt(user_password=encrypt, owner_password=encrypt + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def chars(n: int, seed: str) -> str:
    """``n`` ideographs built by repeating ``seed``: a line of known length."""
    return (seed * (n // len(seed) + 1))[:n]
