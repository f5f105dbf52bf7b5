"""The small toolbar that appears next to a selection in the reader."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from reader.ui.annotations.panel import color_icon

GAP = 6  # px between the toolbar and the selected line
EDGE = 4  # px kept from the reader's edges


class SelectionToolbar(QFrame):
    """Buttons trigger the same registry actions as the keys, so both paths are one."""

    def __init__(
        self,
        parent: QWidget,
        color_actions: list[tuple[QAction, str]],
        actions: list[tuple[QAction, str]],
    ) -> None:
        super().__init__(parent)
        self._host = parent  # what it is placed in (parentWidget() may be None to pyright)
        self.setObjectName("SelectionToolbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        for action, hex_color in color_actions:
            layout.addWidget(self._button(action, icon_color=hex_color))
        for action, label in actions:
            layout.addWidget(self._button(action, label=label))
        self.hide()

    def _button(self, action: QAction, icon_color: str = "", label: str = "") -> QToolButton:
        button = QToolButton(self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRaise(True)
        button.setToolTip(f"{action.text().replace('&', '')}  ({action.shortcut().toString()})")
        if icon_color:
            button.setIcon(color_icon(icon_color, 14))
        else:
            button.setText(label)
        button.clicked.connect(action.trigger)
        return button

    def show_near(self, anchor: QPoint) -> None:
        """``anchor`` is the top-left of the selection, in the parent's coordinates."""
        self.show_beside([QRectF(QPointF(anchor), QSizeF(1, 1))])

    def show_beside(self, lines: list[QRectF]) -> None:
        """Above the selection's first line, or below its last if there is no room
        above: never over a selected line. ``lines`` are the selection's line rectangles
        (the first and the last will do), in the parent's coordinates."""
        if not lines:
            self.hide()
            return
        self.adjustSize()
        parent = self._host
        top = min(r.top() for r in lines)
        bottom = max(r.bottom() for r in lines)
        x = min(max(EDGE, int(lines[0].left())), parent.width() - self.width() - EDGE)
        y = math.floor(top) - self.height() - GAP
        if y < EDGE:  # no room above: below the last line, if it fits there
            below = math.ceil(bottom) + GAP
            y = below if below + self.height() <= parent.height() - EDGE else EDGE
        self.move(x, y)
        self.show()
        self.raise_()
