"""Reading statistics: a bar per day for the last four weeks, and per-document totals.

Drawn with QPainter (no web view, no QtCharts): the bars are reading minutes, the dots
above them the annotations made that day; hovering a day says both. The widget keeps
what it paints in :attr:`DayBars.bars`, so what is drawn can be checked without pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.study import DayTotal, DocTotal, ReadingStats

DAYS = 28
BAR_COLOR = "#4c8bf5"
ANNOTATION_COLOR = "#e8833a"


@dataclass(frozen=True)
class Bar:
    day: str  # YYYY-MM-DD
    minutes: float
    chars_read: int
    annotations: int


def minutes_text(seconds: int) -> str:
    """``1 h 05 min``, ``12 min``, ``<1 min``: what a reader wants to know, not seconds."""
    minutes = round(seconds / 60)
    if seconds and not minutes:
        return QCoreApplication.translate("StatisticsDialog", "<1 min")
    hours, rest = divmod(minutes, 60)
    if hours:
        return QCoreApplication.translate("StatisticsDialog", "{0} h {1} min").format(
            hours, f"{rest:02d}"
        )
    return QCoreApplication.translate("StatisticsDialog", "{0} min").format(rest)


class DayBars(QWidget):
    """Reading minutes per day as bars; annotations made as dots on a second scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DayBars")
        self.setMinimumHeight(170)
        self.setMouseTracking(True)
        self.bars: list[Bar] = []

    def sizeHint(self) -> QSize:
        return QSize(640, 200)

    def set_days(self, days: list[DayTotal]) -> None:
        self.bars = [Bar(d.day, d.seconds / 60, d.chars_read, d.annotations) for d in days]
        self.update()

    def _plot(self) -> QRectF:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance(minutes_text(1440 * 60)) + 10
        return QRectF(left, 8, self.width() - left - 8, self.height() - metrics.height() - 16)

    def _scale(self) -> tuple[float, int]:
        """The top of the minutes axis (a round number) and of the annotations axis."""
        most = max((b.minutes for b in self.bars), default=0.0)
        steps = (5, 10, 15, 30, 60, 90, 120, 180, 240, 360, 480, 720, 1440)
        top = next((s for s in steps if s >= most), math.ceil(most))
        return float(max(top, 5)), max((b.annotations for b in self.bars), default=0)

    def bar_rect(self, index: int) -> QRectF:
        plot = self._plot()
        slot = plot.width() / max(1, len(self.bars))
        top, _most = self._scale()
        height = plot.height() * min(1.0, self.bars[index].minutes / top)
        x = plot.left() + index * slot + slot * 0.15
        return QRectF(x, plot.bottom() - height, slot * 0.7, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(40)
        plot = self._plot()
        top, most_annotations = self._scale()
        metrics = self.fontMetrics()
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - plot.height() * fraction
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            label = minutes_text(round(top * fraction) * 60) if fraction else "0"
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, plot.left() - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        if not self.bars:
            painter.end()
            return
        slot = plot.width() / len(self.bars)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, bar in enumerate(self.bars):
            rect = self.bar_rect(i)
            if bar.minutes > 0:
                painter.setBrush(QColor(BAR_COLOR))
                painter.drawRoundedRect(rect.adjusted(0, -1, 0, 0), 2, 2)
            if bar.annotations and most_annotations:
                y = plot.bottom() - plot.height() * bar.annotations / most_annotations
                painter.setBrush(QColor(ANNOTATION_COLOR))
                painter.drawEllipse(QPointF(rect.center().x(), y), 3.5, 3.5)
        painter.setPen(text)
        for i, bar in enumerate(self.bars):  # a date under every Monday, and the last day
            day = date.fromisoformat(bar.day)
            if day.weekday() != 0 and i != len(self.bars) - 1:
                continue
            x = plot.left() + i * slot + slot / 2
            label = f"{day.month}/{day.day}"
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(x - width / 2, self.height() - 6), label)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == event.Type.ToolTip and self.bars:
            assert isinstance(event, QHelpEvent)
            plot = self._plot()
            slot = plot.width() / len(self.bars)
            index = int((event.pos().x() - plot.left()) // slot)
            if 0 <= index < len(self.bars):
                QToolTip.showText(event.globalPos(), self.tooltip(index), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip(self, index: int) -> str:
        bar = self.bars[index]
        return self.tr("{0}: {1} reading, {2} characters, {3} annotations").format(
            bar.day, minutes_text(round(bar.minutes * 60)), f"{bar.chars_read:,}", bar.annotations
        )


class StatisticsDialog(QDialog):
    """Totals, the last four weeks, and every document read or annotated."""

    openRequested = Signal(int)  # doc id

    def __init__(self, stats: ReadingStats, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatisticsDialog")
        self.setWindowTitle(self.tr("Reading Statistics"))
        self.resize(760, 620)
        self.stats = stats
        self.totals = QLabel()
        self.totals.setObjectName("StatisticsTotals")
        self.totals.setWordWrap(True)
        self.chart = DayBars()
        legend = QLabel(
            self.tr(
                '<span style="color:{0}">■</span> minutes read per day (last 4 weeks)'
                ' &nbsp; <span style="color:{1}">●</span> annotations made'
            ).format(BAR_COLOR, ANNOTATION_COLOR)
        )
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("StatisticsDocuments")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Time"), self.tr("Characters read"),
             self.tr("Annotations"), self.tr("Last read")]
        )  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(self.chart, 2)
        layout.addWidget(legend)
        layout.addWidget(self.table, 3)
        self.documents: list[DocTotal] = []

    def refresh(self) -> None:
        totals = self.stats.totals()
        self.totals.setText(
            self.tr(
                "<b>{0}</b> reading on {1} days · {2} characters read · {3} documents ·"
                " {4} annotations · {5} words kept"
            ).format(
                minutes_text(totals["seconds"]),
                totals["days_read"],
                f"{totals['chars_read']:,}",
                totals["documents_read"],
                totals["annotations"],
                totals["words"],
            )  # fmt: skip
        )
        self.chart.set_days(self.stats.per_day(DAYS))
        self.documents = self.stats.per_document()
        self.table.setRowCount(len(self.documents))
        for row, doc in enumerate(self.documents):
            cells = (
                doc.title,
                minutes_text(doc.seconds),
                f"{doc.chars_read:,}",
                str(doc.annotations),
                doc.last_read or "—",
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(Qt.ItemDataRole.UserRole, doc.doc_id)
                self.table.setItem(row, column, item)

    def _activated(self, item: QTableWidgetItem) -> None:
        self.openRequested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
