"""Every user command as data: id, label, menu, default keys.

The UI turns these into QActions (``reader.ui.actions``); user overrides are stored
by command id in the settings. ``standard`` names a ``QKeySequence.StandardKey`` so
platform-standard keys (Cmd on macOS) are used where they exist; ``keys`` are the
defaults otherwise, or in addition.
"""

from __future__ import annotations

from dataclasses import dataclass

WINDOW, READER = "window", "reader"


@dataclass(frozen=True)
class Command:
    id: str
    text: str
    menu: str  # File, Edit, View, Go, Help, or "" for keyboard-only commands
    keys: tuple[str, ...] = ()
    standard: str | None = None
    scope: str = WINDOW  # READER: only while the reader pane has focus (single-key tools)
    checkable: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("file.import_files", "Import &Files…", "File", ("Ctrl+O",), "Open"),
    Command("file.import_folder", "Import F&older…", "File", ("Ctrl+Shift+O",)),
    Command("file.export_document", "&Export Annotations of This Document…", "File", ("Ctrl+E",)),
    Command("file.export_all", "Export &All Annotations…", "File", ("Ctrl+Shift+E",)),
    Command("file.reimport", "&Re-import From Source", "File"),
    Command("file.quit", "&Quit", "File", ("Ctrl+Q",), "Quit"),
    Command("edit.undo", "&Undo", "Edit", ("Ctrl+Z",), "Undo"),
    Command("edit.redo", "&Redo", "Edit", ("Ctrl+Shift+Z",), "Redo"),
    Command("edit.copy", "&Copy", "Edit", ("Ctrl+C",), "Copy", READER),
    Command("edit.copy_quote", "Copy as &Quote", "Edit", ("Ctrl+Shift+C",), None, READER),
    Command("edit.select_all", "Select &All", "Edit", ("Ctrl+A",), "SelectAll", READER),
    Command("annotate.highlight", "&Highlight", "Edit", ("H",), None, READER),
    Command("annotate.color1", "Highlight Colour &1", "Edit", ("1",), None, READER),
    Command("annotate.color2", "Highlight Colour &2", "Edit", ("2",), None, READER),
    Command("annotate.color3", "Highlight Colour &3", "Edit", ("3",), None, READER),
    Command("annotate.color4", "Highlight Colour &4", "Edit", ("4",), None, READER),
    Command("annotate.color5", "Highlight Colour &5", "Edit", ("5",), None, READER),
    Command("annotate.underline", "U&nderline", "Edit", ("U",), None, READER),
    Command("annotate.note", "&Note…", "Edit", ("N",), None, READER),
    Command("annotate.tag", "&Tags…", "Edit", ("T",), None, READER),
    Command("annotate.delete", "&Delete Annotation", "Edit", ("Delete",), None, READER),
    Command("view.zoom_in", "Zoom &In", "View", ("Ctrl+=", "Ctrl++"), "ZoomIn"),
    Command("view.zoom_out", "Zoom &Out", "View", ("Ctrl+-",), "ZoomOut"),
    Command("view.zoom_reset", "&Actual Size", "View", ("Ctrl+0",)),
    Command("view.theme_light", "&Light Theme", "View", checkable=True),
    Command("view.theme_sepia", "&Sepia Theme", "View", checkable=True),
    Command("view.theme_dark", "&Dark Theme", "View", checkable=True),
    Command("view.indent", "First-Line &Indent", "View", checkable=True),
    Command("view.font", "&Font…", "View"),
    Command("view.library", "Show &Library", "View", ("Ctrl+Shift+L",), checkable=True),
    Command("view.annotations", "Show &Annotations", "View", ("Ctrl+Shift+A",), checkable=True),
    Command("go.library", "Focus &Library", "Go", ("Alt+1",)),
    Command("go.reader", "Focus &Reader", "Go", ("Alt+2",)),
    Command("go.annotations", "Focus &Annotations", "Go", ("Alt+3",)),
    Command("go.filter", "&Filter Library", "Go", ("Ctrl+L",)),
    Command("go.next_annotation", "&Next Annotation", "Go", ("Ctrl+]",)),
    Command("go.prev_annotation", "&Previous Annotation", "Go", ("Ctrl+[",)),
    Command("help.shortcuts", "&Keyboard Shortcuts", "Help", ("F1",)),
    Command("help.about", "&About Pizhu", "Help"),
)

MENUS = ("File", "Edit", "View", "Go", "Help")


def command(command_id: str) -> Command:
    for cmd in COMMANDS:
        if cmd.id == command_id:
            return cmd
    raise KeyError(command_id)
