"""Library search (Ctrl+K) and find in document (Ctrl+F), wired to the main window.

Kept out of MainWindow so the window only knows three calls: ``document_opened``,
``library_changed`` and ``shutdown``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from reader.core.annotate.tags import TagService
from reader.core.search.service import SearchService
from reader.ui.library.tree import COLLECTION_ID, KIND
from reader.ui.reading.find_bar import FindBar
from reader.ui.reading.view import Mark
from reader.ui.search.panel import SearchPanel, SearchWorker

if TYPE_CHECKING:
    from reader.ui.window.main_window import MainWindow

HIT_COLOR = "#ffe08a"
CURRENT_HIT_COLOR = "#ff9f43"


class _Bridge(QObject):
    """Carries the indexer's progress from its thread to the GUI thread (queued signal)."""

    progress = Signal(int, int, str)


class SearchController(QObject):
    def __init__(self, window: MainWindow, service: SearchService) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.panel = SearchPanel()
        self.panel.history = list(window.settings.search_history)
        self.dock = QDockWidget(self.tr("Search"), window)
        self.dock.setObjectName("SearchDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.annotations_dock, self.dock)
        window.annotations_dock.raise_()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.worker = SearchWorker(window.data_dir, service)
        self.panel.attach(self.worker)
        self.worker.start()
        self._return_focus: QWidget | None = None
        self.bridge = _Bridge()
        self.bridge.progress.connect(self._indexing_progress)
        service.progress_listeners.append(self.bridge.progress.emit)

        registry = window.actions_registry
        registry.connect("search.open", self.open_search)
        registry.connect("find.open", self.open_find)
        registry.connect("find.next", lambda: self._find_step(1))
        registry.connect("find.previous", lambda: self._find_step(-1))
        self.panel.openRequested.connect(self._open_hit)
        self.panel.closeRequested.connect(self.close_search)
        self.find_bar.matchesChanged.connect(self._show_find_matches)
        self.find_bar.closed.connect(self.close_find)
        self.library_changed()

    # -- library search -----------------------------------------------------------------
    def open_search(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and not self.panel.isAncestorOf(focus):
            self._return_focus = focus
        self.panel.current_doc = self.window.reader.doc_id
        self.panel.current_collection_docs = self._current_collection_docs()
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_query()
        if self.panel.query.text():
            self.panel.run_query()

    def close_search(self) -> None:
        self.dock.hide()
        target = self._return_focus if self._return_focus is not None else self.window.reader
        self._return_focus = None
        target.setFocus()

    def _current_collection_docs(self) -> frozenset[int] | None:
        doc_id = self.window.reader.doc_id
        collections = self.window.library.collections
        item = self.window.library_panel.current_source_item()
        if item is not None and item.data(KIND) == "collection":
            return frozenset(collections.documents_in(int(item.data(COLLECTION_ID))))
        if (
            item is not None
            and item.parent() is not None
            and item.parent().data(KIND) == "collection"
        ):
            return frozenset(collections.documents_in(int(item.parent().data(COLLECTION_ID))))
        filed_in = collections.collections_of(doc_id) if doc_id is not None else []
        return frozenset(collections.documents_in(filed_in[0])) if filed_in else None

    def _open_hit(self, doc_id: int, start: int, end: int, keep: bool) -> None:
        window = self.window
        if not window.open_document(doc_id, start):
            return
        window.reader.select_range(start, end)
        window.overview.set_hits([s for s, _e in self.panel.matches_for(doc_id)])
        self.window.settings.search_history = list(self.panel.history)
        if keep:
            self.panel.focus_query()
        else:
            self.dock.hide()
            self._return_focus = None
            window.reader.setFocus()

    def _indexing_progress(self, done: int, total: int, _title: str) -> None:
        indexing = total > 0 and done < total
        self.window.status_index.setText(
            self.tr("Indexing {0}/{1}").format(done, total) if indexing else ""
        )
        self.panel.set_indexing(done, total)

    # -- find in document ---------------------------------------------------------------
    def open_find(self) -> None:
        reader = self.window.reader
        if reader.doc_id is None:
            return
        span = reader.selection_offsets()
        initial = reader.text[span[0] : span[1]] if span and span[1] - span[0] < 80 else ""
        anchor = span[0] if span else reader.first_visible_offset()
        self.find_bar.set_text(reader.text)
        self.find_bar.start(anchor, initial)

    def close_find(self) -> None:
        self.find_bar.hide()
        self.window.reader.set_hits([])
        self.window.overview.set_hits([])
        self.window.reader.setFocus()

    def _find_step(self, direction: int) -> None:
        if not self.find_bar.isVisible():
            self.open_find()
            return
        self.find_bar.step(direction)

    def _show_find_matches(self, matches: list[tuple[int, int]], current: int) -> None:
        reader = self.window.reader
        marks = [
            Mark(s, e, CURRENT_HIT_COLOR if i == current else HIT_COLOR, "hit")
            for i, (s, e) in enumerate(matches)
        ]
        reader.set_hits(marks)
        self.window.overview.set_hits([s for s, _e in matches])
        if 0 <= current < len(matches):
            start, end = matches[current]
            reader.select_range(start, end)
            self.find_bar.line.setFocus()

    # -- the window's three calls -------------------------------------------------------
    def document_opened(self, doc_id: int) -> None:
        self.panel.current_doc = doc_id
        self.window.overview.set_hits([s for s, _e in self.panel.matches_for(doc_id)])
        if self.find_bar.isVisible():
            self.find_bar.set_text(self.window.reader.text)

    def library_changed(self) -> None:
        self.worker.invalidate()
        self.service.request_sync()
        self.panel.set_tags([t.name for t in TagService(self.window.library.db).list()])

    def shutdown(self) -> None:
        self.window.settings.search_history = list(self.panel.history)
        self.worker.stop()
        if self.bridge.progress.emit in self.service.progress_listeners:
            self.service.progress_listeners.remove(self.bridge.progress.emit)
        self.service.stop()
