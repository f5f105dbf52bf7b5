"""Python's cycle collector, run on the GUI thread only while the app runs.

The collector runs on whichever thread happens to allocate past its threshold: the
search worker, an import, a preview render. Qt objects caught in reference cycles
(a widget whose slot is a lambda holding it) are then destroyed on that thread, and Qt
crashes (seen in test runs with the notes sync as a job). As Anki does, automatic
collection is off while the window runs, and a timer on the GUI thread collects
instead, the same generations Python would have, by the same counts.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def due_generation(counts: tuple[int, int, int], thresholds: tuple[int, ...]) -> int | None:
    """The oldest generation whose count passed its threshold (what Python would collect)."""
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            return generation
    return None


class GuiCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect what is due; returns the unreachable objects found."""
        generation = due_generation(gc.get_count(), gc.get_threshold())
        return 0 if generation is None else gc.collect(generation)

    def stop(self) -> None:
        """Give collection back to Python (the window closed; threads are done)."""
        self.timer.stop()
        if self._was_enabled:
            gc.enable()
