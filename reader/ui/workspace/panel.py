"""The workspace widget: filter bar, the list, a count, and the bulk actions.

It emits what the user asks for and never touches the library; the
:class:`~reader.ui.workspace.controller.WorkspaceController` does the work. Keys in
the list: ``Enter`` opens the reader at the annotation, ``Delete`` trashes the
selection, ``1``–``5`` re-colour it, ``T`` adds tags, ``Shift+T`` removes tags,
``Ctrl+A`` selects all, ``Ctrl+F`` (or ``/``) goes to the search box, ``Esc`` back
to the reader. In the search box, ``Down`` or ``Enter`` goes to the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader.ui.workspace.delegate import AnnotationDelegate
from reader.ui.workspace.filter_bar import FilterBar, chip_icon
from reader.ui.workspace.model import ANN_ID, AnnotationListModel

_FOCUS_SEARCH = (QKeySequence("Ctrl+F"), QKeySequence("/"))


class _List(QListView):
    """A list whose keys act on the selection; the panel says what each does."""

    keyed = Signal(str)  # "open", "delete", "color:N", "tags", "untag", "search", "close"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        action = None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            action = "open"
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            action = "delete"
        elif plain and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            action = f"color:{key - Qt.Key.Key_1}"
        elif key == Qt.Key.Key_T and plain:
            action = "tags"
        elif key == Qt.Key.Key_T and mods == Qt.KeyboardModifier.ShiftModifier:
            action = "untag"
        elif key == Qt.Key.Key_Slash and plain:
            action = "search"
        elif key == Qt.Key.Key_Escape:
            action = "close"
        if action is None:
            super().keyPressEvent(event)
            return
        self.keyed.emit(action)


class WorkspacePanel(QWidget):
    openRequested = Signal(int)  # annotation id
    closeRequested = Signal()
    deleteRequested = Signal()
    colorRequested = Signal(str)  # colour key
    tagsRequested = Signal(bool)  # True: add tags, False: remove tags
    exportRequested = Signal()

    def __init__(self, model: AnnotationListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnnotationsWorkspace")
        self.model = model
        self._colors: list[tuple[str, str, str]] = []
        self.filters = FilterBar()
        self.list = _List()
        self.list.setObjectName("WorkspaceList")
        self.list.setModel(model)
        self.list.setItemDelegate(AnnotationDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setAlternatingRowColors(True)
        self.list.doubleClicked.connect(lambda index: self._open(index.data(ANN_ID)))
        self.list.keyed.connect(self._keyed)
        self.list.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        model.modelReset.connect(self._update_count)
        model.rowsInserted.connect(lambda *_a: self._update_count())

        self.count = QLabel()
        self.count.setObjectName("WorkspaceCount")
        self.tags_button = QPushButton(self.tr("Add Tags…"))
        self.tags_button.setToolTip(self.tr("Add tags to the selected annotations (T)"))
        self.tags_button.clicked.connect(lambda: self.tagsRequested.emit(True))
        self.untag_button = QPushButton(self.tr("Remove Tags…"))
        self.untag_button.setToolTip(self.tr("Remove tags from the selection (Shift+T)"))
        self.untag_button.clicked.connect(lambda: self.tagsRequested.emit(False))
        self.color_button = QPushButton(self.tr("Colour"))
        self.color_button.setToolTip(self.tr("Change the colour of the selection (1–5)"))
        self.color_button.setMenu(QMenu(self.color_button))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Move the selection to the trash (Delete; Ctrl+Z)"))
        self.delete_button.clicked.connect(self.deleteRequested)
        self.export_button = QPushButton(self.tr("Export Selection…"))
        self.export_button.clicked.connect(self.exportRequested)
        self.close_button = QPushButton(self.tr("Back to Reader"))
        self.close_button.setToolTip(self.tr("Esc"))
        self.close_button.clicked.connect(self.closeRequested)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        for button in (
            self.tags_button, self.untag_button, self.color_button, self.delete_button,
            self.export_button, self.close_button,
        ):  # fmt: skip
            button.setAutoDefault(False)
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.filters)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        # The bars' natural width must not keep the window from shrinking to 800 px
        # (docs: small windows); narrower, their widgets share what there is.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.filters.search.installEventFilter(self)
        for widget in (self.filters.search, self.filters.sort, self.filters.collection):
            widget.installEventFilter(self)
        self.setTabOrder(self.filters.search, self.filters.sort)
        self.setTabOrder(self.filters.sort, self.filters.collection)
        order = [
            self.filters.collection, self.filters.document, self.filters.tag, self.filters.color,
            self.filters.style_box, self.filters.note, self.filters.status, self.filters.when,
            self.filters.since, self.filters.until, self.filters.clear_button, self.list,
            self.tags_button, self.untag_button, self.color_button, self.delete_button,
            self.export_button, self.close_button,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        self._update_actions()

    # -- what the controller sets --------------------------------------------------------
    def set_colors(self, colors: list[tuple[str, str, str]]) -> None:
        """``(key, hex, label)`` in palette order: the Colour menu and the digit keys."""
        self._colors = colors
        menu = self.color_button.menu()
        menu.clear()
        for n, (key, hex_, label) in enumerate(colors):
            action = menu.addAction(chip_icon(hex_), f"&{n + 1}  {label}")
            action.triggered.connect(lambda _c=False, k=key: self.colorRequested.emit(k))

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.list.selectionModel().selectedRows())
        if not rows and self.list.currentIndex().isValid():
            rows = [self.list.currentIndex().row()]
        return [self.model.row_at(r).annotation.id for r in rows]

    def select_ids(self, ids: list[int], current: int | None) -> None:
        """Select what was selected before a reload, as far as it still matches."""
        selection = self.list.selectionModel()
        selection.clearSelection()
        wanted = set(ids)
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).annotation.id in wanted:
                selection.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        if current is not None:
            row = self.model.fetch_all_until(current)
            if row >= 0:
                selection.setCurrentIndex(
                    self.model.index(row), QItemSelectionModel.SelectionFlag.NoUpdate
                )

    def current_id(self) -> int | None:
        index = self.list.currentIndex()
        return index.data(ANN_ID) if index.isValid() else None

    def focus_list(self) -> None:
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    # -- keys ---------------------------------------------------------------------------
    def _keyed(self, action: str) -> None:
        if action == "open":
            self._open(self.current_id())
        elif action == "delete":
            self.deleteRequested.emit()
        elif action.startswith("color:"):
            n = int(action.split(":")[1])
            if n < len(self._colors):
                self.colorRequested.emit(self._colors[n][0])
        elif action in ("tags", "untag"):
            self.tagsRequested.emit(action == "tags")
        elif action == "search":
            self.focus_search()
        elif action == "close":
            self.closeRequested.emit()

    def _open(self, ann_id: object) -> None:
        if isinstance(ann_id, int):
            self.openRequested.emit(ann_id)

    def event(self, event: QEvent) -> bool:
        """Ctrl+F is the window's Find in Document: here it means the search box."""
        if event.type() == QEvent.Type.ShortcutOverride and _matches(event, _FOCUS_SEARCH[0]):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _matches(event, _FOCUS_SEARCH[0]):
            self.focus_search()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filters.search and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.filters.flush()
                self.focus_list()
                return True
            if key == Qt.Key.Key_Escape and self.filters.search.text():
                self.filters.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _update_count(self) -> None:
        total = self.model.total()
        if self.model.filter.is_empty():
            self.count.setText(self.tr("{0} annotations").format(f"{total:,}"))
        else:
            self.count.setText(self.tr("{0} annotations match").format(f"{total:,}"))
        self._update_actions()

    def _update_actions(self) -> None:
        some = bool(self.list.selectionModel().selectedRows()) or self.list.currentIndex().isValid()
        for button in (
            self.tags_button, self.untag_button, self.color_button, self.delete_button,
            self.export_button,
        ):  # fmt: skip
            button.setEnabled(some)


def _matches(event: QEvent, sequence: QKeySequence) -> bool:
    if not isinstance(event, QKeyEvent):
        return False
    return QKeySequence(event.keyCombination()) == sequence
