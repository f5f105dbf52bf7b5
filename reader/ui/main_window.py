"""The main window: library tree | reader | annotations, menus from the action registry."""

from __future__ import annotations

import base64
import contextlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME, __version__
from reader.core.annotations import AnnotationService
from reader.core.changes import Changes
from reader.core.colors import ColorService
from reader.core.commands import MENUS
from reader.core.errors import PizhuError
from reader.core.export.service import ExportScope, ExportService
from reader.core.importer import SKIPPED, ImportResult
from reader.core.library import Library
from reader.core.progress import ProgressService
from reader.core.search.service import SearchService
from reader.core.settings import Settings
from reader.ui.actions import ActionRegistry
from reader.ui.annotation_tools import AnnotationTools
from reader.ui.annotations_panel import AnnotationsPanel
from reader.ui.library_builder import build_library_model
from reader.ui.library_tree import COLLECTION_ID, DOC_ID, KIND, LibraryPanel
from reader.ui.overview_strip import OverviewStrip
from reader.ui.reader_view import Mark, ReaderView
from reader.ui.resources import app_icon
from reader.ui.search_controller import SearchController
from reader.ui.selection_toolbar import SelectionToolbar
from reader.ui.theme import apply_theme, default_reading_family
from reader.ui.workers import ImportWorker

