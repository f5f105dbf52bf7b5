"""The Annotations workspace at work: filters to the query, keys and buttons to undoable
bulk edits, Enter to the reader. It gets a narrow context, never the main window."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from reader.core.annotate.query import AnnotationQuery
from reader.core.annotate.tags import normalise_tag
from reader.core.changes import Changes
from reader.core.export.scope import ExportScope
from reader.core.export.service import ExportService
from reader.errors import PizhuError
from reader.ui.annotations.editors import TagEditor
from reader.ui.common.context import UiContext
from reader.ui.common.undo import ExecutedCommand
from reader.ui.workspace.bulk import BulkDelete, BulkEdit
from reader.ui.workspace.model import AnnotationListModel
from reader.ui.workspace.panel import WorkspacePanel


@dataclass(frozen=True)
class WorkspaceContext:
    """The app's context, plus what only the workspace asks of the window: "show this
    annotation in the reader", "open the export dialog on these", "I am shown"."""

    ui: UiContext
    open_annotation: Callable[[int], None]
    open_export: Callable[[list[int]], object]
    shown_changed: Callable[[bool], None] = lambda _shown: None


class ModeSwitch:
    """The window's centre shows the reader or the workspace (a mode, not a dock: the
    list needs the room). The central widget is moved into a stack, unchanged; the
    workspace joins the stack when it is first shown."""

    def __init__(self, window: QMainWindow) -> None:
        self.stack = QStackedWidget()
        self.stack.setObjectName("CentralStack")
        reading = window.takeCentralWidget()
        if reading is None:
            raise ValueError("the window has no central widget (the reader) to switch from")
        self.reading = reading
        self.stack.addWidget(reading)
        self.workspace: QWidget | None = None
        window.setCentralWidget(self.stack)

    def add_workspace(self, workspace: QWidget) -> None:
        self.stack.addWidget(workspace)
        self.workspace = workspace

    def show_workspace(self, shown: bool) -> None:
        target = self.workspace if shown else self.reading
        if target is None:
            raise ValueError("no workspace to show: add_workspace() first")
        self.stack.setCurrentWidget(target)

    def workspace_shown(self) -> bool:
        return self.workspace is not None and self.stack.currentWidget() is self.workspace


