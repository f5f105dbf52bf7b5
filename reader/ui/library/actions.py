"""What the File menu and the library tree's context menu do: import, export,
collections, renaming and deleting documents. Kept apart from the window's layout."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QProgressDialog

from reader.core.changes import Changes
from reader.core.export.service import ExportScope, ExportService
from reader.core.ingest.formats.registry import supported_suffixes
from reader.core.ingest.importer import SKIPPED, ImportResult
from reader.errors import PizhuError
from reader.ui.common.workers import ImportWorker
from reader.ui.library.tree import COLLECTION_ID, DOC_ID, KIND

if TYPE_CHECKING:
    from reader.ui.window.main_window import MainWindow


class LibraryActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.import_worker: ImportWorker | None = None
        self.last_import_results: list[ImportResult] = []

    # ----- import / export ---------------------------------------------------------------
    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window,
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
            self.window, self.tr("Import a folder"), str(Path.home())
        )
        if folder:
            self.start_import([Path(folder)])

    def start_import(self, paths: list[Path], collection: str | None = None) -> ImportWorker | None:
        if self.import_worker is not None:
            self.window.show_error(self.tr("An import is already running."))
            return None
        worker = ImportWorker(self.window.data_dir, paths, collection)
        dialog = QProgressDialog(self.tr("Importing…"), self.tr("Cancel"), 0, 0, self.window)
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
        worker.failed.connect(self._import_failed)
        worker.finished.connect(dialog.close)
        worker.finished.connect(self._import_finished)
        self.import_worker = worker
        worker.start()
        return worker

    def _import_finished(self) -> None:
        self.import_worker = None

    def _import_done(self, results: list[ImportResult]) -> None:
        self.last_import_results = results
        self.window.refresh_library()
        self.window.search.library_changed()
        imported = [r for r in results if r.status in ("imported", "updated") and r.doc_id]
        skipped = [r for r in results if r.status == SKIPPED]
        counts: dict[str, int] = {}
        for r in results:
            counts[r.status] = counts.get(r.status, 0) + 1
        summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or self.tr("nothing to import")
        self.window.statusBar().showMessage(self.tr("Import: {0}").format(summary), 8000)
        if any(r.doc_id == self.window.reader.doc_id and r.status == "updated" for r in results):
            self.window.apply_changes(Changes(documents={self.window.reader.doc_id or 0}))
        if skipped:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Import"),
                self.tr("Import finished: {0}").format(summary),
                parent=self.window,
            )
            box.setDetailedText("\n".join(f"{r.path}: {r.reason}" for r in skipped))
            box.setObjectName("ImportReport")
            box.open()
        elif imported and self.window.reader.doc_id is None:
            self.window.open_document(imported[0].doc_id or 0)

    def _import_failed(self, message: str) -> None:
        self.window.show_error(message)

    def reimport_current(self, doc_id: int | None = None) -> None:
        doc_id = doc_id or self.window.reader.doc_id
        if doc_id is None:
            return
        source = self.window.library.documents.get(doc_id).source_path
        if not source or not Path(source).exists():
            self.window.show_error(self.tr("The source file is gone: {0}").format(source or "?"))
            return
        self.start_import([Path(source)])

    def export_current(self, doc_id: int | None = None) -> None:
        doc_id = doc_id or self.window.reader.doc_id
        if doc_id is None:
            return
        title = self.window._title_of(doc_id)
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export annotations"),
            str(Path.home() / f"{title[:40]}.md"),
            "Markdown (*.md)",
        )
        if path:
            # The quotes come out in the script the document is shown in (View ▸ Script).
            info = self.window.library.documents.get(doc_id)
            script = self.window.scripts.chosen(info)
            self._export(ExportScope(doc_ids=(doc_id,)), Path(path), script)

    def export_all(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Export all annotations into a folder"), str(Path.home())
        )
        if folder:
            self._export(ExportScope(all=True), Path(folder))

    def _export(self, scope: ExportScope, path: Path, script: str = "as-written") -> bool:
        try:
            service = ExportService(self.window.library.db)
            report = service.export_markdown(scope, path, script=script)
        except (PizhuError, OSError) as exc:
            self.window.show_error(str(exc))
            return False
        self.window.statusBar().showMessage(
            self.tr("Exported {0} annotations to {1}").format(report.annotations, path), 8000
        )
        return True

    # ----- library tree context menu -----------------------------------------------------
    def tree_menu(self, pos) -> None:  # noqa: ANN001
        index = self.window.library_panel.tree.indexAt(pos)
        menu = QMenu(self.window)
        kind = index.data(KIND) if index.isValid() else None
        if kind == "document":
            doc_id = int(index.data(DOC_ID))
            collection_id = index.parent().data(COLLECTION_ID)
            docs = self.window.document_actions
            keys = self.window.actions_registry.shortcut_text
            menu.addAction(self.tr("Open"), lambda: self.window.open_document(doc_id))
            original = menu.addAction(
                self.tr("Open Original File"), lambda: docs.open_original(doc_id)
            )
            original.setEnabled(docs.has_original(doc_id))
            menu.addAction(
                self.tr("Details…") + "\t" + keys("file.details"),
                lambda: docs.show_details(doc_id),
            )
            menu.addAction(
                self.tr("Rename") + "\t" + keys("file.rename"),
                lambda: (
                    self.window.library_panel.edit_document(doc_id) or self.rename_document(doc_id)
                ),
            )
            menu.addSeparator()
            move = menu.addMenu(self.tr("Add to Collection"))
            for c in self.window.library.collections.all():
                move.addAction(
                    c.path, lambda c=c: self.documents_dropped([(doc_id, 0)], c.id, False)
                )
            if collection_id:
                menu.addAction(
                    self.tr("Remove From This Collection"),
                    lambda: self._remove_from_collection(doc_id, int(collection_id)),
                )
            menu.addAction(self.tr("Re-import From Source"), lambda: self.reimport_current(doc_id))
            menu.addAction(self.tr("Export Annotations…"), lambda: self.export_current(doc_id))
            menu.addSeparator()
            menu.addAction(self.tr("Delete Document…"), lambda: self.delete_document(doc_id))
        elif kind == "collection":
            collection_id = int(index.data(COLLECTION_ID))
            menu.addAction(
                self.tr("New Sub-collection…"), lambda: self.new_collection(collection_id)
            )
            menu.addAction(self.tr("Rename…"), lambda: self.rename_collection(collection_id))
            menu.addAction(
                self.tr("Delete Collection"), lambda: self.delete_collection(collection_id)
            )
        else:
            menu.addAction(self.tr("New Collection…"), lambda: self.new_collection(None))
        menu.exec(self.window.library_panel.tree.viewport().mapToGlobal(pos))

    def _write(self, fn, changes: Changes) -> None:  # noqa: ANN001
        try:
            with self.window.library.db.atomic():
                fn()
        except PizhuError as exc:
            self.window.show_error(str(exc))
            return
        self.window.apply_changes(changes)

    def documents_dropped(
        self, entries: list[tuple[int, int]], collection_id: int, move: bool
    ) -> None:
        """Drag onto a collection: moves from the collection it came from (Ctrl: copies)."""

        def do() -> None:
            for doc_id, source in entries:
                self.window.library.collections.add_document(collection_id, doc_id)
                if move and source and source != collection_id:
                    self.window.library.collections.remove_document(source, doc_id)

        self._write(do, Changes(collections=True))

    def _remove_from_collection(self, doc_id: int, collection_id: int) -> None:
        self._write(
            lambda: self.window.library.collections.remove_document(collection_id, doc_id),
            Changes(collections=True),
        )

    def new_collection(self, parent_id: int | None) -> None:
        name, ok = QInputDialog.getText(self.window, self.tr("New collection"), self.tr("Name:"))
        if ok and name.strip():
            prefix = self.window.library.collections.get(parent_id).path + "/" if parent_id else ""
            self._write(
                lambda: self.window.library.collections.ensure_path(
                    prefix + name.strip().replace("/", "／")
                ),
                Changes(collections=True),
            )

    def rename_collection(self, collection_id: int) -> None:
        current = self.window.library.collections.get(collection_id).name
        name, ok = QInputDialog.getText(
            self.window, self.tr("Rename collection"), self.tr("Name:"), text=current
        )
        if ok and name.strip() and name != current:
            self._write(
                lambda: self.window.library.collections.rename(collection_id, name.strip()),
                Changes(collections=True),
            )

    def delete_collection(self, collection_id: int) -> None:
        self._write(
            lambda: self.window.library.collections.delete(collection_id), Changes(collections=True)
        )

    def rename_document(self, doc_id: int) -> None:
        current = self.window._title_of(doc_id)
        name, ok = QInputDialog.getText(
            self.window, self.tr("Rename document"), self.tr("Title:"), text=current
        )
        if ok:
            self.window.document_actions.rename(doc_id, name)

    def delete_document(self, doc_id: int) -> bool:
        """Asks first and offers to export the document's annotations before they go."""
        title = self.window._title_of(doc_id)
        count = len(self.window.annotations.list_for_document(doc_id))
        box = QMessageBox(self.window)
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
                self.window,
                self.tr("Export annotations"),
                str(Path.home() / f"{title[:40]}.md"),
                "Markdown (*.md)",
            )
            if not path or not self._export(ExportScope(doc_ids=(doc_id,)), Path(path)):
                return False
        elif clicked is not delete_button:
            return False
        if self.window.reader.doc_id == doc_id:
            self.window.reader.clear_document()
            self.window.status_doc.setText("")
        self._write(
            lambda: self.window.library.documents.delete(doc_id),
            Changes(documents={doc_id}, annotations={doc_id}, tags=True),
        )
        return True
