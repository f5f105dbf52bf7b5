"""What the File menu and the library tree's context menu do: import, export,
collections, renaming and deleting documents. Kept apart from the window's layout.

Given a :class:`UiContext`, the library panel and the document commands, never the
window; it asks for a document to be opened with ``openRequested``. Every write's
:class:`Changes` come from the core and go to the change bus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from reader.core.changes import Changes
from reader.core.export.service import ExportScope, ExportService
from reader.core.ingest.formats.registry import supported_suffixes
from reader.core.ingest.importer import ImportReport, ImportResult, ImportStatus
from reader.core.library import Library
from reader.errors import PizhuError
from reader.ui.common.context import UiContext
from reader.ui.common.jobs import Job
from reader.ui.export.dialog import ExportContext, ExportDialog
from reader.ui.library.document_actions import DocumentActions
from reader.ui.library.tree import BOOKMARK_ID, COLLECTION_ID, DOC_ID, KIND, TAG, LibraryPanel
from reader.ui.reading.scripts import DocumentScripts


def import_paths(
    data_dir: Path, paths: list[Path], collection: str | None, job: Job
) -> ImportReport:
    """An import on a job's thread: its own connection, one transaction, cancellable."""
    library = Library.open(data_dir)
    try:
        return library.importer().import_paths(
            paths, collection=collection, progress=job.report, cancelled=job.cancelled
        )
    finally:
        library.close()


