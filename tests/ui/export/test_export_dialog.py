"""The export dialog driven by keys: preset and scope changes update the preview, the
selection scope, options, Save and Copy, a broken user template, and the window's
Export action opening it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from reader.core.library import Library
from reader.ui.common.context import ChangeBus, UiContext
from reader.ui.common.jobs import Jobs
from reader.ui.export.dialog import ExportContext, ExportDialog
from reader.ui.window.gui_settings import GuiSettings
from tests.core.annotate.conftest import REPORT


@pytest.fixture
def lib(data_dir: Path, tmp_path: Path) -> Iterator[Library]:
    library = Library.open(data_dir)
    src = tmp_path / "report.md"
    src.write_text(REPORT, encoding="utf-8")
    doc = library.importer().import_paths([src])[0].doc_id
    other = tmp_path / "other.md"
    other.write_text("# 另一份报告\n\n城市更新要稳步推进。\n", encoding="utf-8")
    second = library.importer().import_paths([other])[0].doc_id
    service = library.annotations
    service.create_from_quote(doc, "推动城市高质量发展", note="核心目标", tags=["城市/发展"])
    service.create_from_quote(doc, "推进城市更新行动", color="blue", tags=["城市/更新"])
    service.create_from_quote(second, "稳步推进", tags=["进度"])
    yield library
    library.close()


def ui_context(  # type: ignore[no-untyped-def]
    qtbot, lib: Library, settings: GuiSettings | None = None, messages: list[str] | None = None
) -> UiContext:
    """The app's context without a window: the library, settings and a message list."""
    parent = QWidget()
    qtbot.addWidget(parent)
    shown = messages if messages is not None else []
    return UiContext(
        lib, settings or GuiSettings(), QUndoStack(parent), ChangeBus(parent), Jobs(parent),
        shown.append, shown.append, parent,
    )  # fmt: skip


def make_dialog(qtbot, lib: Library, **kwargs) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(ExportContext(ui_context(qtbot, lib), language="zh"), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    wait_preview(qtbot, dialog)
    return dialog


def wait_preview(qtbot, dialog: ExportDialog, contains: str = "") -> str:  # type: ignore[no-untyped-def]
    def ready() -> bool:
        return dialog.settled and contains in dialog.preview.toPlainText()

    qtbot.waitUntil(ready, timeout=10000)
    return dialog.preview.toPlainText()


def test_changing_the_preset_by_keys_changes_the_preview(qtbot, lib: Library) -> None:
    dialog = make_dialog(qtbot, lib, doc_id=1)
    text = wait_preview(qtbot, dialog, "> 推动城市高质量发展")
    assert "[↗ 49]" in text and "[!quote]" not in text  # Markdown, the first preset
    assert dialog.summary.text() == "2 annotations from 1 document"
    dialog.presets.setFocus()
    qtbot.keyClick(dialog.presets, Qt.Key.Key_Down)
    text = wait_preview(qtbot, dialog, "[!quote]")
    assert "> [!quote] 黄色\n> 推动城市高质量发展" in text and "^pz-" in text
    qtbot.keyClick(dialog.presets, Qt.Key.Key_Down)
    text = wait_preview(qtbot, dialog, "pizhu-id::")
    assert "- > 推动城市高质量发展" in text


def test_scope_and_options_by_keys(qtbot, lib: Library) -> None:
    dialog = make_dialog(qtbot, lib, doc_id=1)
    wait_preview(qtbot, dialog, "核心目标")
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Space)  # Include notes: off
    text = wait_preview(qtbot, dialog, "推动城市高质量发展")
    assert "核心目标" not in text
    dialog.lang.setFocus()
    qtbot.keyClick(dialog.lang, Qt.Key.Key_Down)  # English
    text = wait_preview(qtbot, dialog, "Yellow")
    assert "黄色" not in text and dialog.color.itemText(0) == "Yellow"
    dialog.script.setFocus()
    qtbot.keyClick(dialog.script, Qt.Key.Key_End)  # 繁體
    wait_preview(qtbot, dialog, "推動城市高質量發展")
    dialog.scope.setFocus()
    qtbot.keyClick(dialog.scope, Qt.Key.Key_End)  # the whole library
    text = wait_preview(qtbot, dialog, "另一份報告")
    assert dialog.summary.text() == "3 annotations from 2 documents"
    qtbot.keyClick(dialog.scope, Qt.Key.Key_Up)  # a collection: there is none
    qtbot.keyClick(dialog.scope, Qt.Key.Key_Up)  # a date range: this week
    wait_preview(qtbot, dialog)
    assert dialog.scope.currentData() == "dates" and "3 annotations" in dialog.summary.text()
    qtbot.keyClick(dialog.scope, Qt.Key.Key_Up)  # a colour: yellow first
    wait_preview(qtbot, dialog)
    assert dialog.summary.text() == "2 annotations from 2 documents"
    dialog.color.setFocus()
    qtbot.keyClick(dialog.color, Qt.Key.Key_Down)  # green: nothing
    wait_preview(qtbot, dialog)
    assert dialog.summary.text() == "0 annotations from 0 documents"


def test_selection_save_and_copy(qtbot, lib: Library, tmp_path: Path) -> None:
    ids = [a.id for a in lib.annotations.list()]
    messages: list[str] = []
    context = ExportContext(ui_context(qtbot, lib, messages=messages), language="zh")
    dialog = ExportDialog(context, annotation_ids=[ids[1], ids[2]])
    qtbot.addWidget(dialog)
    dialog.show()
    text = wait_preview(qtbot, dialog, "稳步推进")
    assert "推进城市更新行动" in text and "推动城市高质量发展" not in text
    assert dialog.scope.currentData() == "selection"
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert QApplication.clipboard().text() == text
    target = tmp_path / "out.md"
    dialog.ask_save_path = lambda default: str(target)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)  # slow under load
    assert target.read_text(encoding="utf-8") == text
    assert messages == [f"Exported to {target}"]  # through the UiContext's status bar


