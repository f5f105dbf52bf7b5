"""Find in the current document (Ctrl+F), with library search's matching rules:
traditional = simplified, full-width = half-width, case-insensitive."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.core.search.fold import fold
from reader.core.search.positions import occurrences


class _FindLine(QLineEdit):
    step = Signal(int)
    closed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
            self.step.emit(-1 if mods & Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if key == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)


def _tool_button(text: str, tip: str) -> QToolButton:
    """A flat, unfocusable button: the find line keeps the keyboard."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class FindBar(QWidget):
    """Finds in a text it is given; the window shows the matches in the reader."""

    matchesChanged = Signal(list, int)  # [(start, end)], current index (-1: none)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.line = _FindLine()
        self.line.setObjectName("FindLine")
        self.line.setPlaceholderText(self.tr("Find in document"))
        self.line.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("FindCount")
        self.count.setMinimumWidth(70)
        prev_button = _tool_button("↑", self.tr("Previous (Shift+Enter, Shift+F3)"))
        next_button = _tool_button("↓", self.tr("Next (Enter, F3)"))
        close_button = _tool_button("✕", self.tr("Close (Esc)"))
        prev_button.clicked.connect(lambda: self.step(-1))
        next_button.clicked.connect(lambda: self.step(1))
        close_button.clicked.connect(self.closed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.count)
        layout.addWidget(prev_button)
        layout.addWidget(next_button)
        layout.addWidget(close_button)
        self._text = ""
        self._folded: str | None = None
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self._anchor = 0
        self._debounce = QTimer(self, singleShot=True, interval=80)
        self._debounce.timeout.connect(self.refresh)
        self.line.textChanged.connect(lambda _t: self._debounce.start())
        self.line.step.connect(self.step)
        self.line.closed.connect(self.closed)

    def set_text(self, text: str) -> None:
        self._text = text
        self._folded = None
        if self.isVisible() and self.line.text():
            self.refresh()

    def start(self, anchor: int, initial: str = "") -> None:
        """Show and focus; matches are counted from ``anchor`` (the reader's position)."""
        self._anchor = anchor
        if initial:
            self.line.setText(initial)
        self.show()
        self.line.setFocus()
        self.line.selectAll()
        self.refresh()

    def refresh(self) -> None:
        self._debounce.stop()
        query = self.line.text()
        if not query or not self._text:
            self.matches, self.current = [], -1
        else:
            if self._folded is None:
                self._folded = fold(self._text)  # length-preserving: offsets stay valid
            self.matches = occurrences(self._folded, [fold(query)])
            self.current = next(
                (i for i, (start, _e) in enumerate(self.matches) if start >= self._anchor),
                0 if self.matches else -1,
            )
        self._emit()

    def step(self, direction: int) -> None:
        if not self.matches:
            self.refresh()
            if not self.matches:
                return
        self.current = (self.current + direction) % len(self.matches)
        self._anchor = self.matches[self.current][0]
        self._emit()

    def _emit(self) -> None:
        if self.matches:
            self.count.setText(f"{self.current + 1}/{len(self.matches)}")
        else:
            self.count.setText(self.tr("0 found") if self.line.text() else "")
        self.matchesChanged.emit(self.matches, self.current)
