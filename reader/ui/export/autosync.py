""""Sync after every annotation change" for the GUI: a debounced call of the Qt-free
:func:`reader.core.export.sync.sync_after_change`, off the GUI thread.

Annotating in a burst (five highlights in ten seconds) syncs once, a second after the
last change; the setting is read at each sync, so turning it on in ``settings.json``
needs no restart. The sync renders and writes every changed document's note (1.5 s
for a document with 10,000 annotations), so it runs as a :class:`Job` on its own
SQLite connection: highlighting never waits for it. One sync runs at a time; changes
made meanwhile are synced after it. The window's hook is one call::

    self.notes_autosync.changed(changes.annotations)   # in apply_changes
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from reader.core.export.sync import SyncReport, sync_after_change
from reader.core.storage.db import open_database
from reader.platform.paths import library_path
from reader.ui.common.jobs import Job, Jobs

DELAY_MS = 1000


class NotesAutoSync(QObject):
    def __init__(
        self,
        data_dir: Path,
        jobs: Jobs,
        notify: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir, self.jobs, self.notify = data_dir, jobs, notify
        self.pending: set[int] = set()
        self._job: Job | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.flush)

    def changed(self, doc_ids: Iterable[int]) -> None:
        ids = set(doc_ids)
        if ids:
            self.pending |= ids
            self.timer.start()

    def idle(self) -> bool:
        """Nothing waiting and no sync running (tests and the window's close wait for it)."""
        return not self.pending and self._job is None and not self.timer.isActive()

    def flush(self) -> None:
        if self._job is not None:  # one at a time: these go after it
            return
        ids, self.pending = sorted(self.pending), set()
        if not ids:
            return
        data_dir = self.data_dir

        def run(_job: Job) -> SyncReport | None:
            db = open_database(library_path(data_dir))
            try:
                return sync_after_change(data_dir, db, ids)
            finally:
                db.close()

        self._job = self.jobs.run(run, "pizhu-notes-sync")
        self._job.done.connect(self._synced)
        self._job.failed.connect(
            lambda message: self.notify(self.tr("Notes sync failed: {0}").format(message))
        )
        self._job.finished.connect(self._ended)

    def _synced(self, report: SyncReport | None) -> None:
        if report is not None and report.conflicts:
            self.notify(
                self.tr("Notes sync: {0} note(s) edited inside the Pizhu region were left alone")
                .format(len(report.conflicts))
            )

    def _ended(self) -> None:
        self._job = None
        if self.pending:
            self.timer.start()
