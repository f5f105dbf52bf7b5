"""Importing from the GUI runs in the background, lists skipped files, and can be cancelled."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox


def test_background_import_lists_skipped_files(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "新文件夹"
    folder.mkdir()
    (folder / "good.txt").write_text("# 新文档\n\n正文内容。\n", encoding="gbk")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    window.library_actions.start_import([folder])
    # Wait on the outcome, not on a signal that may already have been sent.
    qtbot.waitUntil(lambda: window.library_actions.import_worker is None, timeout=20000)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "ImportReport") is not None)
    results = window.library_actions.last_import_results
    assert sorted((Path(r.path).name, r.status) for r in results) == [
        ("broken.txt", "skipped"),
        ("good.txt", "imported"),
    ]
    titles = [d.title for d in window.library.documents.list()]
    assert "新文档" in titles
    report = window.findChild(QMessageBox, "ImportReport")
    assert report is not None and "broken.txt" in report.detailedText()
    report.close()


def test_cancelled_import_changes_nothing(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(200):
        (folder / f"{i:03d}.txt").write_text(f"第{i}篇。\n" * 50, encoding="utf-8")
    before = len(window.library.documents.list())
    worker = window.library_actions.start_import([folder])
    worker.cancel()
    # Wait on the outcome, not on a signal that may already have been sent.
    qtbot.waitUntil(lambda: window.library_actions.import_worker is None, timeout=20000)
    assert len(window.library.documents.list()) == before
    assert window.library_actions.import_worker is None


def test_reimporting_the_open_document_shows_its_new_text(qtbot, window, tmp_path: Path) -> None:
    source = tmp_path / "改稿.txt"
    source.write_text("# 改稿\n\n第一稿的正文。\n", encoding="utf-8")
    window.library_actions.start_import([source])
    qtbot.waitUntil(lambda: window.library_actions.import_worker is None, timeout=20000)
    (result,) = window.library_actions.last_import_results
    assert window.open_document(result.doc_id)
    assert "第一稿" in window.reader.text
    source.write_text("# 改稿\n\n第二稿的正文，改过了。\n", encoding="utf-8")  # edited on disk
    window.reader.setFocus()
    window.actions_registry.action("file.reimport").trigger()
    qtbot.waitUntil(lambda: window.library_actions.import_worker is None, timeout=20000)
    assert [r.status for r in window.library_actions.last_import_results] == ["updated"]
    qtbot.waitUntil(lambda: "第二稿" in window.reader.text, timeout=5000)
    assert window.reader.doc_id == result.doc_id
    assert window.reader.text == window.library.documents.text(result.doc_id)
    assert "第一稿" not in window.reader.text
