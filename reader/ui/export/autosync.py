""""Sync after every annotation change" for the GUI: a debounced call of the Qt-free
:func:`reader.core.export.sync.sync_after_change`.

Annotating in a burst (five highlights in ten seconds) syncs once, a second after the
last change; the setting is read at each sync, so turning it on in ``settings.json``
needs no restart. The window's hook is one call::

    self.notes_autosync.changed(changes.annotations)   # in apply_changes
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from sqlite_utils import Database

from reader.core.export.sync import sync_after_change
from reader.errors import PizhuError

DELAY_MS = 1000


class NotesAutoSync(QObject):
    def __init__(
        self,
        data_dir: Path,
        db: Database,
        notify: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir, self.db, self.notify = data_dir, db, notify
        self.pending: set[int] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.flush)

    def changed(self, doc_ids: Iterable[int]) -> None:
        ids = set(doc_ids)
        if ids:
            self.pending |= ids
            self.timer.start()

    def flush(self) -> None:
        ids, self.pending = sorted(self.pending), set()
        if not ids:
            return
        try:
            report = sync_after_change(self.data_dir, self.db, ids)
        except PizhuError as exc:
            self.notify(self.tr("Notes sync failed: {0}").format(exc))
            return
        if report is not None and report.conflicts:
            self.notify(
                self.tr("Notes sync: {0} note(s) edited inside the Pizhu region were left alone")
                .format(len(report.conflicts))
            )
