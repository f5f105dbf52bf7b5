"""The window starts the dictionary load once it is shown and the user pauses, not while
they type (the load holds the GIL against the search worker)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from reader.ui.common.idle import QUIET_MS
from reader.ui.dictionary.loader import DictionaryLoader
from reader.ui.window import main_window
from reader.ui.window.main_window import MainWindow


def test_the_dictionary_load_waits_for_a_pause_in_typing(
    qtbot, make_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[float] = []
    monkeypatch.setattr(DictionaryLoader, "start", lambda self: started.append(time.monotonic()))
    monkeypatch.setattr(main_window, "START_DELAY_MS", 50)
    window = make_window()
    window.search.open_search()
    box = window.search.panel.query
    typing_until = time.monotonic() + 2 * QUIET_MS / 1000
    last_key = time.monotonic()
    while last_key < typing_until:
        last_key = time.monotonic()  # never later than the filter's record of the press
        qtbot.keyClick(box, Qt.Key.Key_A)
        qtbot.wait(100)
    assert started == []
    assert box.text().count("a") >= 10
    qtbot.waitUntil(lambda: len(started) == 1, timeout=QUIET_MS * 3)
    assert started[0] - last_key >= QUIET_MS / 1000
