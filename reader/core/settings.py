"""User settings: one typed record, stored as JSON in the data dir.

Kept next to the library (not in QSettings) so ``--data-dir`` isolates everything,
tests included. Unknown keys are ignored and missing keys take defaults, so old and
new versions can share a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

SETTINGS_FILE = "settings.json"
THEMES = ("light", "sepia", "dark")


@dataclass
class Settings:
    theme: str = "light"
    font_family: str = ""  # "" = choose a CJK font automatically
    font_size: float = 15.0
    zoom_steps: int = 0
    first_line_indent: bool = False
    max_line_chars: int = 42  # readable measure for CJK text, in characters
    last_doc: int | None = None
    geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    language: str = ""  # "" = follow the system locale
    shortcuts: dict[str, list[str]] = field(default_factory=dict)  # command id -> keys
    default_color: str = "yellow"
    search_history: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        path = data_dir / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if settings.theme not in THEMES:
            settings.theme = "light"
        return settings

    def save(self, data_dir: Path) -> None:
        """Write atomically: a crash mid-write keeps the previous file."""
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(self), fh, ensure_ascii=False, indent=2)
        os.replace(tmp, data_dir / SETTINGS_FILE)
