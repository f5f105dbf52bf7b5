"""At 800×600 the reader keeps a readable line: the side panels shrink or collapse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock

from tests.ui.conftest import SEED_003

CTRL = Qt.KeyboardModifier.ControlModifier


def reading_font(window) -> None:
    """Give the reader back its reading font. Only tests make a second main window in one
    process: its reader is polished after the font was set, and Qt's style-sheet style
    then resets the font to its parent's (the sans UI font), so its margins are measured
    in the wrong font; setting it again after the first show holds."""
    window.apply_appearance()
    assert window.reader.font().family() == window.reader.document().defaultFont().family()


def _long_block(reader) -> QTextBlock:
    block = reader.document().firstBlock()
    while block.isValid() and block.length() < 200:
        block = block.next()
    assert block.isValid()
    return block


def chars_per_line(reader) -> int:
    """The most characters a laid-out line of the first long paragraph holds."""
    block = _long_block(reader)
    reader.document().documentLayout().blockBoundingRect(block)  # lays it out
    layout = block.layout()
    return max(layout.lineAt(i).textLength() for i in range(layout.lineCount()))


def test_800x600_keeps_30_characters_a_line_and_gives_the_panels_back(qtbot, window) -> None:
    reading_font(window)
    window.open_document(SEED_003)
    assert chars_per_line(window.reader) >= 30
    window.resize(800, 600)
    qtbot.waitUntil(lambda: chars_per_line(window.reader) >= 30, timeout=3000)
    assert window.width() == 800
    assert window.annotations_dock.isHidden()  # the empty right side went first
    assert window.library_dock.isVisible()  # the library only shrank
    assert window.library_dock.width() < 200

    window.resize(1200, 800)
    qtbot.waitUntil(lambda: window.annotations_dock.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: window.library_dock.width() > 200, timeout=3000)
    assert chars_per_line(window.reader) >= 30


def test_a_panel_opened_in_a_small_window_stays_and_the_other_side_makes_room(
    qtbot, window
) -> None:
    reading_font(window)
    window.open_document(SEED_003)
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.annotations_dock.isHidden(), timeout=3000)
    window.reader.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    assert window.search_dock.isVisible()
    qtbot.waitUntil(lambda: window.library_dock.isHidden(), timeout=3000)
    qtbot.waitUntil(lambda: window.search_dock.width() < 200, timeout=3000)  # shrunk too
    assert window.search_dock.isVisible()
    qtbot.keyClick(window.search.panel.query, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.library_dock.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: chars_per_line(window.reader) >= 30, timeout=3000)
    assert window.annotations_dock.isHidden()  # no room for it yet


def test_panels_collapsed_for_room_are_saved_as_open(qtbot, make_window) -> None:
    window = make_window()
    reading_font(window)
    window.open_document(SEED_003)
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.annotations_dock.isHidden(), timeout=3000)
    window.close()
    again = make_window()  # the saved state: the annotations panel was not closed by the user
    assert not again.annotations_dock.isHidden()
