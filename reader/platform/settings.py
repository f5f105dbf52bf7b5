"""User settings: one typed record, stored as JSON in the data dir.

Kept next to the library (not in QSettings) so ``--data-dir`` isolates everything,
tests included. Unknown keys are ignored and missing keys take defaults, so old and
new versions can share a file. The file is also edited by hand (keys, the import
size cap), so a value of the wrong type or out of range falls back to its default
with a one-line warning on stderr, instead of failing later somewhere far away.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import types
from dataclasses import MISSING, Field, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

SETTINGS_FILE = "settings.json"
THEMES = ("light", "sepia", "dark")
MB = 1024 * 1024


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
    max_import_mb: int = 200  # larger files are skipped on import, with the limit as reason
    notes_dir: str = ""  # the notes folder of `pizhu sync-notes` (an Obsidian vault, …)
    notes_template: str = "obsidian"
    notes_language: str = ""  # "" = the export default (zh)
    notes_auto_sync: bool = False  # sync the notes after every annotation change

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        """The settings in ``data_dir``; defaults for missing keys and (warned) bad values."""
        path = data_dir / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except OSError:  # none yet (or unreadable): the defaults, as on a first start
            return cls()
        except ValueError:
            _warn(path, "is not valid JSON; using the default settings")
            return cls()
        if not isinstance(raw, dict):
            _warn(path, "is not a JSON object; using the default settings")
            return cls()
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in raw:
                values[f.name] = _checked(path, f, hints[f.name], raw[f.name])
        return cls(**values)

    def max_import_bytes(self) -> int:
        return self.max_import_mb * MB

    def save(self, data_dir: Path) -> None:
        """Write atomically: a crash mid-write keeps the previous file."""
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(self), fh, ensure_ascii=False, indent=2)
        os.replace(tmp, data_dir / SETTINGS_FILE)


def _checked(path: Path, f: Field[Any], hint: object, value: object) -> object:
    """``value`` if it fits the field (the top-level type and its rule), else the default."""
    problem = None if _fits(value, hint) else f"must be {_type_name(hint)}"
    if problem is None and f.name in RULES:
        problem = RULES[f.name](value)
    if problem is None:
        return float(value) if hint is float else value  # type: ignore[arg-type]
    default = _default(f)
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    _warn(path, f"{f.name} {problem}, not {shown}; using {json.dumps(default)}")
    return default


def _fits(value: object, hint: object) -> bool:
    """Whether ``value`` (from JSON) has the type ``hint`` names, containers by kind only.

    Element types are not checked: the UI copes with odd entries in its own maps, and
    dropping a whole map (say, per-document scripts) over one entry would lose more.
    """
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(_fits(value, arg) for arg in get_args(hint))
    if hint is type(None):
        return value is None
    base = origin or hint
    if isinstance(value, bool):  # JSON true is not a number here
        return base is bool
    if base is float:
        return isinstance(value, (int, float))
    return isinstance(base, type) and isinstance(value, base)


def _type_name(hint: object) -> str:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(arg) for arg in get_args(hint))
    names = {str: "a string", int: "a whole number", float: "a number", bool: "true or false",
             list: "a list", dict: "an object", type(None): "null"}  # fmt: skip
    return names.get(origin or hint, str(hint))  # type: ignore[call-overload]


def _default(f: Field[Any]) -> object:
    return f.default_factory() if f.default is MISSING else f.default  # type: ignore[misc]


def _theme_rule(value: object) -> str | None:
    return None if value in THEMES else f"must be one of {', '.join(THEMES)}"


def _import_cap_rule(value: object) -> str | None:
    return None if isinstance(value, int) and value >= 1 else "must be at least 1 (megabytes)"


RULES = {"theme": _theme_rule, "max_import_mb": _import_cap_rule}
"""Field name -> why its (well-typed) value is refused, or None."""


def _warn(path: Path, message: str) -> None:
    """One line on stderr: read by the CLI user and by whoever started the window from a
    terminal; logging is not configured in either, and this must not be lost."""
    print(f"pizhu: warning: {path}: {message}", file=sys.stderr)
