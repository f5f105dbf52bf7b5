"""The workspace's filter bar: a search box and one combo per filter, all by keyboard.

It only turns what is chosen into an :class:`AnnotationFilter`; the choices are
refilled from the library by :meth:`FilterBar.set_choices` without losing the
user's selection.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotate.query import AnnotationFilter
from reader.ui.common.combos import narrow_combo, refill
from reader.ui.common.dates import py_date

TYPING_MS = 120
"""Typing waits this long for the next key; every other choice applies at once."""

DATE_CHOICES = ("any", "today", "week", "month", "year", "custom")


def chip_icon(hex_color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(hex_color))
    return QIcon(pixmap)


def date_range(choice: str, today: date, since: date, until: date) -> tuple[str | None, str | None]:
    """The inclusive days a date choice covers (``week``: the last seven days)."""
    if choice == "today":
        return today.isoformat(), None
    if choice == "week":
        return (today - timedelta(days=6)).isoformat(), None
    if choice == "month":
        return (today - timedelta(days=29)).isoformat(), None
    if choice == "year":
        return date(today.year, 1, 1).isoformat(), None
    if choice == "custom":
        return since.isoformat(), until.isoformat()
    return None, None


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("WorkspaceSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search quotes and notes (國務院 = 国务院, ＧＤＰ = gdp)…  Ctrl+F")
        )
        self._typing = QTimer(self, singleShot=True, interval=TYPING_MS)
        self._typing.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._typing.start())

        def combo(name: str, tip: str, chars: int = 8) -> QComboBox:
            box = QComboBox()
            box.setObjectName(name)
            box.setToolTip(tip)
            narrow_combo(box, chars)
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
            return box

        self.collection = combo("WorkspaceCollection", self.tr("Collection (with sub-collections)"))
        self.document = combo("WorkspaceDocument", self.tr("Document"), 10)
        self.tag = combo("WorkspaceTag", self.tr("Tag (with its sub-tags)"))
        self.color = combo("WorkspaceColor", self.tr("Colour"), 5)
        self.style_box = combo("WorkspaceStyle", self.tr("Highlight or underline"), 5)
        for label, data in (
            (self.tr("Any style"), None),
            (self.tr("Highlights"), "highlight"),
            (self.tr("Underlines"), "underline"),
        ):
            self.style_box.addItem(label, data)
        self.note = combo("WorkspaceNote", self.tr("With or without a note"), 6)
        for label, data in (
            (self.tr("Notes or not"), None),
            (self.tr("With a note"), True),
            (self.tr("Without a note"), False),
        ):
            self.note.addItem(label, data)
        self.status = combo("WorkspaceStatus", self.tr("Placed or orphaned"), 6)
        for label, data in (
            (self.tr("Placed and orphaned"), None),
            (self.tr("Orphaned only"), True),
            (self.tr("Placed only"), False),
        ):
            self.status.addItem(label, data)
        self.when = combo("WorkspaceDate", self.tr("When it was made"), 6)
        for label, data in zip(
            (
                self.tr("Any time"),
                self.tr("Today"),
                self.tr("Last 7 days"),
                self.tr("Last 30 days"),
                self.tr("This year"),
                self.tr("Between…"),
            ),
            DATE_CHOICES,
            strict=True,
        ):
            self.when.addItem(label, data)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        for edit, name in ((self.since, "WorkspaceSince"), (self.until, "WorkspaceUntil")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.changed.emit())
            edit.hide()
        self.when.currentIndexChanged.connect(self._date_choice)
        self.sort = combo("WorkspaceSort", self.tr("Order"), 8)
        for label, data in (
            (self.tr("Reading order"), "reading"),
            (self.tr("Newest first"), "created"),
            (self.tr("Recently edited"), "updated"),
            (self.tr("By colour"), "color"),
        ):
            self.sort.addItem(label, data)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("WorkspaceClear")
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Show every annotation again"))
        self.clear_button.clicked.connect(self.clear)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 3)
        top.addWidget(self.sort, 1)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.collection, self.document, self.tag, self.color, self.style_box, self.note,
            self.status, self.when, self.since, self.until,
        ):  # fmt: skip
            if isinstance(widget, QComboBox):
                # A combo as wide as its longest entry would keep the window from
                # shrinking to 800 px; the entries show in full when it opens.
                widget.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                widget.setMinimumContentsLength(4)
            second.addWidget(widget, 1)
        second.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(second)

    def _date_choice(self, _index: int) -> None:
        custom = self.when.currentData() == "custom"
        self.since.setVisible(custom)
        self.until.setVisible(custom)

    def set_choices(
        self,
        collections: list[tuple[str, int]],
        documents: list[tuple[str, int]],
        tags: list[str],
        colors: list[tuple[str, str, str]],  # key, hex, label
    ) -> None:
        """Refill the combos from the library; choices still there stay chosen."""
        self.blockSignals(True)
        refill(self.collection, self.tr("All collections"), [(p, i, None) for p, i in collections])
        refill(self.document, self.tr("All documents"), [(t, i, None) for t, i in documents])
        refill(
            self.tag,
            self.tr("All tags"),
            [("　" * t.count("/") + "#" + t.rsplit("/", 1)[-1], t, None) for t in tags],
        )
        refill(
            self.color,
            self.tr("Any colour"),
            [(label, key, chip_icon(hex_)) for key, hex_, label in colors],
        )
        self.blockSignals(False)

    def current(self) -> AnnotationFilter:
        since, until = date_range(
            self.when.currentData() or "any",
            date.today(),
            py_date(self.since.date()),
            py_date(self.until.date()),
        )
        color = self.color.currentData()
        document = self.document.currentData()
        return AnnotationFilter(
            collection_id=self.collection.currentData(),
            doc_ids=(document,) if document is not None else None,
            tag=self.tag.currentData(),
            colors=(color,) if color else (),
            style=self.style_box.currentData(),
            has_note=self.note.currentData(),
            orphaned=self.status.currentData(),
            since=since,
            until=until,
            text=self.search.text(),
            sort=self.sort.currentData() or "reading",
        )

    def choose(self, combo: QComboBox, data: object) -> bool:
        """Select ``data`` in ``combo`` (the library tree's "show this tag here")."""
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)
        return index >= 0

    def clear(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        self._typing.stop()
        for box in (
            self.collection, self.document, self.tag, self.color, self.style_box, self.note,
            self.status, self.when,
        ):  # fmt: skip
            box.setCurrentIndex(0)
        self.blockSignals(False)
        self.changed.emit()

    def flush(self) -> None:
        """Apply typed text now (Enter, or Down into the list) rather than after the pause."""
        if self._typing.isActive():
            self._typing.stop()
            self.changed.emit()
