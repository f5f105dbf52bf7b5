"""Loading CC-CEDICT off the GUI thread, once per process.

:meth:`Dictionary.load` takes about a second on the first start (parsing CC-CEDICT into
the cache) and about half a second later (jieba and pypinyin warmed). It runs on a
plain daemon thread rather than a QThread: nothing ever waits for it, so a window
closed (or an app quit) mid-load neither blocks nor crashes on a running QThread, and
the cache file is written atomically, so a load cut short leaves nothing half-written.
The result reaches the GUI thread through a queued signal; the loaded dictionary may
then be used from any thread.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from reader.core.dictionary import Dictionary
from reader.core.dictionary.cedict import release_date, source_file

START_DELAY_MS = 1500
"""How long after the window shows the load starts: the window paints and the last
document opens first, the search service gets its head start."""


def load_dictionary() -> Dictionary:
    """The real load: the user cache dir, jieba and pypinyin warmed for fast lookups."""
    return Dictionary.load()


class DictionaryLoader(QObject):
    """Starts the load once; ``ready`` (or ``failed``) arrives on the GUI thread."""

    ready = Signal()
    failed = Signal(str)
    _delivered = Signal(object, str)  # emitted on the loading thread

    def __init__(self, load: Callable[[], Dictionary] | None = None) -> None:
        super().__init__()
        self._load = load or load_dictionary
        self.dictionary: Dictionary | None = None
        self.error = ""
        self._thread: threading.Thread | None = None
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def loading(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Load in the background unless loaded or loading already (a failed load is
        tried again: the user may have freed the disk or installed the data)."""
        if self.dictionary is not None or self._thread is not None:
            return
        self.error = ""
        self._thread = threading.Thread(target=self._run, name="pizhu-dictionary", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            dictionary, error = self._load(), ""
        except Exception as exc:  # noqa: BLE001 — shown in the pop-up, never a crash
            dictionary, error = None, str(exc) or type(exc).__name__
        with contextlib.suppress(RuntimeError):  # the loader was deleted (the app quits)
            self._delivered.emit(dictionary, error)

    def _deliver(self, dictionary: Dictionary | None, error: str) -> None:
        self._thread = None
        if dictionary is None:
            self.error = error
            self.failed.emit(error)
            return
        self.dictionary = dictionary
        self.ready.emit()

    def release_date(self) -> str:
        """CC-CEDICT's release date (``2023-11-07``) for the About box, also before the
        dictionary is loaded (from the header of the data file: a few kilobytes)."""
        stamp = self.dictionary.meta.get("source_date", "") if self.dictionary else ""
        if not stamp:
            try:
                with gzip.open(source_file(), "rb") as fh:
                    stamp = release_date(fh.read(8192))
            except Exception:  # noqa: BLE001 — no data file: the About box says so
                stamp = ""
        return stamp[:10]


_shared: DictionaryLoader | None = None


def shared_loader() -> DictionaryLoader:
    """The process's loader: every window of the process uses the same dictionary."""
    global _shared  # one per process, made on first use (on the GUI thread)
    if _shared is None:
        _shared = DictionaryLoader()
    return _shared
