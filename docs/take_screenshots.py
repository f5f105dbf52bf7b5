"""Take the README screenshots with the real app (run under Xvfb: `make screenshots`).

Usage: python docs/take_screenshots.py OUTPUT_DIR
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader.ui.app import build_main_window, create_app

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


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_app([])
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
    window.close()
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main()
