"""A document's own commands: open the original file, rename it, edit its details.

Given a :class:`UiContext` (the library, the undo stack, the change bus and the
message callables), not the main window. Renames and detail edits are one undoable
command each.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices

from reader.errors import PizhuError
from reader.ui.common.context import UiContext
from reader.ui.common.undo import UpdateDocumentDetails
from reader.ui.dialogs.details import DetailsDialog


class DocumentActions(QObject):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx.dialog_parent)
        self.parent_widget = ctx.dialog_parent
        self.library = ctx.library
        self.undo_stack = ctx.undo_stack
        self.notify = ctx.notify
        self.show_error = ctx.show_error
        self.show_message = ctx.show_message
        self.last_dialog: DetailsDialog | None = None

    def _title(self, doc_id: int) -> str:
        return self.library.title_of(doc_id)

    # ----- open original -----------------------------------------------------------------
    def has_original(self, doc_id: int) -> bool:
        try:
            return self.library.original_path(doc_id) is not None
        except PizhuError:
            return False

    def open_original(self, doc_id: int | None) -> bool:
        if doc_id is None:
            self.show_message(self.tr("Open a document first."))
            return False
        try:
            path = self.library.original_path(doc_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return False
        if path is None:
            self.show_message(
                self.tr(
                    "“{0}” has no original file: it was not kept and the source is gone."
                ).format(self._title(doc_id))
            )
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.show_error(self.tr("No application could open {0}").format(path))
            return False
        self.show_message(self.tr("Opened {0}").format(path.name))
        return True

    # ----- rename and details ------------------------------------------------------------
    def rename(self, doc_id: int, title: str) -> bool:
        title = title.strip()
        if not title:
            self.show_message(self.tr("A title cannot be blank; the title was not changed."))
            return False
        current = self._title(doc_id)
        if title == current:
            return False
        error = self.update(doc_id, {"title": title}, self.tr("Rename “{0}”").format(current))
        if error:
            self.show_error(error)
            return False
        return True

    def update(self, doc_id: int, values: dict[str, object], text: str = "") -> str | None:
        """Apply ``values`` as one undoable command; the core's message if it refuses."""
        try:
            info = self.library.documents.get(doc_id)
        except PizhuError as exc:
            return str(exc)
        before = {key: getattr(info, key) for key in values}
        command = UpdateDocumentDetails(
            self.library.db,
            self.library.documents,
            self.notify,
            doc_id,
            before,
            dict(values),
            text or self.tr("Edit details of “{0}”").format(info.title),
        )
        command.show_error = self.show_error
        try:
            command.execute()
        except PizhuError as exc:
            return str(exc)
        self.undo_stack.push(command)
        return None

    def show_details(self, doc_id: int | None) -> DetailsDialog | None:
        if doc_id is None:
            self.show_message(self.tr("Open a document first."))
            return None
        try:
            info = self.library.documents.get(doc_id)
            pages = len(self.library.documents.pages(doc_id))
            original = self.library.original_path(doc_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return None
        dialog = DetailsDialog(
            info,
            pages,
            original,
            lambda values: self.update(doc_id, values),
            lambda: self.open_original(doc_id),
            self.parent_widget,
        )
        dialog.finished.connect(dialog.deleteLater)
        self.last_dialog = dialog
        dialog.open()
        return dialog
