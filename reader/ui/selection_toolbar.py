"""The small toolbar that appears next to a selection in the reader."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from reader.ui.annotations_panel import color_icon


class SelectionToolbar(QFrame):
    """Buttons trigger the same registry actions as the keys, so both paths are one."""

    def __init__(
        self,
        parent: QWidget,
        color_actions: list[tuple[QAction, str]],
        actions: list[tuple[QAction, str]],
    ) -> None:
        super().__init__(parent)
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
        self.adjustSize()
        parent = self.parentWidget()
        x = min(max(4, anchor.x()), parent.width() - self.width() - 4)
        y = anchor.y() - self.height() - 6
        if y < 4:
            y = anchor.y() + 28
        self.move(x, y)
        self.show()
        self.raise_()
