"""Loading CC-CEDICT off the GUI thread, once per process.

:meth:`Dictionary.load` takes about a second on the first start (parsing CC-CEDICT into
the cache) and about half a second later (jieba and pypinyin warmed). It runs as a
:class:`~reader.ui.common.jobs.Job` (a daemon thread): nothing ever waits for it, so a
window closed (or an app quit) mid-load neither blocks nor crashes, and the cache file
is written atomically, so a load cut short leaves nothing half-written. The result
reaches the GUI thread through the job's queued signals; the loaded dictionary may then
be used from any thread.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from reader.core.dictionary import Dictionary
from reader.core.dictionary.cedict import release_date, source_file
from reader.ui.common.jobs import Job

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

    def __init__(self, load: Callable[[], Dictionary] | None = None) -> None:
        super().__init__()
        self._load = load or load_dictionary
        self.dictionary: Dictionary | None = None
        self.error = ""
        self._job: Job | None = None

    @property
    def loading(self) -> bool:
        return self._job is not None

    def start(self) -> None:
        """Load in the background unless loaded or loading already (a failed load is
        tried again: the user may have freed the disk or installed the data)."""
        if self.dictionary is not None or self._job is not None:
            return
        self.error = ""
        self._job = Job(lambda _job: self._load(), "pizhu-dictionary", parent=self)
        self._job.done.connect(self._loaded)
        self._job.failed.connect(self._failed)
        self._job.start()

    def _loaded(self, dictionary: Dictionary) -> None:
        self._release()
        self.dictionary = dictionary
        self.ready.emit()

    def _failed(self, error: str) -> None:
        self._release()  # first: a listener may try again at once
        self.error = error
        self.failed.emit(error)

    def _release(self) -> None:
        if self._job is not None:
            self._job.deleteLater()
        self._job = None

    def release_date(self) -> str:
        """CC-CEDICT's release date (``2023-11-07``) for the About box, also before the
        dictionary is loaded (from the header of the data file: a few kilobytes)."""
        stamp = self.dictionary.meta.get("source_date", "") if self.dictionary else ""
        if not stamp:
            try:
                with gzip.open(source_file(), "rb") as fh:
                    stamp = release_date(fh.read(8192))
            except Exception:  # no data file: the About box says so
                stamp = ""
        return stamp[:10]


_shared: DictionaryLoader | None = None


def shared_loader() -> DictionaryLoader:
    """The process's loader: every window of the process uses the same dictionary."""
    global _shared  # one per process, made on first use (on the GUI thread)
    if _shared is None:
        _shared = DictionaryLoader()
    return _shared
