"""A document's own commands: open the original, F2 rename, the Details dialog, the page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit

from reader.core.ingest.model import Page, ParsedDocument
from reader.core.storage.db import transaction
from reader.core.storage.documents import SourceInfo
from reader.ui.library.tree import DOC_ID, KIND, TITLE
from tests.ui.conftest import SEED_003, type_text


def insert_document(library, title: str, pages: list[Page], chars: int = 9000) -> int:
    line = "城市更新行动推进有力，各项工作取得新进展。\n"
    text = (line * (chars // len(line) + 1))[:chars]
    parsed = ParsedDocument(text, title, [], pages=pages)
    source = SourceInfo(f"/nowhere/{title}.pdf", 0.0, chars, f"sha-{title}", "pdf", "pdf")
    with transaction(library.db):
        return library.documents.insert(parsed, source)[0]


def tree_index(panel, doc_id: int) -> QModelIndex:
    proxy = panel.proxy
    for row in range(proxy.rowCount()):
        section = proxy.index(row, 0)
        for child in range(proxy.rowCount(section)):
            index = proxy.index(child, 0, section)
            if index.data(KIND) == "document" and index.data(DOC_ID) == doc_id:
                return index
    raise AssertionError(f"document {doc_id} not in the tree")


def test_open_original_hands_the_file_to_the_system(qtbot, window, monkeypatch) -> None:
    opened: list[str] = []

    def fake_open(url) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr("reader.ui.library.document_actions.QDesktopServices.openUrl", fake_open)
    window.open_document(SEED_003)
    window.actions_registry.action("file.open_original").trigger()
    expected = window.library.original_path(SEED_003)
    assert expected is not None and opened == [str(expected)]

    gone = insert_document(window.library, "已删除的文件", [])
    window.open_document(gone)
    window.actions_registry.action("file.open_original").trigger()
    assert len(opened) == 1
    assert "no original file" in window.statusBar().currentMessage()


def test_f2_renames_in_the_tree_and_undo_restores(qtbot, window) -> None:
    panel = window.library_panel
    before = window.library.documents.get(SEED_003).title
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(tree_index(panel, SEED_003))
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    editor = panel.tree.findChild(QLineEdit, "TitleEditor")
    assert editor is not None and editor.text() == before
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, editor, "全会公报 2024")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.library.documents.get(SEED_003).title == "全会公报 2024")
    assert tree_index(panel, SEED_003).data(TITLE) == "全会公报 2024"

    window.undo_stack.undo()
    assert window.library.documents.get(SEED_003).title == before

    panel.tree.setFocus()
    panel.tree.setCurrentIndex(tree_index(panel, SEED_003))
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    editor = panel.tree.findChild(QLineEdit, "TitleEditor")
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "blank" in window.statusBar().currentMessage())
    assert window.library.documents.get(SEED_003).title == before
    assert window.undo_stack.count() == 1


def test_details_dialog_edits_and_refuses_a_bad_date(qtbot, window) -> None:
    window.open_document(SEED_003)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.document_actions.last_dialog
    assert dialog is not None and dialog.isVisible()

    type_text(qtbot, dialog.authors, "陈敏尔；张工, Li Wei")
    before = window.library.documents.get(SEED_003)
    qtbot.keyClick(dialog.date, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.date, "next week")
    script = dialog.script.itemData(dialog.script.currentIndex() + 1)
    qtbot.keyClick(dialog.script, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "next week" in dialog.error.text()
    assert window.library.documents.get(SEED_003) == before

    qtbot.keyClick(dialog.date, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.date, "2024-3")
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    info = window.library.documents.get(SEED_003)
    assert info.authors == ["陈敏尔", "张工", "Li Wei"]
    assert info.date == "2024-03"
    assert info.script == script
    assert window.undo_stack.count() == 1

    window.undo_stack.undo()
    info = window.library.documents.get(SEED_003)
    assert (info.authors, info.date, info.script) == (before.authors, before.date, before.script)


def test_status_bar_shows_the_printed_page(qtbot, window) -> None:
    doc_id = insert_document(window.library, "有页码的报告", [Page("iv", 0), Page("12", 6000)])
    window.refresh_library()
    window.open_document(doc_id)
    assert window.status_page.isVisible() and window.status_page.text() == "p. iv"
    window.reader.scroll_to_offset(6100)
    qtbot.waitUntil(lambda: window.status_page.text() == "p. 12")
    window.open_document(SEED_003)
    assert not window.status_page.isVisible()


def test_drop_imports_a_folder_and_the_file_dialog_lists_every_format(
    qtbot, window, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    folder = tmp_path / "拖进来"
    folder.mkdir()
    (folder / "a.txt").write_text("甲文\n\n正文一。\n", encoding="utf-8")
    (folder / "b.md").write_text("# 乙文\n\n正文二。\n", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    target = window.reader.viewport()  # dropped on the reader; the window takes it
    action = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), action, data, buttons, mods)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(50, 50), action, data, buttons, mods))
    worker = window.library_actions.import_worker
    assert worker is not None
    with qtbot.waitSignal(worker.finished, timeout=20000):
        pass
    results = window.library_actions.last_import_results
    assert sorted((Path(r.path).name, r.status) for r in results) == [
        ("a.txt", "imported"),
        ("b.md", "imported"),
    ]

    filters = window.library_actions.name_filters().split(";;")
    for pattern in ("*.txt", "*.md", "*.pdf", "*.docx", "*.html", "*.mhtml", "*.epub"):
        assert pattern in filters[0]
    assert filters[-1] == "All files (*)"
