"""Library search (Ctrl+K) and find in document (Ctrl+F).

Given a :class:`UiContext`, the search service and the reader with its overview strip,
never the window. The window lays out ``panel`` (in a dock) and ``find_bar``, and
connects the registry's commands; the controller answers with signals: show or hide
the panel, open a hit, the indexing note for the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.changes import Changes
from reader.core.search.service import SearchService
from reader.ui.common.context import UiContext
from reader.ui.reading.find_bar import FindBar
from reader.ui.reading.overview_strip import OverviewStrip
from reader.ui.reading.view import Mark, ReaderView
from reader.ui.search.panel import SearchPanel
from reader.ui.search.worker import SearchWorker


class _Bridge(QObject):
    """Carries the indexer's progress from its thread to the GUI thread (queued signal)."""

    progress = Signal(int, int, str)


def touches_search(changes: Changes) -> bool:
    """What the index (or the tag filter) holds: a change of anything else is no query's."""
    return bool(
        changes.documents or changes.collections or changes.annotations or changes.tags
        or changes.progress or changes.colors
    )  # fmt: skip


class SearchController(QObject):
    showRequested = Signal()  # show and raise the panel
    hideRequested = Signal()
    openRequested = Signal(int, int, int)  # doc id, start, end: open it with that selected
    indexingChanged = Signal(str)  # the status bar's note, "" when the index is complete

    def __init__(
        self,
        ctx: UiContext,
        service: SearchService,
        reader: ReaderView,
        overview: OverviewStrip,
        current_collection: Callable[[], int | None],
    ) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        self.library = ctx.library
        self.service = service
        self.reader = reader
        self.overview = overview
        self.current_collection = current_collection
        self.panel = SearchPanel()
        self.panel.history = list(ctx.settings.search_history)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.worker = SearchWorker(service, ctx.jobs)
        self.panel.attach(self.worker)
        self.worker.start()
        self._return_focus: QWidget | None = None
        self.bridge = _Bridge()
        self.bridge.progress.connect(self._indexing_progress)
        service.progress_listeners.append(self.bridge.progress.emit)

        self.panel.openRequested.connect(self._open_hit)
        self.panel.closeRequested.connect(self.close_search)
        self.find_bar.matchesChanged.connect(self._show_find_matches)
        self.find_bar.closed.connect(self.close_find)
        ctx.bus.changed.connect(self.apply)
        self.library_changed()

    # -- library search -----------------------------------------------------------------
    def open_search(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and not self.panel.isAncestorOf(focus):
            self._return_focus = focus
        self.panel.current_doc = self.reader.doc_id
        self.panel.current_collection_docs = self._current_collection_docs()
        self.showRequested.emit()
        self.panel.focus_query()
        if self.panel.query.text():
            self.panel.run_query()

    def close_search(self) -> None:
        self.hideRequested.emit()
        target = self._return_focus if self._return_focus is not None else self.reader
        self._return_focus = None
        target.setFocus()

    def _current_collection_docs(self) -> frozenset[int] | None:
        """The documents of the collection picked in the tree, else of the open
        document's first collection; None when there is neither."""
        collections = self.library.collections
        collection_id = self.current_collection()
        if collection_id is None and self.reader.doc_id is not None:
            filed_in = collections.collections_of(self.reader.doc_id)
            collection_id = filed_in[0] if filed_in else None
        if collection_id is None:
            return None
        return frozenset(collections.documents_in(collection_id))

    def _open_hit(self, doc_id: int, start: int, end: int, keep: bool) -> None:
        self.openRequested.emit(doc_id, start, end)
        if self.reader.doc_id != doc_id:  # it could not be opened (the window said why)
            return
        self.overview.set_hits([s for s, _e in self.panel.matches_for(doc_id)])
        self.ctx.settings.search_history = list(self.panel.history)
        if keep:
            self.panel.focus_query()
        else:
            self.hideRequested.emit()
            self._return_focus = None
            self.reader.setFocus()

    def _indexing_progress(self, done: int, total: int, _title: str) -> None:
        indexing = total > 0 and done < total
        self.indexingChanged.emit(
            self.tr("Indexing {0}/{1}").format(done, total) if indexing else ""
        )
        self.panel.set_indexing(done, total)

    # -- find in document ---------------------------------------------------------------
    def open_find(self) -> None:
        reader = self.reader
        if reader.doc_id is None:
            return
        span = reader.selection_offsets()
        initial = reader.text[span[0] : span[1]] if span and span[1] - span[0] < 80 else ""
        anchor = span[0] if span else reader.first_visible_offset()
        self.find_bar.set_text(reader.text)
        self.find_bar.start(anchor, initial)

    def close_find(self) -> None:
        self.find_bar.hide()
        self.reader.set_hits([])
        self.overview.set_hits([])
        self.reader.setFocus()

    def find_step(self, direction: int) -> None:
        if not self.find_bar.isVisible():
            self.open_find()
            return
        self.find_bar.step(direction)

    def _show_find_matches(self, matches: list[tuple[int, int]], current: int) -> None:
        colors = self.reader.colors
        marks = [
            Mark(s, e, colors.current_hit if i == current else colors.hit, "hit")
            for i, (s, e) in enumerate(matches)
        ]
        self.reader.set_hits(marks)
        self.overview.set_hits([s for s, _e in matches])
        if 0 <= current < len(matches):
            start, end = matches[current]
            self.reader.select_range(start, end)
            self.find_bar.line.setFocus()

    # -- what the window tells it -------------------------------------------------------
    def document_opened(self, doc_id: int) -> None:
        self.panel.current_doc = doc_id
        self.overview.set_hits([s for s, _e in self.panel.matches_for(doc_id)])
        if self.find_bar.isVisible():
            self.find_bar.set_text(self.reader.text)

    def apply(self, changes: Changes) -> None:
        """The change bus's subscriber: the index catches up (the searcher reads changed
        texts again by itself)."""
        if touches_search(changes):
            self.library_changed()

    def library_changed(self) -> None:
        self.service.request_sync()
        self.panel.set_tags([t.name for t in self.library.tags.list()])

    def shutdown(self) -> None:
        self.ctx.settings.search_history = list(self.panel.history)
        self.worker.stop()
        if self.bridge.progress.emit in self.service.progress_listeners:
            self.service.progress_listeners.remove(self.bridge.progress.emit)
        self.service.stop()
