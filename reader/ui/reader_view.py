"""The reader pane: the canonical text, typeset for Chinese, with annotations drawn on it.

Offsets in and out of this widget are code points into the canonical text; the
conversion to Qt's UTF-16 positions happens here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from reader.core.textparse import OutlineEntry
from reader.core.utf16 import Utf16Map
from reader.ui.theme import THEMES, ReaderColors

LINE_HEIGHT_PERCENT = 170
PARAGRAPH_GAP = 0.7  # of a line
PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
FIXED = QTextBlockFormat.LineHeightTypes.FixedHeight.value
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
        self.text = ""
        self._map = Utf16Map("")
        self._outline: list[OutlineEntry] = []
        self._marks: list[Mark] = []
        self._hits: list[Mark] = []
        self._current_annotation: int | None = None
        self._colors: ReaderColors = THEMES["light"]
        self._base_font = QFont()
        self._indent = False
        self._max_chars = 42
        self.selectionChanged.connect(self.selectionOffsetsChanged)
        self._scroll_timer = QTimer(self, singleShot=True, interval=150)
        self._scroll_timer.timeout.connect(
            lambda: self.firstVisibleChanged.emit(self.first_visible_offset())
        )
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._scroll_timer.start())

    # ----- loading and typography -------------------------------------------------
    def load(self, doc_id: int, text: str, outline: list[OutlineEntry]) -> None:
        self.doc_id = doc_id
        self.text = text
        self._map = Utf16Map(text)
        self._outline = outline
        self._marks = []
        self._hits = []
        self._current_annotation = None
        self.setPlainText(text)
        self._format_document()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def clear_document(self) -> None:
        self.doc_id = None
        self.text = ""
        self._map = Utf16Map("")
        self._outline = []
        self._marks = []
        self._hits = []
        self.setPlainText("")

    def set_typography(
        self, font: QFont, colors: ReaderColors, indent: bool, max_chars: int
    ) -> None:
        self._base_font = font
        self._colors = colors
        self._indent = indent
        self._max_chars = max_chars
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.setStyleSheet(
            f"QTextEdit#ReaderView {{ background: {colors.background}; color: {colors.text};"
            f" selection-background-color: {colors.selection}; selection-color: {colors.text}; }}"
        )
        self._update_margins()
        if self.text:
            offset = self.first_visible_offset()
            self._format_document()
            self._refresh_selections()
            self.scroll_to_offset(offset)

    def _format_document(self) -> None:
        doc = self.document()
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
        for entry in self._outline:
            self._format_heading(cursor, entry)
        cursor.endEditBlock()

    def _format_heading(self, cursor: QTextCursor, entry: OutlineEntry) -> None:
        block = self.document().findBlock(self._map.to_qt(entry.start))
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
        offset = self.first_visible_offset() if self.text else 0
        super().resizeEvent(event)
        self._update_margins()
        if self.text and offset:
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

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensure_visible(start)

    def ensure_visible(self, offset: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(offset))
        rect = self.cursorRect(cursor)
        viewport = self.viewport().rect()
        if not viewport.adjusted(0, 40, 0, -40).contains(rect.topLeft()):
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - viewport.height() // 3)

    def first_visible_offset(self) -> int:
        position = self.cursorForPosition(QPoint(2, 2)).position()
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
        return self.from_qt(self.cursorForPosition(point).position())

    # ----- marks ---------------------------------------------------------------------
    def set_marks(self, marks: list[Mark]) -> None:
        self._marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._refresh_selections()

    def set_hits(self, hits: list[Mark]) -> None:
        self._hits = hits
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

    def _refresh_selections(self) -> None:
        selections = []
        for mark in [*self._marks, *self._hits]:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.to_qt(mark.start))
            cursor.setPosition(self.to_qt(mark.end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            color = QColor(mark.color)
            if mark.style == "underline":
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(color.darker(130))
                fmt.setFontUnderline(True)
            elif mark.style == "hit":
                fmt.setBackground(color)
            else:
                color.setAlpha(self._colors.highlight_alpha)
                fmt.setBackground(color)
            if mark.annotation_id is not None and mark.annotation_id == self._current_annotation:
                outline = QColor(mark.color).darker(150)
                outline.setAlpha(255)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(outline)
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)
        self.viewport().update()

    # ----- painting note markers, tooltips, clicks --------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        noted = [m for m in self._marks if m.has_note]
        if not noted:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        visible = self.viewport().rect()
        for mark in noted:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.to_qt(mark.end))
            rect: QRect = self.cursorRect(cursor)
            if not visible.intersects(rect):
                continue
            color = QColor(mark.color).darker(140)
            painter.setBrush(color)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPoint(rect.right() + 3, rect.top() + 3), 3, 3)
        painter.end()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            offset = self.offset_at(event.pos())  # type: ignore[attr-defined]
            tips = [m.tooltip for m in self.annotations_at(offset) if m.tooltip]
            if tips:
                QToolTip.showText(event.globalPos(), "\n\n".join(tips), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            hits = self.annotations_at(self.offset_at(event.position().toPoint()))
            if hits:
                self.set_current_annotation(hits[-1].annotation_id)
                self.annotationActivated.emit(hits[-1].annotation_id or 0)
            elif self._current_annotation is not None:
                self.set_current_annotation(None)
