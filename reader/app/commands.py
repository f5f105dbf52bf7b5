"""Every user command as data: id, label, menu, default keys.

The UI turns these into QActions (``reader.ui.common.action_registry``); user overrides are stored
by command id in the settings. ``standard`` names a ``QKeySequence.StandardKey`` so
platform-standard keys (Cmd on macOS) are used where they exist; ``keys`` are the
defaults otherwise, or in addition.
"""

from __future__ import annotations

from dataclasses import dataclass

WINDOW, READER, POPUP, SEARCH = "window", "reader", "dictionary", "search"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks ``text`` for Qt's translation tools; the UI translates it in ``context``."""
    return text


@dataclass(frozen=True)
class Command:
    id: str
    text: str
    menu: str  # File, Edit, View, Go, Help, or "" for keyboard-only commands
    keys: tuple[str, ...] = ()
    standard: str | None = None
    scope: str = WINDOW  # READER: only while the reader pane has focus (single-key tools);
    # POPUP: only while the dictionary pop-up has focus (the pop-up adds these actions);
    # SEARCH: only in the library search box (the search panel adds these actions)
    checkable: bool = False
    submenu: str = ""  # a submenu of ``menu`` (a key of SUBMENUS), or "" for the menu itself


COMMANDS: tuple[Command, ...] = (
    Command(
        "file.import_files",
        QT_TRANSLATE_NOOP("Commands", "Import &Files…"),
        "File",
        ("Ctrl+O",),
        "Open",
    ),
    Command(
        "file.import_folder",
        QT_TRANSLATE_NOOP("Commands", "Import F&older…"),
        "File",
        ("Ctrl+Shift+O",),
    ),
    Command("file.open_original", QT_TRANSLATE_NOOP("Commands", "Open Ori&ginal File"), "File"),
    Command(
        "file.details", QT_TRANSLATE_NOOP("Commands", "Document &Details…"), "File", ("Ctrl+I",)
    ),
    Command("file.rename", QT_TRANSLATE_NOOP("Commands", "Re&name Document"), "File", ("F2",)),
    Command("file.reimport", QT_TRANSLATE_NOOP("Commands", "&Re-import From Source"), "File"),
    Command(
        "file.export_document",
        QT_TRANSLATE_NOOP("Commands", "&Export Annotations of This Document…"),
        "File",
        ("Ctrl+E",),
    ),
    Command(
        "file.export_all",
        QT_TRANSLATE_NOOP("Commands", "Export &All Annotations…"),
        "File",
        ("Ctrl+Shift+E",),
    ),
    Command("file.export_words", QT_TRANSLATE_NOOP("Commands", "Export &Words for Anki…"), "File"),
    Command("file.quit", QT_TRANSLATE_NOOP("Commands", "&Quit"), "File", ("Ctrl+Q",), "Quit"),
    Command("edit.undo", QT_TRANSLATE_NOOP("Commands", "&Undo"), "Edit", ("Ctrl+Z",), "Undo"),
    Command("edit.redo", QT_TRANSLATE_NOOP("Commands", "&Redo"), "Edit", ("Ctrl+Shift+Z",), "Redo"),
    Command(
        "edit.copy", QT_TRANSLATE_NOOP("Commands", "&Copy"), "Edit", ("Ctrl+C",), "Copy", READER
    ),
    Command(
        "edit.copy_quote",
        QT_TRANSLATE_NOOP("Commands", "Copy as &Quote"),
        "Edit",
        ("Ctrl+Shift+C",),
        None,
        READER,
    ),
    Command(
        "edit.select_all",
        QT_TRANSLATE_NOOP("Commands", "Select &All"),
        "Edit",
        ("Ctrl+A",),
        "SelectAll",
        READER,
    ),
    Command(
        "annotate.highlight",
        QT_TRANSLATE_NOOP("Commands", "&Highlight"),
        "Edit",
        ("H",),
        None,
        READER,
    ),
    Command(
        "annotate.color1",
        QT_TRANSLATE_NOOP("Commands", "Highlight Colour &1"),
        "Edit",
        ("1",),
        None,
        READER,
    ),
    Command(
        "annotate.color2",
        QT_TRANSLATE_NOOP("Commands", "Highlight Colour &2"),
        "Edit",
        ("2",),
        None,
        READER,
    ),
    Command(
        "annotate.color3",
        QT_TRANSLATE_NOOP("Commands", "Highlight Colour &3"),
        "Edit",
        ("3",),
        None,
        READER,
    ),
    Command(
        "annotate.color4",
        QT_TRANSLATE_NOOP("Commands", "Highlight Colour &4"),
        "Edit",
        ("4",),
        None,
        READER,
    ),
    Command(
        "annotate.color5",
        QT_TRANSLATE_NOOP("Commands", "Highlight Colour &5"),
        "Edit",
        ("5",),
        None,
        READER,
    ),
    Command(
        "annotate.underline",
        QT_TRANSLATE_NOOP("Commands", "U&nderline"),
        "Edit",
        ("U",),
        None,
        READER,
    ),
    Command("annotate.note", QT_TRANSLATE_NOOP("Commands", "&Note…"), "Edit", ("N",), None, READER),
    Command("annotate.tag", QT_TRANSLATE_NOOP("Commands", "&Tags…"), "Edit", ("T",), None, READER),
    Command(
        "annotate.delete",
        QT_TRANSLATE_NOOP("Commands", "&Delete Annotation"),
        "Edit",
        ("Delete",),
        None,
        READER,
    ),
    Command(
        "dict.lookup",
        QT_TRANSLATE_NOOP("Commands", "&Look Up in Dictionary"),
        "Edit",
        ("D",),
        None,
        READER,
    ),
    Command(
        "dict.keep",
        QT_TRANSLATE_NOOP("Commands", "Keep Word (Dictionary Pop-up)"),
        "",
        ("K", "Ctrl+Return", "Ctrl+Enter"),
        None,
        POPUP,
    ),
    Command(
        "dict.annotate",
        QT_TRANSLATE_NOOP("Commands", "Also Annotate Kept Words (Dictionary Pop-up)"),
        "",
        ("A",),
        None,
        POPUP,
        checkable=True,
    ),
    Command(
        "dict.longer",
        QT_TRANSLATE_NOOP("Commands", "Look Up One Character More"),
        "",
        ("Shift+Right",),
        None,
        POPUP,
    ),
    Command(
        "dict.shorter",
        QT_TRANSLATE_NOOP("Commands", "Look Up One Character Fewer"),
        "",
        ("Shift+Left",),
        None,
        POPUP,
    ),
    Command(
        "view.zoom_in",
        QT_TRANSLATE_NOOP("Commands", "Zoom &In"),
        "View",
        ("Ctrl+=", "Ctrl++"),
        "ZoomIn",
    ),
    Command(
        "view.zoom_out", QT_TRANSLATE_NOOP("Commands", "Zoom &Out"), "View", ("Ctrl+-",), "ZoomOut"
    ),
    Command("view.zoom_reset", QT_TRANSLATE_NOOP("Commands", "&Actual Size"), "View", ("Ctrl+0",)),
    Command(
        "view.theme_light", QT_TRANSLATE_NOOP("Commands", "&Light Theme"), "View", checkable=True
    ),
    Command(
        "view.theme_sepia", QT_TRANSLATE_NOOP("Commands", "&Sepia Theme"), "View", checkable=True
    ),
    Command(
        "view.theme_dark", QT_TRANSLATE_NOOP("Commands", "&Dark Theme"), "View", checkable=True
    ),
    Command(
        "view.indent", QT_TRANSLATE_NOOP("Commands", "First-Line &Indent"), "View", checkable=True
    ),
    Command("view.font", QT_TRANSLATE_NOOP("Commands", "&Font…"), "View"),
    Command(
        "view.sort_title",
        QT_TRANSLATE_NOOP("Commands", "&Title"),
        "View",
        checkable=True,
        submenu="sort",
    ),
    Command(
        "view.sort_date",
        QT_TRANSLATE_NOOP("Commands", "&Date, Newest First"),
        "View",
        checkable=True,
        submenu="sort",
    ),
    Command(
        "view.sort_added",
        QT_TRANSLATE_NOOP("Commands", "Date &Added, Newest First"),
        "View",
        checkable=True,
        submenu="sort",
    ),
    Command(
        "view.sort_read",
        QT_TRANSLATE_NOOP("Commands", "Last &Read, Most Recent First"),
        "View",
        checkable=True,
        submenu="sort",
    ),
    Command(
        "view.script_as_written",
        QT_TRANSLATE_NOOP("Commands", "As &Written"),
        "View",
        checkable=True,
        submenu="script",
    ),
    Command(
        "view.script_simplified",
        QT_TRANSLATE_NOOP("Commands", "简体 &Simplified"),
        "View",
        checkable=True,
        submenu="script",
    ),
    Command(
        "view.script_traditional",
        QT_TRANSLATE_NOOP("Commands", "繁體 &Traditional"),
        "View",
        checkable=True,
        submenu="script",
    ),
    Command(
        "view.library",
        QT_TRANSLATE_NOOP("Commands", "Show &Library"),
        "View",
        ("Ctrl+Shift+L",),
        checkable=True,
    ),
    Command(
        "view.annotations",
        QT_TRANSLATE_NOOP("Commands", "Show &Annotations"),
        "View",
        checkable=True,
    ),
    Command(
        "view.workspace",
        QT_TRANSLATE_NOOP("Commands", "Annotations &Workspace"),
        "View",
        ("Ctrl+Shift+A",),
        checkable=True,
    ),
    Command(
        "view.words",
        QT_TRANSLATE_NOOP("Commands", "Show &Words"),
        "View",
        ("Ctrl+Shift+W",),
        checkable=True,
    ),
    Command(
        "view.statistics",
        QT_TRANSLATE_NOOP("Commands", "Reading S&tatistics…"),
        "View",
        ("Ctrl+Shift+S",),
    ),
    Command(
        "search.open",
        QT_TRANSLATE_NOOP("Commands", "&Search Library…"),
        "Go",
        ("Ctrl+K", "Ctrl+Shift+F"),
    ),
    Command(
        "find.open", QT_TRANSLATE_NOOP("Commands", "&Find in Document…"), "Go", ("Ctrl+F",), "Find"
    ),
    Command("find.next", QT_TRANSLATE_NOOP("Commands", "Find Ne&xt"), "Go", ("F3",), "FindNext"),
    Command(
        "find.previous",
        QT_TRANSLATE_NOOP("Commands", "Find Pre&vious"),
        "Go",
        ("Shift+F3",),
        "FindPrevious",
    ),
    Command("go.library", QT_TRANSLATE_NOOP("Commands", "Focus &Library"), "Go", ("Alt+1",)),
    Command("go.reader", QT_TRANSLATE_NOOP("Commands", "Focus &Reader"), "Go", ("Alt+2",)),
    Command(
        "go.annotations", QT_TRANSLATE_NOOP("Commands", "Focus &Annotations"), "Go", ("Alt+3",)
    ),
    Command("go.filter", QT_TRANSLATE_NOOP("Commands", "&Filter Library"), "Go", ("Ctrl+L",)),
    Command(
        "go.next_annotation", QT_TRANSLATE_NOOP("Commands", "&Next Annotation"), "Go", ("Ctrl+]",)
    ),
    Command(
        "go.prev_annotation",
        QT_TRANSLATE_NOOP("Commands", "&Previous Annotation"),
        "Go",
        ("Ctrl+[",),
    ),
    Command("go.back", QT_TRANSLATE_NOOP("Commands", "&Back"), "Go", ("Alt+Left",), "Back"),
    Command(
        "go.forward", QT_TRANSLATE_NOOP("Commands", "F&orward"), "Go", ("Alt+Right",), "Forward"
    ),
    Command(
        "go.bookmark", QT_TRANSLATE_NOOP("Commands", "Add &Bookmark…"), "Go", ("Ctrl+D",)
    ),
    Command(
        "help.shortcuts", QT_TRANSLATE_NOOP("Commands", "&Keyboard Shortcuts"), "Help", ("F1",)
    ),
    Command("help.about", QT_TRANSLATE_NOOP("Commands", "&About Pizhu"), "Help"),
    # The library search box: arrows and Enter drive the results while typing stays there.
    Command(
        "search.next",
        QT_TRANSLATE_NOOP("Commands", "Next Search Result"),
        "",
        ("Down", "Ctrl+N"),
        scope=SEARCH,
    ),
    Command(
        "search.previous",
        QT_TRANSLATE_NOOP("Commands", "Previous Search Result (Empty Box: Earlier Queries)"),
        "",
        ("Up", "Ctrl+P"),
        scope=SEARCH,
    ),
    Command(
        "search.next_document",
        QT_TRANSLATE_NOOP("Commands", "Search Results: Next Document"),
        "",
        ("Alt+Down",),
        scope=SEARCH,
    ),
    Command(
        "search.previous_document",
        QT_TRANSLATE_NOOP("Commands", "Search Results: Previous Document"),
        "",
        ("Alt+Up",),
        scope=SEARCH,
    ),
    Command(
        "search.open_hit",
        QT_TRANSLATE_NOOP("Commands", "Open Search Result"),
        "",
        ("Return", "Enter"),
        scope=SEARCH,
    ),
    Command(
        "search.open_keep",
        QT_TRANSLATE_NOOP("Commands", "Open Search Result, Keep the Panel"),
        "",
        ("Ctrl+Return", "Ctrl+Enter"),
        scope=SEARCH,
    ),
    Command(
        "search.close",
        QT_TRANSLATE_NOOP("Commands", "Close Search"),
        "",
        ("Esc",),
        scope=SEARCH,
    ),
)

MENUS = ("File", "Edit", "View", "Go", "Help")
SUBMENUS = {
    "sort": QT_TRANSLATE_NOOP("Commands", "&Sort Library By"),
    "script": QT_TRANSLATE_NOOP("Commands", "Sc&ript"),
}
LIBRARY_SORTS = ("title", "date", "added", "read")  # view.sort_<name>
SCRIPT_COMMANDS = {  # View ▸ Script: command id -> reader.core.text.script choice
    "view.script_as_written": "as-written",
    "view.script_simplified": "simplified",
    "view.script_traditional": "traditional",
}


def command(command_id: str) -> Command:
    for cmd in COMMANDS:
        if cmd.id == command_id:
            return cmd
    raise KeyError(command_id)
