"""Reading time: the reader's moves and the window's activation fed to an ActivityClock.

The clock (:class:`reader.core.study.ActivityClock`) decides what counts; this only
tells it what happens: a timer tick every few seconds, every scroll and cursor move
(collected for a moment, so a jump is known as a jump before its scroll is counted),
the window becoming active or not, jumps (outline, search hit, link, annotation:
:attr:`ReaderView.jumped`), and another document opening. Each sample it hands back is
recorded with :meth:`ReadingStats.record`, one small transaction, at most twice a
minute; what is pending is recorded when the document changes and when the window
closes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from reader.core.changes import Changes
from reader.core.storage.db import transaction
from reader.core.study import ActivityClock, ReadingStats, Sample
from reader.errors import PizhuError
from reader.ui.reading.view import ReaderView

TICK_MS = 5000
MOVE_SETTLE_MS = 250


class ReadingActivity(QObject):
    def __init__(
        self,
        parent: QObject,
        reader: ReaderView,
        stats: ReadingStats,
        is_active: Callable[[], bool],
        notify: Callable[[Changes], None],
        *,
        clock_factory: Callable[[], ActivityClock] = ActivityClock,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.stats = stats
        self.is_active = is_active
        self.notify = notify
        self.clock_factory = clock_factory
        self.now = now
        self.clock: ActivityClock | None = None
        self.doc_id: int | None = None
        self._position = 0  # the last position the clock was told
        self._cursor_moved = False
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._settle = QTimer(self, singleShot=True, interval=MOVE_SETTLE_MS)
        self._settle.timeout.connect(self.tick)
        reader.verticalScrollBar().valueChanged.connect(lambda _v: self._settle.start())
        reader.cursorPositionChanged.connect(self._cursor_move)
        reader.jumped.connect(self._jumped)
        reader.documentChanged.connect(self._document_changed)

    # ----- what happens ------------------------------------------------------------------
    def tick(self) -> None:
        """Tell the clock the state now; record what it hands back."""
        self._settle.stop()
        if self.clock is None or self.doc_id is None:
            self._cursor_moved = False
            return
        now, active = self.now(), self.is_active()
        position = self.reader.first_visible_offset()
        samples = []
        if self._cursor_moved and active and position == self._position:
            # A cursor move that does not scroll is a move too; the clock sees moves as a
            # change of position, so it is told what also marks activity: the window
            # becoming active again at this instant (a zero-length inactive moment).
            samples.append(self.clock.tick(now, False, position))
        self._cursor_moved = False
        samples.append(self.clock.tick(now, active, position))
        self._position = position
        for sample in samples:
            self._record(self.doc_id, sample)

    def activation_changed(self) -> None:
        """The window was activated or deactivated (the main window's changeEvent)."""
        self.tick()

    def flush(self) -> None:
        """Record what is pending (the document closes, the window closes)."""
        if self.clock is None or self.doc_id is None:
            return
        # The last tick may itself be the one that hands over a sample: record it too.
        self._record(self.doc_id, self.clock.tick(self.now(), self.is_active(), self._position))
        self._record(self.doc_id, self.clock.flush())

    def _cursor_move(self) -> None:
        self._cursor_moved = True
        self._settle.start()

    def _jumped(self) -> None:
        """Not reading: the view was taken elsewhere. Counting starts again from there."""
        if self.clock is None:
            return
        position = self.reader.first_visible_offset()
        if position != self._position:
            self.clock.jump(position)

    def _document_changed(self) -> None:
        self.flush()
        self.doc_id = self.reader.doc_id
        self.clock = self.clock_factory() if self.doc_id is not None else None
        self._cursor_moved = False
        if self.clock is not None:
            self._position = self.reader.first_visible_offset()
            self.clock.tick(self.now(), self.is_active(), self._position)

    def _record(self, doc_id: int, sample: Sample | None) -> None:
        if sample is None:
            return
        try:
            with transaction(self.stats.db):
                changes = self.stats.record(doc_id, sample.seconds, sample.chars_read)
        except PizhuError:  # the document was deleted meanwhile: its time went with it
            return
        self.notify(changes)
