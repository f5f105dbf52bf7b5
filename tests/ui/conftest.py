"""A real main window on a temp library with the sample documents.

CC-CEDICT is loaded once per test process (``shared_dictionary``, about a second) and
handed to the windows of the tests that ask for ``dictionary``; every other window's
dictionary loader fails at once instead of loading it again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.annotate.suggest import suggest_tags
from reader.core.dictionary import Dictionary
from reader.core.search.service import SearchService
from reader.errors import PizhuError
from reader.ui.dictionary import loader as dictionary_loader
from reader.ui.dictionary.loader import DictionaryLoader
from reader.ui.window.app import build_main_window, open_library_for_gui
from reader.ui.window.main_window import MainWindow

SEED_003 = 4  # the magazine issue, fourth sample file


@pytest.fixture(scope="session")
def shared_dictionary(tmp_path_factory: pytest.TempPathFactory) -> Dictionary:
    return Dictionary.load(tmp_path_factory.getbasetemp() / "dictionary-cache")


@pytest.fixture(scope="session")
def warm_jieba() -> None:
    """jieba's dictionary and keyword model, loaded once per test process: the first
    load takes seconds on a loaded machine, which no single test should wait for."""
    assert suggest_tags("推进京津冀协同发展", "推进京津冀协同发展。", [])


def _not_in_this_test() -> Dictionary:
    raise PizhuError("this test has no dictionary (ask for the `dictionary` fixture)")


@pytest.fixture(autouse=True)
def loader(qapp, monkeypatch: pytest.MonkeyPatch) -> DictionaryLoader:
    """The process's dictionary loader, fresh for each test (windows take it)."""
    fresh = DictionaryLoader(load=_not_in_this_test)
    monkeypatch.setattr(dictionary_loader, "_shared", fresh)
    return fresh


@pytest.fixture
def dictionary(shared_dictionary: Dictionary, loader: DictionaryLoader) -> Dictionary:
    """CC-CEDICT loaded already, as in a window that has been open for a while."""
    loader.dictionary = shared_dictionary
    return shared_dictionary


@pytest.fixture(scope="session")
def first_run_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir as a first launch leaves it: the samples imported and indexed.

    Built once per test process and copied for each window on a data dir the test
    has not touched: importing and indexing the samples in every test cost seconds
    each, and closing a window waited for that indexing to commit.
    """
    path = tmp_path_factory.mktemp("first-run") / "data"
    library = open_library_for_gui(path)
    library.close()
    result = SearchService(path).sync_now()
    assert result.indexed == 5, result
    return path


def as_first_run(data_dir: Path, first_run_data_dir: Path) -> Path:
    """``data_dir`` as after a first launch, unless the test has put something there."""
    if not data_dir.exists():
        shutil.copytree(first_run_data_dir, data_dir)
    return data_dir


@pytest.fixture
def first_run(data_dir: Path, first_run_data_dir: Path) -> Path:
    return as_first_run(data_dir, first_run_data_dir)


@pytest.fixture
def make_window(
    qtbot, data_dir: Path, first_run_data_dir: Path
) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = build_main_window(as_first_run(data_dir, first_run_data_dir))
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        windows.append(window)
        return window

    yield make
    for widget in QApplication.topLevelWidgets():  # dialogs a test left open
        if widget.isVisible() and widget not in windows:
            widget.close()
    for window in windows:
        if window.isVisible():
            window.close()
        window.library.close()


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def select_by_keys(qtbot, window: MainWindow, start: int, length: int) -> None:
    """Put the cursor at ``start`` and extend the selection with Shift+Right presses."""
    reader = window.reader
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_qt(start))
    reader.setTextCursor(cursor)
    for _ in range(length):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def when_modal(qtbot, action: Callable[[QWidget], None]) -> None:
    """Run ``action`` on the next modal dialog once it is shown (exec() blocks the test)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        try:
            action(dialog)
        finally:  # never leave a test hanging on a dialog the action failed to close
            QTimer.singleShot(30000, lambda: _reject_if_open(dialog))

    QTimer.singleShot(0, attempt)


def _reject_if_open(dialog: QWidget) -> None:
    if shiboken6.isValid(dialog) and dialog.isVisible():
        dialog.reject()  # type: ignore[attr-defined]


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as input-method commits.

    ``QTest.keyClicks`` cannot send non-Latin characters (it aborts); real Chinese
    input reaches widgets as ``QInputMethodEvent`` commits from the IME, so that is
    what we send.
    """
    from PySide6.QtGui import QInputMethodEvent

    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            if run:
                event = QInputMethodEvent("", [])
                event.setCommitString(run)
                QApplication.sendEvent(widget, event)
                run = ""
            qtbot.keyClicks(widget, ch)
        elif ch != "\0":
            run += ch
        elif run:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
