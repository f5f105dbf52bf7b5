"""A thin strip beside the scrollbar marking where highlights and hits are; click jumps."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

STRIP_WIDTH = 10


class OverviewStrip(QWidget):
    jumpRequested = Signal(int)  # code-point offset

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OverviewStrip")
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Highlights and search hits; click to jump"))
        self._length = 1
        self._marks: list[tuple[int, str]] = []
        self._hits: list[int] = []
        self._viewport = (0.0, 0.0)

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 100)

    def set_length(self, length: int) -> None:
        self._length = max(1, length)
        self.update()

    def set_marks(self, marks: list[tuple[int, str]]) -> None:
        self._marks = marks
        self.update()

    def set_hits(self, offsets: list[int]) -> None:
        self._hits = offsets
        self.update()

    def hit_count(self) -> int:
        return len(self._hits)

    def mark_count(self) -> int:
        return len(self._marks)

    def set_viewport(self, top: float, bottom: float) -> None:
        self._viewport = (top, bottom)
        self.update()

    def _y(self, offset: int) -> float:
        return (self.height() - 2) * offset / self._length + 1

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        top, bottom = self._viewport
        shade = self.palette().mid().color()
        shade.setAlpha(60)
        painter.fillRect(
            QRectF(0, top * self.height(), self.width(), max(4.0, (bottom - top) * self.height())),
            shade,
        )
        for offset, color in self._marks:
            painter.fillRect(QRectF(1, self._y(offset) - 1, self.width() - 2, 3), QColor(color))
        hit_color = QColor("#e8590c")
        for offset in self._hits:
            painter.fillRect(
                QRectF(self.width() / 2, self._y(offset) - 1, self.width() / 2, 2), hit_color
            )
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.height() > 0:
            fraction = min(1.0, max(0.0, event.position().y() / self.height()))
            self.jumpRequested.emit(int(fraction * self._length))