class LibraryActions(QObject):
    openRequested = Signal(int)  # a document id

    def __init__(
        self,
        ctx: UiContext,
        panel: LibraryPanel,
        documents: DocumentActions,
        scripts: DocumentScripts,
        current_doc: Callable[[], int | None],
        shortcut_text: Callable[[str], str],
    ) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        self.library = ctx.library
        self.panel = panel
        self.documents = documents
        self.scripts = scripts
        self.current_doc = current_doc
        self.shortcut_text = shortcut_text
        self.import_worker: Job | None = None
        self.last_import_results: list[ImportResult] = []

    @property
    def _parent(self) -> QWidget:
        """The widget dialogs are modal to."""
        return self.ctx.dialog_parent

    # ----- import / export ---------------------------------------------------------------
    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._parent,
            self.tr("Import documents"),
            str(Path.home()),
            self.name_filters(),
        )
        if files:
            self.start_import([Path(f) for f in files])

    def name_filters(self) -> str:
        patterns = " ".join(f"*{suffix}" for suffix in supported_suffixes())
        return ";;".join([self.tr("Documents ({0})").format(patterns), self.tr("All files (*)")])

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._parent, self.tr("Import a folder"), str(Path.home())
        )
        if folder:
            self.start_import([Path(folder)])

    def start_import(self, paths: list[Path], collection: str | None = None) -> Job | None:
        if self.import_worker is not None:
            self.ctx.show_error(self.tr("An import is already running."))
            return None
        data_dir = self.library.data_dir
        worker = self.ctx.jobs.run(
            lambda job: import_paths(data_dir, paths, collection, job),
            name="pizhu-import",
            failure_prefix="import failed, nothing was changed: ",
        )
        dialog = QProgressDialog(self.tr("Importing…"), self.tr("Cancel"), 0, 0, self._parent)
        dialog.setWindowTitle(self.tr("Import"))
        dialog.setMinimumDuration(400)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.canceled.connect(worker.cancel)

        def progress(done: int, total: int, name: str) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(
                self.tr("Importing {0}/{1}: {2}").format(
                    min(done + 1, total), total, Path(name).name
                )
            )

        worker.progress.connect(progress)
        worker.done.connect(self._import_done)
        worker.failed.connect(self.ctx.show_error)
        worker.finished.connect(dialog.close)
        worker.finished.connect(self._import_finished)
        self.import_worker = worker
        return worker

    def _import_finished(self) -> None:
        self.import_worker = None

    def _import_done(self, report: ImportReport) -> None:
        results = list(report)
        self.last_import_results = results
        # What the import wrote, from its transaction: the tree, the search index and,
        # when the open document's file changed, the reader refresh from this.
        self.ctx.notify(report.changes)
        landed = (ImportStatus.IMPORTED, ImportStatus.UPDATED)
        imported = [r for r in results if r.status in landed and r.doc_id]
        skipped = [r for r in results if r.status is ImportStatus.SKIPPED]
        counts: dict[str, int] = {}
        for r in results:
            counts[r.status] = counts.get(r.status, 0) + 1
        summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or self.tr("nothing to import")
        self.ctx.show_message(self.tr("Import: {0}").format(summary))
        if skipped:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Import"),
                self.tr("Import finished: {0}").format(summary),
                parent=self._parent,
            )
            box.setDetailedText("\n".join(f"{r.path}: {r.reason}" for r in skipped))
            box.setObjectName("ImportReport")
            box.open()
        elif imported and self.current_doc() is None:
            self.openRequested.emit(imported[0].doc_id or 0)

    def reimport_current(self, doc_id: int | None = None) -> None:
        doc_id = doc_id or self.current_doc()
        if doc_id is None:
            return
        source = self.library.documents.get(doc_id).source_path
        if not source or not Path(source).exists():
            self.ctx.show_error(self.tr("The source file is gone: {0}").format(source or "?"))
            return
        self.start_import([Path(source)])

    def export_current(self, doc_id: int | None = None) -> ExportDialog:
        """The export dialog (presets, scope, live preview) on the document."""
        return self.open_export_dialog(doc_id=doc_id or self.current_doc())

    def open_export_dialog(
        self, annotation_ids: list[int] | None = None, doc_id: int | None = None
    ) -> ExportDialog:
        library = self.library
        context = ExportContext(
            self.ctx, script_for=lambda d: self.scripts.chosen(library.documents.get(d))
        )
        dialog = ExportDialog(context, annotation_ids, doc_id, self._parent)
        dialog.open()
        return dialog

    def export_all(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._parent, self.tr("Export all annotations into a folder"), str(Path.home())
        )
        if folder:
            self._export(ExportScope(all=True), Path(folder))

    def _export(self, scope: ExportScope, path: Path, script: str = "as-written") -> bool:
        try:
            report = ExportService(self.library.db).export_markdown(scope, path, script=script)
        except (PizhuError, OSError) as exc:
            self.ctx.show_error(str(exc))
            return False
        self.ctx.show_message(
            self.tr("Exported {0} annotations to {1}").format(report.annotations, path)
        )
        return True

    # ----- library tree context menu -----------------------------------------------------
    def tree_menu(self, pos: QPoint) -> None:
        tree = self.panel.tree
        index = tree.indexAt(pos)
        menu = QMenu(self._parent)
        kind = index.data(KIND) if index.isValid() else None
        if kind == "document":
            self._document_menu(menu, int(index.data(DOC_ID)), index.parent().data(COLLECTION_ID))
        elif kind == "collection":
            collection_id = int(index.data(COLLECTION_ID))
            menu.addAction(
                self.tr("New Sub-collection…"), lambda: self.new_collection(collection_id)
            )
            menu.addAction(self.tr("Rename…"), lambda: self.rename_collection(collection_id))
            menu.addAction(
                self.tr("Delete Collection"), lambda: self.delete_collection(collection_id)
            )
        elif kind in ("tag", "workspace"):
            tag = str(index.data(TAG)) if kind == "tag" else ""
            keys = self.shortcut_text("view.workspace")
            menu.addAction(
                self.tr("Show in Annotations Workspace") + "\t" + keys,
                lambda: self.panel.workspaceRequested.emit(tag),
            )
        elif kind == "bookmark":
            mark = int(index.data(BOOKMARK_ID))
            request = self.panel.bookmarkRequested.emit
            menu.addAction(self.tr("Go to Bookmark"), lambda: request(mark, "open"))
            menu.addAction(self.tr("Rename Bookmark…") + "\tF2", lambda: request(mark, "rename"))
            menu.addAction(self.tr("Delete Bookmark") + "\tDel", lambda: request(mark, "delete"))
        else:
            menu.addAction(self.tr("New Collection…"), lambda: self.new_collection(None))
        menu.exec(tree.viewport().mapToGlobal(pos))

    def _document_menu(self, menu: QMenu, doc_id: int, collection_id: object) -> None:
        docs = self.documents
        keys = self.shortcut_text
        menu.addAction(self.tr("Open"), lambda: self.openRequested.emit(doc_id))
        original = menu.addAction(self.tr("Open Original File"), lambda: docs.open_original(doc_id))
        original.setEnabled(docs.has_original(doc_id))
        menu.addAction(
            self.tr("Details…") + "\t" + keys("file.details"), lambda: docs.show_details(doc_id)
        )
        menu.addAction(
            self.tr("Rename") + "\t" + keys("file.rename"),
            lambda: self.panel.edit_document(doc_id) or self.rename_document(doc_id),
        )
        menu.addSeparator()
        move = menu.addMenu(self.tr("Add to Collection"))
        for c in self.library.collections.all():
            move.addAction(c.path, lambda c=c: self.documents_dropped([(doc_id, 0)], c.id, False))
        if isinstance(collection_id, int) and collection_id:  # a row under a collection
            menu.addAction(
                self.tr("Remove From This Collection"),
                lambda: self._remove_from_collection(doc_id, collection_id),
            )
        menu.addAction(self.tr("Re-import From Source"), lambda: self.reimport_current(doc_id))
        menu.addAction(self.tr("Export Annotations…"), lambda: self.export_current(doc_id))
        menu.addSeparator()
        menu.addAction(self.tr("Delete Document…"), lambda: self.delete_document(doc_id))

    def _write(self, fn: Callable[[], Changes]) -> bool:
        """One transaction; what the core says it changed goes to the change bus."""
        try:
            with self.library.db.atomic():
                changes = fn()
        except PizhuError as exc:
            self.ctx.show_error(str(exc))
            return False
        self.ctx.notify(changes)
        return True

    def documents_dropped(
        self, entries: list[tuple[int, int]], collection_id: int, move: bool
    ) -> None:
        """Drag onto a collection: moves from the collection it came from (Ctrl: copies)."""
        collections = self.library.collections

        def do() -> Changes:
            changes = Changes()
            for doc_id, source in entries:
                changes.merge(collections.add_document(collection_id, doc_id))
                if move and source and source != collection_id:
                    changes.merge(collections.remove_document(source, doc_id))
            return changes

        self._write(do)

    def _remove_from_collection(self, doc_id: int, collection_id: int) -> None:
        self._write(lambda: self.library.collections.remove_document(collection_id, doc_id))

    def new_collection(self, parent_id: int | None) -> None:
        name, ok = QInputDialog.getText(self._parent, self.tr("New collection"), self.tr("Name:"))
        if ok and name.strip():
            collections = self.library.collections
            prefix = collections.get(parent_id).path + "/" if parent_id else ""
            path = prefix + name.strip().replace("/", "／")
            self._write(lambda: collections.create(path)[1])

    def rename_collection(self, collection_id: int) -> None:
        current = self.library.collections.get(collection_id).name
        name, ok = QInputDialog.getText(
            self._parent, self.tr("Rename collection"), self.tr("Name:"), text=current
        )
        if ok and name.strip() and name != current:
            self._write(lambda: self.library.collections.rename(collection_id, name.strip()))

    def delete_collection(self, collection_id: int) -> None:
        self._write(lambda: self.library.collections.delete(collection_id))

    def rename_document(self, doc_id: int) -> None:
        current = self.library.title_of(doc_id)
        name, ok = QInputDialog.getText(
            self._parent, self.tr("Rename document"), self.tr("Title:"), text=current
        )
        if ok:
            self.documents.rename(doc_id, name)

    def delete_document(self, doc_id: int) -> bool:
        """Asks first and offers to export the document's annotations before they go."""
        title = self.library.title_of(doc_id)
        count = len(self.library.annotations.list_for_document(doc_id))
        box = QMessageBox(self._parent)
        box.setObjectName("ConfirmDelete")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete document"))
        box.setText(self.tr("Delete “{0}” from the library?").format(title))
        export_button = None
        if count:
            box.setInformativeText(
                self.tr("It has {0} annotations, which will be deleted with it.").format(count)
            )
            export_button = box.addButton(
                self.tr("Export Annotations, Then Delete"), QMessageBox.ButtonRole.AcceptRole
            )
        delete_button = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(export_button or delete_button)
        box.exec()
        clicked = box.clickedButton()
        if clicked is export_button and export_button is not None:
            path, _ = QFileDialog.getSaveFileName(
                self._parent,
                self.tr("Export annotations"),
                str(Path.home() / f"{title[:40]}.md"),
                "Markdown (*.md)",
            )
            if not path or not self._export(ExportScope(doc_ids=(doc_id,)), Path(path)):
                return False
        elif clicked is not delete_button:
            return False
        # The reader lets go of the document when the bus says it is gone.
        return self._write(lambda: self.library.documents.delete(doc_id))
