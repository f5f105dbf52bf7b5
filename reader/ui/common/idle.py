"""Background work that waits for a pause in the user's typing and clicking.

Loading the dictionary (CC-CEDICT, jieba, pypinyin: seconds of Python imports and
parsing on a worker thread) holds the GIL most of that time. Started while the user
types into the search panel, it stalled the search worker: keystrokes at 100 MB of
library took 0.3-0.6 s instead of under 0.1 s. Work started through :class:`WhenIdle`
waits until no key, input-method commit, click or wheel event has arrived for
``quiet_ms``. Anything that needs the work at once (a dictionary lookup) starts it
directly, without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

QUIET_MS = 1500

_INPUT = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.InputMethod,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
})


class WhenIdle(QObject):
    """Calls ``fn`` once, the first time the user has been idle for ``quiet_ms`` after
    :meth:`start`'s delay. Watches the application's input events only until then."""

    def __init__(
        self, fn: Callable[[], object], quiet_ms: int = QUIET_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._quiet = quiet_ms / 1000
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._watching = False

    def start(self, delay_ms: int) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True
        self._timer.start(delay_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last_input = time.monotonic()
        return False

    def _check(self) -> None:
        waited = time.monotonic() - self._last_input
        if waited < self._quiet:
            self._timer.start(int((self._quiet - waited) * 1000) + 1)
            return
        self._stop_watching()
        self._fn()

    def _stop_watching(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False
