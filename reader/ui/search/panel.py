"""The library search panel: type, see results grouped by document, open with Enter.

Searching runs on a worker thread with its own searcher (and SQLite connection).
Each request carries a generation number; results of a query the user has already
typed past are dropped, so a slow answer never overwrites a newer one.
"""

from __future__ import annotations

import html
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QThread, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.search.passages import Passage, passages
from reader.core.storage.db import open_database
from reader.core.storage.documents import DocumentStore
from reader.platform.paths import library_path
from reader.ui.common.combos import narrow_combo, refill, tag_entries

DEBOUNCE_MS = 40
RESULT_LIMIT = 30
PASSAGES_PER_DOC = 8
ROLE_DOC = Qt.ItemDataRole.UserRole + 20
ROLE_START = Qt.ItemDataRole.UserRole + 21
ROLE_END = Qt.ItemDataRole.UserRole + 22
ROLE_PASSAGE = Qt.ItemDataRole.UserRole + 23  # a hit row: its Passage
ROLE_EXACT = Qt.ItemDataRole.UserRole + 24  # a document row: the whole query occurs in it
HISTORY_SIZE = 50
WARM_DOCUMENTS = 500  # texts cached ahead of the first query (a few MB for typical libraries)

SCOPE_LIBRARY, SCOPE_DOCUMENT, SCOPE_COLLECTION, SCOPE_ANNOTATIONS = (
    "library", "document", "collection", "annotations",
)  # fmt: skip


@dataclass
class SearchRequest:
    generation: int
    query: str
    scope: str
    doc_id: int | None = None
    collection_docs: frozenset[int] | None = None
    tag: str | None = None


@dataclass
class DocumentResult:
    doc_id: int
    title: str
    match_count: int
    passages: list[Passage]
    matches: list[tuple[int, int]]
    exact: bool = True


@dataclass
class SearchResult:
    generation: int
    query: str
    took_ms: float
    documents: list[DocumentResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    total: int = 0  # documents matching, of which the first RESULT_LIMIT are shown

    @property
    def hit_count(self) -> int:
        return sum(d.match_count for d in self.documents)

    @property
    def has_exact(self) -> bool:
        """Some document holds the whole query (not only its words)."""
        return any(d.exact for d in self.documents)


class SearchWorker(QThread):
    """One long-lived thread; only the newest pending request is ever run."""

    resultReady = Signal(object)  # SearchResult

    def __init__(self, data_dir: Path, service: Any) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.service = service
        self._pending: SearchRequest | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = False
        self._texts: dict[int, tuple[str, list[Any]]] = {}
        self._texts_lock = threading.Lock()

    def invalidate(self) -> None:
        """The library changed: forget cached texts and outlines."""
        with self._texts_lock:
            self._texts.clear()

    def _document(self, documents: DocumentStore, doc_id: int) -> tuple[str, list[Any]]:
        with self._texts_lock:
            cached = self._texts.get(doc_id)
        if cached is None:
            cached = (documents.text(doc_id), documents.outline(doc_id))
            with self._texts_lock:
                self._texts[doc_id] = cached
        return cached

    def submit(self, request: SearchRequest) -> None:
        with self._lock:
            self._pending = request
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self.wait(5000)

    def run(self) -> None:
        searcher = self.service.searcher()
        db = open_database(library_path(self.data_dir), migrate=False)
        documents = DocumentStore(db)
        try:
            self._warm_up(searcher, documents)
            while not self._stopping:
                self._wake.wait()
                self._wake.clear()
                with self._lock:
                    request, self._pending = self._pending, None
                if request is None or self._stopping:
                    continue
                self.resultReady.emit(self._answer(searcher, documents, request))
        finally:
            searcher.close()
            db.close()

    def _warm_up(self, searcher: Any, documents: DocumentStore) -> None:
        """Before the first keystroke: load the searcher's folded texts and our own copies
        of the documents, so the first query is as quick as the rest."""
        try:
            searcher.search("的", limit=1)
            for info in documents.list()[:WARM_DOCUMENTS]:
                if self._stopping or self._pending is not None:
                    return
                self._document(documents, info.id)
        except Exception:  # noqa: BLE001 — warming is an optimisation only
            return

    def _answer(self, searcher: Any, documents: DocumentStore, req: SearchRequest) -> SearchResult:
        try:
            response = searcher.search(
                req.query,
                limit=RESULT_LIMIT,
                doc_id=req.doc_id,
                tag=req.tag,
                annotations=req.scope == SCOPE_ANNOTATIONS,
            )
        except Exception as exc:  # noqa: BLE001 — shown in the panel, never raised
            return SearchResult(req.generation, req.query, 0.0, error=str(exc))
        result = SearchResult(
            req.generation, req.query, response.took_ms, notes=response.notes, total=response.total
        )
        for hit in response.hits:
            if req.collection_docs is not None and hit.doc_id not in req.collection_docs:
                continue
            text, outline = self._document(documents, hit.doc_id)
            result.documents.append(
                DocumentResult(
                    hit.doc_id,
                    hit.title,
                    len(hit.matches),
                    passages(text, outline, list(hit.matches), PASSAGES_PER_DOC),
                    list(hit.matches),
                    hit.exact,
                )
            )
        return result


MUTED = "#8a7f70"  # the section path and the "(+n)" on an unselected row


def passage_html(p: Passage, muted: str = MUTED) -> str:
    body = html.escape(p.before) + "".join(
        f"<b style='background:#ffd966;color:#000'>{html.escape(t)}</b>"
        if is_match
        else html.escape(t)
        for t, is_match in p.parts
    )
    section = (
        f"<span style='color:{muted}'>{html.escape(p.section)}</span><br>" if p.section else ""
    )
    more = (
        f" <span style='color:{muted}'>(+{p.match_count - 1})</span>" if p.match_count > 1 else ""
    )
    return f"{section}{body}{more}"


class HtmlDelegate(QStyledItemDelegate):
    """Renders a passage (section path, snippet with the matches marked) in a row of a
    fixed height: the section line and ``BODY_LINES`` lines of the snippet. Only whole
    lines are drawn, so a longer snippet never shows a line cut through its characters."""

    BODY_LINES = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._line_heights: dict[str, float] = {}

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: ANN001
        passage = index.data(ROLE_PASSAGE)
        if passage is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        muted = palette.color(QPalette.ColorRole.HighlightedText).name() if selected else MUTED
        doc = self._document(passage_html(passage, muted), option.rect.width(), option.font)
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        if selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.HighlightedText)
            )
        height = whole_lines_height(doc, option.rect.height())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), height))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        """A fixed height: laying out every passage's HTML to measure it would cost more
        than the search itself on a common word. The height is of lines as the passages
        lay out (Chinese glyphs come from a fallback font, taller than the UI font)."""
        if index.data(ROLE_PASSAGE) is None:
            return super().sizeHint(option, index)
        line = self._line_height(option.font)
        margin = QTextDocument().documentMargin()
        return QSize(200, math.ceil(2 * margin + line * (self.BODY_LINES + 1)) + 2)

    def _line_height(self, font: QFont) -> float:
        key = font.key()
        if key not in self._line_heights:
            doc = self._document("<b>中文</b>（Aa）<br>中文", 400, font)
            self._line_heights[key] = max(
                doc.documentLayout().blockBoundingRect(doc.firstBlock()).height() / 2,
                QFontMetricsF(font).lineSpacing(),
            )
        return self._line_heights[key]

    @staticmethod
    def _document(markup: str, width: int, font: QFont | None = None) -> QTextDocument:
        doc = QTextDocument()
        if font is not None:
            doc.setDefaultFont(font)
        doc.setHtml(markup)
        doc.setTextWidth(max(120, width - 4))
        return doc


