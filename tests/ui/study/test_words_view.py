"""The Words view: list, filter, open at the word, delete (undo restores), export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.changes import Changes
from reader.core.study import sentence_around
from tests.ui.conftest import SEED_003, type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

WORDS = (
    ("京津冀", "Jīng Jīn Jì", "Jing-Jin-Ji (Beijing, Tianjin and Hebei Province)"),
    ("协同", "xié tóng", "to cooperate; in coordination with"),
    ("全会", "quán huì", "plenary session"),
)


def keep_words(window) -> dict[str, tuple[int, int]]:
    text = window.library.documents.text(SEED_003)
    spans = {}
    for word, pinyin, definition in WORDS:
        start = text.find(word)
        spans[word] = (start, start + len(word))
        window.library.words.keep(
            word, pinyin=pinyin, definition=definition, doc_id=SEED_003, start=start,
            end=start + len(word), sentence=sentence_around(text, start, start + len(word)),
        )  # fmt: skip
    window.apply_changes(Changes(words=True))
    return spans


def rows(window) -> list[str]:
    model = window.words_panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def open_words(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL_SHIFT)
    qtbot.waitUntil(window.words_dock.isVisible)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.words_panel.table)


def test_lists_filters_and_opens_the_reader_at_the_word(qtbot, window) -> None:
    window.open_document(1)
    spans = keep_words(window)
    open_words(qtbot, window)
    assert rows(window) == ["全会", "协同", "京津冀"]  # newest first
    model = window.words_panel.model
    title = window.library.documents.get(SEED_003).title
    assert [model.index(2, c).data() for c in (1, 2, 4)] == [WORDS[0][1], WORDS[0][2], title]
    assert "京津冀" in model.index(2, 3).data()  # the sentence it came from
    assert window.words_panel.count.text() == "3 words"

    window.words_panel.filter.setFocus()
    type_text(qtbot, window.words_panel.filter, "jingjin")  # pinyin without tones
    assert rows(window) == ["京津冀"]
    assert window.words_panel.count.text() == "1 of 3 words"
    qtbot.keyClick(window.words_panel.filter, Qt.Key.Key_Down)
    qtbot.keyClick(window.words_panel.table, Qt.Key.Key_Return)
    assert window.reader.doc_id == SEED_003
    assert window.reader.selection_offsets() == spans["京津冀"]
    assert QApplication.focusWidget() is window.reader


def test_delete_and_undo(qtbot, window) -> None:
    window.open_document(SEED_003)
    keep_words(window)
    open_words(qtbot, window)
    table = window.words_panel.table
    qtbot.keyClick(table, Qt.Key.Key_Down)  # 全会 -> 协同
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # and 京津冀
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert rows(window) == ["全会"]
    assert [e.word for e in window.library.words.list()] == ["全会"]
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(window) == ["全会", "协同", "京津冀"]
    assert window.library.words.count() == 3


def test_export_for_anki(qtbot, window, tmp_path: Path) -> None:
    keep_words(window)
    open_words(qtbot, window)
    target = tmp_path / "anki.tsv"
    window.words.export_path = lambda _suggested: str(target)
    qtbot.mouseClick(window.words_panel.export_button, Qt.MouseButton.LeftButton)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#separator:tab"
    assert [line.split("\t")[0] for line in lines if not line.startswith("#")] == [
        "京津冀", "协同", "全会",
    ]  # fmt: skip
    assert "Exported 3 words" in window.statusBar().currentMessage()


def test_word_changes_touch_neither_search_nor_the_library_tree(window, monkeypatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(window.search, "library_changed", lambda: calls.append("search"))
    monkeypatch.setattr(window, "refresh_library", lambda: calls.append("tree"))
    monkeypatch.setattr(window, "refresh_tags", lambda: calls.append("tags"))
    window.words_dock.show()
    keep_words(window)
    window.apply_changes(Changes(stats=True))
    assert calls == []
    assert len(rows(window)) == 3  # the Words view did refresh
    window.apply_changes(Changes(annotations={SEED_003}))
    assert sorted(calls) == ["search", "tags"]
