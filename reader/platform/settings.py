"""User settings: one typed record, stored as JSON in the data dir.

Kept next to the library (not in QSettings) so ``--data-dir`` isolates everything,
tests included. Unknown keys are ignored and missing keys take defaults, so old and
new versions can share a file. The file is also edited by hand (keys, the import
size cap), so a value of the wrong type or out of range falls back to its default
with a one-line warning on stderr, instead of failing later somewhere far away.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import sys
import tempfile
import types
from collections.abc import Callable, Collection, Mapping
from dataclasses import MISSING, Field, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar, Self, Union, get_args, get_origin, get_type_hints

SETTINGS_FILE = "settings.json"
THEMES = ("light", "sepia", "dark")
FONT_SIZES = (4.0, 200.0)  # points, the reading font before zoom
ZOOM_STEPS = (-6, 12)  # View ▸ Zoom out / in, each step a factor
MB = 1024 * 1024

Rule = Callable[[object], "str | None"]
"""Why a value of the right type is refused (one phrase for the warning), or None."""


def _theme_rule(value: object) -> str | None:
    return None if value in THEMES else f"must be one of {', '.join(THEMES)}"


def _import_cap_rule(value: object) -> str | None:
    return None if isinstance(value, int) and value >= 1 else "must be at least 1 (megabytes)"


def _font_size_rule(value: object) -> str | None:
    # NaN (JSON allows it) compares false, so it is refused too
    fine = isinstance(value, int | float) and FONT_SIZES[0] <= value <= FONT_SIZES[1]
    return None if fine else f"must be from {FONT_SIZES[0]} to {FONT_SIZES[1]} (points)"


def _zoom_rule(value: object) -> str | None:
    fine = isinstance(value, int) and ZOOM_STEPS[0] <= value <= ZOOM_STEPS[1]
    return None if fine else f"must be from {ZOOM_STEPS[0]} to {ZOOM_STEPS[1]}"


def _line_chars_rule(value: object) -> str | None:
    return None if isinstance(value, int) and value >= 1 else "must be at least 1 (characters)"


def _base64_rule(value: object) -> str | None:
    """Qt's saved geometry and state: text that is not base64 would stop the window opening."""
    try:
        base64.b64decode(str(value), validate=True)
    except (binascii.Error, ValueError):
        return "must be base64 (as the window saved it)"
    return None


@dataclass
class Settings:
    RULES: ClassVar[Mapping[str, Rule]] = {
        "theme": _theme_rule,
        "font_size": _font_size_rule,
        "zoom_steps": _zoom_rule,
        "max_line_chars": _line_chars_rule,
        "geometry": _base64_rule,
        "window_state": _base64_rule,
        "max_import_mb": _import_cap_rule,
    }
    """Field name -> its rule; a subclass adds the rules of its own fields."""

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
    def load(cls, data_dir: Path, keys: Collection[str] | None = None) -> Self:
        """The settings in ``data_dir``; defaults for missing keys and (warned) bad values.

        ``keys`` limits reading to those fields (the rest are defaults, unchecked), for a
        reader that needs one value: the window warns about the file once, at start.
        """
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
            if f.name in raw and (keys is None or f.name in keys):
                values[f.name] = _checked(path, f, hints[f.name], raw[f.name], cls.RULES)
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


def _checked(
    path: Path, f: Field[Any], hint: object, value: object, rules: Mapping[str, Rule]
) -> object:
    """``value`` if it fits the field (its type and its rule), else the default.

    A container of the right kind keeps its good entries: one odd shortcut in a
    hand-edited map drops that shortcut, not all of them.
    """
    problem = None if _fits(value, hint) else f"must be {_type_name(hint)}"
    if problem is None and f.name in rules:
        problem = rules[f.name](value)
    if problem is None:
        kept, dropped = _kept_entries(value, hint)
        if dropped:
            _warn(path, f"{f.name}: dropped {_element_problem(hint)}: {', '.join(dropped)}")
        return float(value) if hint is float and isinstance(value, int) else kept
    default = _default(f)
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    _warn(path, f"{f.name} {problem}, not {shown}; using {json.dumps(default)}")
    return default


def _fits(value: object, hint: object) -> bool:
    """Whether ``value`` (from JSON) has the kind ``hint`` names; elements are not looked at."""
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


def _fits_deep(value: object, hint: object) -> bool:
    """``_fits``, elements and all."""
    if not _fits(value, hint):
        return False
    args = get_args(hint)
    if isinstance(value, list) and args:
        return all(_fits_deep(item, args[0]) for item in value)
    if isinstance(value, dict) and len(args) == 2:
        return all(_fits_deep(k, args[0]) and _fits_deep(v, args[1]) for k, v in value.items())
    return True


def _kept_entries(value: object, hint: object) -> tuple[object, list[str]]:
    """``value`` without the list items or map entries of the wrong type, and those shown
    (map keys, or item positions from 1)."""
    args = get_args(hint)
    if get_origin(hint) is list and isinstance(value, list):
        kept = [item for item in value if _fits_deep(item, args[0])]
        dropped = [f"item {i}" for i, item in enumerate(value, 1) if not _fits_deep(item, args[0])]
        return kept, dropped
    if get_origin(hint) is dict and isinstance(value, dict):
        good = {k: v for k, v in value.items() if _fits_deep(k, args[0]) and _fits_deep(v, args[1])}
        dropped = [json.dumps(k, ensure_ascii=False) for k in value if k not in good]
        return good, dropped
    return value, []


def _element_problem(hint: object) -> str:
    args = get_args(hint)
    if get_origin(hint) is dict:
        return f"the entries that are not {_type_name(args[1])}"
    return f"the items that are not {_type_name(args[0])}"


def _type_name(hint: object) -> str:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(arg) for arg in get_args(hint))
    args = get_args(hint)
    if origin is list and args:
        return f"a list of {_plural(args[0])}"
    if origin is dict and len(args) == 2:
        return f"an object of {_plural(args[1])}"
    return _NAMES.get(origin or hint, str(hint))


def _plural(hint: object) -> str:
    """``strings`` for ``str``, ``lists of strings`` for ``list[str]``."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is list and args:
        return f"lists of {_plural(args[0])}"
    if origin is dict and len(args) == 2:
        return f"objects of {_plural(args[1])}"
    return _PLURALS.get(origin or hint, str(hint))


_NAMES: dict[object, str] = {
    str: "a string", int: "a whole number", float: "a number", bool: "true or false",
    list: "a list", dict: "an object", type(None): "null",
}  # fmt: skip
_PLURALS: dict[object, str] = {
    str: "strings", int: "whole numbers", float: "numbers", bool: "true or false values",
    list: "lists", dict: "objects",
}  # fmt: skip


def _default(f: Field[Any]) -> object:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    raise TypeError(f"settings field {f.name} has no default")  # a programming error


def _warn(path: Path, message: str) -> None:
    """One line on stderr: read by the CLI user and by whoever started the window from a
    terminal; logging is not configured in either, and this must not be lost."""
    print(f"pizhu: warning: {path}: {message}", file=sys.stderr)
