"""The library tree: one click opens a document; what is unfolded stays unfolded."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from reader.ui.library.tree import DOC_ID, KIND
from tests.ui.conftest import SEED_003, select_by_keys


def _document_row(panel, doc_id: int) -> QModelIndex:
    proxy = panel.proxy
    for row in range(proxy.rowCount()):
        section = proxy.index(row, 0)
        for child in range(proxy.rowCount(section)):
            index = proxy.index(child, 0, section)
            if index.data(KIND) == "document" and index.data(DOC_ID) == doc_id:
                return index
    raise AssertionError(doc_id)


def test_a_single_click_on_a_document_opens_it(qtbot, window) -> None:
    panel = window.library_panel
    index = _document_row(panel, SEED_003)
    rect = panel.tree.visualRect(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.doc_id == SEED_003
    other = _document_row(panel, 1)
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(other)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up)  # moving with the keys only moves
    assert window.reader.doc_id == SEED_003


def test_unfolded_branches_survive_a_theme_change_and_an_undo(qtbot, window) -> None:
    panel = window.library_panel
    window.open_document(SEED_003)
    start = window.reader.text.find("全会")
    select_by_keys(qtbot, window, start, 2)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    tree = panel.tree
    tree.setExpanded(_document_row(panel, SEED_003), True)  # its outline
    tree.setExpanded(panel.proxy.index(panel.proxy.rowCount() - 1, 0), True)  # Tags
    tree.setExpanded(panel.proxy.index(1, 0), False)  # All Documents folded
    before = panel.expanded_keys()
    window.actions_registry.action("view.theme_dark").trigger()
    assert panel.expanded_keys() == before
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.annotations.list_for_document(SEED_003) == []
    assert panel.expanded_keys() == before

    title = window.library.documents.get(SEED_003).title
    assert window.document_actions.rename(SEED_003, "改过的标题")
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.library.documents.get(SEED_003).title == title  # the tree was rebuilt
    assert panel.expanded_keys() == before

    tree.collapseAll()  # everything folded: a rebuild does not unfold it again
    qtbot.keyClick(
        window.reader, Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    assert window.library.documents.get(SEED_003).title == "改过的标题"
    assert not any(tree.isExpanded(panel.proxy.index(r, 0)) for r in range(panel.proxy.rowCount()))
