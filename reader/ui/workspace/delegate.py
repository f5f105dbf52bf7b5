"""Paints one annotation of the workspace list: colour chip and label, quote, note,
tags, document, section path, page, dates; an orphaned one says so.

Every row has the same height (four lines), so the view never measures rows and a
list of 10 000 scrolls at once (``setUniformItemSizes``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.annotate.query import WorkspaceRow
from reader.ui.workspace.model import ROW

PAD = 6
CHIP = 10
ORPHAN_COLOR = "#c0392b"
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ELIDE_RIGHT, _ELIDE_MIDDLE = Qt.TextElideMode.ElideRight, Qt.TextElideMode.ElideMiddle


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


def day(stamp: str) -> str:
    """``2026-12-02T10:16:36+00:00`` → ``2026-12-02``."""
    return stamp[:10]


def meta_line(row: WorkspaceRow) -> str:
    """Tags · document · section · page: where the annotation is, in one line."""
    parts = [" ".join(f"#{t}" for t in row.annotation.tags), row.title]
    levels = row.section.split(" > ") if row.section else []
    if levels and levels[0] == row.title:  # the document's own title heading: said already
        levels = levels[1:]
    if levels:
        parts.append(" › ".join(levels))
    if row.page:
        parts.append(_tr("p. {0}").format(row.page))
    return "  ·  ".join(p for p in parts if p)


def dates_text(row: WorkspaceRow) -> str:
    ann = row.annotation
    if day(ann.updated) != day(ann.created):
        return _tr("{0}, edited {1}").format(day(ann.created), day(ann.updated))
    return day(ann.created)


class AnnotationDelegate(QStyledItemDelegate):
    """Elided lines are kept by (row, width): shaping CJK text is most of a row's paint."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._elided: dict[tuple, str] = {}

    def _elide(
        self, metrics: QFontMetrics, text: str, mode: Qt.TextElideMode, width: int, key: tuple
    ) -> str:
        key = (*key, width, metrics.height())
        found = self._elided.get(key)
        if found is None:
            if len(self._elided) > 5000:
                self._elided.clear()
            found = self._elided[key] = metrics.elidedText(text, mode, width)
        return found

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(320, 4 * line + 3 * 2 + 2 * PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(ROW)
        if not isinstance(row, WorkspaceRow):
            super().paint(painter, option, index)
            return
        ann = row.annotation
        stamp = (ann.id, ann.updated, ann.quote, ann.note, ann.tags, row.title, row.section)
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection and focus backgrounds as the platform draws them
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text_color)
        muted.setAlphaF(0.62)
        font = QFont(option.font)
        metrics = QFontMetrics(font)
        line = metrics.height()
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        y = rect.top()

        # 1: chip, label (and orphaned), dates on the right
        chip = QRect(rect.left(), y + (line - CHIP) // 2, CHIP, CHIP)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(row.color_hex))
        if ann.style == "underline":
            painter.drawRect(chip.left(), chip.bottom() - 2, CHIP, 3)
        else:
            painter.drawRoundedRect(chip, 2, 2)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        painter.setFont(small)
        dates = dates_text(row)
        dates_width = QFontMetrics(small).horizontalAdvance(dates) + 4
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.right() - dates_width, y, dates_width, line),
            _RIGHT,
            dates,
        )
        label = row.color_label
        if ann.style == "underline":
            label += "  " + _tr("underline")
        painter.setPen(text_color)
        label_rect = QRect(chip.right() + 6, y, rect.width() - CHIP - 6 - dates_width, line)
        painter.drawText(label_rect, _LEFT, label)
        if ann.orphaned:
            used = QFontMetrics(small).horizontalAdvance(label) + 12
            painter.setPen(QColor("#ff8a80") if selected else QColor(ORPHAN_COLOR))
            painter.drawText(
                label_rect.adjusted(used, 0, 0, 0),
                _LEFT,
                "⚠ " + _tr("orphaned: its words are gone from the text"),
            )
        y += line + 2

        # 2: the quote
        painter.setFont(font)
        painter.setPen(text_color)
        quote = "“" + " ".join(ann.quote.split()) + "”"
        painter.drawText(
            QRect(rect.left(), y, rect.width(), line),
            _LEFT,
            self._elide(metrics, quote, _ELIDE_RIGHT, rect.width(), (*stamp, 1)),
        )
        y += line + 2

        # 3: the note
        if ann.note:
            italic = QFont(font)
            italic.setItalic(True)
            painter.setFont(italic)
            note = "✎ " + " ".join(ann.note.split())
            painter.drawText(
                QRect(rect.left(), y, rect.width(), line),
                _LEFT,
                self._elide(
                    QFontMetrics(italic),
                    note,
                    _ELIDE_RIGHT,
                    rect.width(),
                    (*stamp, 2),
                ),  # fmt: skip
            )
        y += line + 2

        # 4: tags, document, section, page
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.left(), y, rect.width(), line),
            _LEFT,
            self._elide(
                QFontMetrics(small),
                meta_line(row),
                _ELIDE_MIDDLE,
                rect.width(),
                (*stamp, 3),
            ),  # fmt: skip
        )
        painter.restore()
