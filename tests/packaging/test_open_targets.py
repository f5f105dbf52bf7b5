"""Targets reach the main window: links open the place, files are imported and opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from reader.ui.window.open_targets import TargetOpener

pytestmark = pytest.mark.gui


@pytest.fixture
def opener(window) -> TargetOpener:
    return TargetOpener(window)


def test_link_opens_the_place(window, opener: TargetOpener) -> None:
    opener.open_targets(["pizhu://open?doc=2&pos=30"])
    assert window.reader.doc_id == 2
    assert window.reader.textCursor().position() == window.reader.to_qt(30)


def test_bad_link_is_reported(window, opener: TargetOpener, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    opener.open_targets(["pizhu://open?doc=x"])
    assert errors and "doc must be a whole number" in errors[0]


def test_file_is_imported_then_opened(qtbot, window, opener: TargetOpener, tmp_path) -> None:
    note = tmp_path / "note.md"
    note.write_text("# 笔记\n\n第一段。\n", encoding="utf-8")
    opener.open_targets([str(note), "pizhu://open?doc=1&pos=0"])
    qtbot.waitUntil(lambda: window.reader.doc_id == 1, timeout=20000)  # the link waited
    info = window.library.documents.find_by_path(str(Path(note).resolve()))
    assert info is not None
    opener.open_targets([str(note)])  # again: no duplicate, the same document opens
    qtbot.waitUntil(lambda: window.reader.doc_id == info.id, timeout=20000)
    assert len([d for d in window.library.documents.list() if d.title == "笔记"]) == 1


def test_macos_file_open_event(window, opener: TargetOpener) -> None:
    app = QApplication.instance()
    app.installEventFilter(opener)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(QUrl("pizhu://open?doc=3&pos=5")))
    finally:
        app.removeEventFilter(opener)
    assert window.reader.doc_id == 3
