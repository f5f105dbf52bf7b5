"""The library tree: collections, documents (with progress and outline) and tags."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

KIND = Qt.ItemDataRole.UserRole + 1
DOC_ID = Qt.ItemDataRole.UserRole + 2
OFFSET = Qt.ItemDataRole.UserRole + 3
COLLECTION_ID = Qt.ItemDataRole.UserRole + 4
ANNOTATION_ID = Qt.ItemDataRole.UserRole + 5
TAG = Qt.ItemDataRole.UserRole + 6
TITLE = Qt.ItemDataRole.UserRole + 7  # a document's bare title (the label adds its progress)
MATCH_TEXT = Qt.ItemDataRole.UserRole + 8  # what the filter box matches, if not the label
BOOKMARK_ID = Qt.ItemDataRole.UserRole + 9
MIME_DOCS = "application/x-pizhu-documents"
FILLED = "<filled>"  # in expanded_keys() of a tree with rows: no row has this key


class LibraryModel(QStandardItemModel):
    """Documents can be dragged onto collections; everything else is read-only."""

    documentsDropped = Signal(
        list, int, bool
    )  # [(doc id, source collection id or 0)], target, move?

    def mimeTypes(self) -> list[str]:
        return [MIME_DOCS]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        entries = []
        for index in indexes:
            if index.data(KIND) == "document":
                entries.append(f"{index.data(DOC_ID)}:{index.parent().data(COLLECTION_ID) or 0}")
        data.setData(MIME_DOCS, ",".join(entries).encode())
        return data

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return data.hasFormat(MIME_DOCS) and parent.data(KIND) == "collection"

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        raw = bytes(data.data(MIME_DOCS).data()).decode()
        entries = [tuple(int(x) for x in part.split(":")) for part in raw.split(",") if part]
        move = action == Qt.DropAction.MoveAction
        self.documentsDropped.emit(entries, int(parent.data(COLLECTION_ID)), move)
        return False  # the library is the truth: the tree is rebuilt from it


class LibraryFilter(QSortFilterProxyModel):
    """Matches the filter text against each row's MATCH_TEXT (title, authors, date for a
    document) or, without one, its label; parents of a match stay (recursive filtering)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setRecursiveFilteringEnabled(True)

    def set_text(self, text: str) -> None:
        self._needle = text.strip().casefold()
        self.setFilterFixedString(self._needle)  # re-runs the filter (our test, not Qt's)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._needle:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = index.data(MATCH_TEXT) or index.data(Qt.ItemDataRole.DisplayRole) or ""
        return all(word in str(haystack).casefold() for word in self._needle.split())


class _TitleDelegate(QStyledItemDelegate):
    """Inline rename of a document: edits its bare title and hands the result on,
    never writing the model (the tree is rebuilt from the library)."""

    committed = Signal(int, str)  # doc id, new title

    # Qt takes a null editor as "not editable"; PySide6's stubs declare QWidget only.
    def createEditor(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget | None:
        if index.data(KIND) != "document":
            return None
        editor = QLineEdit(parent)
        editor.setObjectName("TitleEditor")
        editor.setFrame(False)
        return editor

    def setEditorData(
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(TITLE) or ""))
        editor.selectAll()

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QLineEdit)
        self.committed.emit(int(index.data(DOC_ID)), editor.text())


