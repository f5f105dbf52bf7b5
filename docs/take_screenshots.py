"""Take the README screenshots with the real app (run under Xvfb: `make screenshots`).

Usage: python docs/take_screenshots.py OUTPUT_DIR
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader.core.dictionary import Dictionary
from reader.ui.dictionary.loader import shared_loader
from reader.ui.window.app import build_main_window, create_app

ROOT = Path(__file__).resolve().parents[1]
SEED_003 = 4
HIGHLIGHTS = (
    (
        "全会听取和讨论了陈敏尔受市委常委会委托所作的工作报告",
        "yellow",
        "highlight",
        "全会的议程",
        ["会议"],
    ),
    ("进一步全面深化改革", "blue", "highlight", "", ["改革/深化"]),
    ("京津冀协同发展", "green", "underline", "", ["区域/京津冀"]),
    ("加快科技创新、产业焕新、城市更新", "pink", "highlight", "“三新”并提", ["城市/更新"]),
)


def settle(app: QApplication, ms: int = 300) -> None:
    loop_done = []
    QTimer.singleShot(ms, lambda: loop_done.append(True))
    while not loop_done:
        app.processEvents()


def sample_pdf(folder: Path) -> Path:
    """A report as a PDF printed by Qt (running head, page numbers), from a bundled seed."""
    sys.path.insert(0, str(ROOT))
    from reader.core.ingest.formats.text import parse_document
    from tests.core.ingest.formats.pdf_fixture import Page, write_pdf

    raw = (ROOT / "library" / "000_e7bd677c4d2fd36b.txt").read_text(encoding="utf-8")
    text = parse_document(raw, "seed.txt").text
    paragraphs = [p.strip() for p in text.split("\n\n") if len(p.strip()) > 20]
    pages: list[Page] = []
    current: list[list[str]] = []
    used = 0
    for paragraph in paragraphs:
        first, rest = paragraph[:34], paragraph[34:]
        lines = [first] + [rest[i : i + 36] for i in range(0, len(rest), 36)]
        if used + len(lines) > 30:
            pages.append(Page(paragraphs=current))
            current, used = [], 0
        current.append(lines)
        used += len(lines) + 1
    pages.append(Page(paragraphs=current))
    pages[0].title = "着力建设富有活力的创新城市"
    path = folder / "创新城市（报告）.pdf"
    title = "着力建设富有活力的创新城市"
    path.write_bytes(write_pdf(pages, header="创新城市 · 工作报告", title=title))
    return path


def shoot_pdf(app: QApplication, window: object, out: Path) -> None:
    """A PDF-sourced document in the reader, its printed page in the status bar."""
    library = window.library  # type: ignore[attr-defined]
    [result] = library.importer().import_paths([sample_pdf(Path(tempfile.mkdtemp()))])
    window.refresh_library()  # type: ignore[attr-defined]
    pages = library.documents.pages(result.doc_id)
    window.open_document(result.doc_id, pages[1].start)  # type: ignore[attr-defined]
    settle(app, 500)
    window.grab().save(str(out / "pdf-reader.png"))  # type: ignore[attr-defined]


def grab_screen(window: object, out: Path) -> None:
    """The window's part of the screen, so its tool windows (the pop-up) are in it too."""
    geometry = window.frameGeometry()  # type: ignore[attr-defined]
    shot = QApplication.primaryScreen().grabWindow(
        0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
    )
    shot.save(str(out))


def shoot_dictionary(app: QApplication, window: object, out: Path) -> None:
    """The pop-up over 京津冀 in seed 003, and seed 003 shown in 繁體."""
    window.open_document(SEED_003)  # type: ignore[attr-defined]
    text = window.reader.text  # type: ignore[attr-defined]
    word = text.find("京津冀协同发展")
    paragraph = text.rfind("\n", 0, word) + 1
    window.reader.jump_to(paragraph)  # type: ignore[attr-defined]
    cursor = window.reader.textCursor()  # type: ignore[attr-defined]
    cursor.setPosition(window.reader.to_qt(word + 1))  # type: ignore[attr-defined]
    window.reader.setTextCursor(cursor)  # type: ignore[attr-defined]
    window.reader.setFocus()  # type: ignore[attr-defined]
    settle(app)
    window.dictionary.lookup()  # type: ignore[attr-defined]
    settle(app, 500)
    grab_screen(window, out / "dictionary-popup.png")
    window.dictionary.close(return_focus=False)  # type: ignore[attr-defined]
    cursor.setPosition(window.reader.to_qt(paragraph))  # type: ignore[attr-defined]
    window.reader.setTextCursor(cursor)  # type: ignore[attr-defined]  (the word unselected)

    window.set_script("traditional")  # type: ignore[attr-defined]
    window.reader.jump_to(text.rfind("\n", 0, paragraph - 2) + 1)  # type: ignore[attr-defined]
    window.library_panel.tree.setFocus()  # type: ignore[attr-defined]  (no caret in the text)
    settle(app, 500)
    window.grab().save(str(out / "traditional-script.png"))  # type: ignore[attr-defined]
    window.set_script("as-written")  # type: ignore[attr-defined]


