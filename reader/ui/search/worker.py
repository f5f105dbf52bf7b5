"""Searching off the GUI thread: one long-lived job with its own searcher and SQLite
connection. Only the newest pending request is ever run, so a query the user typed
past is never answered at all.

A page comes first: a common phrase of a big library is confirmed only in the
documents the page shows, and its exact number of documents is counted next
(``totalReady``), unless the user has typed on meanwhile.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from reader.core.search.response import SearchStopped
from reader.ui.common.jobs import Job, Jobs
from reader.ui.search.model import (
    PASSAGES_PER_DOC,
    RESULT_LIMIT,
    SCOPE_ANNOTATIONS,
    DocumentResult,
    SearchRequest,
    SearchResult,
)

log = logging.getLogger(__name__)


class SearchWorker(QObject):
    """Answers :class:`SearchRequest` s with ``resultReady`` (on the GUI thread)."""

    resultReady = Signal(object)  # SearchResult
    totalReady = Signal(int, int)  # generation, exact number of documents

    def __init__(self, service: Any, jobs: Jobs) -> None:
        super().__init__()
        self.service = service
        self._jobs = jobs
        self._job: Job | None = None
        self._pending: SearchRequest | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = False
        self.warmed = threading.Event()  # the warm-up is over (done or cut short)
        self._cancelled = False  # the request in hand is no longer wanted

    def start(self) -> None:
        self._job = self._jobs.run(self._loop, name="pizhu-search")

    def submit(self, request: SearchRequest) -> None:
        with self._lock:
            self._pending = request
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._job is not None:
            self._job.wait(5000)

    def _emit(self, result: SearchResult) -> None:
        try:
            self.resultReady.emit(result)
        except RuntimeError:  # the panel is gone: the window closed mid-query
            self._stopping = True

    def _loop(self, _job: Job) -> None:
        searcher = self.service.searcher()
        try:
            self._warm_up(searcher)
            while not self._stopping:
                self._wake.wait()
                self._wake.clear()
                with self._lock:
                    request, self._pending = self._pending, None
                if request is None or self._stopping:
                    continue
                self._cancelled = False
                words_ready = self.service.segmenter.ready
                result = self._answer_and_count(searcher, request)
                if result is not None and not words_ready and self._words_arrived(result):
                    self._answer_and_count(searcher, request)
        finally:
            searcher.close()

    def cancel(self) -> None:
        """Drop the request being answered or counted (the query box was emptied)."""
        with self._lock:
            self._pending = None
        self._cancelled = True
        self._wake.set()

    def _typed_on(self) -> bool:
        return self._stopping or self._cancelled or self._pending is not None

    def _answer_and_count(self, searcher: Any, req: SearchRequest) -> SearchResult | None:
        """Emit ``req``'s page, then its exact total if the page's was a lower bound;
        nothing when a newer request (or a cancel) comes first."""
        result = self.answer(searcher, req, stop=self._typed_on)
        if result is None:
            return None
        self._emit(result)
        if not result.total_exact:
            self._count(searcher, req)
        return result

    def _count(self, searcher: Any, req: SearchRequest) -> None:
        """Emit the exact total of ``req`` (-1: it could not be counted), unless a newer
        request comes first."""
        try:
            total = searcher.count(req.query, doc_id=req.doc_id, tag=req.tag,
                                   annotations=req.scope == SCOPE_ANNOTATIONS,
                                   stop=self._typed_on, within=req.collection_docs)
        except SearchStopped:
            return
        except Exception as exc:  # the page is shown; its lower bound stays, uncounted
            log.warning("could not count the documents of %r: %s", req.query, exc)
            total = -1
        try:
            self.totalReady.emit(req.generation, total)
        except RuntimeError:  # the panel is gone
            self._stopping = True

    def _words_arrived(self, result: SearchResult) -> bool:
        """True once jieba is ready when ``result``, made without it, found nothing exact.

        A search never waits for jieba (a relaunch does not load it); the first query
        that wants its word fallback starts the load. Rather than leave "no match" on
        screen until the next keystroke, the same query is answered again when the
        words are there, unless the user has typed on or the panel is closing.
        """
        segmenter = self.service.segmenter
        if result.error or any(d.exact for d in result.documents) or not segmenter.requested:
            return False
        while not segmenter.wait_ready(0.05):
            if self._stopping or self._pending is not None:
                return False
        return not self._stopping and self._pending is None

    def _warm_up(self, searcher: Any) -> None:
        """Before the first keystroke: load the searcher's chunk texts, so the first query
        is as quick as the rest (a keystroke stops it: that query then reads what it
        needs). Passages are read in windows, so no document text is loaded for them."""
        try:
            searcher.search("的", limit=1)
            searcher.warm_up(lambda: self._stopping or self._pending is not None)
        except Exception:  # warming is an optimisation only
            return
        finally:
            # What exists now lives as long as the window: the searcher's chunk table and
            # caches, the window's widgets. Frozen, Python's full collections stop walking
            # it again and again (65 ms pauses mid-keystroke at 100 MB of library); it is
            # still freed by reference counting when dropped.
            gc.freeze()
            self.warmed.set()

    def answer(self, searcher: Any, req: SearchRequest,
               stop: Callable[[], bool] | None = None) -> SearchResult | None:
        """``req``'s page of results (an error shown as one); None if ``stop()`` said so."""
        try:
            response = searcher.search(
                req.query,
                limit=RESULT_LIMIT,
                doc_id=req.doc_id,
                tag=req.tag,
                annotations=req.scope == SCOPE_ANNOTATIONS,
                exact_total=False,
                stop=stop,
                within=req.collection_docs,
            )
        except SearchStopped:
            return None
        except Exception as exc:  # shown in the panel, never raised
            return SearchResult(req.generation, req.query, 0.0, error=str(exc))
        result = SearchResult(
            req.generation, req.query, response.took_ms, notes=response.notes,
            total=response.total, total_exact=response.total_exact,
            counting=not response.total_exact,
        )
        for hit in response.hits:
            matches = hit.matches
            result.documents.append(
                DocumentResult(
                    hit.doc_id,
                    hit.title,
                    len(matches),
                    searcher.passages(hit.doc_id, matches, PASSAGES_PER_DOC),
                    matches,
                    hit.exact,
                )
            )
        return result
