"""Keep the reader readable in a small window: side panels shrink, then collapse.

Qt gives a shrinking main window's lost width to the central widget and keeps every
dock's width, so at 800 px the reader was left a few characters wide beside an empty
annotations panel. After every resize of the window, and when a panel is opened, the
docks beside the reader shrink towards a usable width until the reader holds
``MIN_LINE_CHARS`` characters a line; if that is not enough a whole side collapses
(the right one first, unless the user just opened it). What was taken is given back,
last taken first, when the window grows or a panel is closed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStyle, QTextEdit

MIN_LINE_CHARS = 30
DOCK_FLOOR = 120  # px: narrower than this a panel is collapsed rather than shrunk
MAX_PASSES = 3  # re-measure after resizing docks (Qt applies new dock widths later)
READER_MIN_SIDE = 12  # the reader's smallest side margin (ReaderView._update_margins)
SIDES = (Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea)


@dataclass
class _Side:
    area: Qt.DockWidgetArea
    docks: list[QDockWidget]
    width: int
    floor: int

    @property
    def slack(self) -> int:
        return max(0, self.width - self.floor)


@dataclass
class _Taken:
    """Width taken from the docks of one side: shrunk to ``now``, or hidden (``now`` 0)."""

    docks: list[QDockWidget]
    width: int  # before
    now: int
    current: QDockWidget | None = None  # a collapsed tab group's front tab

    @property
    def collapsed(self) -> bool:
        return self.now == 0


def _floor(docks: list[QDockWidget]) -> int:
    return max([DOCK_FLOOR] + [d.minimumSizeHint().width() for d in docks])


class DockFitter(QObject):
    def __init__(
        self, window: QMainWindow, reader: QTextEdit, max_line_chars: Callable[[], int]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.max_line_chars = max_line_chars
        self.taken: list[_Taken] = []
        self._keep: Qt.DockWidgetArea | None = None  # the side the user just opened
        self._grown = False
        self._passes = 0
        self._settled = False  # until the first fit after the window is shown
        self._width = window.width()
        self._applying = False
        self._watched: set[str] = set()
        self._closed: set[str] = set()  # docks hidden now (closed, not behind a tab)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        window.installEventFilter(self)
        reader.installEventFilter(self)
        self._watch_docks()

    # ----- triggers ----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.unfold()  # the saved window state keeps the panels the user had open
        elif watched is self.window and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            width = self.window.width()
            self._grown = self._grown or width > self._width or event.type() == QEvent.Type.Show
            self._width = width
            self._timer.start(0)  # once the layout has given the children their sizes
        elif (
            watched is self.reader
            and event.type() == QEvent.Type.Resize
            and self._settled
            and not self._applying
            and self.deficit() > 0
        ):  # restored dock widths or a panel that appeared squeezed the reader after the
            # first fit: fit again (only ever to make room, so no back-and-forth)
            self._timer.start(0)
        return super().eventFilter(watched, event)

    def _watch_docks(self) -> None:
        for dock in self._docks():
            if dock.objectName() not in self._watched:
                self._watched.add(dock.objectName())
                if dock.isHidden():
                    self._closed.add(dock.objectName())
                dock.visibilityChanged.connect(lambda shown, d=dock: self._dock_toggled(d, shown))

    def _dock_toggled(self, dock: QDockWidget, shown: bool) -> None:
        name = dock.objectName()
        opened = shown and name in self._closed  # not a tab coming to the front
        if dock.isHidden():
            self._closed.add(name)
        else:
            self._closed.discard(name)
        if self._applying or not self._settled or not shiboken6.isValid(self.window):
            return  # ours, or every dock coming up with the window
        if opened:  # the user opened it: its side stays, the other makes room
            for entry in self.taken:
                if dock in entry.docks and entry.collapsed:
                    entry.docks.remove(dock)
            self._keep = self.window.dockWidgetArea(dock)
        elif not shown and dock.isHidden():  # closed: room to give back
            self._grown = True
        else:
            return  # a tab came to the front, or went behind another
        self._timer.start(0)

    # ----- measuring ---------------------------------------------------------------
    def deficit(self) -> int:
        """Pixels the reader lacks for its minimum line (negative: to spare)."""
        chars = min(MIN_LINE_CHARS, max(1, self.max_line_chars()))
        font = self.reader.document().defaultFont()  # what the text is laid out in
        advance = QFontMetricsF(font).horizontalAdvance("中")
        text = math.ceil(advance * chars + 2 * self.reader.document().documentMargin()) + 1
        margins = self.reader.viewportMargins()
        chrome = self.reader.width() - self.reader.viewport().width() - margins.left()
        chrome -= margins.right()  # the scroll bar and the frame
        return text + 2 * READER_MIN_SIDE + chrome - self.reader.width()

    def _docks(self) -> list[QDockWidget]:
        return [d for d in self.window.findChildren(QDockWidget) if d.parent() is self.window]

    def _sides(self) -> list[_Side]:
        sides = []
        for area in SIDES:
            docks = [
                d
                for d in self._docks()
                if not d.isHidden() and not d.isFloating() and self.window.dockWidgetArea(d) == area
            ]
            if docks:
                sides.append(_Side(area, docks, max(d.width() for d in docks), _floor(docks)))
        sides.sort(key=lambda s: s.area == self._keep)  # the side just opened goes last
        return sides

    def _separator(self) -> int:
        style = self.window.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, self.window)

    # ----- fitting -----------------------------------------------------------------
    def fit(self) -> None:
        if not shiboken6.isValid(self.window) or not self.window.isVisible():
            return
        self._watch_docks()
        layout = self.window.layout()
        if layout is not None:
            layout.activate()  # the children's sizes for the window's size, now
        deficit = self.deficit()
        if deficit > 0 and self._make_room(deficit) and self._passes < MAX_PASSES:
            self._passes += 1  # check again once the docks have their new widths
            self._timer.start(50)
            return
        if deficit <= 0 and self._grown and self.taken:
            self._give_back(-deficit)
        self._keep = None
        self._grown = False
        self._passes = 0
        self._settled = True

    def _make_room(self, deficit: int) -> bool:
        """Shrink, then collapse, docks for ``deficit`` pixels; False if nothing could go."""
        sides = self._sides()
        changed = False
        for i, side in enumerate(sides):
            rest = sides[i:]
            if deficit <= sum(s.slack for s in rest) or side.area == self._keep:
                for other in rest:  # shrinking is enough (or all that is allowed)
                    take = min(deficit, other.slack)
                    if take > 0:
                        self.taken.append(_Taken(other.docks, other.width, other.width - take))
                        self._resize(other.docks, other.width - take)
                        deficit -= take
                        changed = True
                    if deficit <= 0:
                        break
                return changed
            self._collapse(side)
            changed = True
            deficit -= side.width + self._separator()
            if deficit <= 0:
                break
        return changed

    def _give_back(self, room: int) -> None:
        separator = self._separator()
        while self.taken and room > 0:
            entry = self.taken[-1]
            docks = [d for d in entry.docks if shiboken6.isValid(d) and not d.isFloating()]
            if entry.collapsed:
                docks = [d for d in docks if d.isHidden()]
                if docks and room < _floor(docks) + separator:
                    return
                self.taken.pop()
                if docks:
                    width = min(entry.width, room - separator)
                    self._show(docks, entry.current)
                    self._resize(docks, width)
                    room -= width + separator
            else:
                docks = [d for d in docks if not d.isHidden()]
                now = max((d.width() for d in docks), default=0)
                if not docks or abs(now - entry.now) > 2:  # the user has resized it since
                    self.taken.pop()
                    continue
                give = min(room, entry.width - now)
                self._resize(docks, now + give)
                room -= give
                if now + give < entry.width:
                    entry.now = now + give
                    return
                self.taken.pop()

    def unfold(self) -> None:
        """Show every panel collapsed to make room (as the window closes)."""
        while self.taken:
            entry = self.taken.pop()
            if entry.collapsed:
                docks = [d for d in entry.docks if shiboken6.isValid(d) and d.isHidden()]
                self._show(docks, entry.current)

    def _collapse(self, side: _Side) -> None:
        current = next((d for d in side.docks if not d.visibleRegion().isEmpty()), None)
        self.taken.append(_Taken(list(side.docks), side.width, 0, current))
        self._applying = True
        try:
            for dock in side.docks:
                dock.hide()
        finally:
            self._applying = False

    def _show(self, docks: list[QDockWidget], current: QDockWidget | None) -> None:
        self._applying = True
        try:
            for dock in docks:
                dock.show()
            if current is not None and current in docks:
                current.raise_()
        finally:
            self._applying = False

    def _resize(self, docks: list[QDockWidget], width: int) -> None:
        self.window.resizeDocks(docks, [width] * len(docks), Qt.Orientation.Horizontal)