def whole_lines_height(doc: QTextDocument, available: float) -> float:
    """The height of ``doc``'s lines that fit in ``available`` whole (at least one line)."""
    layout = doc.documentLayout()
    fitted = 0.0
    block = doc.firstBlock()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            bottom = top + line.y() + line.height()
            if bottom > available:
                return fitted or available
            fitted = bottom
        block = block.next()
    return available


class _QueryBox(QLineEdit):
    """Arrow keys and Enter drive the result list while typing stays here."""

    navigate = Signal(str)

    KEYS = {
        (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier): "next",
        (Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier): "prev",
        (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier): "next",
        (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier): "prev",
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier): "next_group",
        (Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier): "prev_group",
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier): "open",
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier): "open",
        (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier): "open_keep",
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier): "close",
    }

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_Enter:
            modifiers = event.modifiers()
        command = self.KEYS.get((Qt.Key(event.key()), Qt.KeyboardModifier(modifiers)))
        if command == "prev" and not self.text():
            command = "history"
        if command:
            self.navigate.emit(command)
            return
        super().keyPressEvent(event)


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

        self.query = _QueryBox()
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
        self.results.setItemDelegate(HtmlDelegate(self.results))
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
        self.query.navigate.connect(self._navigate)
        self.scope.currentIndexChanged.connect(lambda _i: self.run_query())
        self.tag.currentIndexChanged.connect(lambda _i: self.run_query())

    # -- wiring -------------------------------------------------------------------------
    def attach(self, worker: SearchWorker) -> None:
        self.worker = worker
        worker.resultReady.connect(self._show_result)

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
            self.results.setCurrentItem(None)
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
                parts.append(
                    self.tr("{0} documents, {1} hits ({2} ms)").format(
                        total, result.hit_count, f"{result.took_ms:.0f}"
                    )
                )
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
    def _hit_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.results.topLevelItemCount()):
            group = self.results.topLevelItem(i)
            items.extend(group.child(j) for j in range(group.childCount()))
        return items

    def _navigate(self, command: str) -> None:
        if command == "close":
            self.closeRequested.emit()
            return
        if command == "history":
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
        groups = [self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount())]
        parent = current.parent() if current is not None else None
        at = groups.index(parent) if parent in groups else -1
        target = at + step
        while 0 <= target < len(groups) and groups[target].childCount() == 0:
            target += step
        if 0 <= target < len(groups):
            item = groups[target].child(0)
            self.results.setCurrentItem(item)
            self.results.scrollToItem(item)

    def matches_for(self, doc_id: int) -> list[tuple[int, int]]:
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
