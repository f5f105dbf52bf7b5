"""Find bundled files the same way from a checkout, an installed wheel and a frozen app."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

SAMPLE_COLLECTION = "示例 Sample"


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "reader" / name)
    found.append(Path(str(resources.files("reader"))) / name)  # wheel: reader/<name>
    found.append(Path(__file__).resolve().parents[2] / name)  # checkout: repo/<name>
    return found


def bundled_dir(name: str) -> Path:
    """``library`` or ``resources``; raises FileNotFoundError naming where it looked."""
    candidates = _candidates(name)
    for path in candidates:
        if path.is_dir():
            return path
    raise FileNotFoundError(
        f"bundled {name}/ not found (looked in {', '.join(map(str, candidates))})"
    )


def sample_library_dir() -> Path:
    return bundled_dir("library")


def sample_files() -> list[Path]:
    return sorted(p for p in sample_library_dir().glob("*.txt") if p.name.lower() != "readme.txt")
