"""The library search panel: type, see results grouped by document, open with Enter.

The worker (``worker.py``) answers on its own thread; records are in ``model.py``, the
passage painting in ``delegate.py``. Each request carries a generation number; results
of a query the user has already typed past are dropped, so a slow answer never
overwrites a newer one. Its keys are the registry's ``search.*`` commands
(:func:`SearchPanel.add_key_actions`), so they show in F1 and can be changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.common.combos import narrow_combo, refill, tag_entries
from reader.ui.common.theme import ReaderColors
from reader.ui.search.delegate import HtmlDelegate
from reader.ui.search.model import (
    ROLE_DOC,
    ROLE_END,
    ROLE_EXACT,
    ROLE_PASSAGE,
    ROLE_START,
    SCOPE_ANNOTATIONS,
    SCOPE_COLLECTION,
    SCOPE_DOCUMENT,
    SCOPE_LIBRARY,
    SearchRequest,
    SearchResult,
)
from reader.ui.search.worker import SearchWorker

DEBOUNCE_MS = 40
HISTORY_SIZE = 50
# The registry's commands of the search box (reader.app.commands, scope SEARCH).
KEY_COMMANDS = {
    "search.next": "next",
    "search.previous": "prev",
    "search.next_document": "next_group",
    "search.previous_document": "prev_group",
    "search.open_hit": "open",
    "search.open_keep": "open_keep",
    "search.close": "close",
}


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(i) for i in range(item.childCount()))
    return [child for child in found if child is not None]


class SearchPanel(QWidget):
    """Emits what to open; the window does the opening and remembers where focus was."""

    openRequested = Signal(int, int, int, bool)  # doc id, start, end, keep the panel open
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SearchPanel")
        self.generation = 0
        self.shown_generation = 0
        self.history: list[str] = []
        self._history_pos = -1
        self.current_doc: int | None = None
        self.current_collection_docs: frozenset[int] | None = None
        self.worker: SearchWorker | None = None
        self.last_result: SearchResult | None = None
        self.indexing_note = ""

        self.query = QLineEdit()
        self.query.setObjectName("SearchQuery")
        self.query.setPlaceholderText(self.tr("Search the library…"))
        self.query.setClearButtonEnabled(True)
        self.scope = QComboBox()
        self.scope.setObjectName("SearchScope")
        for key, label in (
            (SCOPE_LIBRARY, self.tr("Whole library")),
            (SCOPE_DOCUMENT, self.tr("Current document")),
            (SCOPE_COLLECTION, self.tr("Current collection")),
            (SCOPE_ANNOTATIONS, self.tr("Annotations")),
        ):
            self.scope.addItem(label, key)
        self.tag = QComboBox()
        self.tag.setObjectName("SearchTag")
        self.tag.addItem(self.tr("Any tag"), None)
        for combo in (self.scope, self.tag):  # long tag names never widen the panel
            narrow_combo(combo)
        self.hint = QLabel(
            self.tr('词 词 = both · "exact phrase" · a OR b · -exclude · title: · tag: · doc:')
        )
        self.hint.setObjectName("SearchHint")
        self.hint.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("SearchSummary")
        self.summary.setWordWrap(True)
        self.results = QTreeWidget()
        self.results.setObjectName("SearchResults")
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.delegate = HtmlDelegate(self.results)
        self.results.setItemDelegate(self.delegate)
        self.results.setUniformRowHeights(False)
        self.results.setWordWrap(True)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemActivated.connect(lambda item, _c: self._open_item(item, False))
        self.results.itemClicked.connect(lambda item, _c: self._open_item(item, True))

        filters = QHBoxLayout()
        filters.addWidget(self.scope, 1)
        filters.addWidget(self.tag, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addLayout(filters)
        layout.addWidget(self.hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_query)
        self.query.textChanged.connect(self._query_edited)
        self.scope.currentIndexChanged.connect(lambda _i: self.run_query())
        self.tag.currentIndexChanged.connect(lambda _i: self.run_query())

    # -- wiring -------------------------------------------------------------------------
    def add_key_actions(self, actions: list[QAction]) -> None:
        """The registry's search-box actions: they fire while the query box has focus,
        so arrows and Enter drive the result list while typing stays in the box."""
        for action in actions:
            command = KEY_COMMANDS.get(action.objectName())
            if command is None:
                continue
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.query.addAction(action)
            action.triggered.connect(lambda _checked=False, c=command: self._navigate(c))

    def set_colors(self, colors: ReaderColors) -> None:
        self.delegate.set_colors(colors)
        self.results.viewport().update()

    def attach(self, worker: SearchWorker) -> None:
        self.worker = worker
        worker.resultReady.connect(self._show_result)
        worker.totalReady.connect(self._show_total)

    def set_tags(self, tags: list[str]) -> None:
        refill(self.tag, self.tr("Any tag"), tag_entries(tags))

    def set_indexing(self, done: int, total: int) -> None:
        self.indexing_note = (
            self.tr("Indexing {0}/{1} — results so far are complete but may rank less well").format(
                done, total
            )
            if total and done < total
            else ""
        )
        self._update_summary()

    # -- querying -----------------------------------------------------------------------
    def _query_edited(self, _text: str) -> None:
        self._history_pos = -1
        self._debounce.start()

    def run_query(self) -> None:
        self._debounce.stop()
        self.generation += 1
        text = self.query.text().strip()
        if not text or self.worker is None:
            if self.worker is not None:
                self.worker.cancel()  # nobody waits for what it is answering or counting
            self.results.clear()
            self.last_result = None
            self.shown_generation = self.generation
            self.summary.setText("")
            return
        scope = self.scope.currentData()
        request = SearchRequest(self.generation, text, scope, tag=self.tag.currentData())
        if scope == SCOPE_DOCUMENT:
            request.doc_id = self.current_doc
        elif scope == SCOPE_COLLECTION:
            request.collection_docs = self.current_collection_docs or frozenset()
        self.worker.submit(request)

    def _show_result(self, result: SearchResult) -> None:
        if result.generation != self.generation:
            return  # typed past it: a newer query is on its way
        self.shown_generation = result.generation
        self.last_result = result
        self.results.clear()
        for doc in result.documents:
            label = f"{doc.title}  ·  {doc.match_count}"
            if not doc.exact:  # in front, where eliding a long title never hides it
                label = self.tr("Words only") + "  ·  " + label
            group = QTreeWidgetItem([label])
            group.setData(0, ROLE_DOC, doc.doc_id)
            group.setData(0, ROLE_EXACT, doc.exact)
            font = group.font(0)
            font.setBold(True)
            if not doc.exact:
                font.setItalic(True)
                group.setToolTip(
                    0, self.tr("Has the words of “{0}”, not the whole query").format(result.query)
                )
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.results.addTopLevelItem(group)
            for p in doc.passages:
                entry = QTreeWidgetItem([""])
                entry.setData(0, ROLE_DOC, doc.doc_id)
                entry.setData(0, ROLE_START, p.start)
                entry.setData(0, ROLE_END, p.end)
                entry.setData(0, ROLE_PASSAGE, p)
                group.addChild(entry)
            group.setExpanded(True)
        first = self._hit_items()
        if first and result.has_exact:
            self.results.setCurrentItem(first[0])
        else:  # only the words occur: Enter opens nothing until the user picks a hit
            self.results.setCurrentIndex(QModelIndex())  # what setCurrentItem(None) does
        self._update_summary()

    def _show_total(self, generation: int, total: int) -> None:
        """The exact number of documents of the result on show, counted after its page."""
        result = self.last_result
        if result is None or result.generation != generation:
            return
        result.counting = False
        if total >= 0:  # -1: it could not be counted; the lower bound stays
            result.total, result.total_exact = total, True
        self._update_summary()

    def _update_summary(self) -> None:
        result = self.last_result
        parts: list[str] = []
        if result is not None:
            if result.error:
                parts.append(self.tr("Search failed: {0}").format(result.error))
            elif result.documents:
                if not result.has_exact:
                    parts.append(
                        self.tr(
                            "No exact match for “{0}”; showing documents with its words"
                        ).format(result.query)
                    )
                total = max(result.total, len(result.documents))
                if result.total_exact:
                    counted = self.tr("{0} documents, {1} hits ({2} ms)")
                elif result.counting:
                    counted = self.tr("{0}+ documents (counting…), {1} hits ({2} ms)")
                else:
                    counted = self.tr("{0}+ documents, {1} hits ({2} ms)")
                parts.append(counted.format(total, result.hit_count, f"{result.took_ms:.0f}"))
                if total > len(result.documents):
                    parts.append(
                        self.tr("Showing the first {0} documents; add words to narrow.").format(
                            len(result.documents)
                        )
                    )
            else:
                parts.append(self.tr("No results for “{0}”.").format(result.query))
                parts.extend(self._suggestions(result))
            parts.extend(result.notes)
        if self.indexing_note:
            parts.append(self.indexing_note)
        self.summary.setText("\n".join(parts))

    def _suggestions(self, result: SearchResult) -> list[str]:
        tips = []
        if len(result.query.split()) > 1:
            tips.append(self.tr("Try fewer words, or put a phrase in quotes."))
        if self.scope.currentData() != SCOPE_LIBRARY or self.tag.currentData():
            tips.append(self.tr("Try searching the whole library, without the tag filter."))
        if any("\u4e00" <= ch <= "\u9fff" for ch in result.query):
            tips.append(
                self.tr("Traditional and simplified forms are already matched; check for a typo.")
            )
        return tips

    # -- keyboard -----------------------------------------------------------------------
    def _groups(self) -> list[QTreeWidgetItem]:
        """The document rows (their children are the hits)."""
        tree = self.results
        found = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        return [group for group in found if group is not None]

    def _hit_items(self) -> list[QTreeWidgetItem]:
        return [hit for group in self._groups() for hit in _children(group)]

    def _navigate(self, command: str) -> None:
        if command == "close":
            self.closeRequested.emit()
            return
        if command == "prev" and not self.query.text():  # Up in an empty box: history
            self._recall_history()
            return
        items = self._hit_items()
        current = self.results.currentItem()
        index = items.index(current) if current in items else -1
        if command in ("next", "prev") and items:
            index = min(len(items) - 1, index + 1) if command == "next" else max(0, index - 1)
            self.results.setCurrentItem(items[index])
            self.results.scrollToItem(items[index])
        elif command in ("next_group", "prev_group") and items:
            self._jump_group(current, 1 if command == "next_group" else -1)
        elif command in ("open", "open_keep") and current is not None:
            self._open_item(current, command == "open_keep")

    def _jump_group(self, current: QTreeWidgetItem | None, step: int) -> None:
        groups = self._groups()
        parent = current.parent() if current is not None else None
        at = groups.index(parent) if parent in groups else -1
        target = at + step
        while 0 <= target < len(groups) and groups[target].childCount() == 0:
            target += step
        if 0 <= target < len(groups) and (item := groups[target].child(0)) is not None:
            self.results.setCurrentItem(item)
            self.results.scrollToItem(item)

    def matches_for(self, doc_id: int) -> Sequence[tuple[int, int]]:
        """Every match of the shown result in ``doc_id`` (for the overview strip)."""
        if self.last_result is None:
            return []
        for doc in self.last_result.documents:
            if doc.doc_id == doc_id:
                return doc.matches
        return []

    def _open_item(self, item: QTreeWidgetItem, keep: bool) -> None:
        start = item.data(0, ROLE_START)
        if start is None:
            return
        self.remember(self.query.text().strip())
        self.openRequested.emit(
            int(item.data(0, ROLE_DOC)), int(start), int(item.data(0, ROLE_END)), keep
        )

    def remember(self, query: str) -> None:
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.insert(0, query)
        del self.history[HISTORY_SIZE:]

    def _recall_history(self) -> None:
        if not self.history:
            return
        self._history_pos = min(len(self.history) - 1, self._history_pos + 1)
        self.query.blockSignals(True)
        self.query.setText(self.history[self._history_pos])
        self.query.blockSignals(False)
        self.run_query()

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()
