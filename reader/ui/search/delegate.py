"""How a search passage is drawn: section path, snippet with the matches marked, in
the theme's colours, in rows of a fixed height showing whole lines only."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reader.core.search.passages import Passage
from reader.ui.common.theme import THEMES, ReaderColors
from reader.ui.search.model import ROLE_PASSAGE


def passage_html(p: Passage, colors: ReaderColors, muted: str | None = None) -> str:
    """The passage with its matches marked; the section path and the "(+n)" in
    ``muted`` (the theme's, or the selection's text colour on a selected row)."""
    muted = muted or colors.muted
    mark = f"background:{colors.match};color:{colors.match_text}"
    body = html.escape(p.before) + "".join(
        f"<b style='{mark}'>{html.escape(t)}</b>" if is_match else html.escape(t)
        for t, is_match in p.parts
    )
    section = (
        f"<span style='color:{muted}'>{html.escape(p.section)}</span><br>" if p.section else ""
    )
    more = (
        f" <span style='color:{muted}'>(+{p.match_count - 1})</span>" if p.match_count > 1 else ""
    )
    return f"{section}{body}{more}"


class HtmlDelegate(QStyledItemDelegate):
    """Renders a passage (section path, snippet with the matches marked) in a row of a
    fixed height: the section line and ``BODY_LINES`` lines of the snippet. Only whole
    lines are drawn, so a longer snippet never shows a line cut through its characters."""

    BODY_LINES = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._line_heights: dict[str, float] = {}
        self.colors: ReaderColors = THEMES["light"]

    def set_colors(self, colors: ReaderColors) -> None:
        self.colors = colors

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        passage = index.data(ROLE_PASSAGE)
        if passage is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        muted = palette.color(QPalette.ColorRole.HighlightedText).name() if selected else None
        markup = passage_html(passage, self.colors, muted)
        doc = self._document(markup, option.rect.width(), option.font)
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        if selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.HighlightedText)
            )
        height = whole_lines_height(doc, option.rect.height())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), height))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """A fixed height: laying out every passage's HTML to measure it would cost more
        than the search itself on a common word. The height is of lines as the passages
        lay out (Chinese glyphs come from a fallback font, taller than the UI font)."""
        if index.data(ROLE_PASSAGE) is None:
            return super().sizeHint(option, index)
        line = self._line_height(option.font)
        margin = QTextDocument().documentMargin()
        return QSize(200, math.ceil(2 * margin + line * (self.BODY_LINES + 1)) + 2)

    def _line_height(self, font: QFont) -> float:
        key = font.key()
        if key not in self._line_heights:
            doc = self._document("<b>中文</b>（Aa）<br>中文", 400, font)
            self._line_heights[key] = max(
                doc.documentLayout().blockBoundingRect(doc.firstBlock()).height() / 2,
                QFontMetricsF(font).lineSpacing(),
            )
        return self._line_heights[key]

    @staticmethod
    def _document(markup: str, width: int, font: QFont | None = None) -> QTextDocument:
        doc = QTextDocument()
        if font is not None:
            doc.setDefaultFont(font)
        doc.setHtml(markup)
        doc.setTextWidth(max(120, width - 4))
        return doc


def whole_lines_height(doc: QTextDocument, available: float) -> float:
    """The height of ``doc``'s lines that fit in ``available`` whole (at least one line)."""
    layout = doc.documentLayout()
    fitted = 0.0
    block = doc.firstBlock()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            bottom = top + line.y() + line.height()
            if bottom > available:
                return fitted or available
            fitted = bottom
        block = block.next()
    return available
