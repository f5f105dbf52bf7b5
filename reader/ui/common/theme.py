"""Light, sepia and dark themes: the application palette plus the reader's colours."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.common.resources import stylesheet


@dataclass(frozen=True)
class ReaderColors:
    background: str
    text: str
    heading: str
    muted: str
    selection: str  # a style-sheet colour: rgba(r, g, b, alpha 0-255)
    highlight_alpha: int  # how strongly annotation colours tint the page
    hit: str = "#ffe08a"  # find in document: every match
    current_hit: str = "#ff9f43"  # … and the current one
    match: str = "#ffd966"  # a search passage: the matched words' background
    match_text: str = "#000000"


# The selection is translucent (a style-sheet colour with alpha): over a highlight it
# tints the highlight's colour instead of hiding it. Over the bare page each gives about
# the opaque colour it replaced (#b7d3f5, #d9c7a0, #3d5a80).
THEMES: dict[str, ReaderColors] = {
    "light": ReaderColors(
        "#fbfaf7", "#1f1f1f", "#7a2e1f", "#8a8a8a", "rgba(40, 120, 230, 62)", 120
    ),
    "sepia": ReaderColors(
        "#f4ecd8", "#3b2f22", "#7a3b1a", "#8c7b62", "rgba(170, 130, 60, 80)", 120
    ),
    "dark": ReaderColors("#1e1f22", "#d8d6d0", "#e0a070", "#8d8d8d", "rgba(80, 135, 210, 120)", 90),
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


_Role = QPalette.ColorRole
# Colours each theme sets on the application palette (light keeps the platform's).
PALETTES: dict[str, dict[QPalette.ColorRole, str]] = {
    "dark": {
        _Role.Window: "#2b2d31",
        _Role.WindowText: "#dcdcdc",
        _Role.Base: "#1e1f22",
        _Role.AlternateBase: "#26282c",
        _Role.Text: "#dcdcdc",
        _Role.Button: "#2f3136",
        _Role.ButtonText: "#dcdcdc",
        _Role.Highlight: "#3d5a80",
        _Role.HighlightedText: "#ffffff",
        _Role.ToolTipBase: "#2f3136",
        _Role.ToolTipText: "#dcdcdc",
        _Role.PlaceholderText: "#8d8d8d",
    },
    "sepia": {
        _Role.Window: "#ebe2cc",
        _Role.Base: "#f4ecd8",
        _Role.AlternateBase: "#efe5cf",
        _Role.Highlight: "#c9b48a",
    },
}


def apply_theme(app: QApplication, name: str) -> ReaderColors:
    colors = THEMES.get(name, THEMES["light"])
    palette = QPalette()
    for role, value in PALETTES.get(name, {}).items():
        palette.setColor(role, QColor(value))
    app.setPalette(palette)
    sheet = stylesheet("base") + stylesheet(name)
    if app.styleSheet() != sheet:  # re-parsing restyles every widget: 0.5 s for nothing
        app.setStyleSheet(sheet)
    return colors
