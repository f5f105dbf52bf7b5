"""The main window: library tree | reader | annotations, menus from the action registry.

Layout and wiring only. Controllers get a :class:`UiContext` (never the window) and
answer with signals; every write's :class:`Changes` goes to the context's change bus,
and each view below subscribes to it and refreshes only its own part.
"""

from __future__ import annotations

import base64
import contextlib
import re
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import (
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QFont,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFontDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME, __version__
from reader.app.commands import LIBRARY_SORTS, MENUS, POPUP, SCRIPT_COMMANDS, SEARCH, SUBMENUS
from reader.core.changes import Changes
from reader.core.ingest.model import page_index_at
from reader.core.library import Library
from reader.core.search.positions import section_path
from reader.core.search.service import SearchService
from reader.core.storage.documents import DocumentInfo
from reader.errors import PizhuError
from reader.ui.annotations.panel import AnnotationsPanel
from reader.ui.annotations.selection_toolbar import SelectionToolbar
from reader.ui.annotations.tools import AnnotationTools
from reader.ui.common.action_registry import ActionRegistry, translate
from reader.ui.common.context import ChangeBus, UiContext
from reader.ui.common.idle import WhenIdle
from reader.ui.common.jobs import Jobs
from reader.ui.common.qtapp import gui_app
from reader.ui.common.resources import app_icon
from reader.ui.common.theme import apply_theme, default_reading_family
from reader.ui.dictionary.controller import DictionaryController
from reader.ui.dictionary.loader import START_DELAY_MS, DictionaryLoader, shared_loader
from reader.ui.export.autosync import NotesAutoSync
from reader.ui.library.actions import LibraryActions
from reader.ui.library.builder import (
    build_library_model,
    rebuild_bookmarks_branch,
    rebuild_tags_branch,
)
from reader.ui.library.document_actions import DocumentActions
from reader.ui.library.tree import DOC_ID, LibraryPanel
from reader.ui.navigation.bookmarks import BookmarkActions
from reader.ui.navigation.controller import NavigationController
from reader.ui.navigation.history import Place
from reader.ui.reading.overview_strip import OverviewStrip
from reader.ui.reading.scripts import DocumentScripts
from reader.ui.reading.view import Mark, ReaderView
from reader.ui.search.controller import SearchController
from reader.ui.study.activity import ReadingActivity
from reader.ui.study.stats_view import StatisticsDialog
from reader.ui.study.words_controller import WordsController
from reader.ui.study.words_panel import WordsPanel
from reader.ui.window.dock_fit import DockFitter
from reader.ui.window.gui_settings import GuiSettings
from reader.ui.workspace.controller import ModeSwitch, WorkspaceContext, WorkspaceController

ZOOM_STEP = 1.1
SAVE_PROGRESS_MS = 800


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        settings: GuiSettings,
        data_dir: Path,
        search_service: SearchService | None = None,
        dictionary_loader: DictionaryLoader | None = None,
    ) -> None:
        super().__init__()
        # The app's style sheet before any widget exists: set afterwards, Qt re-polishes
        # every widget already built (half a second of the start-up, for nothing).
        apply_theme(gui_app(), settings.theme)
        self.library = library
        self.settings = settings
        self.data_dir = data_dir
        # Kept alive while installed (set by build_main_window; empty: English)
        self.translators: list[QTranslator] = []
        self.annotations = library.annotations
        self.progress = library.progress
        self.colors = library.colors
        self.undo_stack = QUndoStack(self)
        self.bus = ChangeBus(self)
        self.jobs = Jobs(self)
        self.ctx = UiContext(
            library, settings, self.undo_stack, self.bus, self.jobs,
            self.show_message, self.show_error, self,
        )  # fmt: skip
        self.scripts = DocumentScripts(settings)
        self.statistics_dialog: StatisticsDialog | None = None
        self._closed = False
        self._shown_once = False
        self._page_starts: list[int] = []  # the open document's pages, for the status bar
        self._page_labels: list[str] = []
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
        self.tools = AnnotationTools(self.ctx, self.reader)
        self.document_actions = DocumentActions(self.ctx)
        self.library_actions = LibraryActions(
            self.ctx, self.library_panel, self.document_actions, self.scripts,
            lambda: self.reader.doc_id, self.actions_registry.shortcut_text,
        )  # fmt: skip
        self.notes_autosync = NotesAutoSync(data_dir, library.db, self.show_message, self)
        self.dictionary = DictionaryController(
            self, self.reader, dictionary_loader or shared_loader(), library.words,
            self.annotations, settings, self.undo_stack, self.ctx.notify, self.show_error,
            self.show_message, self.actions_registry.scoped(POPUP),
        )  # fmt: skip
        self.reader.context_actions = [self.actions_registry.action("dict.lookup")]
        self._build_status_bar()
        self.search = SearchController(
            self.ctx, search_service or SearchService(data_dir), self.reader, self.overview,
            self.library_panel.current_collection_id,
        )  # fmt: skip
        self.search.panel.add_key_actions(self.actions_registry.scoped(SEARCH))
        self.search_dock = self._dock(
            QCoreApplication.translate("SearchController", "Search"),
            "SearchDock",
            self.search.panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.tabifyDockWidget(self.annotations_dock, self.search_dock)
        self.annotations_dock.raise_()
        column.addWidget(self.search.find_bar)
        self.words_panel = WordsPanel()
        self.words_dock = self._dock(
            self.tr("Words"), "WordsDock", self.words_panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.annotations_dock, self.words_dock)
        self.words_dock.hide()  # until asked for (Ctrl+Shift+W); the saved state may show it
        self.annotations_dock.raise_()
        self.words = WordsController(
            self, self.words_panel, library.words, library.documents, self.undo_stack,
            self.ctx.notify, self.show_error, self.show_message, self.open_word,
        )  # fmt: skip
        self.words_dock.visibilityChanged.connect(self._words_visibility)
        self.activity = ReadingActivity(
            self, self.reader, library.stats, self.is_window_active, self.ctx.notify
        )
        self._build_menus()
        self._connect_actions()
        self.selection_toolbar = self._build_selection_toolbar()
        self._install_workspace_and_navigation()
        self._subscribe_views()

        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_PROGRESS_MS)
        self._save_timer.timeout.connect(self.save_progress)
        self.reader.firstVisibleChanged.connect(lambda _o: self._save_timer.start())
        self.reader.verticalScrollBar().valueChanged.connect(self._update_position)
        # A jump that lands where the view already is moves no scroll bar: update anyway.
        self.reader.jumped.connect(self._update_position)
        self.reader.selectionOffsetsChanged.connect(self._selection_changed)
        self.reader.annotationActivated.connect(self.annotations_panel.select_annotation)
        self.reader.cursorPositionChanged.connect(self._update_position)
        self.overview.jumpRequested.connect(self._jump_to_fraction)
        self.library_panel.openRequested.connect(self.open_document)
        self.library_actions.openRequested.connect(self.open_document)
        self.search.openRequested.connect(self.open_at)
        self.search.showRequested.connect(self._show_search)
        self.search.hideRequested.connect(self.search_dock.hide)
        self.search.indexingChanged.connect(self.status_index.setText)
        self.library_panel.annotationRequested.connect(self.open_annotation)
        self.library_panel.model.documentsDropped.connect(self.library_actions.documents_dropped)
        self.library_panel.renameRequested.connect(self.document_actions.rename)
        self.library_panel.tree.customContextMenuRequested.connect(self.library_actions.tree_menu)
        self.annotations_panel.jumpRequested.connect(self.jump_to_annotation)
        self.annotations_panel.reattachRequested.connect(self.tools.reattach)
        self.reader.viewport().installEventFilter(self)

        self.apply_appearance()
        self.annotations_panel.set_colors({c.key: (c.hex, c.label) for c in self.colors.list()})
        self.actions_registry.action(f"view.sort_{settings.sort_order()}").setChecked(True)
        self.refresh_library()
        self._restore_window_state()
        self.dock_fit = DockFitter(self, self.reader, lambda: self.settings.max_line_chars)

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

    def _install_workspace_and_navigation(self) -> None:
        """Issue 13: the Annotations workspace (Ctrl+Shift+A), bookmarks (Ctrl+D) and
        back/forward (Alt+Left/Right); each gets a narrow context, not the window."""
        r = self.actions_registry
        self.navigation = NavigationController(
            self, r.action("go.back"), r.action("go.forward"), self.current_place, self.go_to_place
        )
        self.bookmarks = BookmarkActions(
            self.ctx, self.current_place, self.describe_place, self.jump_to_place
        )
        self.workspace = WorkspaceController(
            WorkspaceContext(
                self.ctx, self.jump_to_annotation,
                lambda ids: self.library_actions.open_export_dialog(annotation_ids=ids),
                r.action("view.workspace").setChecked,
            ),
            ModeSwitch(self),
        )  # fmt: skip
        r.bind("view.workspace", self.workspace.toggle)
        r.bind("go.bookmark", self.bookmarks.add)
        self.library_panel.workspaceRequested.connect(
            lambda tag: self.workspace.show(tag or None)
        )
        self.library_panel.bookmarkRequested.connect(self._bookmark_requested)

    def _bookmark_requested(self, bookmark_id: int, action: str) -> None:
        {"open": self.bookmarks.jump, "rename": self.bookmarks.rename,
         "delete": self.bookmarks.delete}[action](bookmark_id)  # fmt: skip

    def current_place(self) -> Place | None:
        """Where the reader is: the cursor if it is on screen, else the first visible line."""
        if self.reader.doc_id is None:
            return None
        first = self.reader.first_visible_offset()
        cursor = self.reader.from_qt(self.reader.textCursor().selectionStart())
        last = self.reader.offset_at(self.reader.viewport().rect().bottomRight())
        return Place(self.reader.doc_id, cursor if first <= cursor <= last else first)

    def describe_place(self, place: Place) -> str:
        """``Title · section · p. 12`` for the bookmark dialog."""
        try:
            info = self.library.documents.get(place.doc_id)
        except PizhuError:
            return ""
        outline = self.library.documents.outline(place.doc_id)
        parts = [info.title, section_path(outline, place.offset)]
        page = self.library.documents.page_at(place.doc_id, place.offset)
        if page:
            parts.append(self.tr("p. {0}").format(page))
        return "  ·  ".join(p.replace(" > ", " › ") for p in parts if p)

    def go_to_place(self, place: Place) -> bool:
        """Back/forward: show the place, the cursor on it (no jump is recorded)."""
        return self.open_document(place.doc_id, place.offset)

    def jump_to_place(self, place: Place) -> bool:
        """A bookmark's Enter: a jump like any other (Alt+Left comes back)."""
        self.navigation.leaving()
        return self.go_to_place(place)

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
        submenus: dict[str, QMenu] = {}
        separators_before = {
            "file.open_original",
            "file.export_document",
            "file.quit",
            "edit.copy",
            "annotate.highlight",
            "dict.lookup",
            "view.theme_light",
            "view.library",
            "go.next_annotation",
            "go.back",
        }
        for cmd in self.actions_registry.commands():
            if not cmd.menu:
                continue
            if cmd.id in separators_before:
                menus[cmd.menu].addSeparator()
            menu = menus[cmd.menu]
            if cmd.submenu:
                if cmd.submenu not in submenus:
                    submenus[cmd.submenu] = menu.addMenu(translate(SUBMENUS[cmd.submenu]))
                menu = submenus[cmd.submenu]
            menu.addAction(self.actions_registry.action(cmd.id))
        group = QActionGroup(self)
        for theme in ("light", "sepia", "dark"):
            group.addAction(self.actions_registry.action(f"view.theme_{theme}"))
        sorts = QActionGroup(self)
        for order in LIBRARY_SORTS:
            sorts.addAction(self.actions_registry.action(f"view.sort_{order}"))
        self.library_panel.set_sort_actions(sorts.actions())
        scripts = QActionGroup(self)
        for command_id in SCRIPT_COMMANDS:
            scripts.addAction(self.actions_registry.action(command_id))
        self.actions_registry.action("view.script_as_written").setChecked(True)

    def _connect_actions(self) -> None:
        r = self.actions_registry
        tools = self.tools
        lib = self.library_actions
        r.bind("file.import_files", lib.import_files_dialog)
        r.bind("file.import_folder", lib.import_folder_dialog)
        r.bind("file.export_document", lib.export_current)
        r.bind("file.export_all", lib.export_all)
        r.bind("file.reimport", lambda: lib.reimport_current(self.target_document()))
        docs = self.document_actions
        r.bind("file.open_original", lambda: docs.open_original(self.target_document()))
        r.bind("file.details", lambda: docs.show_details(self.target_document()))
        r.bind("file.rename", self.rename_document)
        r.bind("file.quit", self.close)
        r.bind("edit.undo", self.undo_stack.undo)
        r.bind("edit.redo", self.undo_stack.redo)
        r.bind("edit.copy", self.reader.copy)
        r.bind("edit.copy_quote", tools.copy_quote)
        r.bind("edit.select_all", self.reader.selectAll)
        r.bind("annotate.highlight", tools.highlight)
        for i in range(5):
            r.bind(f"annotate.color{i + 1}", lambda i=i: tools.color(i))
        r.bind("annotate.underline", tools.underline)
        r.bind("annotate.note", tools.edit_note)
        r.bind("annotate.tag", tools.edit_tags)
        r.bind("annotate.delete", tools.delete)
        r.bind("dict.lookup", lambda: self.dictionary.lookup())
        r.bind("dict.keep", lambda: self.dictionary.keep())
        r.bind("dict.longer", lambda: self.dictionary.grow(1))
        r.bind("dict.shorter", lambda: self.dictionary.grow(-1))
        r.bind("file.export_words", lambda: self.words.export())
        r.bind("view.words", self.toggle_words)
        r.bind("view.statistics", self.show_statistics)
        for command_id, script in SCRIPT_COMMANDS.items():
            r.bind(command_id, lambda s=script: self.set_script(s))
        r.bind("view.zoom_in", lambda: self.zoom(1))
        r.bind("view.zoom_out", lambda: self.zoom(-1))
        r.bind("view.zoom_reset", lambda: self.zoom(0))
        for theme in ("light", "sepia", "dark"):
            r.bind(f"view.theme_{theme}", lambda t=theme: self.set_theme(t))
        r.bind("view.indent", self.toggle_indent)
        r.bind("view.font", self.choose_font)
        for order in LIBRARY_SORTS:
            r.bind(f"view.sort_{order}", lambda o=order: self.set_library_sort(o))
        r.bind(
            "view.library", lambda: self.library_dock.setVisible(not self.library_dock.isVisible())
        )
        r.bind(
            "view.annotations",
            lambda: self.annotations_dock.setVisible(not self.annotations_dock.isVisible()),
        )
        r.bind("search.open", self.search.open_search)
        r.bind("find.open", self.search.open_find)
        r.bind("find.next", lambda: self.search.find_step(1))
        r.bind("find.previous", lambda: self.search.find_step(-1))
        r.bind("go.library", self.focus_library)
        r.bind("go.reader", self.reader.setFocus)
        r.bind("go.annotations", self.focus_annotations)
        r.bind("go.filter", self.focus_filter)
        r.bind("go.next_annotation", lambda: self.step_annotation(1))
        r.bind("go.prev_annotation", lambda: self.step_annotation(-1))
        r.bind("help.shortcuts", self.show_shortcuts)
        r.bind("help.about", self.show_about)
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
        self.status_page = QLabel()
        self.status_page.setObjectName("StatusPage")
        self.status_page.hide()
        self.status_chars = QLabel()
        self.status_index = QLabel()
        self.status_script = QLabel()  # "繁體" while shown in the other script
        self.status_script.setObjectName("StatusScript")
        self.status_script.hide()
        bar = self.statusBar()
        bar.addWidget(self.status_doc, 1)
        bar.addPermanentWidget(self.status_index)
        bar.addPermanentWidget(self.status_script)
        bar.addPermanentWidget(self.status_page)
        bar.addPermanentWidget(self.status_position)
        bar.addPermanentWidget(self.status_chars)

    # ----- appearance --------------------------------------------------------------------
    def reading_font(self) -> QFont:
        family = self.settings.font_family or default_reading_family()
        font = QFont(family)
        font.setPointSizeF(self.settings.font_size * ZOOM_STEP**self.settings.zoom_steps)
        return font

    def apply_appearance(self) -> None:
        colors = apply_theme(gui_app(), self.settings.theme)
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
        self.search.panel.set_colors(colors)
        if self.reader.doc_id is not None:
            self._refresh_marks()

    def set_library_sort(self, order: str) -> None:
        self.settings.library_sort = order
        self.actions_registry.action(f"view.sort_{self.settings.sort_order()}").setChecked(True)
        self.refresh_library()

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
        build_library_model(self.library_panel.model, self.library, self.settings.sort_order())
        if expanded:
            self.library_panel.restore_expanded(expanded)
        else:
            self.library_panel.tree.expandToDepth(0)
        if self.reader.doc_id is not None:
            self.library_panel.select_document(self.reader.doc_id)

    def refresh_tags(self) -> None:
        expanded = self.library_panel.expanded_keys()
        rebuild_tags_branch(self.library_panel.model, self.library)
        self.library_panel.restore_expanded(expanded)

    def target_document(self) -> int | None:
        """What a document command acts on: the tree's current document while the tree
        has focus, else the one in the reader."""
        tree = self.library_panel.tree
        if tree.hasFocus():
            doc_id = tree.currentIndex().data(DOC_ID)
            if doc_id is not None:
                return int(doc_id)
        return self.reader.doc_id

    def rename_document(self) -> None:
        """F2: edit the title in the tree; a dialog if the tree cannot show the document."""
        doc_id = self.target_document()
        if doc_id is None:
            return
        if not self.library_panel.edit_document(doc_id):
            self.library_actions.rename_document(doc_id)

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def open_document(self, doc_id: int, offset: int = -1) -> bool:
        try:
            info = self.library.documents.get(doc_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return False
        self.workspace.hide()
        if offset >= 0 or self.reader.doc_id != doc_id:
            self.navigation.leaving()  # a jump: Alt+Left returns here
        if self.reader.doc_id != doc_id:
            self.save_progress()
            text = self.library.documents.text(doc_id)
            self.reader.load(
                doc_id, text, self.library.documents.outline(doc_id),
                shown=self.scripts.shown_text(info, text),
            )  # fmt: skip
            self._check_script(info)
            self.overview.set_length(info.chars)
            self.overview.set_hits([])
            pages = self.library.documents.pages(doc_id)
            self._page_starts = [p.start for p in pages]
            self._page_labels = [p.label for p in pages]
            self._refresh_marks()
            if offset < 0:
                offset = self.progress.get(doc_id).offset
            self.progress.mark_opened(doc_id)
            self.settings.last_doc = doc_id
            self._show_title(info.title)
            self.status_chars.setText(self.tr("{0} characters").format(f"{info.chars:,}"))
        if offset >= 0:
            cursor = self.reader.textCursor()
            cursor.setPosition(self.reader.to_qt(offset))
            self.reader.setTextCursor(cursor)
            self.reader.jump_to(offset)
        self.library_panel.select_document(doc_id)
        self._update_position()
        self.search.document_opened(doc_id)
        return True

    def open_at(self, doc_id: int, start: int, end: int) -> bool:
        """Open ``doc_id`` with ``start``–``end`` selected (a search hit, a kept word)."""
        if not self.open_document(doc_id, start):
            return False
        self.reader.select_range(start, end)
        return True

    def open_word(self, doc_id: int, start: int, end: int) -> None:
        """The Words view's Enter: the reader at the word, the word selected."""
        if self.open_at(doc_id, start, end):
            self.reader.setFocus()

    def _show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()

    # ----- View ▸ Script -------------------------------------------------------------------
    def set_script(self, script: str) -> None:
        """Show the open document as written, in 简体 or in 繁體 (remembered for it)."""
        doc_id = self.reader.doc_id
        if doc_id is None:
            self._check_script(None)
            return
        try:
            info = self.library.documents.get(doc_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        self.scripts.choose(info, script)
        self.reader.set_shown_text(self.scripts.shown_text(info, self.reader.text))
        self._check_script(info)

    def _check_script(self, info: DocumentInfo | None) -> None:
        """The menu's check mark, and a word in the status bar while it is converted."""
        chosen = self.scripts.chosen(info) if info is not None else "as-written"
        for command_id, script in SCRIPT_COMMANDS.items():
            self.actions_registry.action(command_id).setChecked(script == chosen)
        shown = {"simplified": "简体", "traditional": "繁體"}.get(chosen, "")
        self.status_script.setText(shown)
        tip = self.tr("Shown in {0} (View ▸ Script); quotes and exports use the text as written.")
        self.status_script.setToolTip(tip.format(shown))
        self.status_script.setVisible(bool(shown))

    # ----- Words and Statistics ------------------------------------------------------------
    def toggle_words(self) -> None:
        if self.words_dock.isVisible():  # shown (a tab behind another is not)
            self.words_dock.hide()
            return
        self.words_dock.show()
        self.words_dock.raise_()
        self.words.shown()
        self.words_panel.focus_list()

    def _words_visibility(self, visible: bool) -> None:
        self.actions_registry.action("view.words").setChecked(visible)
        if visible:
            self.words.shown()

    def show_statistics(self) -> StatisticsDialog:
        if self.statistics_dialog is None:
            self.statistics_dialog = StatisticsDialog(self.library.stats, self)
            self.statistics_dialog.openRequested.connect(self.open_document)
        self.activity.tick()  # the last seconds too
        self.statistics_dialog.refresh()
        self.statistics_dialog.show()
        self.statistics_dialog.raise_()
        self.statistics_dialog.activateWindow()
        return self.statistics_dialog

    def is_window_active(self) -> bool:
        """The window, or one of its own windows (pop-up, dialogs), has the focus."""
        active = QApplication.activeWindow()
        return active is not None and (active is self or active.parentWidget() is self)

    def _show_title(self, title: str) -> None:
        self.status_doc.setText(title)
        self.setWindowTitle(f"{title} — {APP_NAME} 批注")

    def open_annotation(self, doc_id: int, ann_id: int) -> None:
        if self.open_document(doc_id):
            self.jump_to_annotation(ann_id)

    def jump_to_annotation(self, ann_id: int) -> None:
        try:
            ann = self.annotations.get(ann_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        self.workspace.hide()
        if ann.doc_id != self.reader.doc_id:
            self.open_document(ann.doc_id)
        else:
            self.navigation.leaving()
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
        """Hand what a write changed to every view (the views subscribe to the bus)."""
        self.bus.publish(changes)

    def _subscribe_views(self) -> None:
        """Each view refreshes its own part of what changed; the search controller and
        the Words view subscribe themselves."""
        self.bus.changed.connect(self._reader_changes)
        self.bus.changed.connect(self._library_changes)
        self.bus.changed.connect(self._statistics_changes)
        self.bus.changed.connect(self.words.apply)
        self.bus.changed.connect(self._workspace_changes)
        # "Sync after every change" (Export ▸ Notes folder), debounced, if it is on.
        self.bus.changed.connect(lambda changes: self.notes_autosync.changed(changes.annotations))

    def _workspace_changes(self, changes: Changes) -> None:
        """The Annotations workspace and the Bookmarks branch refresh their own part."""
        self.workspace.changed(changes)
        if changes.bookmarks and not (changes.documents or changes.collections):
            rebuild_bookmarks_branch(self.library_panel.model, self.library)

    def _library_changes(self, changes: Changes) -> None:
        if changes.documents or changes.collections:
            self.refresh_library()
        elif changes.tags or changes.annotations:
            self.refresh_tags()

    def _statistics_changes(self, changes: Changes) -> None:
        dialog = self.statistics_dialog
        if (
            dialog is not None
            and dialog.isVisible()
            and (changes.stats or changes.annotations or changes.words or changes.documents)
        ):
            dialog.refresh()

    def _reader_changes(self, changes: Changes) -> None:
        """The open document: laid out again when its text changed (a re-import), let go
        of when it was deleted, its title when only its details did, its marks when its
        annotations or the palette did."""
        doc_id = self.reader.doc_id
        if doc_id is None:
            return
        if doc_id in changes.documents:
            try:
                info = self.library.documents.get(doc_id)
                same_text = self.library.documents.text(doc_id) == self.reader.text
            except PizhuError:  # deleted
                self.reader.clear_document()
                self._show_title("")
                self.setWindowTitle(f"{APP_NAME} 批注")
                return
            if not same_text:
                offset = self.reader.first_visible_offset()
                self.reader.doc_id = None
                self.open_document(doc_id, offset)
                return
            self._show_title(info.title)  # details only: no need to lay it out again
        if doc_id in changes.annotations or changes.colors:
            self._refresh_marks()

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
            self.status_page.hide()
            return
        length = max(1, len(self.reader.text))
        first = self.reader.first_visible_offset()
        last = self.reader.offset_at(self.reader.viewport().rect().bottomRight())
        self.overview.set_viewport(first / length, last / length)
        self.status_position.setText(
            self.tr("{0}%  ·  offset {1}").format(round(100 * first / length), first)
        )
        if self._page_starts:
            text = self.reader.text
            while first < len(text) and text[first] == "\n":  # a paragraph gap: the next page's
                first += 1
            index = page_index_at(self._page_starts, first)
            self.status_page.setText(self.tr("p. {0}").format(self._page_labels[index]))
            self.status_page.setToolTip(
                self.tr("Printed page {0} ({1} of {2})").format(
                    self._page_labels[index], index + 1, len(self._page_labels)
                )
            )
        self.status_page.setVisible(bool(self._page_starts))

    def _jump_to_fraction(self, offset: int) -> None:
        self.reader.jump_to(offset)
        self._update_position()

    # ----- selection toolbar -------------------------------------------------------------
    def _selection_changed(self) -> None:
        span = self.reader.selection_offsets()
        if span is None or not self.reader.selection_by_user:
            self.selection_toolbar.hide()
            return
        start, end = span  # its first and last lines: the toolbar goes above or below them
        lines = self.reader.span_rects(start, start + 1) + self.reader.span_rects(end - 1, end)
        self.selection_toolbar.show_beside(lines)

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
        menus: dict[str, str] = dict(
            zip(MENUS, [a.text() for a in self.menuBar().actions()], strict=False)
        )
        for row, cmd in enumerate(commands):
            table.setItem(
                row,
                0,
                QTableWidgetItem(self.actions_registry.action(cmd.id).text().replace("&", "")),
            )
            table.setItem(row, 1, QTableWidgetItem(self.actions_registry.shortcut_text(cmd.id)))
            menu = re.sub(r"\(&.\)|&", "", menus.get(cmd.menu, ""))  # 文件(&F) -> 文件
            table.setItem(row, 2, QTableWidgetItem(menu))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        note = QLabel(self.tr('Change keys in settings.json ("shortcuts": command id → keys).'))
        layout.addWidget(note)
        dialog.open()
        return dialog

    def about_text(self) -> str:
        date = self.dictionary.loader.release_date() or self.tr("unknown")
        credits = self.tr(
            "Dictionary: CC-CEDICT (release {0}), © MDBG and the CC-CEDICT contributors,"
            " based on CEDICT © 1997, 1998 Paul Andrew Denisowski. Licensed under CC BY-SA 4.0"
            " ({1}). Pinyin for other words: pypinyin (MIT)."
        ).format(date, _link("https://creativecommons.org/licenses/by-sa/4.0/"))
        return (
            f"<b>{APP_NAME} 批注</b> {__version__}<br>"
            + self.tr("Read, annotate and search Chinese documents.")
            + f"<p style='font-size:small'>{credits}</p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, APP_NAME, self.about_text())

    # ----- drag and drop of files --------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
            self.statusBar().showMessage(self.tr("Drop files or folders to import them"))

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.statusBar().clearMessage()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.statusBar().clearMessage()
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.library_actions.start_import(paths)
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
        """Reopen the last document; on a first start, the first one, so the window is
        never an empty page."""
        doc_id = self.settings.last_doc
        known = [d.id for d in self.library.documents.list()]
        if doc_id not in known:
            doc_id = known[0] if known else None
        if doc_id is not None:
            self.open_document(doc_id)

    def save_state(self) -> None:
        self.save_progress()
        self.settings.geometry = base64.b64encode(self.saveGeometry().data()).decode()
        self.settings.window_state = base64.b64encode(self.saveState().data()).decode()
        self.settings.save(self.data_dir)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the dictionary loads once the window is up and idle
            self._shown_once = True
            WhenIdle(self.dictionary.loader.start, parent=self).start(START_DELAY_MS)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        activity = getattr(self, "activity", None)  # not while the window is being built
        if event.type() == QEvent.Type.ActivationChange and activity and not self._closed:
            activity.activation_changed()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.dictionary.close(return_focus=False)
        self.activity.timer.stop()
        self.activity.flush()
        worker = self.library_actions.import_worker
        if worker is not None:  # cancelled, its transaction rolls back
            worker.cancel()
            worker.wait(10000)
        self.search.shutdown()
        self.jobs.wait_all(3000)
        self.save_state()
        self._closed = True
        self._save_timer.stop()
        super().closeEvent(event)


def _link(url: str) -> str:
    return f'<a href="{url}">{url}</a>'
