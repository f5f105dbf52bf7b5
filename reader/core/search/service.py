"""The search feature as the app uses it: background indexing plus searchers.

One worker thread owns the only Whoosh writer. It drains ``search_queue`` when
woken (after an import, edit or delete, or a searcher that found damage) and at
start, rebuilding first when the index is missing, damaged (at start every file's
checksum is compared), outdated or ``userdict.txt`` changed. Searching goes
on meanwhile from any thread, each with its own :class:`Searcher`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from reader.core.search.analysis import Segmenter
from reader.core.search.index import userdict_path
from reader.core.search.indexer import Indexer, ProgressFn, SyncResult
from reader.core.search.searcher import Searcher

SyncListener = Callable[[SyncResult], None]


class SearchService:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.segmenter = Segmenter(userdict_path(data_dir))
        self.indexer = Indexer(data_dir, self.segmenter)
        self.progress_listeners: list[ProgressFn] = []
        self.sync_listeners: list[SyncListener] = []
        self.last_error: BaseException | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._rebuild = False
        self._thread: threading.Thread | None = None

    # -- foreground (CLI) ------------------------------------------------------------

    def sync_now(
        self,
        *,
        rebuild: bool = False,
        progress: ProgressFn | None = None,
        procs: int = 1,
        wait: float | None = 0.0,
    ) -> SyncResult:
        """Sync in the calling thread; ``wait`` for another process's sync (see Indexer.sync)."""
        self.segmenter.reload_if_changed()
        return self.indexer.sync(rebuild=rebuild, progress=progress, procs=procs, wait=wait)

    def searcher(self) -> Searcher:
        """A new searcher for the calling thread (close it when done).

        Damage it finds in the index cache is marked for repair (stamp removed or
        document queued); waking the worker makes the repair start right away.
        """
        return Searcher(self.data_dir, self.segmenter, on_damage=self.request_sync)

    # -- background (GUI) ------------------------------------------------------------

    def start(self) -> None:
        """Bring the index up to date in the background (jieba loads only if it indexes)."""
        if self._thread is None:
            self._wake.set()
            self._thread = threading.Thread(target=self._run, name="search-indexer", daemon=True)
            self._thread.start()

    def request_sync(self, *, rebuild: bool = False) -> None:
        """Call after the library changed (the queue rows are already committed)."""
        self._rebuild = self._rebuild or rebuild
        self._idle.clear()
        self._wake.set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        return self._idle.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel indexing between documents and join the worker (queue rows survive)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        verify = True  # the first pass, in the background, checks every index file's SHA-256
        while not self._stop.is_set():
            self._wake.wait()
            self._wake.clear()
            if self._stop.is_set():
                break
            rebuild, self._rebuild = self._rebuild, False
            try:
                self.segmenter.reload_if_changed()
                result = self.indexer.sync(  # waits out a CLI reindex, unless stopped
                    rebuild=rebuild, progress=self._progress, cancel=self._stop.is_set,
                    verify=verify, wait=None,
                )
                verify = False
                self.last_error = None
                for listener in list(self.sync_listeners):
                    listener(result)
            except Exception as exc:  # reported to the app; the queue keeps the work
                self.last_error = exc
            if not self._wake.is_set():
                self._idle.set()

    def _progress(self, done: int, total: int, title: str) -> None:
        for listener in list(self.progress_listeners):
            listener(done, total, title)
