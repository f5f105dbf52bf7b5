"""PDF with a text layer: pdfium's characters laid back out as paragraphs.

pdfium gives each character with its box; :mod:`.pdf_layout` rebuilds lines,
columns and paragraphs from the boxes; here the paragraphs of page after page
become blocks, a paragraph cut by a page break is joined again, and every page
start is recorded where its first character landed in the text.

Chinese text must come out exact, so characters are cleaned one by one: no
spaces between ideographs, no private-use or replacement characters, no doubled
characters from fake bold, radicals turned back into ideographs.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reader.core.ingest.formats.pdf_layout import (
    Char,
    Paragraph,
    columns,
    drop_running_lines,
    fills_column,
    fragments,
    paragraphs,
    rows_of,
    same_size,
)
from reader.core.ingest.model import Block, Extracted, FormatError, Metadata, OutlineHint, PageStart
from reader.core.ingest.radicals import radical_table
from reader.core.ingest.reflow import join_separator, joins_across_blank
from reader.core.ingest.script import detect_script
from reader.core.ingest.sniff import describe
from reader.core.ingest.titles import date_of, normalise_date, split_names
from reader.core.text.cjk import CJK_TEXT_CLASS

_CJK = CJK_TEXT_CLASS
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) +(?=[{_CJK}])")
PAGE_SIDE_SLACK = 24.0  # points a character may stand past the left or right edge
_DROP = {0xFFFD, 0xFEFF, 0x200B, 0x00AD, 0xFFFE}
# What some writers (Qt's among them) put for a dash pair: one code point for two dashes.
_REPLACE = {0x2E3A: "——", 0x2E3B: "———"}
_SENTENCE_END = ("。", "！", "？", "：", ".", "!", "?", ":")


def extract(data: bytes, filename: str) -> Extracted:
    import pypdfium2 as pdfium  # loads pdfium only when a PDF is imported

    if b"%PDF-" not in data[:1024]:
        raise FormatError(f"not a PDF file (it is {describe(data)})")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise FormatError(_open_error(str(exc))) from None
    try:
        return _extract(pdf)
    finally:
        pdf.close()


def _open_error(message: str) -> str:
    if "password" in message.lower():
        return "encrypted PDF (it needs a password); remove the password and import again"
    return "damaged PDF: pdfium cannot read it"


def _extract(pdf: Any) -> Extracted:
    count = len(pdf)
    pages = [rows_of(fragments(list(_page_chars(pdf, index)))) for index in range(count)]
    if not any(pages):
        raise FormatError("no text layer (scanned); OCR is not supported")
    labels = [_label(pdf, index) for index in range(count)]
    drop_running_lines(pages, [pdf.get_page_size(i)[1] for i in range(count)], labels)
    builder = _Builder()
    for label, rows in zip(labels, pages, strict=True):
        builder.add_page(label, [paragraphs(segment) for segment in columns(rows)])
    outline = _bookmarks(pdf, builder)
    _mark_title_heading(builder)
    _prefer_simplified_door(builder.blocks)
    meta = _metadata(pdf)
    # A report's date is printed on its first page; the file's creation date is when
    # someone exported it. The printed one wins.
    meta.date = date_of("", [b.text for b in builder.blocks[:8]]) or meta.date
    return Extracted(
        builder.blocks, meta, encoding="pdf", pages=builder.pages, outline=outline or None
    )


def _mark_title_heading(builder: _Builder) -> None:
    """The first page's largest line, set well above the body, is the document's heading."""
    if not builder.sizes:
        return
    body = statistics.median(builder.sizes)
    first_page = [i for i, anchor in enumerate(builder.anchors) if anchor.page == 0]
    if not first_page:
        return
    biggest = max(first_page, key=lambda i: builder.sizes[i])
    block = builder.blocks[biggest]
    if builder.sizes[biggest] >= 1.25 * body and 0 < len(block.text) <= 60:
        block.heading = 1


def _prefer_simplified_door(blocks: list[Block]) -> None:
    """KANGXI RADICAL DOOR ``⼾`` is NFKC 戶, but a simplified text means 户 by it."""
    text = "".join(b.text for b in blocks[:200])
    if "戶" in text and detect_script(text) == "simplified":
        for block in blocks:
            block.text = block.text.replace("戶", "户")


def _page_chars(pdf: Any, index: int) -> Iterator[Char]:
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        yield from _chars(textpage.raw, page.get_size())
    finally:
        textpage.close()
        page.close()


def _chars(handle: Any, page_size: tuple[float, float]) -> Iterator[Char]:
    """The page's characters, cleaned: surrogates paired, garbage and fake bold dropped.

    Characters outside the page are not shown (a line a writer let run past the
    bottom, repeated on the next page): they are not text either. This loop runs
    for every character of a document, so pdfium's functions are bound once and
    the costlier questions (font size, text object) asked only when they matter.
    """
    import pypdfium2.raw as raw

    unicode_of, box_of = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox
    table = radical_table()
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    previous: Char | None = None
    previous_index = -1
    em, em_height = 0.0, -1.0
    high = 0  # a UTF-16 high surrogate waiting for its low half
    for i in range(raw.FPDFText_CountChars(handle)):
        code = unicode_of(handle, i)
        if 0xD800 <= code < 0xDC00:
            high = code
            continue
        if 0xDC00 <= code < 0xE000:
            if not high:
                continue
            code, high = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00), 0
        if not _kept(code) or not box_of(handle, i, rect_ref) or not _on_page(rect, page_size):
            continue
        height = rect.top - rect.bottom
        if height != em_height:  # one font at one size keeps one box height
            font_size = raw.FPDFText_GetFontSize(handle, i)
            em, em_height = (font_size if font_size > 1.0 else 0.0), height
        text = _REPLACE.get(code) or table.get(code) or chr(code)
        generated = code == 0x20 and raw.FPDFText_IsGenerated(handle, i) == 1
        char = Char(text, rect.left, rect.right, rect.bottom, rect.top, generated, em)
        if (
            previous is not None
            and previous.ch == text
            and _doubled(previous, char)
            and not _same_object(raw, handle, previous_index, i)
        ):
            continue  # fake bold: the same glyph drawn again, by another text object
        if code != 0x20:
            previous, previous_index = char, i
        yield char


def _same_object(raw: Any, handle: Any, a: int, b: int) -> bool:
    """Both characters come from one text object: a ligature (ff), not a fake-bold copy."""
    first = ctypes.cast(raw.FPDFText_GetTextObject(handle, a), ctypes.c_void_p).value
    return first == ctypes.cast(raw.FPDFText_GetTextObject(handle, b), ctypes.c_void_p).value


def _on_page(rect: Any, size: tuple[float, float]) -> bool:
    """On the page: a heading may overhang the side a little, a line past the bottom is gone."""
    x = (rect.left + rect.right) / 2
    y = (rect.bottom + rect.top) / 2
    return -PAGE_SIDE_SLACK <= x <= size[0] + PAGE_SIDE_SLACK and 0 <= y <= size[1]


def _kept(code: int) -> bool:
    """Spaces stay (Latin words need them); line ends, controls and font garbage go."""
    if code in _DROP or code < 0x20 or 0x7F <= code <= 0x9F:
        return False
    return not (0xE000 <= code <= 0xF8FF or code >= 0xF0000)


def _doubled(a: Char, b: Char) -> bool:
    """The same glyph drawn again a hair to the side (fake bold), not a real ``ll``.

    The shift is measured against the glyph's own width: a second ``l`` starts a whole
    glyph further on, a fake-bold copy a fraction of one.
    """
    if a.ch != b.ch:
        return False
    width = max(a.right - a.left, 0.5)
    return abs(a.left - b.left) < 0.3 * width and abs(a.bottom - b.bottom) < 0.1 * width + 0.2


@dataclass
class _Anchor:
    page: int
    top: float
    left: float


class _Builder:
    """Paragraphs of page after page as blocks, joining a paragraph a page break cut."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pages: list[PageStart] = []
        self.anchors: list[_Anchor] = []  # where each block starts: for bookmarks
        self.anchor_pages: list[int] = []  # the anchors' pages, in order: bisected
        self.sizes: list[float] = []  # each block's type size: for the title heading
        self._last: Paragraph | None = None
        self._last_edge = 0.0
        self._page = -1

    def add_page(self, label: str, segments: list[list[Paragraph]]) -> None:
        self._page += 1
        start = PageStart(label, len(self.blocks))
        for number, segment in enumerate(p for p in segments if p):
            first, *rest = segment
            if self.blocks and self._continues(first):
                block = self.blocks[-1]
                text = _paragraph_text(first)
                separator = join_separator(block.text, text)
                if number == 0:
                    start = PageStart(label, len(self.blocks) - 1, len(block.text + separator))
                block.text += separator + text
            else:
                self._append(first)
            for paragraph in rest:
                self._append(paragraph)
            self._last = segment[-1]
            self._last_edge = max(p.width[1] for p in segment)
        self.pages.append(start)

    def _append(self, paragraph: Paragraph) -> None:
        self.blocks.append(Block(_paragraph_text(paragraph)))
        self.anchors.append(_Anchor(self._page, paragraph.top, paragraph.width[0]))
        self.anchor_pages.append(self._page)
        self.sizes.append(paragraph.font or paragraph.size)

    def _continues(self, first: Paragraph) -> bool:
        """Does ``first`` go on with the last paragraph (a page or column break cut it)?"""
        last = self._last
        if last is None or not same_size(first, last):
            return False
        head = first.lines[0].text
        if joins_across_blank(self.blocks[-1].text, head):
            return True
        full = len(last.lines) > 1 and fills_column(last, self._last_edge)
        return full and not last.lines[-1].text.endswith(_SENTENCE_END) and len(first.lines) > 1


