"""Back/forward and bookmarks in the window, by keys (and the mouse's side buttons)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from reader.ui.library.tree import KIND
from tests.ui.conftest import SEED_003, type_text

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def place(window) -> tuple[int | None, int]:  # type: ignore[no-untyped-def]
    here = window.current_place()
    return (here.doc_id, here.offset) if here else (None, -1)


def put_cursor(window, offset: int) -> None:  # type: ignore[no-untyped-def]
    window.reader.jump_to(offset)
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.to_qt(offset))
    window.reader.setTextCursor(cursor)
    window.reader.setFocus()


def bookmarks_branch(panel):  # type: ignore[no-untyped-def]
    proxy = panel.proxy
    rows = (proxy.index(r, 0) for r in range(proxy.rowCount()))
    return next(index for index in rows if index.data(KIND) == "bookmarks")


def test_alt_left_and_right_return_through_annotation_and_heading_jumps(qtbot, window) -> None:
    back, forward = (window.actions_registry.action(f"go.{d}") for d in ("back", "forward"))
    window.open_document(1, 0)
    assert not back.isEnabled() and not forward.isEnabled()
    start_place = place(window)
    ann, changes = window.library.annotations.create_from_quote(SEED_003, "陈敏尔讲话")
    window.apply_changes(changes)
    window.jump_to_annotation(ann.id)  # another document
    assert window.reader.doc_id == SEED_003 and back.isEnabled()
    heading = window.library.documents.outline(SEED_003)[-1]
    window.open_document(SEED_003, heading.start)  # an outline heading, same document
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, ALT)
    assert window.reader.doc_id == SEED_003
    assert abs(place(window)[1] - ann.start) <= 40
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, ALT)
    assert place(window) == start_place
    assert not back.isEnabled() and forward.isEnabled()
    qtbot.keyClick(window.reader, Qt.Key.Key_Right, ALT)
    assert window.reader.doc_id == SEED_003 and abs(place(window)[1] - ann.start) <= 40
    qtbot.keyClick(window.reader, Qt.Key.Key_Right, ALT)
    assert abs(place(window)[1] - heading.start) <= 40
    assert not forward.isEnabled()


def test_mouse_back_and_forward_buttons(qtbot, window) -> None:
    window.open_document(1, 0)
    window.open_document(2, 0)
    assert window.reader.doc_id == 2
    viewport = window.reader.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.BackButton, pos=QPoint(50, 50))
    assert window.reader.doc_id == 1
    qtbot.mouseClick(viewport, Qt.MouseButton.ForwardButton, pos=QPoint(50, 50))
    assert window.reader.doc_id == 2


def test_search_hit_and_workspace_enter_are_jumps_too(qtbot, window) -> None:
    window.open_document(1, 0)
    ann, changes = window.library.annotations.create_from_quote(2, "新目标新路径")
    window.apply_changes(changes)
    window.workspace.show()
    panel = window.workspace.panel
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert window.reader.doc_id == 2 and window.reader.selection_offsets() == (ann.start, ann.end)
    window.search._open_hit(3, 10, 12, keep=False)  # what Enter on a search result does
    assert window.reader.doc_id == 3
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, ALT)
    assert window.reader.doc_id == 2
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, ALT)
    assert window.reader.doc_id == 1


def test_ctrl_d_bookmarks_and_the_tree_jumps_renames_and_deletes(qtbot, window) -> None:
    window.open_document(SEED_003, 0)
    text = window.reader.text
    at = text.index("陈敏尔讲话")
    put_cursor(window, at)
    qtbot.keyClick(window.reader, Qt.Key.Key_D, CTRL)
    dialog = window.bookmarks.dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert "中共天津市委十二届六次全会举行" in dialog.place.text()
    type_text(qtbot, dialog.name, "讲话")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    (mark,) = window.library.bookmarks.list()
    assert (mark.doc_id, mark.offset, mark.name) == (SEED_003, at, "讲话")

    panel = window.library_panel
    proxy = panel.proxy
    branch = bookmarks_branch(panel)
    assert "(1)" in branch.data()
    panel.tree.setExpanded(branch, True)
    row = proxy.index(0, 0, branch)
    assert "讲话" in row.data()

    window.open_document(1, 0)
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(row)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert place(window) == (SEED_003, at)
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, ALT)  # a bookmark jump is a jump
    assert window.reader.doc_id == 1

    branch = bookmarks_branch(panel)
    panel.tree.setExpanded(branch, True)
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(proxy.index(0, 0, branch))
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)  # renames the bookmark, not the document
    dialog = window.bookmarks.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.windowTitle() == "Rename Bookmark")
    dialog.name.clear()
    type_text(qtbot, dialog.name, "全会")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert window.library.bookmarks.list()[0].name == "全会"
    assert window.library.documents.get(1).title != "全会"

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    branch = bookmarks_branch(panel)
    panel.tree.setExpanded(branch, True)
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(proxy.index(0, 0, branch))
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert window.library.bookmarks.list() == []
    qtbot.keyClick(panel.tree, Qt.Key.Key_Z, CTRL)
    assert [m.name for m in window.library.bookmarks.list()] == ["全会"]


def test_ctrl_d_with_no_name_and_escape_cancels(qtbot, window) -> None:
    window.open_document(SEED_003, 0)
    put_cursor(window, 5)
    qtbot.keyClick(window.reader, Qt.Key.Key_D, CTRL)
    dialog = window.bookmarks.dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert window.library.bookmarks.list() == []
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_D, CTRL)
    dialog = window.bookmarks.dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    (mark,) = window.library.bookmarks.list()
    assert mark.name == "" and mark.offset == 5 and mark.label().startswith("“")
