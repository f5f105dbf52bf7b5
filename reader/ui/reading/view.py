"""The reader pane: the canonical text, typeset for Chinese, with annotations drawn on it.

Offsets in and out of this widget are code points into the canonical text; the
conversion to Qt's UTF-16 positions happens here and nowhere else.

The text *shown* may be the canonical text in the other script (View ▸ Script): the
conversion maps one code point to one, so every offset is the same in both, but not
every UTF-16 position (a character may become one outside the BMP), so positions are
converted with the shown text's map. ``text`` stays the canonical text: quotes,
find, progress and lookups read it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from reader.core.ingest.model import OutlineEntry
from reader.core.text.utf16 import Utf16Map
from reader.ui.common.theme import THEMES, ReaderColors

LINE_HEIGHT_PERCENT = 170
PARAGRAPH_GAP = 0.7  # of a line
PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
FIXED = QTextBlockFormat.LineHeightTypes.FixedHeight.value
_INDENTED_START = re.compile(r"^(?=[\u3000 ]{1,4}\S)", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n(?=\n)")
HEADING_SCALE = {1: 1.45, 2: 1.25, 3: 1.12, 4: 1.05}


@dataclass(frozen=True)
class Mark:
    """Something drawn over the text: an annotation, a search hit, the find match."""

    start: int
    end: int
    color: str
    style: str = "highlight"  # "highlight", "underline" or "hit"
    annotation_id: int | None = None
    has_note: bool = False
    tooltip: str = ""


class ReaderView(QTextEdit):
    selectionOffsetsChanged = Signal()
    annotationActivated = Signal(int)
    firstVisibleChanged = Signal(int)
    documentChanged = Signal()  # another document (or none) is shown now
    jumped = Signal()  # the app moved the view (outline, hit, link, annotation), not the user
    lookupRequested = Signal(int)  # a double-click on the character at this offset

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReaderView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.doc_id: int | None = None
        self.text = ""  # the canonical text (offsets, quotes, find)
        self._shown_text = ""  # what the page shows: ``text`` or it in the other script
        self._map = Utf16Map("")
        self._outline: list[OutlineEntry] = []
        self._marks: list[Mark] = []
        self._hits: list[Mark] = []
        self._current_annotation: int | None = None
        self._colors: ReaderColors = THEMES["light"]
        self._base_font = QFont()
        self._indent = False
        self._max_chars = 42
        self._loading = False
        self.selection_by_user = False  # False while the app selects (find, search, jumps)
        self.context_actions: list[QAction] = []  # first in the context menu ("Look up")
        self.lookup_on_double_click = False  # True once a dictionary takes double-clicks
        self.last_context_menu: QMenu | None = None  # while it is open (tests)
        self._max_mark_len = 0
        self._shown: tuple[int, int] = (0, 0)  # offsets whose marks are drawn now
        self._nearby: list[Mark] = []
        self.selectionChanged.connect(self.selectionOffsetsChanged)
        self._scroll_timer = QTimer(self, singleShot=True, interval=150)
        self._scroll_timer.timeout.connect(
            lambda: self.firstVisibleChanged.emit(self.first_visible_offset())
        )
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # ----- loading and typography -------------------------------------------------
    def load(
        self, doc_id: int, text: str, outline: list[OutlineEntry], shown: str | None = None
    ) -> None:
        """Show ``text`` (canonical), or ``shown``: the same text in the other script."""
        self.doc_id = doc_id
        self.text = text
        self._set_shown(text if shown is None else shown)
        self._outline = outline
        self._marks = []
        self._hits = []
        self._current_annotation = None
        self._install_document()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.documentChanged.emit()

    @property
    def shown_text(self) -> str:
        return self._shown_text

    def _set_shown(self, shown: str) -> None:
        if len(shown) != len(self.text):
            raise ValueError("the shown text must have the canonical text's length")
        self._shown_text = shown
        self._map = Utf16Map(shown)

    def set_shown_text(self, shown: str) -> None:
        """Show the open document in another script: same offsets, so the view, the
        cursor and the selection stay where they were."""
        if shown == self._shown_text:
            return
        top = self.first_visible_offset()
        cursor = self.textCursor()
        anchor, position = self.from_qt(cursor.anchor()), self.from_qt(cursor.position())
        self._set_shown(shown)
        self._install_document()
        restored = QTextCursor(self.document())
        restored.setPosition(self.to_qt(anchor))
        restored.setPosition(self.to_qt(position), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(restored)
        self._refresh_selections()
        self.scroll_to_offset(top)

    def _install_document(self) -> None:
        """Build and format the QTextDocument detached, then attach it.

        Formatting a document a visible QTextEdit shows makes Qt lay it out again
        after every edit block; a detached one is laid out once, lazily, when shown.
        """
        doc = QTextDocument(self)
        doc.setDefaultFont(self._base_font)
        doc.setUndoRedoEnabled(False)
        doc.setPlainText(self._shown_text)
        self._format_document(doc)
        self._loading = True
        try:
            self.setDocument(doc)  # Qt deletes the previous document: we were its parent
        finally:
            self._loading = False

    def clear_document(self) -> None:
        self.doc_id = None
        self.text = ""
        self._shown_text = ""
        self._map = Utf16Map("")
        self._outline = []
        self._marks = []
        self._hits = []
        self.setPlainText("")
        self.documentChanged.emit()

    @property
    def colors(self) -> ReaderColors:
        """The theme's colours as last set (find hits and search passages use them too)."""
        return self._colors

    def set_typography(
        self, font: QFont, colors: ReaderColors, indent: bool, max_chars: int
    ) -> None:
        self._base_font = font
        self._colors = colors
        self._indent = indent
        self._max_chars = max_chars
        self.setFont(font)
        self.setStyleSheet(
            f"QTextEdit#ReaderView {{ background: {colors.background}; color: {colors.text};"
            f" selection-background-color: {colors.selection}; selection-color: {colors.text}; }}"
        )
        self._update_margins()
        if self.text:
            offset = self.first_visible_offset()
            self._install_document()
            self._refresh_selections()
            self.scroll_to_offset(offset)

    def _format_document(self, doc: QTextDocument) -> None:
        metrics = QFontMetricsF(self._base_font)
        body = QTextBlockFormat()
        body.setLineHeight(LINE_HEIGHT_PERCENT, PROPORTIONAL)
        body.setTextIndent(metrics.horizontalAdvance("中") * 2 if self._indent else 0)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setBlockFormat(body)
        plain = QTextCharFormat()
        plain.setFont(self._base_font)
        cursor.setCharFormat(plain)
        gap = QTextBlockFormat()  # the blank line between paragraphs: half a line, not 1.7
        gap.setLineHeight(metrics.height() * PARAGRAPH_GAP, FIXED)
        for match in _BLANK_LINES.finditer(self.text):
            cursor.setPosition(self._map.to_qt(match.start() + 1))
            cursor.setBlockFormat(gap)
        if self._indent:  # a paragraph indented in the text itself gets no second indent
            own = QTextBlockFormat(body)
            own.setTextIndent(0)
            for match in _INDENTED_START.finditer(self.text):
                cursor.setPosition(self._map.to_qt(match.end()))
                cursor.setBlockFormat(own)
        for entry in self._outline:
            self._format_heading(doc, cursor, entry)
        cursor.endEditBlock()

    def _format_heading(self, doc: QTextDocument, cursor: QTextCursor, entry: OutlineEntry) -> None:
        block = doc.findBlock(self._map.to_qt(entry.start))
        if not block.isValid():
            return
        cursor.setPosition(block.position())
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * HEADING_SCALE.get(entry.level, 1.0))
        font.setBold(True)
        fmt.setFont(font)
        fmt.setForeground(QColor(self._colors.heading))
        cursor.setCharFormat(fmt)
        heading_block = QTextBlockFormat()
        heading_block.setTextIndent(0)
        heading_block.setTopMargin(QFontMetricsF(font).height() * 0.6)
        heading_block.setLineHeight(140, PROPORTIONAL)
        heading_block.setHeadingLevel(min(entry.level, 6))
        cursor.setBlockFormat(heading_block)

    def _update_margins(self) -> None:
        metrics = QFontMetricsF(self.font())
        measure = (
            metrics.horizontalAdvance("中") * self._max_chars + 2 * self.document().documentMargin()
        )
        side = max(12, int((self.width() - measure) / 2))
        self.setViewportMargins(side, 8, side, 8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        keep = (
            bool(self.text)
            and not self._loading
            and event.oldSize().width() != event.size().width()
        )
        offset = self.first_visible_offset() if keep else 0
        super().resizeEvent(event)
        self._update_margins()
        if keep and offset:
            self.scroll_to_offset(offset)

    # ----- offsets ---------------------------------------------------------------
    def to_qt(self, offset: int) -> int:
        return self._map.to_qt(offset)

    def from_qt(self, position: int) -> int:
        return self._map.from_qt(position)

    def selection_offsets(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self.from_qt(cursor.selectionStart()), self.from_qt(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int, *, reveal: bool = True) -> None:
        """Select ``[start, end)`` for the user to see; ``reveal`` scrolls it into view
        (a jump). The dictionary's span is selected where it is: no scrolling."""
        self.selection_by_user = False
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if reveal:
            self.ensure_visible(start)
            self.jumped.emit()

    def jump_to(self, offset: int) -> None:
        """Scroll ``offset`` to the top as a jump (outline, link, reading position)."""
        self.scroll_to_offset(offset)
        self.jumped.emit()

    def ensure_visible(self, offset: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(offset))
        rect = self.cursorRect(cursor)
        viewport = self.viewport().rect()
        if not viewport.adjusted(0, 40, 0, -40).contains(rect.topLeft()):
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - viewport.height() // 3)

    def _position_at(self, point: QPoint) -> int:
        """Qt position under a viewport point. Unlike ``cursorForPosition`` this asks the
        document layout directly, which lays out only up to that point (a 5 MB text is
        laid out lazily; forcing it all costs about a second)."""
        margin = self.document().documentMargin()
        x = max(point.x() + self.horizontalScrollBar().value(), margin + 1)
        y = max(point.y() + self.verticalScrollBar().value(), margin + 1)
        position = (
            self.document().documentLayout().hitTest(QPointF(x, y), Qt.HitTestAccuracy.FuzzyHit)
        )
        return max(0, min(position, self.document().characterCount() - 1))

    def first_visible_offset(self) -> int:
        position = self._position_at(QPoint(0, 0))
        block = self.document().findBlock(position)
        layout = block.layout()
        if layout is not None and layout.lineCount():
            line = layout.lineForTextPosition(position - block.position())
            if line.isValid():
                position = block.position() + line.textStart()
        return self.from_qt(position)

    def scroll_to_offset(self, offset: int) -> None:
        """Put the line holding ``offset`` at the top of the view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self.to_qt(offset), max(0, self.document().characterCount() - 1)))
        bar = self.verticalScrollBar()
        for _ in range(3):  # layout may grow as it goes; converge
            rect = self.cursorRect(cursor)
            if rect.top() == 0:
                break
            bar.setValue(bar.value() + rect.top())

    def offset_at(self, point: QPoint) -> int:
        return self.from_qt(self._position_at(point))

    def char_offset_at(self, point: QPoint) -> int:
        """The character under a viewport point (``offset_at`` gives the nearest cursor
        position: after a character when its right half is clicked)."""
        position = self._position_at(point)
        if position > 0:
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            rect = self.cursorRect(cursor)
            if rect.left() > point.x() and rect.top() <= point.y() <= rect.bottom():
                position -= 1
        return min(self.from_qt(position), max(0, len(self.text) - 1))

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of ``[start, end)``, a line each."""
        return self._mark_rects(Mark(start, end, ""))

    # ----- marks ---------------------------------------------------------------------
    def set_marks(self, marks: list[Mark]) -> None:
        self._marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._max_mark_len = max((m.end - m.start for m in self._marks), default=0)
        self._refresh_selections()

    def set_hits(self, hits: list[Mark]) -> None:
        self._hits = sorted(hits, key=lambda m: (m.start, m.end))
        self._refresh_selections()

    def set_current_annotation(self, annotation_id: int | None) -> None:
        self._current_annotation = annotation_id
        self._refresh_selections()

    @property
    def current_annotation(self) -> int | None:
        return self._current_annotation

    def marks(self) -> list[Mark]:
        return list(self._marks)

    def annotations_at(self, offset: int) -> list[Mark]:
        return [m for m in self._marks if m.annotation_id is not None and m.start <= offset < m.end]

    def _scrolled(self, _value: int) -> None:
        self._scroll_timer.start()
        lo, hi = self._visible_range()
        shown_lo, shown_hi = self._shown
        if lo < shown_lo or hi > shown_hi:
            self._refresh_selections()

    def _visible_range(self) -> tuple[int, int]:
        """Offsets on screen, widened by a screenful each way (so small scrolls redraw nothing)."""
        if not self.text:
            return (0, 0)
        top = self.offset_at(QPoint(0, 0))
        bottom = self.offset_at(QPoint(self.viewport().width(), self.viewport().height()))
        span = max(2000, bottom - top)
        return (max(0, top - span), min(len(self.text), bottom + span))

    def _marks_between(self, marks: list[Mark], lo: int, hi: int, longest: int) -> list[Mark]:
        first = bisect_left(marks, lo - longest, key=lambda m: m.start)
        found = []
        for mark in marks[first:]:
            if mark.start >= hi:
                break
            if mark.end > lo:
                found.append(mark)
        return found

    def _refresh_selections(self) -> None:
        """Marks are painted by :meth:`paintEvent`; this only decides which are near.

        Not ExtraSelections: setting those makes Qt finish laying out the whole
        document first, a second on a 5 MB text.
        """
        lo, hi = self._visible_range()
        self._shown = (lo, hi)
        longest_hit = max((m.end - m.start for m in self._hits), default=0)
        self._nearby = self._marks_between(self._marks, lo, hi, self._max_mark_len)
        self._nearby += self._marks_between(self._hits, lo, hi, longest_hit)
        self.viewport().update()

    def _mark_rects(self, mark: Mark) -> list[QRectF]:
        """Viewport rectangles covering the mark, line by line, from the laid-out text."""
        doc = self.document()
        layout = doc.documentLayout()
        dx = -self.horizontalScrollBar().value()
        dy = -self.verticalScrollBar().value()
        start, end = self.to_qt(mark.start), self.to_qt(mark.end)
        rects: list[QRectF] = []
        block = doc.findBlock(start)
        while block.isValid() and block.position() < end:
            text_layout = block.layout()
            box = layout.blockBoundingRect(block)
            base = block.position()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                a = max(start, base + line.textStart())
                b = min(end, base + line.textStart() + line.textLength())
                if a >= b:
                    continue
                x1 = _x(line.cursorToX(a - base))
                x2 = _x(line.cursorToX(b - base))
                rects.append(
                    QRectF(box.left() + x1 + dx, box.top() + line.y() + dy, x2 - x1, line.height())
                )
            block = block.next()
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        visible = QRectF(self.viewport().rect())
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        underlines: list[tuple[QRectF, QColor, bool]] = []
        dots: list[tuple[QRectF, QColor]] = []
        for mark in self._nearby:
            rects = [r for r in self._mark_rects(mark) if r.intersects(visible)]
            if not rects:
                continue
            color = QColor(mark.color)
            current = (
                mark.annotation_id is not None and mark.annotation_id == self._current_annotation
            )
            if mark.style == "underline":
                underlines += [(r, color.darker(130), current) for r in rects]
            else:
                fill = QColor(color)
                if mark.style != "hit":
                    fill.setAlpha(self._colors.highlight_alpha)
                for r in rects:
                    painter.fillRect(r, fill)
                if current:
                    underlines += [(r, color.darker(160), True) for r in rects]
            if mark.has_note:
                dots.append((rects[-1], color.darker(140)))
        painter.end()
        super().paintEvent(event)  # the text, over the highlights
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, color, dashed in underlines:
            pen = QPen(color, 2, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.drawLine(
                QPointF(rect.left(), rect.bottom() + 1), QPointF(rect.right(), rect.bottom() + 1)
            )
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, color in dots:
            painter.setBrush(color)
            painter.drawEllipse(QPointF(rect.right() + 3, rect.top() + 3), 3, 3)
        painter.end()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            offset = self.offset_at(event.pos())
            tips = [m.tooltip for m in self.annotations_at(offset) if m.tooltip]
            if tips:
                QToolTip.showText(event.globalPos(), "\n\n".join(tips), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.selection_by_user = True
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """With a dictionary: look up the word (it selects the dictionary's word, where
        Qt's word selection would take a whole run of Chinese)."""
        if (
            self.lookup_on_double_click
            and self.text
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.lookupRequested.emit(self.char_offset_at(event.position().toPoint()))
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Qt's menu (Copy, Select All) after ours; a right-click outside the selection
        puts the cursor there first, so "Look up" looks up the word clicked."""
        if self.text:
            offset = self.char_offset_at(event.pos())
            span = self.selection_offsets()
            if span is None or not span[0] <= offset < span[1]:
                cursor = QTextCursor(self.document())
                cursor.setPosition(self.to_qt(offset))
                self.setTextCursor(cursor)
        menu = self.createStandardContextMenu(event.pos())
        first = menu.actions()[0] if menu.actions() else None
        for action in self.context_actions:
            if first is None:
                menu.addAction(action)
            else:
                menu.insertAction(first, action)
        if self.context_actions and first is not None:
            menu.insertSeparator(first)
        self.last_context_menu = menu
        menu.exec(event.globalPos())
        menu.deleteLater()
        self.last_context_menu = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.selection_by_user = True
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            hits = self.annotations_at(self.offset_at(event.position().toPoint()))
            if hits:
                self.set_current_annotation(hits[-1].annotation_id)
                self.annotationActivated.emit(hits[-1].annotation_id or 0)
            elif self._current_annotation is not None:
                self.set_current_annotation(None)


def _x(value: object) -> float:
    """``QTextLine.cursorToX`` returns a float, or (float, int) in some bindings (its stub
    says ``object``)."""
    x = value[0] if isinstance(value, tuple) else value
    if not isinstance(x, int | float):
        raise TypeError(f"QTextLine.cursorToX gave {value!r}")
    return float(x)