def _paragraph_text(paragraph: Paragraph) -> str:
    text = ""
    for line in paragraph.lines:
        piece = re.sub(r"\s+", " ", line.text)
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and piece[:1].islower():
            text = text[:-1]  # a Latin word hyphenated at the line end
        elif text:
            text += _line_separator(text, piece)
        text += piece
    return _CJK_SPACE.sub("", text)


def _line_separator(left: str, right: str) -> str:
    """As for text files, plus a space after Latin punctuation (``commands.`` / ``The``)."""
    if left[-1:].isdigit() and right[:1].isdigit():
        return ""  # 100 / 0亿元: a number the line end cut
    if left[-1:] in ".,;:!?)" and right[:1].isascii() and right[:1].isalnum():
        return " "
    return join_separator(left, right)


def _label(pdf: Any, index: int) -> str:
    try:
        label = pdf.get_page_label(index)
    except Exception:  # a broken label tree: fall back to the number
        label = ""
    return str(label).strip() or str(index + 1)


def _bookmarks(pdf: Any, builder: _Builder) -> list[OutlineHint]:
    hints: list[OutlineHint] = []
    try:
        items = list(pdf.get_toc(max_depth=6))
    except Exception:  # a cyclic or broken outline: use the detector instead
        return []
    for item in items:
        title = str(item.get_title() or "").strip()
        target = _target(item)
        if not title or target is None or not builder.blocks:
            continue
        hints.append(OutlineHint(int(item.level) + 1, title, _block_at(builder, *target)))
    return hints


