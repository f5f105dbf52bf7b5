"""Bundled resources (stylesheets, icons, translations) found via importlib.resources."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from reader.platform.resources import bundled_dir


def resource_path(*parts: str) -> Path:
    return bundled_dir("resources").joinpath(*parts)


@cache
def stylesheet(name: str) -> str:
    path = resource_path("stylesheets", f"{name}.qss")
    return path.read_text(encoding="utf-8") if path.exists() else ""


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = resource_path("icons", f"pizhu-{size}.png")
        if png.exists():
            icon.addFile(str(png))
    svg = resource_path("icons", "pizhu.svg")
    if svg.exists():
        icon.addFile(str(svg))
    return icon