def shoot_export(app: QApplication, window: object, out: Path) -> None:
    """The export dialog on the Obsidian preset, its preview showing the callouts."""
    dialog = window.library_actions.export_current(SEED_003)  # type: ignore[attr-defined]
    dialog.presets.setCurrentRow(1)
    dialog.resize(1280, 760)
    while not dialog.settled:
        app.processEvents()
    settle(app, 300)
    dialog.grab().save(str(out / "export-dialog.png"))
    dialog.reject()


WORKSPACE_MARKS = (  # (sample document, quote, colour, tags, note) for the workspace shot
    (1, "中央城市工作会议", "yellow", ["城市/会议"], "会议的定位：新时代城市工作"),
    (1, "创新城市", "green", ["城市/创新"], ""),
    (2, "推动城市高质量发展", "yellow", ["城市/发展"], "与2015年会议对比"),
    (2, "新目标新路径", "pink", ["城市"], ""),
    (3, "中关村科技城", "blue", ["区域/京津冀", "城市/创新"], "产城融合的样板"),
    (3, "新质生产力", "purple", ["产业"], ""),
    (5, "产业金融", "blue", ["金融"], "金融如何服务实体"),
    (5, "城市工作", "green", ["城市"], ""),
)


def shoot_workspace(app: QApplication, window: object, out: Path) -> None:
    """The Annotations workspace (Ctrl+Shift+A): tag 城市 with its sub-tags, three selected."""
    lib = window.library  # type: ignore[attr-defined]
    for doc, quote, color, tags, note in WORKSPACE_MARKS:
        with contextlib.suppress(Exception):  # a quote the sample no longer holds
            lib.annotations.create_from_quote(doc, quote, color=color, tags=tags, note=note)
    lib.db.execute(
        "UPDATE annotations SET status = 'orphaned' WHERE quote = ?", ["新目标新路径"]
    )
    window.refresh_library()  # type: ignore[attr-defined]
    workspace = window.workspace  # type: ignore[attr-defined]
    workspace.show()
    filters = workspace.panel.filters
    filters.choose(filters.tag, "城市")
    settle(app, 200)
    panel = workspace.panel
    selection = panel.list.selectionModel()
    for row in (0, 1, 2):
        selection.select(panel.model.index(row), selection.SelectionFlag.Select)
    panel.list.setCurrentIndex(panel.model.index(2))
    for row in (0, 1, 2):
        selection.select(panel.model.index(row), selection.SelectionFlag.Select)
    settle(app, 300)
    window.grab().save(str(out / "annotations-workspace.png"))  # type: ignore[attr-defined]
    workspace.hide()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_app([])
    # CC-CEDICT in a temporary cache, ready before the window: not the user's cache dir
    shared_loader().dictionary = Dictionary.load(Path(tempfile.mkdtemp()))
    window = build_main_window(Path(tempfile.mkdtemp()))
    window.resize(1440, 900)
    window.show()
    window.open_document(SEED_003)
    text = window.reader.text
    for quote, color, style, note, tags in HIGHLIGHTS:
        start = text.find(quote)
        window.annotations.create(
            SEED_003, start, start + len(quote), color=color, style=style, note=note, tags=tags
        )
    window._refresh_marks()
    window.refresh_library()
    window.library_panel.tree.expandToDepth(0)
    settle(app)
    window.grab().save(str(out / "main-window.png"))

    quote = "推进京津冀协同发展"
    start = text.find(quote)
    window.reader.select_range(start, start + len(quote))

    def grab_tag_editor() -> None:
        editor = window.tools.last_tag_editor
        if editor is None or not editor._suggestions:
            QTimer.singleShot(100, grab_tag_editor)
            return
        geometry = window.frameGeometry()
        editor.move(geometry.center().x() - editor.width() // 2, geometry.top() + 220)
        settle(app, 300)
        screen = QApplication.primaryScreen()
        shot = screen.grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height())
        shot.save(str(out / "tag-editor.png"))
        editor.reject()

    QTimer.singleShot(100, grab_tag_editor)
    window.tools.edit_tags()

    dialog = window.document_actions.show_details(SEED_003)
    assert dialog is not None
    settle(app, 300)
    geometry = window.frameGeometry()
    dialog.move(geometry.center().x() - dialog.width() // 2, geometry.top() + 160)
    settle(app, 300)
    shot = QApplication.primaryScreen().grabWindow(
        0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
    )
    shot.save(str(out / "details-dialog.png"))
    dialog.reject()

    window.search.open_search()
    window.search.panel.query.setText("京津冀协同发展")
    window.search.panel.run_query()
    while window.search.panel.last_result is None:
        app.processEvents()
    settle(app, 300)
    window.grab().save(str(out / "search-panel.png"))
    window.search.close_search()

    window.search.open_find()
    window.search.find_bar.line.setText("全会")
    window.search.find_bar.refresh()
    settle(app, 300)
    window.grab().save(str(out / "find-bar.png"))
    window.search.close_find()

    window.set_theme("dark")
    settle(app)
    window.grab().save(str(out / "dark-theme.png"))
    window.set_theme("light")

    shoot_pdf(app, window, out)
    shoot_dictionary(app, window, out)
    shoot_export(app, window, out)
    shoot_workspace(app, window, out)
    window.close()
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main()
