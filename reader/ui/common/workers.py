"""Long work off the GUI thread: each worker opens its own SQLite connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from reader.core.library import Library
from reader.errors import PizhuError


class ImportWorker(QThread):
    """Runs an import in one transaction; cancelling rolls the whole import back."""

    progress = Signal(int, int, str)
    done = Signal(list)  # list[ImportResult]
    failed = Signal(str)

    def __init__(self, data_dir: Path, paths: list[Path], collection: str | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.paths = paths
        self.collection = collection
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            library = Library.open(self.data_dir)
        except PizhuError as exc:
            self.failed.emit(str(exc))
            return
        try:
            results = library.importer().import_paths(
                self.paths,
                collection=self.collection,
                progress=lambda i, n, name: self.progress.emit(i, n, name),
                cancelled=self._cancel.is_set,
            )
        except PizhuError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 — shown to the user, library rolled back
            self.failed.emit(f"import failed, nothing was changed: {exc}")
        else:
            self.done.emit(results)
        finally:
            library.close()


class FunctionWorker(QThread):
    """Run a pure function (no Qt, no shared connection) and deliver its result."""

    result = Signal(object)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            value = self._fn()
        except Exception:  # noqa: BLE001 — a failed suggestion is just no suggestion
            value = None
        self.result.emit(value)
