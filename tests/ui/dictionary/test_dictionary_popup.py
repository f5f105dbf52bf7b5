"""The pop-up dictionary driven by keys: D, Shift+←/→, K (Keep), Esc."""

from __future__ import annotations

import threading

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from reader.core.study import NEW_WORD_TAG
from reader.ui.dictionary.popup import PopupState
from tests.ui.conftest import SEED_003, select_by_keys

WORD = "京津冀"


def put_cursor(window, offset: int) -> None:
    reader = window.reader
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_qt(offset))
    reader.setTextCursor(cursor)


def open_at_word(qtbot, window) -> int:
    window.open_document(SEED_003)
    start = window.reader.text.find(WORD)
    put_cursor(window, start + 1)
    qtbot.keyClick(window.reader, Qt.Key.Key_D)
    popup = window.dictionary.popup
    qtbot.waitUntil(lambda: popup.isVisible() and popup.state is PopupState.LOOKUP)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is popup)  # keys go to the pop-up
    return start


def word_rect(window, start: int, end: int):
    viewport = window.reader.viewport()
    rect = window.reader.span_rects(start, end)[0].toAlignedRect()
    return rect.translated(viewport.mapToGlobal(QPoint(0, 0)))


def test_d_shows_the_word_at_the_cursor_next_to_it(qtbot, window, dictionary) -> None:
    start = open_at_word(qtbot, window)
    popup = window.dictionary.popup
    shown = popup.text()
    assert shown.startswith(WORD)
    assert "Jīng Jīn Jì" in shown
    assert "Jing-Jin-Ji (Beijing, Tianjin and Hebei Province)" in shown
    assert "Characters" in shown and "jīng" in shown and "saliva" in shown  # 京, 津 below
    assert window.reader.selection_offsets() == (start, start + 3)  # the word is shown
    assert not popup.frameGeometry().intersects(word_rect(window, start, start + 3))
    assert QApplication.focusWidget() is popup


def test_shift_arrows_grow_and_shrink_the_span(qtbot, window, dictionary) -> None:
    start = open_at_word(qtbot, window)
    popup = window.dictionary.popup
    qtbot.keyClick(popup, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.dictionary.current.span == (start, start + 4)
    assert window.reader.selection_offsets() == (start, start + 4)  # highlighted again
    assert popup.text().startswith(WORD + "协")
    qtbot.keyClick(popup, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(popup, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert window.dictionary.current.span == (start, start + 2)
    assert window.dictionary.current.query == "京津"
    assert window.reader.selection_offsets() == (start, start + 2)


def test_keep_adds_the_word_and_a_new_word_annotation_undoably(qtbot, window, dictionary) -> None:
    start = open_at_word(qtbot, window)
    popup = window.dictionary.popup
    assert popup.annotate_box.isChecked()  # the default
    qtbot.keyClick(popup, Qt.Key.Key_K)
    (entry,) = window.library.words.list()
    assert (entry.word, entry.pinyin, entry.doc_id, entry.start, entry.end) == (
        WORD, "Jīng Jīn Jì", SEED_003, start, start + 3,
    )  # fmt: skip
    assert entry.definition == "Jing-Jin-Ji (Beijing, Tianjin and Hebei Province)"
    assert WORD + "协同发展" in entry.sentence
    (ann,) = window.annotations.list_for_document(SEED_003)
    assert (ann.start, ann.end, ann.tags, ann.note) == (
        start, start + 3, (NEW_WORD_TAG,), entry.definition,
    )  # fmt: skip
    assert "Kept" in popup.status.text()
    assert window.annotations_panel.list.count() == 1

    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reader)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.library.words.list() == []
    assert window.annotations.list_for_document(SEED_003) == []
    qtbot.keyClick(
        window.reader, Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    assert [e.id for e in window.library.words.list()] == [entry.id]
    assert [a.uuid for a in window.annotations.list_for_document(SEED_003)] == [ann.uuid]


def test_keep_without_annotating_is_remembered(qtbot, window, dictionary) -> None:
    open_at_word(qtbot, window)
    popup = window.dictionary.popup
    qtbot.keyClick(popup, Qt.Key.Key_A)
    assert not popup.annotate_box.isChecked()
    assert window.settings.keep_annotates is False
    qtbot.keyClick(popup, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [e.word for e in window.library.words.list()] == [WORD]
    assert window.annotations.list_for_document(SEED_003) == []
    qtbot.keyClick(popup, Qt.Key.Key_K)  # again: nothing new, nothing to undo
    assert window.undo_stack.count() == 1


def test_a_selection_wins_and_one_character_has_no_characters_part(
    qtbot, window, dictionary
) -> None:
    window.open_document(SEED_003)
    start = window.reader.text.find("全会")
    select_by_keys(qtbot, window, start, 1)
    qtbot.keyClick(window.reader, Qt.Key.Key_D)
    popup = window.dictionary.popup
    qtbot.waitUntil(popup.isVisible)
    assert window.dictionary.current.query == "全"
    assert "quán" in popup.text()
    assert "Characters" not in popup.text()


def test_double_click_and_the_context_menu_look_up(qtbot, window, dictionary) -> None:
    window.open_document(SEED_003)
    reader = window.reader
    start = reader.text.find(WORD)
    point = reader.span_rects(start + 2, start + 3)[0].center().toPoint()
    qtbot.mouseDClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    popup = window.dictionary.popup
    qtbot.waitUntil(lambda: popup.isVisible() and popup.state is PopupState.LOOKUP)
    assert window.dictionary.current.span == (start, start + 3)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reader)

    other = reader.text.find("高质量发展")
    point = reader.span_rects(other + 3, other + 4)[0].center().toPoint()  # 发
    seen: list[str] = []

    def pick() -> None:
        menu = reader.last_context_menu
        if menu is None:
            QTimer.singleShot(20, pick)
            return
        seen.extend(a.text() for a in menu.actions())
        menu.close()
        menu.actions()[0].trigger()

    QTimer.singleShot(0, pick)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, reader.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(reader.viewport(), event)
    assert seen[0] == window.actions_registry.action("dict.lookup").text()
    qtbot.waitUntil(lambda: popup.isVisible() and popup.state is PopupState.LOOKUP)
    assert window.dictionary.current.query == "发展"


def test_before_the_dictionary_is_ready_the_pop_up_waits(
    qtbot, window, shared_dictionary, loader
) -> None:
    release = threading.Event()
    loader._load = lambda: (release.wait(10), shared_dictionary)[1]
    window.open_document(SEED_003)
    start = window.reader.text.find(WORD)
    put_cursor(window, start)
    qtbot.keyClick(window.reader, Qt.Key.Key_D)
    popup = window.dictionary.popup
    assert popup.isVisible() and popup.text() == "Loading dictionary…"
    assert not popup.keep_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: popup.state is PopupState.LOOKUP, timeout=5000)
    assert "Jīng Jīn Jì" in popup.text()
    assert window.reader.selection_offsets() == (start, start + 3)


def test_no_word_between_paragraphs_opens_nothing(qtbot, window, dictionary) -> None:
    window.open_document(SEED_003)
    put_cursor(window, window.reader.text.find("\n\n", 10) + 1)
    qtbot.keyClick(window.reader, Qt.Key.Key_D)
    assert not window.dictionary.popup.isVisible()
    assert window.statusBar().currentMessage() == "No word to look up here."


def test_about_box_credits_cc_cedict(window) -> None:
    text = window.about_text()
    assert "CC-CEDICT (release 20" in text
    assert "Paul Andrew Denisowski" in text and "CC BY-SA 4.0" in text
    assert "pypinyin (MIT)" in text
