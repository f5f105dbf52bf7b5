"""Ctrl+D: bookmark the reading position, with an optional name; rename and delete
from the library tree. Every edit is undoable (Ctrl+Z) like annotation edits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from reader.core.annotate.bookmarks import MAX_NAME_CHARS, Bookmark, BookmarkStore
from reader.core.changes import Changes
from reader.errors import PizhuError
from reader.ui.common.context import UiContext
from reader.ui.common.undo import ExecutedCommand, Notify
from reader.ui.navigation.history import Place


def _tr(text: str) -> str:
    return QCoreApplication.translate("Bookmarks", text)


class BookmarkDialog(QDialog):
    """One line for the name; Enter accepts, Esc cancels. Opened with ``open()``
    (never ``exec``), so the window keeps running and tests drive it by keys."""

    named = Signal(str)

    def __init__(self, parent: QWidget, title: str, where: str, name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("BookmarkDialog")
        self.setWindowTitle(title)
        self.name = QLineEdit(name)
        self.name.setObjectName("BookmarkName")
        self.name.setMaxLength(MAX_NAME_CHARS)
        self.name.setPlaceholderText(self.tr("Name (optional)"))
        self.name.selectAll()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.place = QLabel(where)
        self.place.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.place)
        layout.addWidget(self.name)
        layout.addWidget(buttons)
        self.accepted.connect(lambda: self.named.emit(self.name.text()))
        self.resize(380, self.sizeHint().height())


class _AddBookmark(ExecutedCommand):
    def __init__(self, store: BookmarkStore, notify: Notify, place: Place, name: str) -> None:
        super().__init__(notify, _tr("Add Bookmark"))
        self.store, self.place, self.name = store, place, name
        self.mark: Bookmark | None = None

    def _do(self) -> Changes:
        if self.mark is None:
            self.mark, changes = self.store.add(self.place.doc_id, self.place.offset, self.name)
            return changes
        self.mark, changes = self.store.restore(self.mark)
        return changes

    def _undo(self) -> Changes:
        assert self.mark is not None
        return self.store.delete(self.mark.id)[1]


class _RenameBookmark(ExecutedCommand):
    def __init__(self, store: BookmarkStore, notify: Notify, mark: Bookmark, name: str) -> None:
        super().__init__(notify, _tr("Rename Bookmark"))
        self.store, self.before, self.name = store, mark, name

    def _do(self) -> Changes:
        return self.store.rename(self.before.id, self.name)[1]

    def _undo(self) -> Changes:
        return self.store.rename(self.before.id, self.before.name)[1]


class _DeleteBookmark(ExecutedCommand):
    def __init__(self, store: BookmarkStore, notify: Notify, mark: Bookmark) -> None:
        super().__init__(notify, _tr("Delete Bookmark"))
        self.store, self.mark = store, mark

    def _do(self) -> Changes:
        return self.store.delete(self.mark.id)[1]

    def _undo(self) -> Changes:
        return self.store.restore(self.mark)[1]


class BookmarkActions(QObject):
    """Add (at ``here``), rename, delete and jump to bookmarks; ``go`` shows a place."""

    def __init__(
        self,
        ctx: UiContext,
        here: Callable[[], Place | None],
        describe: Callable[[Place], str],
        go: Callable[[Place], bool],
    ) -> None:
        super().__init__(ctx.dialog_parent)
        self.parent_widget = ctx.dialog_parent
        self.store = ctx.library.bookmarks
        self.undo_stack = ctx.undo_stack
        self.notify = ctx.notify
        self.show_error = ctx.show_error
        self.show_message = ctx.show_message
        self._here = here
        self._describe = describe
        self._go = go
        self.dialog: BookmarkDialog | None = None

    def add(self) -> BookmarkDialog | None:
        """Ctrl+D: ask for a name (Enter with none is fine), then bookmark the place."""
        place = self._here()
        if place is None:
            self.show_message(self.tr("Open a document to bookmark a place in it"))
            return None
        self.dialog = BookmarkDialog(
            self.parent_widget, self.tr("Add Bookmark"), self._describe(place)
        )
        self.dialog.named.connect(lambda name: self._push(_AddBookmark, place, name))
        self.dialog.open()
        return self.dialog

    def rename(self, bookmark_id: int) -> BookmarkDialog | None:
        try:
            mark = self.store.get(bookmark_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return None
        self.dialog = BookmarkDialog(
            self.parent_widget,
            self.tr("Rename Bookmark"),
            self._describe(Place(mark.doc_id, mark.offset)),
            mark.name,
        )
        self.dialog.named.connect(lambda name: self._push(_RenameBookmark, mark, name))
        self.dialog.open()
        return self.dialog

    def delete(self, bookmark_id: int) -> None:
        try:
            mark = self.store.get(bookmark_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        self._push(_DeleteBookmark, mark)
        self.show_message(self.tr("Bookmark deleted (Ctrl+Z brings it back)"))

    def jump(self, bookmark_id: int) -> None:
        try:
            mark = self.store.get(bookmark_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        self._go(Place(mark.doc_id, mark.offset))

    def _push(self, kind: Callable[..., ExecutedCommand], *args: object) -> None:
        """``kind`` is a bookmark command class: (store, notify, *args)."""
        command = kind(self.store, self.notify, *args)
        command.show_error = self.show_error
        try:
            command.execute()
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        self.undo_stack.push(command)
