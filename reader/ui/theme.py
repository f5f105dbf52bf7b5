"""Light, sepia and dark themes: the application palette plus the reader's colours."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.resources import stylesheet


@dataclass(frozen=True)
class ReaderColors:
    background: str
    text: str
    heading: str
    muted: str
    selection: str
    highlight_alpha: int  # how strongly annotation colours tint the page


THEMES: dict[str, ReaderColors] = {
    "light": ReaderColors("#fbfaf7", "#1f1f1f", "#7a2e1f", "#8a8a8a", "#b7d3f5", 120),
    "sepia": ReaderColors("#f4ecd8", "#3b2f22", "#7a3b1a", "#8c7b62", "#d9c7a0", 120),
    "dark": ReaderColors("#1e1f22", "#d8d6d0", "#e0a070", "#8d8d8d", "#3d5a80", 90),
}

# Preferred reading fonts, most preferred first: a CJK serif reads best for long text.
CJK_FONTS = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Songti SC",
    "SimSun",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
)


def default_reading_family() -> str:
    available = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in available:
            return family
    return QFont().defaultFamily()


def apply_theme(app: QApplication, name: str) -> ReaderColors:
    colors = THEMES.get(name, THEMES["light"])
    palette = QPalette()
    if name == "dark":
        for role, value in (
            (QPalette.ColorRole.Window, "#2b2d31"),
            (QPalette.ColorRole.WindowText, "#dcdcdc"),
            (QPalette.ColorRole.Base, "#1e1f22"),
            (QPalette.ColorRole.AlternateBase, "#26282c"),
            (QPalette.ColorRole.Text, "#dcdcdc"),
            (QPalette.ColorRole.Button, "#2f3136"),
            (QPalette.ColorRole.ButtonText, "#dcdcdc"),
            (QPalette.ColorRole.Highlight, "#3d5a80"),
            (QPalette.ColorRole.HighlightedText, "#ffffff"),
            (QPalette.ColorRole.ToolTipBase, "#2f3136"),
            (QPalette.ColorRole.ToolTipText, "#dcdcdc"),
            (QPalette.ColorRole.PlaceholderText, "#8d8d8d"),
        ):
            palette.setColor(role, QColor(value))
    elif name == "sepia":
        palette.setColor(QPalette.ColorRole.Window, QColor("#ebe2cc"))
        palette.setColor(QPalette.ColorRole.Base, QColor("#f4ecd8"))
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#efe5cf"))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#c9b48a"))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet("base") + stylesheet(name))
    return colors
