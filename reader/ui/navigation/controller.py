"""Back/forward in the window: Alt+Left / Alt+Right, the mouse's side buttons, and the
Go menu's actions, enabled only when there is somewhere to go."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from reader.ui.navigation.history import History, Place


class NavigationController(QObject):
    """Records the place a jump leaves and goes back and forth between them.

    ``here`` says where the reader is (None with no document); ``go`` shows a place
    and returns False when it cannot (the document was deleted). It never sees the
    main window: only these two calls, its window for the mouse buttons, and its two
    actions.
    """

    def __init__(
        self,
        window: QWidget,
        back: QAction,
        forward: QAction,
        here: Callable[[], Place | None],
        go: Callable[[Place], bool],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.history = History()
        self.back_action = back
        self.forward_action = forward
        self._here = here
        self._go = go
        self._moving = False  # a back/forward of our own is not a jump to record
        back.triggered.connect(self.back)
        forward.triggered.connect(self.forward)
        app = QApplication.instance()
        if app is not None:  # there always is one once widgets exist
            app.installEventFilter(self)
        self._update()

    def leaving(self) -> None:
        """Call before a jump (search hit, heading, link, bookmark, annotation)."""
        if not self._moving and self.history.leaving(self._here()):
            self._update()

    def back(self) -> None:
        self._move(self.history.go_back)

    def forward(self) -> None:
        self._move(self.history.go_forward)

    def forget_document(self, doc_id: int) -> None:
        self.history.forget_document(doc_id)
        self._update()

    def _move(self, step: Callable[[Place | None], Place | None]) -> None:
        target = step(self._here())
        if target is not None:
            self._moving = True
            try:
                if not self._go(target):
                    self.history.forget_document(target.doc_id)
            finally:
                self._moving = False
        self._update()

    def _update(self) -> None:
        self.back_action.setEnabled(bool(self.history.back))
        self.forward_action.setEnabled(bool(self.history.forward))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The mouse's back and forward buttons, anywhere in the window."""
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton)
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            if event.button() == Qt.MouseButton.BackButton:
                self.back()
            else:
                self.forward()
            return True
        return super().eventFilter(watched, event)
