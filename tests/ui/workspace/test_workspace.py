"""The Annotations workspace driven by keys: filter by tag, select three, re-colour, undo,
Enter opens the reader at the annotation; search folding, delete and export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from reader.ui.export.dialog import ExportDialog
from reader.ui.library.tree import KIND
from tests.ui.conftest import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

# (document, quote, colour, tags, note) from the bundled sample library
MARKS = [
    (1, "中央城市工作会议", "yellow", ["城市/会议"], ""),
    (1, "创新城市", "green", ["城市"], "创新是关键"),
    (2, "推动城市高质量发展", "yellow", ["城市/发展"], ""),
    (2, "新目标新路径", "pink", [], "目标"),
    (3, "中关村科技城", "blue", ["城市/发展"], ""),
    (5, "产业金融", "purple", ["金融"], "发展金融"),
]


@pytest.fixture
def marked(window):  # type: ignore[no-untyped-def]
    """The window with six annotations over four sample documents; their ids in order."""
    ids = []
    for doc, quote, color, tags, note in MARKS:
        ann, changes = window.library.annotations.create_from_quote(
            doc, quote, color=color, tags=tags, note=note
        )
        window.apply_changes(changes)
        ids.append(ann.id)
    return window, ids


def open_workspace(qtbot, window):  # type: ignore[no-untyped-def]
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.workspace.is_shown())
    return window.workspace.panel


def choose_by_keys(qtbot, combo: QComboBox, data: object) -> None:
    """Move through a combo with Down, as a keyboard user does, until ``data`` is chosen."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def listed_quotes(panel) -> list[str]:  # type: ignore[no-untyped-def]
    return [panel.model.row_at(r).annotation.quote for r in range(panel.model.rowCount())]


def test_filter_by_tag_select_three_recolour_undo_and_enter_opens(qtbot, marked) -> None:
    window, ids = marked
    panel = open_workspace(qtbot, window)
    assert window.actions_registry.action("view.workspace").isChecked()
    assert panel.model.total() == 6 and "6" in panel.count.text()
    assert QApplication.focusWidget() is panel.list

    choose_by_keys(qtbot, panel.filters.tag, "城市")  # with its sub-tags
    assert sorted(listed_quotes(panel)) == sorted(
        ["中央城市工作会议", "创新城市", "推动城市高质量发展", "中关村科技城"]
    )
    assert "4" in panel.count.text()

    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down, SHIFT)
    chosen = panel.selected_ids()
    assert len(chosen) == 3
    before = {i: window.library.annotations.get(i).color for i in chosen}
    qtbot.keyClick(panel.list, Qt.Key.Key_3)  # the third colour: blue
    assert {window.library.annotations.get(i).color for i in chosen} == {"blue"}
    assert window.library.annotations.get(ids[5]).color == "purple"  # not selected
    assert panel.selected_ids() == chosen  # the selection survives the refresh

    qtbot.keyClick(panel.list, Qt.Key.Key_Z, CTRL)  # one undo step for all three
    assert {i: window.library.annotations.get(i).color for i in chosen} == before
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, CTRL | SHIFT)
    assert {window.library.annotations.get(i).color for i in chosen} == {"blue"}
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, CTRL)

    qtbot.keyClick(panel.list, Qt.Key.Key_End)
    target = window.library.annotations.get(panel.current_id())
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert not window.workspace.is_shown()
    assert window.reader.doc_id == target.doc_id
    assert window.reader.selection_offsets() == (target.start, target.end)
    assert window.reader.text[target.start : target.end] == target.quote
    assert not window.actions_registry.action("view.workspace").isChecked()