def test_a_broken_user_template_shows_its_error(qtbot, lib: Library) -> None:
    folder = lib.data_dir / "templates"
    folder.mkdir()
    (folder / "mine.md.j2").write_text("{% for %}", encoding="utf-8")
    dialog = make_dialog(qtbot, lib, doc_id=1)
    names = [dialog.presets.item(i).text() for i in range(dialog.presets.count())]
    assert names == ["Markdown", "Obsidian", "Logseq", "mine (yours)"]
    dialog.presets.setFocus()
    qtbot.keyClick(dialog.presets, Qt.Key.Key_End)
    text = wait_preview(qtbot, dialog, "template ")
    assert text.startswith(f"template {folder / 'mine.md.j2'}: line 1: ")
    assert not dialog.save_button.isEnabled()


def test_the_export_action_opens_the_dialog(qtbot, window) -> None:
    doc = window.library.documents.list()[0].id
    window.open_document(doc)
    window.actions_registry.action("file.export_document").trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope.currentData() == "document" and dialog.document.currentData() == doc
    wait_preview(qtbot, dialog, "doc_id: ")
    dialog.reject()


def test_auto_sync_runs_once_after_a_burst_when_turned_on(qtbot, lib: Library, tmp_path) -> None:
    from reader.platform.settings import Settings
    from reader.ui.export.autosync import NotesAutoSync

    messages: list[str] = []
    sync = NotesAutoSync(lib.data_dir, lib.db, messages.append)
    sync.timer.setInterval(10)
    sync.changed([1])
    qtbot.waitUntil(lambda: not sync.timer.isActive())
    assert not (tmp_path / "vault").exists()  # the setting is off
    settings = Settings.load(lib.data_dir)
    settings.notes_dir, settings.notes_auto_sync = str(tmp_path / "vault"), True
    settings.save(lib.data_dir)
    sync.changed([1])
    sync.changed([2])
    qtbot.waitUntil(lambda: not sync.timer.isActive())
    names = sorted(p.name for p in (tmp_path / "vault").iterdir())
    assert names == ["另一份报告.md", "城市工作报告.md"]
    assert messages == []


def test_the_dialog_speaks_chinese_in_a_chinese_ui(qtbot, lib: Library) -> None:
    from reader.ui.window.app import install_translations
    from tests.ui.window.test_translations import untranslated, visible_strings

    app = QApplication.instance()
    translators = install_translations(app, "zh_CN")
    try:
        dialog = make_dialog(qtbot, lib, doc_id=1)
        data = {"English", dialog.template_hint.text()}  # a language's own name; a path
        english = [s for s in visible_strings(dialog) if untranslated(s[1]) and s[1] not in data]
        assert dialog.windowTitle() == "导出批注" and english == []
        assert dialog.summary.text() == "2 条批注，来自 1 篇文档"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_the_notes_folder_syncs_now_and_remembers_auto_sync(qtbot, lib: Library, tmp_path) -> None:
    settings = GuiSettings()
    context = ExportContext(ui_context(qtbot, lib, settings), language="zh")
    dialog = ExportDialog(context, doc_id=1)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.sync_button.isEnabled()  # no folder yet
    vault = tmp_path / "vault"
    vault.mkdir()
    dialog.ask_notes_dir = lambda start: str(vault)
    dialog.findChild(QPushButton, "ExportChooseNotesDir").click()
    dialog.presets.setFocus()
    qtbot.keyClick(dialog.presets, Qt.Key.Key_End)  # Logseq
    dialog.auto_sync.setFocus()
    qtbot.keyClick(dialog.auto_sync, Qt.Key.Key_Space)
    assert (settings.notes_dir, settings.notes_template, settings.notes_auto_sync) == (
        str(vault), "logseq", True,
    )  # fmt: skip
    saved = GuiSettings.load(lib.data_dir)  # written to the library's settings file
    assert (saved.notes_dir, saved.notes_template, saved.notes_auto_sync) == (
        str(vault), "logseq", True,
    )  # fmt: skip
    dialog.sync_button.click()
    assert dialog.summary.text() == "Notes: 2 written, 0 unchanged, 0 skipped"
    note = (vault / "城市工作报告.md").read_text(encoding="utf-8")
    assert note.startswith("title:: 城市工作报告\ndoc_id:: 1\n") and "pizhu-id::" in note
    dialog.sync_button.click()
    assert dialog.summary.text() == "Notes: 0 written, 2 unchanged, 0 skipped"


def test_the_window_syncs_notes_after_an_annotation_change(qtbot, window, tmp_path) -> None:
    vault = tmp_path / "vault"
    window.settings.notes_dir, window.settings.notes_auto_sync = str(vault), True
    window.settings.save(window.data_dir)
    window.notes_autosync.timer.setInterval(10)
    doc = window.library.documents.list()[0].id
    text = window.library.documents.text(doc)
    start = next(i for i, ch in enumerate(text) if ch.strip())
    _, changes = window.annotations.create(doc, start, start + 4)
    window.apply_changes(changes)
    qtbot.waitUntil(lambda: vault.is_dir() and any(vault.iterdir()), timeout=5000)
    assert text[start : start + 4] in next(vault.iterdir()).read_text(encoding="utf-8")
