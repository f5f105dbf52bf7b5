"""Simplified Chinese UI when asked for (or when the system locale is Chinese)."""

from PySide6.QtWidgets import QApplication

from reader.ui.window.app import build_main_window


def test_lang_zh_cn_translates_menus_and_commands(qtbot, first_run) -> None:
    window = build_main_window(first_run, "zh_CN")
    qtbot.addWidget(window)
    try:
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus[:2] == ["文件(&F)", "编辑(&E)"]
        assert window.actions_registry.action("annotate.highlight").text() == "高亮(&H)"
        assert window.library_dock.windowTitle() == "文库"
        sections = [window.library_panel.model.item(r).text() for r in range(3)]
        assert any(text.startswith("全部文档") for text in sections)
        assert window.tr("p. {0}").format(12) == "第 12 页"  # the status bar's page
    finally:
        for translator in window.translators:
            QApplication.instance().removeTranslator(translator)
        window.close()
        window.library.close()


def test_english_by_default(qtbot, first_run) -> None:
    window = build_main_window(first_run, "en_US")
    qtbot.addWidget(window)
    assert window.translators == []
    assert window.menuBar().actions()[0].text() == "&File"
    window.close()
    window.library.close()
