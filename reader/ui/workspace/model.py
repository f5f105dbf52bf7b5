"""The workspace's list model: ids from the query, full rows fetched as the view scrolls.

A filter change replaces the id list (one SQL query) and resets the model; rows are
built :data:`PAGE` at a time through ``canFetchMore``/``fetchMore``, so 10 000
matches cost the first screenful, not 10 000 row objects.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.core.annotate.query import AnnotationFilter, AnnotationQuery, WorkspaceRow

PAGE = 100
ROW = Qt.ItemDataRole.UserRole + 1  # the WorkspaceRow
ANN_ID = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class AnnotationListModel(QAbstractListModel):
    def __init__(self, query: AnnotationQuery, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = query
        self.filter = AnnotationFilter()
        self.ids: list[int] = []
        self._rows: list[WorkspaceRow] = []

    # -- filling ----------------------------------------------------------------------
    def set_filter(self, flt: AnnotationFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        """Query again (a filter change, or the library changed): the first page only."""
        self.beginResetModel()
        self.ids = self.query.ids(self.filter)
        self._rows = []
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh_rows(self, ann_ids: set[int] | None = None) -> None:
        """Rebuild the loaded rows in place (an edit of some of them): rows stay put."""
        if not self._rows:
            return
        fresh = {r.annotation.id: r for r in self.query.rows(self.ids[: len(self._rows)])}
        for n, row in enumerate(self._rows):
            if ann_ids is None or row.annotation.id in ann_ids:
                self._rows[n] = fresh.get(row.annotation.id, row)
        self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and len(self._rows) < len(self.ids)

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid():
            return
        start = len(self._rows)
        wanted = self.ids[start : start + PAGE]
        if not wanted:
            return
        rows = self.query.rows(wanted)
        by_id = {r.annotation.id: r for r in rows}
        # An id whose annotation went meanwhile keeps its place until the next reload.
        kept = [by_id[i] for i in wanted if i in by_id]
        if len(kept) != len(wanted):
            self.ids[start : start + len(wanted)] = [r.annotation.id for r in kept]
        self.beginInsertRows(QModelIndex(), start, start + len(kept) - 1)
        self._rows.extend(kept)
        self.endInsertRows()

    def fetch_all_until(self, ann_id: int) -> int:
        """Load pages until ``ann_id`` is loaded; its row, or -1 if it does not match."""
        if ann_id not in self.ids:
            return -1
        position = self.ids.index(ann_id)
        while len(self._rows) <= position and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
        return position if position < len(self._rows) else -1

    # -- reading ----------------------------------------------------------------------
    def total(self) -> int:
        return len(self.ids)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def row_at(self, row: int) -> WorkspaceRow:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == ROW:
            return row
        if role == ANN_ID:
            return row.annotation.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            ann = row.annotation
            parts = [row.color_label, ann.quote, ann.note, " ".join(f"#{t}" for t in ann.tags)]
            return " — ".join(p for p in [*parts, row.title] if p)
        if role == Qt.ItemDataRole.ToolTipRole:
            ann = row.annotation
            return "\n".join(p for p in (ann.quote, ann.note, row.section or "") if p)
        return None
