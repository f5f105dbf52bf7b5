"""The annotations of the current document: filter, jump, and orphans to re-attach."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.common.combos import narrow_combo, refill, tag_entries

if TYPE_CHECKING:
    from reader.core.annotate.annotations import Annotation

ANNOTATION_ID = Qt.ItemDataRole.UserRole + 10
EXCERPT_CHARS = 60


def color_icon(hex_color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(hex_color))
    return QIcon(pixmap)


class _List(QListWidget):
    activatedByKey = Signal(QListWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.activatedByKey.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class AnnotationsPanel(QWidget):
    jumpRequested = Signal(int)  # annotation id
    reattachRequested = Signal(int)  # orphaned annotation id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._annotations: list[Annotation] = []
        self._colors: dict[str, tuple[str, str]] = {}  # key -> (hex, label)
        self.filter = QLineEdit()
        self.filter.setObjectName("AnnotationFilter")
        self.filter.setPlaceholderText(self.tr("Filter quotes, notes, tags…"))
        self.filter.setClearButtonEnabled(True)
        self.color_box = QComboBox()
        self.tag_box = QComboBox()
        for combo in (self.color_box, self.tag_box):  # long tag names never widen the panel
            narrow_combo(combo)
        self.list = _List()
        self.list.setObjectName("AnnotationList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.orphan_label = QLabel(
            self.tr("Orphaned — select the text in the reader, then choose Re-attach")
        )
        self.orphan_label.setWordWrap(True)
        self.orphans = _List()
        self.orphans.setObjectName("OrphanList")
        self.orphans.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.color_box)
        row.addWidget(self.tag_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addLayout(row)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.orphan_label)
        layout.addWidget(self.orphans, 1)
        self.filter.textChanged.connect(self._render)
        self.color_box.currentIndexChanged.connect(self._render)
        self.tag_box.currentIndexChanged.connect(self._render)
        self.list.activatedByKey.connect(self._jump)
        self.list.itemClicked.connect(self._jump)
        self.orphans.activatedByKey.connect(self._reattach)
        self.orphans.itemDoubleClicked.connect(self._reattach)
        self.filter.returnPressed.connect(self._focus_list)

    def set_colors(self, colors: dict[str, tuple[str, str]]) -> None:
        self._colors = colors
        entries = [
            (label, key, color_icon(hex_color)) for key, (hex_color, label) in colors.items()
        ]
        refill(self.color_box, self.tr("All colours"), entries)

    def set_annotations(self, annotations: list[Annotation]) -> None:
        self._annotations = annotations
        tags = sorted({t for a in annotations for t in a.tags})
        refill(self.tag_box, self.tr("All tags"), tag_entries(tags))
        self._render()

    def visible_ids(self) -> list[int]:
        return [self.list.item(i).data(ANNOTATION_ID) for i in range(self.list.count())]

    def _matches(self, ann: Annotation) -> bool:
        color = self.color_box.currentData()
        tag = self.tag_box.currentData()
        text = self.filter.text().strip().lower()
        if color and ann.color != color:
            return False
        if tag and not any(t == tag or t.startswith(tag + "/") for t in ann.tags):
            return False
        haystack = f"{ann.quote}\n{ann.note}\n{' '.join(ann.tags)}".lower()
        return not text or text in haystack

    def _render(self) -> None:
        self.list.clear()
        self.orphans.clear()
        for ann in self._annotations:
            if not self._matches(ann):
                continue
            target = self.orphans if ann.orphaned else self.list
            entry = QListWidgetItem(self._describe(ann))
            entry.setData(ANNOTATION_ID, ann.id)
            hex_color = self._colors.get(ann.color, ("#cccccc", ""))[0]
            entry.setIcon(color_icon(hex_color))
            entry.setToolTip(ann.note or ann.quote)
            target.addItem(entry)
        has_orphans = self.orphans.count() > 0
        self.orphan_label.setVisible(has_orphans)
        self.orphans.setVisible(has_orphans)

    def _describe(self, ann: Annotation) -> str:
        quote = ann.quote.replace("\n", " ")
        if len(quote) > EXCERPT_CHARS:
            quote = quote[:EXCERPT_CHARS] + "…"
        lines = [f"“{quote}”"]
        if ann.note:
            note = ann.note.replace("\n", " ")
            lines.append(f"✎ {note[:80]}{'…' if len(note) > 80 else ''}")
        if ann.tags:
            lines.append(" ".join(f"#{t}" for t in ann.tags))
        return "\n".join(lines)

    def select_annotation(self, ann_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ANNOTATION_ID) == ann_id:
                self.list.setCurrentRow(i)
                return

    def _focus_list(self) -> None:
        self.list.setFocus()
        if self.list.count() and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)

    def _jump(self, entry: QListWidgetItem) -> None:
        self.jumpRequested.emit(int(entry.data(ANNOTATION_ID)))

    def _reattach(self, entry: QListWidgetItem) -> None:
        self.reattachRequested.emit(int(entry.data(ANNOTATION_ID)))