def test_search_box_folds_script_and_searches_notes(qtbot, marked) -> None:
    window, _ids = marked
    panel = open_workspace(qtbot, window)
    qtbot.keyClick(panel.list, Qt.Key.Key_F, CTRL)  # Ctrl+F: the search box, not Find
    assert QApplication.focusWidget() is panel.filters.search
    assert not window.search.find_bar.isVisible()
    type_text(qtbot, panel.filters.search, "發展")  # traditional finds simplified 发展
    qtbot.waitUntil(lambda: panel.model.total() == 2)
    assert sorted(listed_quotes(panel)) == ["产业金融", "推动城市高质量发展"]  # note 发展金融
    qtbot.keyClick(panel.filters.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.list
    panel.filters.search.clear()
    type_text(qtbot, panel.filters.search, "城市 创新")  # both words
    qtbot.keyClick(panel.filters.search, Qt.Key.Key_Return)
    assert listed_quotes(panel) == ["创新城市"]
    qtbot.keyClick(panel.list, Qt.Key.Key_Escape)
    assert not window.workspace.is_shown()


def test_other_filters_sorts_and_orphans_are_marked(qtbot, marked) -> None:
    window, ids = marked
    window.library.db.execute("UPDATE annotations SET status = 'orphaned' WHERE id = ?", [ids[3]])
    panel = open_workspace(qtbot, window)
    choose_by_keys(qtbot, panel.filters.status, True)
    assert listed_quotes(panel) == ["新目标新路径"]
    assert panel.model.row_at(0).annotation.orphaned
    choose_by_keys(qtbot, panel.filters.status, None)
    choose_by_keys(qtbot, panel.filters.note, True)
    assert sorted(listed_quotes(panel)) == ["产业金融", "创新城市", "新目标新路径"]
    choose_by_keys(qtbot, panel.filters.color, "pink")
    assert listed_quotes(panel) == ["新目标新路径"]
    qtbot.mouseClick(panel.filters.clear_button, Qt.MouseButton.LeftButton)
    assert panel.model.total() == 6
    choose_by_keys(qtbot, panel.filters.sort, "color")
    colors = [panel.model.row_at(r).annotation.color for r in range(6)]
    assert colors == ["yellow", "yellow", "green", "blue", "pink", "purple"]
    choose_by_keys(qtbot, panel.filters.document, 2)
    assert sorted(listed_quotes(panel)) == ["推动城市高质量发展", "新目标新路径"]
    choose_by_keys(qtbot, panel.filters.document, 3)
    row = panel.model.row_at(0)
    assert row.title == "各地新亮点" and row.section == "——京津中关村科技城打造产城融合示范区"
    panel.list.viewport().repaint()  # the delegate paints every kind of row without error


def test_tags_delete_to_trash_undo_and_export_selection(qtbot, marked, tmp_path: Path) -> None:
    window, ids = marked
    panel = open_workspace(qtbot, window)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    qtbot.keyClick(panel.list, Qt.Key.Key_A, CTRL)  # all six
    assert len(panel.selected_ids()) == 6

    def tags_dialog():  # type: ignore[no-untyped-def]
        return window.workspace.tag_editor

    qtbot.keyClick(panel.list, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: tags_dialog() is not None and tags_dialog().isVisible())
    editor = tags_dialog()
    type_text(qtbot, editor.line, "复习")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert all("复习" in window.library.annotations.get(i).tags for i in ids)

    count = window.workspace.export_to(tmp_path / "selection.md")
    text = (tmp_path / "selection.md").read_text(encoding="utf-8")
    assert count == 6 and all(quote in text for _d, quote, *_rest in MARKS)

    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert panel.model.total() == 0
    assert len(window.library.annotations.list(trashed=True)) == 6
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, CTRL)
    assert panel.model.total() == 6
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, CTRL)  # and the tags go again
    assert not any("复习" in window.library.annotations.get(i).tags for i in ids)


def test_library_tree_opens_the_workspace(qtbot, marked) -> None:
    window, _ids = marked
    panel = window.library_panel
    proxy = panel.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(KIND) == "workspace")
    assert "(6)" in proxy.index(row, 0).data()
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(proxy.index(row, 0))
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.workspace.is_shown()
    assert window.workspace.panel.model.total() == 6
    window.workspace.show(tag="金融")
    assert listed_quotes(window.workspace.panel) == ["产业金融"]


def test_export_selection_opens_the_export_dialog_on_exactly_the_selection(
    qtbot, marked
) -> None:
    window, ids = marked
    panel = open_workspace(qtbot, window)
    panel.list.setFocus()
    panel.select_ids([ids[0], ids[1]], ids[1])
    window.workspace.export_dialog()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog))
    qtbot.waitUntil(lambda: dialog.settled, timeout=10000)
    assert dialog.scope.currentData() == "selection"
    text = dialog.preview.toPlainText()
    assert MARKS[0][1] in text and MARKS[1][1] in text and MARKS[2][1] not in text
    dialog.reject()
