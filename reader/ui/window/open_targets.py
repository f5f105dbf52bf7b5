"""Open what the command line (or a second launch) asked for: files and ``pizhu://`` links.

On macOS, Finder and the browser do not pass these on the command line: they send
the running app a ``QFileOpenEvent``, which :class:`TargetOpener` takes as an event
filter on the application.

A file is always sent through the importer: a new file is imported, a known one
comes back ``unchanged`` with its id (or ``updated`` if it changed on disk), so
"open this file" never creates a duplicate. Imports run one at a time, so targets
arriving while an import runs wait in a queue.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

from reader.app.links import is_link, parse_link
from reader.errors import UsageError


class TargetOpener(QObject):
    def __init__(self, window) -> None:  # MainWindow; imported lazily by app.py
        super().__init__(window)
        self.window = window
        self._queue: deque[str] = deque()
        self._importing: Path | None = None

    def open_targets(self, targets: list[str]) -> None:
        """Queue ``targets`` and raise the window (a second launch should be seen)."""
        self._queue.extend(targets)
        self._raise_window()
        self._next()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            target = url.toString() if url.scheme() == "pizhu" else event.file()
            if target:
                self.open_targets([target])
                return True
        return super().eventFilter(watched, event)

    def _raise_window(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def _next(self) -> None:
        while self._queue and self._importing is None:
            target = self._queue.popleft()
            if is_link(target):
                self._open_link(target)
            else:
                self._import_and_open(Path(target))

    def _open_link(self, text: str) -> None:
        try:
            link = parse_link(text)
        except UsageError as exc:
            self.window.show_error(str(exc))
            return
        self.window.open_document(link.doc, link.pos)

    def _import_and_open(self, path: Path) -> None:
        running = self.window.library_actions.import_worker
        if running is not None:  # the user's own import: try again after it
            self._queue.appendleft(str(path))
            running.finished.connect(self._next)
            return
        worker = self.window.library_actions.start_import([path])
        if worker is None:
            return
        self._importing = path
        worker.done.connect(self._imported)
        worker.finished.connect(self._import_finished)

    def _imported(self, results: list) -> None:
        opened = next((r.doc_id for r in results if r.doc_id), None)
        if opened is not None and self.window.reader.doc_id != opened:
            self.window.open_document(opened)

    def _import_finished(self) -> None:
        self._importing = None
        self._next()