class WorkspaceController(QObject):
    def __init__(self, context: WorkspaceContext, mode: ModeSwitch) -> None:
        super().__init__(context.ui.dialog_parent)
        self.context = context
        self.ui = context.ui
        self.library = context.ui.library
        self.query = AnnotationQuery(self.library.db)
        self.model = AnnotationListModel(self.query, self)
        self.mode = mode
        self._panel: WorkspacePanel | None = None
        self.tag_editor: TagEditor | None = None
        self.last_filter_ms = 0.0  # how long the last filter change took (status tip)
        self._dirty = True

    @property
    def panel(self) -> WorkspacePanel:
        """Built when first asked for: a window that never opens the workspace does not
        pay for its filter bar and list (a third of the window's construction)."""
        if self._panel is None:
            panel = self._panel = WorkspacePanel(self.model)
            self.mode.add_workspace(panel)
            panel.filters.changed.connect(self.apply_filter)
            panel.openRequested.connect(self.open)
            panel.closeRequested.connect(self.hide)
            panel.deleteRequested.connect(self.delete_selection)
            panel.colorRequested.connect(self.recolor_selection)
            panel.tagsRequested.connect(self.edit_tags)
            panel.exportRequested.connect(self.export_dialog)
        return self._panel

    # -- showing ------------------------------------------------------------------------
    def is_shown(self) -> bool:
        return self.mode.workspace_shown()

    def toggle(self) -> None:
        if self.is_shown():
            self.hide()
        else:
            self.show()

    def show(self, tag: str | None = None) -> None:
        """Into the workspace; ``tag`` narrows it to that tag (the library tree's Tags)."""
        self._refill_choices()
        if tag is not None:
            self.panel.filters.clear()
            self.panel.filters.choose(self.panel.filters.tag, tag)
            self._dirty = True
        if self._dirty:
            self.reload()
        self.mode.show_workspace(True)
        self.panel.focus_list()
        self.context.shown_changed(True)

    def hide(self) -> None:
        if self.is_shown():
            self.mode.show_workspace(False)
            self.context.shown_changed(False)

    def focus_search(self) -> None:
        if not self.is_shown():
            self.show()
        self.panel.focus_search()

    # -- filtering ----------------------------------------------------------------------
    def apply_filter(self) -> None:
        started = time.perf_counter()
        try:
            self.model.set_filter(self.panel.filters.current())
        except PizhuError as exc:
            self.ui.show_error(str(exc))
            return
        self.last_filter_ms = 1000 * (time.perf_counter() - started)
        if self.model.rowCount():
            self.panel.list.setCurrentIndex(self.model.index(0))

    def reload(self) -> None:
        """Query again, keeping the selection, the current row and the scroll position."""
        keep, current = self.panel.selected_ids(), self.panel.current_id()
        scroll = self.panel.list.verticalScrollBar().value()
        self.model.filter = self.panel.filters.current()
        self.model.reload()
        self._dirty = False
        self.panel.select_ids(keep, current)
        self.panel.list.verticalScrollBar().setValue(scroll)

    def changed(self, changes: Changes) -> None:
        """The window's one refresh: annotations, tags, documents, collections or colours."""
        if not (
            changes.annotations or changes.tags or changes.documents or changes.collections
            or changes.colors
        ):  # fmt: skip
            return
        self._dirty = True
        if self.is_shown():
            self._refill_choices()
            self.reload()

    def _refill_choices(self) -> None:
        lib = self.library
        colors = [(c.key, c.hex, c.label) for c in lib.colors.list()]
        self.panel.filters.set_choices(
            [(c.path, c.id) for c in sorted(lib.collections.all(), key=lambda c: c.path)],
            [(d.title, d.id) for d in sorted(lib.documents.list(), key=lambda d: d.title)],
            [t.name for t in lib.tags.list()],
            colors,
        )
        self.panel.set_colors(colors)

    # -- acting on the selection ---------------------------------------------------------
    def open(self, ann_id: int) -> None:
        """Enter: the reader at the annotation (the workspace keeps its filter and place)."""
        self.hide()
        self.context.open_annotation(ann_id)

    def selected(self) -> list:
        anns = []
        for ann_id in self.panel.selected_ids():
            try:
                anns.append(self.library.annotations.get(ann_id))
            except PizhuError:
                continue
        return anns

    def recolor_selection(self, color: str) -> None:
        anns = self.selected()
        if anns:
            self._push(BulkEdit(self.library.annotations, self.ui.notify, anns, color=color))

    def edit_tags(self, adding: bool) -> TagEditor | None:
        anns = self.selected()
        if not anns:
            return None
        known = [t.name for t in self.library.tags.list()]
        present = sorted({t for a in anns for t in a.tags})
        editor = TagEditor([], present if not adding else known, [], self.panel)
        editor.setObjectName("WorkspaceTagEditor")
        if adding:
            editor.setWindowTitle(self.tr("Add Tags to {0} Annotations").format(len(anns)))
        else:
            editor.setWindowTitle(self.tr("Remove Tags from {0} Annotations").format(len(anns)))
            editor.line.setPlaceholderText(self.tr("Tags to remove: ") + " ".join(present))

        def done() -> None:
            tags = tuple(editor.tags())
            if not tags:
                return
            try:
                tags = tuple(normalise_tag(t) for t in tags)
            except PizhuError as exc:
                self.ui.show_error(str(exc))
                return
            added, removed = (tags, ()) if adding else ((), tags)
            self._push(
                BulkEdit(
                    self.library.annotations,
                    self.ui.notify,
                    anns,
                    add_tags=added,
                    remove_tags=removed,
                )
            )

        editor.accepted.connect(done)
        editor.open()
        self.tag_editor = editor
        return editor

    def delete_selection(self) -> None:
        ids = [a.id for a in self.selected()]
        if ids:
            self._push(BulkDelete(self.library.annotations, self.ui.notify, ids))
            self.ui.show_message(
                self.tr("{0} annotations moved to the trash (Ctrl+Z brings them back)").format(
                    len(ids)
                )
            )

    def export_dialog(self) -> None:
        """The export dialog (presets, live preview) on exactly the selection."""
        anns = self.selected()
        if anns:
            self.context.open_export([a.id for a in anns])

    def export_to(self, path: Path) -> int:
        """The selection as today's Markdown export, without the dialog."""
        scope = ExportScope(annotation_ids=tuple(a.id for a in self.selected()))
        try:
            count = (
                ExportService(self.library.db, self.library.data_dir)
                .export_markdown(scope, path)
                .annotations
            )
        except (PizhuError, OSError) as exc:
            self.ui.show_error(str(exc))
            return 0
        self.ui.show_message(self.tr("Exported {0} annotations to {1}").format(count, path))
        return count

    def _push(self, command: ExecutedCommand) -> None:
        command.show_error = self.ui.show_error
        try:
            command.execute()
        except PizhuError as exc:
            self.ui.show_error(str(exc))
            return
        self.ui.undo_stack.push(command)
        self.panel.list.setFocus()