ZOOM_STEP = 1.1
SAVE_PROGRESS_MS = 800


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        settings: Settings,
        data_dir: Path,
        search_service: SearchService | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.data_dir = data_dir
        self.annotations = AnnotationService(library.db)
        self.progress = ProgressService(library.db)
        self.colors = ColorService(library.db)
        self.undo_stack = QUndoStack(self)
        self.import_worker: ImportWorker | None = None
        self._closed = False
        self.last_import_results: list[ImportResult] = []
        self.setWindowTitle(f"{APP_NAME} 批注")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowNestedDocks
        )

        self.reader = ReaderView()
        self.overview = OverviewStrip()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.reader)
        row.addWidget(self.overview)
        column.addLayout(row, 1)
        self.setCentralWidget(central)

        self.library_panel = LibraryPanel()
        self.library_dock = self._dock(
            self.tr("Library"),
            "LibraryDock",
            self.library_panel,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        self.annotations_panel = AnnotationsPanel()
        self.annotations_dock = self._dock(
            self.tr("Annotations"),
            "AnnotationsDock",
            self.annotations_panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )

        self.actions_registry = ActionRegistry(self, self.reader, settings.shortcuts)
        self.tools = AnnotationTools(
            self, self.reader, self.annotations, self.undo_stack, self.apply_changes,
            self.show_error, lambda: self.settings.default_color, self._title_of,
        )  # fmt: skip
        self._build_menus()
        self._connect_actions()
        self.selection_toolbar = self._build_selection_toolbar()
        self._build_status_bar()
        self.search = SearchController(self, search_service or SearchService(data_dir))
        column.addWidget(self.search.find_bar)

        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_PROGRESS_MS)
        self._save_timer.timeout.connect(self.save_progress)
        self.reader.firstVisibleChanged.connect(lambda _o: self._save_timer.start())
        self.reader.verticalScrollBar().valueChanged.connect(self._update_position)
        self.reader.selectionOffsetsChanged.connect(self._selection_changed)
        self.reader.annotationActivated.connect(self.annotations_panel.select_annotation)
        self.reader.cursorPositionChanged.connect(self._update_position)
        self.overview.jumpRequested.connect(self._jump_to_fraction)
        self.library_panel.openRequested.connect(self.open_document)
        self.library_panel.annotationRequested.connect(self.open_annotation)
        self.library_panel.model.documentsDropped.connect(self._documents_dropped)
        self.library_panel.tree.customContextMenuRequested.connect(self._tree_menu)
        self.annotations_panel.jumpRequested.connect(self.jump_to_annotation)
        self.annotations_panel.reattachRequested.connect(self.tools.reattach)
        self.reader.viewport().installEventFilter(self)

        self.apply_appearance()
        self.annotations_panel.set_colors({c.key: (c.hex, c.label) for c in self.colors.list()})
        self.refresh_library()
        self._restore_window_state()

    # ----- construction ----------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        menus: dict[str, QMenu] = {}
        titles = {
            "File": self.tr("&File"),
            "Edit": self.tr("&Edit"),
            "View": self.tr("&View"),
            "Go": self.tr("&Go"),
            "Help": self.tr("&Help"),
        }
        for name in MENUS:
            menus[name] = self.menuBar().addMenu(titles[name])
        separators_before = {
            "file.quit",
            "edit.copy",
            "annotate.highlight",
            "view.theme_light",
            "view.library",
            "go.next_annotation",
        }
        for cmd in self.actions_registry.commands():
            if not cmd.menu:
                continue
            if cmd.id in separators_before:
                menus[cmd.menu].addSeparator()
            menus[cmd.menu].addAction(self.actions_registry.action(cmd.id))
        group = QActionGroup(self)
        for theme in ("light", "sepia", "dark"):
            group.addAction(self.actions_registry.action(f"view.theme_{theme}"))

    def _connect_actions(self) -> None:
        r = self.actions_registry
        tools = self.tools
        r.connect("file.import_files", self.import_files_dialog)
        r.connect("file.import_folder", self.import_folder_dialog)
        r.connect("file.export_document", self.export_current)
        r.connect("file.export_all", self.export_all)
        r.connect("file.reimport", self.reimport_current)
        r.connect("file.quit", self.close)
        r.connect("edit.undo", self.undo_stack.undo)
        r.connect("edit.redo", self.undo_stack.redo)
        r.connect("edit.copy", self.reader.copy)
        r.connect("edit.copy_quote", tools.copy_quote)
        r.connect("edit.select_all", self.reader.selectAll)
        r.connect("annotate.highlight", tools.highlight)
        for i in range(5):
            r.connect(f"annotate.color{i + 1}", lambda i=i: tools.color(i))
        r.connect("annotate.underline", tools.underline)
        r.connect("annotate.note", tools.edit_note)
        r.connect("annotate.tag", tools.edit_tags)
        r.connect("annotate.delete", tools.delete)
        r.connect("view.zoom_in", lambda: self.zoom(1))
        r.connect("view.zoom_out", lambda: self.zoom(-1))
        r.connect("view.zoom_reset", lambda: self.zoom(0))
        for theme in ("light", "sepia", "dark"):
            r.connect(f"view.theme_{theme}", lambda t=theme: self.set_theme(t))
        r.connect("view.indent", self.toggle_indent)
        r.connect("view.font", self.choose_font)
        r.connect(
            "view.library", lambda: self.library_dock.setVisible(not self.library_dock.isVisible())
        )
        r.connect(
            "view.annotations",
            lambda: self.annotations_dock.setVisible(not self.annotations_dock.isVisible()),
        )
        r.connect("go.library", self.focus_library)
        r.connect("go.reader", self.reader.setFocus)
        r.connect("go.annotations", self.focus_annotations)
        r.connect("go.filter", self.focus_filter)
        r.connect("go.next_annotation", lambda: self.step_annotation(1))
        r.connect("go.prev_annotation", lambda: self.step_annotation(-1))
        r.connect("help.shortcuts", self.show_shortcuts)
        r.connect("help.about", self.show_about)
        self.library_dock.visibilityChanged.connect(r.action("view.library").setChecked)
        self.annotations_dock.visibilityChanged.connect(r.action("view.annotations").setChecked)
        self.undo_stack.canUndoChanged.connect(r.action("edit.undo").setEnabled)
        self.undo_stack.canRedoChanged.connect(r.action("edit.redo").setEnabled)
        r.action("edit.undo").setEnabled(False)
        r.action("edit.redo").setEnabled(False)

    def _build_selection_toolbar(self) -> SelectionToolbar:
        r = self.actions_registry
        colors = [
            (r.action(f"annotate.color{i + 1}"), c.hex)
            for i, c in enumerate(self.colors.list()[:5])
        ]
        extra = [
            (r.action("annotate.underline"), "U̲"),
            (r.action("annotate.note"), "✎"),
            (r.action("annotate.tag"), "#"),
            (r.action("edit.copy_quote"), "❝"),
        ]
        return SelectionToolbar(self.reader.viewport(), colors, extra)

    def _build_status_bar(self) -> None:
        self.status_doc = QLabel()
        self.status_position = QLabel()
        self.status_chars = QLabel()
        self.status_index = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.status_doc, 1)
        bar.addPermanentWidget(self.status_index)
        bar.addPermanentWidget(self.status_position)
        bar.addPermanentWidget(self.status_chars)

    # ----- appearance --------------------------------------------------------------------
    def reading_font(self) -> QFont:
        family = self.settings.font_family or default_reading_family()
        font = QFont(family)
        font.setPointSizeF(self.settings.font_size * ZOOM_STEP**self.settings.zoom_steps)
        return font

    def apply_appearance(self) -> None:
        colors = apply_theme(QApplication.instance(), self.settings.theme)  # type: ignore[arg-type]
        self.reader.set_typography(
            self.reading_font(),
            colors,
            self.settings.first_line_indent,
            self.settings.max_line_chars,
        )
        for theme in ("light", "sepia", "dark"):
            self.actions_registry.action(f"view.theme_{theme}").setChecked(
                theme == self.settings.theme
            )
        self.actions_registry.action("view.indent").setChecked(self.settings.first_line_indent)
        if self.reader.doc_id is not None:
            self._refresh_marks()

    def zoom(self, direction: int) -> None:
        self.settings.zoom_steps = (
            0 if direction == 0 else max(-6, min(12, self.settings.zoom_steps + direction))
        )
        self.apply_appearance()

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        self.apply_appearance()

    def toggle_indent(self) -> None:
        self.settings.first_line_indent = not self.settings.first_line_indent
        self.apply_appearance()

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.reading_font(), self, self.tr("Reading font"))
        if ok:
            self.settings.font_family = font.family()
            self.settings.font_size = font.pointSizeF() / ZOOM_STEP**self.settings.zoom_steps
            self.apply_appearance()

    # ----- library and documents ---------------------------------------------------------
    def refresh_library(self) -> None:
        expanded = self.library_panel.expanded_keys()
        build_library_model(self.library_panel.model, self.library, self.tr)
        if expanded:
            self.library_panel.restore_expanded(expanded)
        else:
            self.library_panel.tree.expandToDepth(0)
        if self.reader.doc_id is not None:
            self.library_panel.select_document(self.reader.doc_id)

    def _title_of(self, doc_id: int) -> str:
        try:
            return self.library.documents.get(doc_id).title
        except PizhuError:
            return ""

    def open_document(self, doc_id: int, offset: int = -1) -> bool:
        try:
            info = self.library.documents.get(doc_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return False
        if self.reader.doc_id != doc_id:
            self.save_progress()
            self.reader.load(
                doc_id, self.library.documents.text(doc_id), self.library.documents.outline(doc_id)
            )
            self.overview.set_length(info.chars)
            self.overview.set_hits([])
            self._refresh_marks()
            if offset < 0:
                offset = self.progress.get(doc_id).offset
            self.progress.mark_opened(doc_id)
            self.settings.last_doc = doc_id
            self.status_doc.setText(info.title)
            self.status_chars.setText(self.tr("{0} characters").format(f"{info.chars:,}"))
            self.setWindowTitle(f"{info.title} — {APP_NAME} 批注")
        if offset >= 0:
            self.reader.scroll_to_offset(offset)
            cursor = self.reader.textCursor()
            cursor.setPosition(self.reader.to_qt(offset))
            self.reader.setTextCursor(cursor)
            self.reader.scroll_to_offset(offset)
        self.library_panel.select_document(doc_id)
        self._update_position()
        self.search.document_opened(doc_id)
        return True

    def open_annotation(self, doc_id: int, ann_id: int) -> None:
        if self.open_document(doc_id):
            self.jump_to_annotation(ann_id)

    def jump_to_annotation(self, ann_id: int) -> None:
        try:
            ann = self.annotations.get(ann_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        if ann.doc_id != self.reader.doc_id:
            self.open_document(ann.doc_id)
        self.reader.select_range(ann.start, ann.end)
        self.reader.set_current_annotation(ann.id)
        self.annotations_panel.select_annotation(ann.id)

    def step_annotation(self, direction: int) -> None:
        if self.reader.doc_id is None:
            return
        here = self.reader.from_qt(self.reader.textCursor().selectionStart())
        anns = [a for a in self.annotations.list_for_document(self.reader.doc_id) if not a.orphaned]
        if direction > 0:
            target = next((a for a in anns if a.start > here), None)
        else:
            target = next((a for a in reversed(anns) if a.start < here), None)
        if target is not None:
            self.jump_to_annotation(target.id)

    def _refresh_marks(self) -> None:
        doc_id = self.reader.doc_id
        if doc_id is None:
            return
        palette = {c.key: c.hex for c in self.colors.list()}
        labels = self.colors.labels()
        anns = self.annotations.list_for_document(doc_id)
        marks = []
        for ann in anns:
            if ann.orphaned:
                continue
            tip = "\n".join(
                filter(
                    None, [ann.note, " ".join(f"#{t}" for t in ann.tags), labels.get(ann.color, "")]
                )
            )
            marks.append(
                Mark(
                    ann.start,
                    ann.end,
                    palette.get(ann.color, "#f7d154"),
                    ann.style,
                    ann.id,
                    bool(ann.note),
                    tip,
                )
            )
        self.reader.set_marks(marks)
        self.overview.set_marks([(m.start, m.color) for m in marks])
        self.annotations_panel.set_annotations(anns)

    def apply_changes(self, changes: Changes) -> None:
        """The one place that refreshes views after a service call."""
        if self.reader.doc_id is not None and self.reader.doc_id in changes.annotations:
            self._refresh_marks()
        if changes.documents or changes.collections or changes.tags or changes.annotations:
            self.refresh_library()
            self.search.library_changed()
        if changes.documents and self.reader.doc_id in changes.documents:
            doc_id = self.reader.doc_id
            offset = self.reader.first_visible_offset()
            self.reader.doc_id = None
            try:
                self.open_document(doc_id, offset)
            except PizhuError:
                self.reader.clear_document()

    # ----- reading position --------------------------------------------------------------
    def save_progress(self) -> None:
        doc_id = self.reader.doc_id
        if doc_id is None or self._closed:
            return
        offset = self.reader.first_visible_offset()
        if self.reader.verticalScrollBar().value() >= self.reader.verticalScrollBar().maximum() > 0:
            offset = len(self.reader.text)  # scrolled to the end: finished
        with contextlib.suppress(PizhuError):
            self.progress.set(doc_id, min(offset, len(self.reader.text)))

    def _update_position(self, *_args: object) -> None:
        if self.reader.doc_id is None:
            self.status_position.setText("")
            return
        length = max(1, len(self.reader.text))
        first = self.reader.first_visible_offset()
        last = self.reader.offset_at(self.reader.viewport().rect().bottomRight())
        self.overview.set_viewport(first / length, last / length)
        self.status_position.setText(
            self.tr("{0}%  ·  offset {1}").format(round(100 * first / length), first)
        )

    def _jump_to_fraction(self, offset: int) -> None:
        self.reader.scroll_to_offset(offset)
        self._update_position()

    # ----- selection toolbar -------------------------------------------------------------
    def _selection_changed(self) -> None:
        span = self.reader.selection_offsets()
        if span is None:
            self.selection_toolbar.hide()
            return
        cursor = self.reader.textCursor()
        start_cursor = self.reader.textCursor()
        start_cursor.setPosition(cursor.selectionStart())
        rect = self.reader.cursorRect(start_cursor)
        self.selection_toolbar.show_near(rect.topLeft())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.reader.viewport() and event.type() == QEvent.Type.Wheel:
            self.selection_toolbar.hide()
        return super().eventFilter(watched, event)

    # ----- focus -------------------------------------------------------------------------
    def focus_library(self) -> None:
        self.library_dock.show()
        self.library_panel.tree.setFocus()
        if not self.library_panel.tree.currentIndex().isValid():
            self.library_panel.tree.setCurrentIndex(self.library_panel.proxy.index(0, 0))

    def focus_filter(self) -> None:
        self.library_dock.show()
        self.library_panel.filter.setFocus()
        self.library_panel.filter.selectAll()

    def focus_annotations(self) -> None:
        self.annotations_dock.show()
        self.annotations_panel.list.setFocus()
        if self.annotations_panel.list.count() and self.annotations_panel.list.currentRow() < 0:
            self.annotations_panel.list.setCurrentRow(0)

    # ----- import / export ---------------------------------------------------------------
    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import documents"),
            str(Path.home()),
            self.tr("Text and Markdown (*.txt *.text *.md *.markdown)"),
        )
        if files:
            self.start_import([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import a folder"), str(Path.home())
        )
        if folder:
            self.start_import([Path(folder)])

    def start_import(self, paths: list[Path], collection: str | None = None) -> ImportWorker | None:
        if self.import_worker is not None:
            self.show_error(self.tr("An import is already running."))
            return None
        worker = ImportWorker(self.data_dir, paths, collection)
        dialog = QProgressDialog(self.tr("Importing…"), self.tr("Cancel"), 0, 0, self)
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
        self.refresh_library()
        self.search.library_changed()
        imported = [r for r in results if r.status in ("imported", "updated") and r.doc_id]
        skipped = [r for r in results if r.status == SKIPPED]
        counts: dict[str, int] = {}
        for r in results:
            counts[r.status] = counts.get(r.status, 0) + 1
        summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or self.tr("nothing to import")
        self.statusBar().showMessage(self.tr("Import: {0}").format(summary), 8000)
        if any(r.doc_id == self.reader.doc_id and r.status == "updated" for r in results):
            self.apply_changes(Changes(documents={self.reader.doc_id or 0}))
        if skipped:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Import"),
                self.tr("Import finished: {0}").format(summary),
                parent=self,
            )
            box.setDetailedText("\n".join(f"{r.path}: {r.reason}" for r in skipped))
            box.setObjectName("ImportReport")
            box.open()
        elif imported and self.reader.doc_id is None:
            self.open_document(imported[0].doc_id or 0)

    def _import_failed(self, message: str) -> None:
        self.show_error(message)

    def reimport_current(self, doc_id: int | None = None) -> None:
        doc_id = doc_id or self.reader.doc_id
        if doc_id is None:
            return
        source = self.library.documents.get(doc_id).source_path
        if not source or not Path(source).exists():
            self.show_error(self.tr("The source file is gone: {0}").format(source or "?"))
            return
        self.start_import([Path(source)])

    def export_current(self, doc_id: int | None = None) -> None:
        doc_id = doc_id or self.reader.doc_id
        if doc_id is None:
            return
        title = self._title_of(doc_id)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export annotations"),
            str(Path.home() / f"{title[:40]}.md"),
            "Markdown (*.md)",
        )
        if path:
            self._export(ExportScope(doc_ids=(doc_id,)), Path(path))

    def export_all(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export all annotations into a folder"), str(Path.home())
        )
        if folder:
            self._export(ExportScope(all=True), Path(folder))

    def _export(self, scope: ExportScope, path: Path) -> bool:
        try:
            report = ExportService(self.library.db).export_markdown(scope, path)
        except (PizhuError, OSError) as exc:
            self.show_error(str(exc))
            return False
        self.statusBar().showMessage(
            self.tr("Exported {0} annotations to {1}").format(report.annotations, path), 8000
        )
        return True

    # ----- library tree context menu -----------------------------------------------------
    def _tree_menu(self, pos) -> None:  # noqa: ANN001
        index = self.library_panel.tree.indexAt(pos)
        menu = QMenu(self)
        kind = index.data(KIND) if index.isValid() else None
        if kind == "document":
            doc_id = int(index.data(DOC_ID))
            collection_id = index.parent().data(COLLECTION_ID)
            menu.addAction(self.tr("Open"), lambda: self.open_document(doc_id))
            menu.addAction(self.tr("Rename…"), lambda: self.rename_document(doc_id))
            move = menu.addMenu(self.tr("Add to Collection"))
            for c in self.library.collections.all():
                move.addAction(
                    c.path, lambda c=c: self._documents_dropped([(doc_id, 0)], c.id, False)
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
        menu.exec(self.library_panel.tree.viewport().mapToGlobal(pos))

    def _write(self, fn, changes: Changes) -> None:  # noqa: ANN001
        try:
            with self.library.db.atomic():
                fn()
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        self.apply_changes(changes)

    def _documents_dropped(
        self, entries: list[tuple[int, int]], collection_id: int, move: bool
    ) -> None:
        """Drag onto a collection: moves from the collection it came from (Ctrl: copies)."""

        def do() -> None:
            for doc_id, source in entries:
                self.library.collections.add_document(collection_id, doc_id)
                if move and source and source != collection_id:
                    self.library.collections.remove_document(source, doc_id)

        self._write(do, Changes(collections=True))

    def _remove_from_collection(self, doc_id: int, collection_id: int) -> None:
        self._write(
            lambda: self.library.collections.remove_document(collection_id, doc_id),
            Changes(collections=True),
        )

    def new_collection(self, parent_id: int | None) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New collection"), self.tr("Name:"))
        if ok and name.strip():
            prefix = self.library.collections.get(parent_id).path + "/" if parent_id else ""
            self._write(
                lambda: self.library.collections.ensure_path(
                    prefix + name.strip().replace("/", "／")
                ),
                Changes(collections=True),
            )

    def rename_collection(self, collection_id: int) -> None:
        current = self.library.collections.get(collection_id).name
        name, ok = QInputDialog.getText(
            self, self.tr("Rename collection"), self.tr("Name:"), text=current
        )
        if ok and name.strip() and name != current:
            self._write(
                lambda: self.library.collections.rename(collection_id, name.strip()),
                Changes(collections=True),
            )

    def delete_collection(self, collection_id: int) -> None:
        self._write(
            lambda: self.library.collections.delete(collection_id), Changes(collections=True)
        )

    def rename_document(self, doc_id: int) -> None:
        current = self._title_of(doc_id)
        name, ok = QInputDialog.getText(
            self, self.tr("Rename document"), self.tr("Title:"), text=current
        )
        if ok and name.strip() and name != current:
            self._write(
                lambda: self.library.documents.rename(doc_id, name.strip()),
                Changes(documents={doc_id}),
            )

    def delete_document(self, doc_id: int) -> bool:
        """Asks first and offers to export the document's annotations before they go."""
        title = self._title_of(doc_id)
        count = len(self.annotations.list_for_document(doc_id))
        box = QMessageBox(self)
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
                self,
                self.tr("Export annotations"),
                str(Path.home() / f"{title[:40]}.md"),
                "Markdown (*.md)",
            )
            if not path or not self._export(ExportScope(doc_ids=(doc_id,)), Path(path)):
                return False
        elif clicked is not delete_button:
            return False
        if self.reader.doc_id == doc_id:
            self.reader.clear_document()
            self.status_doc.setText("")
        self._write(
            lambda: self.library.documents.delete(doc_id),
            Changes(documents={doc_id}, annotations={doc_id}, tags=True),
        )
        return True

    # ----- dialogs -----------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=self)
        box.setObjectName("ErrorMessage")
        box.open()

    def show_shortcuts(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setObjectName("ShortcutsDialog")
        dialog.setWindowTitle(self.tr("Keyboard Shortcuts"))
        dialog.resize(560, 620)
        commands = self.actions_registry.commands()
        table = QTableWidget(len(commands), 3, dialog)
        table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys"), self.tr("Menu")])
        for row, cmd in enumerate(commands):
            table.setItem(
                row,
                0,
                QTableWidgetItem(self.actions_registry.action(cmd.id).text().replace("&", "")),
            )
            table.setItem(row, 1, QTableWidgetItem(self.actions_registry.shortcut_text(cmd.id)))
            table.setItem(row, 2, QTableWidgetItem(cmd.menu))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        note = QLabel(self.tr('Change keys in settings.json ("shortcuts": command id → keys).'))
        layout.addWidget(note)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            APP_NAME,
            f"<b>{APP_NAME} 批注</b> {__version__}<br>"
            + self.tr("Read, annotate and search Chinese documents."),
        )

    # ----- drag and drop of files --------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.start_import(paths)
            event.acceptProposedAction()

    # ----- state -------------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(self.settings.geometry)))
        else:
            self.resize(1280, 820)
        if self.settings.window_state:
            self.restoreState(QByteArray(base64.b64decode(self.settings.window_state)))

    def restore_last_document(self) -> None:
        doc_id = self.settings.last_doc
        if doc_id is not None:
            try:
                self.library.documents.get(doc_id)
            except PizhuError:
                return
            self.open_document(doc_id)

    def save_state(self) -> None:
        self.save_progress()
        self.settings.geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
        self.settings.window_state = base64.b64encode(bytes(self.saveState())).decode()
        self.settings.save(self.data_dir)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_worker is not None:
            self.import_worker.cancel()
            self.import_worker.wait(10000)
        self.tools.wait_for_workers()
        self.search.shutdown()
        self.save_state()
        self._closed = True
        self._save_timer.stop()
        super().closeEvent(event)