def _target(item: Any) -> tuple[int, float | None, float | None] | None:
    """The page index and, for an XYZ view, the point a bookmark shows at its top left."""
    dest = item.get_dest()
    if dest is None:
        return None
    page = dest.get_index()
    if page is None or page < 0:
        return None
    mode, pos = dest.get_view()
    if mode != 1 or len(pos) < 2:
        return page, None, None
    return page, (float(pos[1]) if pos[1] else None), (float(pos[0]) if pos[0] else None)


def _block_at(builder: _Builder, page: int, y: float | None, x: float | None) -> int:
    """The first block on ``page`` at or below the bookmark's point, in its column."""
    first = bisect.bisect_left(builder.anchor_pages, page)
    for index in range(first, len(builder.anchors)):
        anchor = builder.anchors[index]
        if anchor.page > page:
            return index
        below = y is None or anchor.top <= y + 2
        in_column = x is None or anchor.left >= x - 20
        if anchor.page == page and below and in_column:
            return index
    return len(builder.blocks) - 1


def _metadata(pdf: Any) -> Metadata:
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # unreadable metadata: the text still imports
        info = {}
    authors = split_names(info.get("Author", ""))
    date = normalise_date(info.get("CreationDate", "") or info.get("ModDate", ""))
    return Metadata(title=info.get("Title", ""), authors=authors, date=date)
