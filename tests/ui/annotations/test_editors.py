"""The note and tag editors on a new selection, and the tag editor's suggestions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit

from reader.core.annotate.suggest import FILLER_WORDS
from tests.ui.conftest import SEED_003, select_by_keys, type_text, when_modal

PHRASE = "加快科技创新、产业焕新、城市更新"


def test_n_or_t_on_a_new_selection_then_escape_leaves_no_highlight(qtbot, window) -> None:
    window.open_document(SEED_003)
    start = window.reader.text.find(PHRASE)
    select_by_keys(qtbot, window, start, len(PHRASE))

    def write_then_cancel(dialog) -> None:
        editor = dialog.findChild(QPlainTextEdit)
        type_text(qtbot, editor, "草稿")
        qtbot.keyClick(editor, Qt.Key.Key_Escape)

    when_modal(qtbot, write_then_cancel)
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    assert window.annotations.list_for_document(SEED_003) == []
    assert window.reader.marks() == []
    assert not window.undo_stack.canUndo()
    assert window.reader.selection_offsets() == (start, start + len(PHRASE))  # still selected

    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reader)
    when_modal(qtbot, lambda dialog: qtbot.keyClick(dialog.line, Qt.Key.Key_Escape))
    qtbot.keyClick(window.reader, Qt.Key.Key_T)
    assert window.annotations.list_for_document(SEED_003) == []
    assert window.reader.marks() == []
    assert not window.undo_stack.canUndo()


def test_n_then_save_makes_one_undoable_highlight_with_its_note(qtbot, window) -> None:
    window.open_document(SEED_003)
    start = window.reader.text.find(PHRASE)
    select_by_keys(qtbot, window, start, 4)

    def write(dialog) -> None:
        editor = dialog.findChild(QPlainTextEdit)
        type_text(qtbot, editor, "三新")
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(qtbot, write)
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    (ann,) = window.annotations.list_for_document(SEED_003)
    assert (ann.start, ann.end, ann.note) == (start, start + 4, "三新")
    assert [m.annotation_id for m in window.reader.marks()] == [ann.id]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.annotations.list_for_document(SEED_003) == []  # one step undoes both


def _layout(dialog) -> tuple:
    box = dialog.findChild(QDialogButtonBox)
    return dialog.size(), dialog.line.geometry(), box.geometry()


def test_tag_suggestions_keep_the_layout_and_leave_out_fillers_and_chosen_tags(
    qtbot, window
) -> None:
    window.open_document(SEED_003)
    text = window.reader.text
    start = text.find(PHRASE)
    ann, changes = window.annotations.create(
        SEED_003, start, start + len(PHRASE), tags=["区域/城市更新"]
    )
    window.apply_changes(changes)
    rounds: list[dict] = []

    def inspect(dialog) -> None:
        seen: dict = {"before": _layout(dialog)}
        qtbot.waitUntil(lambda: bool(dialog._suggestions), timeout=25000)
        qtbot.wait(50)  # any relayout the suggestions caused has landed by now
        seen["after"] = _layout(dialog)
        seen["suggestions"] = list(dialog._suggestions)
        first = dialog._suggestions[0]
        type_text(qtbot, dialog.line, first)  # chosen by typing: its button is spent
        seen["spent"] = not dialog.suggestion_buttons[0].isEnabled()
        rounds[-1].update(seen)
        qtbot.keyClick(dialog.line, Qt.Key.Key_Escape)

    for _ in range(2):  # the first time loads jieba's keyword model
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.reader.set_current_annotation(ann.id)
        window.reader.setFocus()
        when_modal(qtbot, inspect)
        rounds.append({})
        qtbot.keyClick(window.reader, Qt.Key.Key_T)

    for seen in rounds:
        assert seen["before"] == seen["after"], "the dialog moved when the suggestions came"
        assert not FILLER_WORDS & set(seen["suggestions"]), seen["suggestions"]
        assert not {"加快", "重大", "进一步"} & set(seen["suggestions"])
        assert "区域/城市更新" not in seen["suggestions"]
        assert "城市更新" not in seen["suggestions"]  # the chosen tag's last segment
        assert seen["spent"]
    # How soon they come is a benchmark's business, not a test's (it failed under load).
    assert window.annotations.get(ann.id).tags == ("区域/城市更新",)  # Esc kept them