class _Tree(QTreeView):
    activatedByKey = Signal(QModelIndex)
    bookmarkKeyed = Signal(int, str)  # bookmark id, "rename" (F2) or "delete" (Delete)

    def _bookmark_key(self, event: QKeyEvent) -> str | None:
        if self.currentIndex().data(KIND) != "bookmark":
            return None
        key = event.key()
        if key == Qt.Key.Key_F2:
            return "rename"
        return "delete" if key == Qt.Key.Key_Delete else None

    def event(self, event: QEvent) -> bool:
        """F2 on a bookmark renames the bookmark, not the document (the window's F2)."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._bookmark_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedByKey.emit(self.currentIndex())
            return
        action = self._bookmark_key(event)
        if action is not None:
            self.bookmarkKeyed.emit(int(self.currentIndex().data(BOOKMARK_ID)), action)
            return
        super().keyPressEvent(event)


class LibraryPanel(QWidget):
    """Filter box plus tree. Emits what the user wants to open; never touches the DB."""

    openRequested = Signal(int, int)  # doc id, offset (-1 = restore reading position)
    annotationRequested = Signal(int, int)  # doc id, annotation id
    renameRequested = Signal(int, str)  # doc id, title as typed (maybe blank)
    workspaceRequested = Signal(str)  # a tag to show, or "" for every annotation
    bookmarkRequested = Signal(int, str)  # bookmark id, "open", "rename" or "delete"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(self)
        self._scroll: int | None = None  # taken by expanded_keys(), put back by restore_expanded
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setObjectName("LibraryFilter")
        self.filter.setPlaceholderText(self.tr("Filter by title, author or year…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.tree = _Tree()
        self.tree.setObjectName("LibraryTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.delegate = _TitleDelegate(self.tree)
        # Queued: the rename rebuilds the model, which must not happen inside the commit.
        self.delegate.committed.connect(self.renameRequested, Qt.ConnectionType.QueuedConnection)
        self.tree.setItemDelegate(self.delegate)
        self.tree.activatedByKey.connect(self._activate)
        self.tree.bookmarkKeyed.connect(self.bookmarkRequested)
        self.tree.doubleClicked.connect(self._activate)
        self.tree.clicked.connect(self._clicked)
        self.sort_button = QToolButton()
        self.sort_button.setObjectName("LibrarySortButton")
        self.sort_button.setText("⇅")
        self.sort_button.setToolTip(self.tr("Sort the library"))
        self.sort_button.setAutoRaise(True)
        self.sort_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.sort_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sort_button.setMenu(QMenu(self.sort_button))
        self.sort_button.hide()  # until set_sort_actions
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.filter, 1)
        row.addWidget(self.sort_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        self.filter.returnPressed.connect(self._focus_first_match)

    def set_sort_actions(self, actions: list[QAction]) -> None:
        """The View ▸ Sort Library By actions, also offered on the filter row."""
        menu = self.sort_button.menu()
        menu.clear()
        for action in actions:
            menu.addAction(action)
        self.sort_button.setVisible(bool(actions))

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        if text:
            self.tree.expandToDepth(1)

    def edit_document(self, doc_id: int) -> bool:
        """Start the inline rename of ``doc_id``'s row; False if the tree does not show it."""
        if not self.isVisible():
            return False
        current = self.tree.currentIndex()
        if not (current.data(KIND) == "document" and current.data(DOC_ID) == doc_id):
            self.select_document(doc_id)
            current = self.tree.currentIndex()
        if not (current.data(KIND) == "document" and current.data(DOC_ID) == doc_id):
            return False
        self.tree.setFocus()
        self.tree.scrollTo(current)
        self.tree.edit(current)
        return self.tree.state() == QAbstractItemView.State.EditingState

    def _focus_first_match(self) -> None:
        self.tree.setFocus()
        index = self._first_document(QModelIndex())
        if index is not None:
            self.tree.setCurrentIndex(index)

    def _first_document(self, parent: QModelIndex) -> QModelIndex | None:
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            if index.data(KIND) == "document":
                return index
            found = self._first_document(index)
            if found is not None:
                return found
        return None

    def _clicked(self, index: QModelIndex) -> None:
        """A single click opens what it points at (the arrow only folds)."""
        if index.data(KIND) in ("document", "heading", "annotation", "bookmark", "workspace"):
            self._activate(index)

    def _activate(self, index: QModelIndex) -> None:
        kind = index.data(KIND)
        if kind == "document":
            self.openRequested.emit(int(index.data(DOC_ID)), -1)
        elif kind == "heading":
            self.openRequested.emit(int(index.data(DOC_ID)), int(index.data(OFFSET)))
        elif kind == "annotation":
            self.annotationRequested.emit(int(index.data(DOC_ID)), int(index.data(ANNOTATION_ID)))
        elif kind == "bookmark":
            self.bookmarkRequested.emit(int(index.data(BOOKMARK_ID)), "open")
        elif kind == "workspace":
            self.workspaceRequested.emit("")
        else:
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def current_source_item(self) -> QStandardItem | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return self.model.itemFromIndex(self.proxy.mapToSource(index))

    def current_collection_id(self) -> int | None:
        """The collection under the cursor, or the one the current document row is in."""
        item = self.current_source_item()
        while item is not None and item.data(KIND) != "collection":
            item = item.parent() if item.data(KIND) == "document" else None
        return int(item.data(COLLECTION_ID)) if item is not None else None

    def expanded_keys(self) -> set[str]:
        """What is unfolded, to pass to :meth:`restore_expanded` after a rebuild. Once the
        tree has rows the set is never empty (``FILLED``), so a tree the user folded up
        entirely is restored folded, not unfolded again like a first build. The scroll
        position is kept for the restore too."""
        keys: set[str] = {FILLED} if self.proxy.rowCount() else set()
        self._scroll = self.tree.verticalScrollBar().value()

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    keys.add(_key(index))
                    walk(index)

        walk(QModelIndex())
        return keys

    def restore_expanded(self, keys: set[str]) -> None:
        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if _key(index) in keys:
                    self.tree.setExpanded(index, True)
                    walk(index)

        walk(QModelIndex())
        if self._scroll is not None:
            self.tree.verticalScrollBar().setValue(self._scroll)
            self._scroll = None

    def select_document(self, doc_id: int) -> None:
        def walk(parent: QModelIndex) -> QModelIndex | None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if index.data(KIND) == "document" and index.data(DOC_ID) == doc_id:
                    return index
                found = walk(index) if self.tree.isExpanded(index) else None
                if found is not None:
                    return found
            return None

        found = walk(QModelIndex())
        if found is not None:
            self.tree.setCurrentIndex(found)


def _key(index: QModelIndex | QPersistentModelIndex) -> str:
    parts = []
    while index.isValid():
        parts.append(
            f"{index.data(KIND)}:{index.data(DOC_ID)}:{index.data(COLLECTION_ID)}:{index.data(TAG)}:{index.data(OFFSET)}"
        )
        index = index.parent()
    return "/".join(reversed(parts))


def item(text: str, kind: str, **data: object) -> QStandardItem:
    entry = QStandardItem(text)
    entry.setEditable(False)
    entry.setData(kind, KIND)
    roles = {
        "doc_id": DOC_ID,
        "offset": OFFSET,
        "collection_id": COLLECTION_ID,
        "annotation_id": ANNOTATION_ID,
        "tag": TAG,
        "title": TITLE,
        "match": MATCH_TEXT,
        "bookmark_id": BOOKMARK_ID,
    }
    for key, value in data.items():
        entry.setData(value, roles[key])
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if kind == "document":
        flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsEditable
    if kind == "collection":
        flags |= Qt.ItemFlag.ItemIsDropEnabled
    entry.setFlags(flags)
    if kind in ("section", "tags", "bookmarks", "workspace"):
        font = QFont()
        font.setBold(True)
        entry.setFont(font)
    return entry
