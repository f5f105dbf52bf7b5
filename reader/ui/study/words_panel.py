"""The Words view: every kept word with its pinyin, definition, sentence and document.

A table model over :class:`~reader.core.study.WordEntry` rows and a keyboard-usable
view: type to filter (pinyin without tones works: ``jingjin``), ``Down`` to the list,
``Enter`` (or a double-click) opens the reader at the word, ``Delete`` deletes the
selected words (undoable). The panel only shows and asks; the controller writes.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.study import WordEntry

WORD_ID = Qt.ItemDataRole.UserRole + 20
_Index = QModelIndex | QPersistentModelIndex


class WordsModel(QAbstractTableModel):
    COLUMNS = ("word", "pinyin", "definition", "sentence", "document")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[WordEntry] = []
        self.titles: dict[int, str] = {}
        self._headers = (
            self.tr("Word"), self.tr("Pinyin"), self.tr("Definition"), self.tr("Sentence"),
            self.tr("Document"),
        )  # fmt: skip

    def set_entries(self, entries: list[WordEntry], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.titles = titles
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role == WORD_ID:
            return entry.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._value(entry, self.COLUMNS[index.column()])
            if role == Qt.ItemDataRole.ToolTipRole:
                return value if len(value) > 20 else None
            return value
        return None

    def _value(self, entry: WordEntry, column: str) -> str:
        if column == "document":
            if entry.doc_id is None:
                return self.tr("(no document)")
            return self.titles.get(entry.doc_id, "")
        return str(getattr(entry, column))


class _Table(QTableView):
    activatedByKey = Signal(QModelIndex)
    deleteRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedByKey.emit(self.currentIndex())
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)


class _Filter(QLineEdit):
    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.down.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class WordsPanel(QWidget):
    openRequested = Signal(int)  # word id
    deleteRequested = Signal(list)  # word ids
    exportRequested = Signal()
    filterChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WordsPanel")
        self.filter = _Filter()
        self.filter.setObjectName("WordsFilter")
        self.filter.setPlaceholderText(self.tr("Filter words, pinyin (tones optional), meanings…"))
        self.filter.setClearButtonEnabled(True)
        self.model = WordsModel(self)
        self.table = _Table()
        self.table.setObjectName("WordsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 80)
        header.resizeSection(1, 100)
        header.resizeSection(3, 160)
        header.resizeSection(4, 100)
        self.count = QLabel()
        self.count.setObjectName("WordsCount")
        self.export_button = QPushButton(self.tr("Export for Anki…"))
        self.export_button.setObjectName("WordsExport")
        self.export_button.setToolTip(
            self.tr("Save the words listed as a tab-separated file Anki imports")
        )
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.filter.textChanged.connect(self.filterChanged)
        self.filter.down.connect(self.focus_list)
        self.table.activatedByKey.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.table.deleteRequested.connect(self._delete)
        self.export_button.clicked.connect(self.exportRequested)

    def set_entries(self, entries: list[WordEntry], titles: dict[int, str], total: int) -> None:
        current = self.current_id()
        self.model.set_entries(entries, titles)
        shown = len(entries)
        self.count.setText(
            self.tr("{0} words").format(total)
            if shown == total
            else self.tr("{0} of {1} words").format(shown, total)
        )
        rows = [i for i, e in enumerate(entries) if e.id == current]
        if rows:
            self.table.selectRow(rows[0])

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(WORD_ID)) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.entries[r].id for r in rows]

    def focus_list(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(int(index.data(WORD_ID)))

    def _delete(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.deleteRequested.emit(ids)
