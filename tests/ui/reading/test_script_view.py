"""View ▸ Script: the document shown in 繁體 keeps every offset, and is remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reader.core.text.script import to_simplified, to_traditional
from reader.ui.reading.view import Mark, ReaderView
from tests.ui.conftest import SEED_003, select_by_keys, type_text

QUOTE = "京津冀协同发展"


def shown_slice(reader: ReaderView, start: int, end: int) -> str:
    """The characters the page shows at code-point offsets ``[start, end)``."""
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.to_qt(start))
    cursor.setPosition(reader.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_traditional_keeps_length_highlights_and_quotes(qtbot, window) -> None:
    window.open_document(SEED_003)
    reader = window.reader
    text = reader.text
    start = text.find(QUOTE)
    window.annotations.create(SEED_003, start, start + len(QUOTE), color="green")
    window._refresh_marks()
    window.actions_registry.action("view.script_traditional").trigger()

    assert reader.text == text  # the canonical text is untouched
    assert reader.shown_text == to_traditional(text) != text
    assert len(reader.shown_text) == len(text)
    assert reader.document().characterCount() - 1 == len(reader.shown_text)
    assert window.actions_registry.action("view.script_traditional").isChecked()
    (mark,) = reader.marks()
    assert (mark.start, mark.end) == (start, start + len(QUOTE))
    assert shown_slice(reader, mark.start, mark.end) == "京津冀協同發展"  # the same characters

    phrase = text.find("全会听取")  # a new highlight quotes the library's text
    select_by_keys(qtbot, window, phrase, 4)
    assert shown_slice(reader, phrase, phrase + 4) == "全會聽取"
    qtbot.keyClick(reader, Qt.Key.Key_H)
    quotes = [a.quote for a in window.annotations.list_for_document(SEED_003)]
    assert "全会听取" in quotes


def test_find_matches_in_either_script(qtbot, window) -> None:
    window.open_document(SEED_003)
    window.actions_registry.action("view.script_traditional").trigger()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.search.find_bar
    type_text(qtbot, bar.line, "協同發展")
    bar.refresh()
    found = list(bar.matches)
    assert found
    start, end = found[0]
    assert window.reader.text[start:end] == "协同发展"
    assert shown_slice(window.reader, start, end) == "協同發展"
    bar.line.clear()
    type_text(qtbot, bar.line, "协同发展")
    bar.refresh()
    assert bar.matches == found


def test_the_choice_is_remembered_per_document(qtbot, make_window) -> None:
    first = make_window()
    first.open_document(SEED_003)
    first.actions_registry.action("view.script_traditional").trigger()
    first.open_document(1)
    assert first.actions_registry.action("view.script_as_written").isChecked()
    assert first.reader.shown_text == first.reader.text
    first.close()

    second = make_window()
    second.open_document(SEED_003)
    assert second.reader.shown_text == to_traditional(second.reader.text)
    assert second.actions_registry.action("view.script_traditional").isChecked()
    second.actions_registry.action("view.script_as_written").trigger()
    assert second.reader.shown_text == second.reader.text


def test_offsets_hold_when_a_character_leaves_the_bmp(qtbot) -> None:
    """㓆 is in the BMP, its traditional form 𠗣 is not: Qt's positions move, offsets don't."""
    reader = ReaderView()
    qtbot.addWidget(reader)
    text = "㓆字在前，后面的高亮要对准。\n\n第二段：京津冀。"
    reader.load(1, text, [], shown=to_traditional(text))
    reader.resize(500, 300)
    reader.show()
    start = text.find("京津冀")
    reader.set_marks([Mark(start, start + 3, "#ff0")])
    assert shown_slice(reader, start, start + 3) == "京津冀"
    assert shown_slice(reader, 0, 2) == "𠗣字"
    reader.select_range(start, start + 3)
    assert reader.selection_offsets() == (start, start + 3)
    reader.set_shown_text(text)  # back as written: the selection stays on the word
    assert reader.selection_offsets() == (start, start + 3)
    assert to_simplified(reader.shown_text) == to_simplified(text)
