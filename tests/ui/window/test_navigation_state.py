"""Outline navigation, reading position, deleting a document."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QTableWidget

from reader.core.annotate.annotations import AnnotationService
from reader.ui.library.tree import KIND, OFFSET
from tests.ui.conftest import SEED_003, type_text, when_modal


def _find(panel, predicate):
    model = panel.proxy

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if predicate(index):
                return index
            found = walk(index)
            if found is not None:
                return found
        return None

    from PySide6.QtCore import QModelIndex

    return walk(QModelIndex())


def test_enter_on_an_outline_heading_moves_the_reader(qtbot, window) -> None:
    panel = window.library_panel
    heading = _find(
        panel,
        lambda i: (
            i.data(KIND) == "heading" and i.data(Qt.ItemDataRole.DisplayRole) == "抗日烽火遍津门"
        ),
    )
    assert heading is not None
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(heading)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    offset = int(heading.data(OFFSET))
    assert window.reader.doc_id == SEED_003
    assert window.reader.text[offset : offset + 7] == "抗日烽火遍津门"
    assert window.reader.first_visible_offset() == offset


def test_reading_position_survives_close_and_reopen(qtbot, make_window) -> None:
    window = make_window()
    window.open_document(SEED_003)
    bar = window.reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    qtbot.wait(50)
    first = window.reader.first_visible_offset()
    assert first > 1000
    window.close()
    window.library.close()

    reopened = make_window()
    reopened.restore_last_document()
    assert reopened.reader.doc_id == SEED_003
    assert reopened.reader.first_visible_offset() == first


def test_filter_box_narrows_titles(qtbot, window) -> None:
    window.focus_filter()
    type_text(qtbot, window.library_panel.filter, "天津市委")
    visible = _find(window.library_panel, lambda i: i.data(KIND) == "document")
    assert "天津市委" in visible.data(Qt.ItemDataRole.DisplayRole)
    other = _find(
        window.library_panel,
        lambda i: i.data(KIND) == "document" and "创新城市" in i.data(Qt.ItemDataRole.DisplayRole),
    )
    assert other is None


def test_deleting_a_document_offers_to_export_its_annotations(
    qtbot, window, monkeypatch, tmp_path
) -> None:
    service = AnnotationService(window.library.db)
    service.create_from_quote(SEED_003, "陈敏尔", note="人名")
    target = tmp_path / "export.md"
    monkeypatch.setattr(
        "reader.ui.library.actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    offered: list[str] = []

    def choose_export(box: QMessageBox) -> None:
        labels = [b.text() for b in box.buttons()]
        offered.extend(labels)
        export = next(b for b in box.buttons() if "Export" in b.text())
        export.click()

    when_modal(qtbot, choose_export)
    assert window.library_actions.delete_document(SEED_003)
    assert any("Export" in label for label in offered)
    assert "陈敏尔" in target.read_text(encoding="utf-8")
    assert all(d.id != SEED_003 for d in window.library.documents.list())


def test_shortcuts_dialog_lists_the_registry(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "ShortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    table = dialog.findChild(QTableWidget)
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Highlight"] == "H"
    assert "Ctrl+Z" in rows["Undo"]
    dialog.close()
