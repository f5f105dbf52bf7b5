"""A hand-edited settings.json: each bad value falls back to its default, one warning line.

Real files in a temp data dir; the GUI's own keys: tests/ui/window/test_gui_settings.py.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from reader.platform.settings import SETTINGS_FILE, Settings


def _write(data_dir: Path, **values: object) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SETTINGS_FILE
    path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return path


def _warnings(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.splitlines()


def test_a_font_size_in_words_is_the_default_size_with_one_warning(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = _write(data_dir, font_size="big", theme="dark", zoom_steps=2)
    settings = Settings.load(data_dir)
    assert settings.font_size == 15.0 and isinstance(settings.font_size, float)
    assert (settings.theme, settings.zoom_steps) == ("dark", 2)  # the rest is kept
    assert _warnings(capsys) == [
        f'pizhu: warning: {path}: font_size must be a number, not "big"; using 15.0'
    ]


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("font_size", 0, "must be from 4.0 to 200.0 (points)"),
        ("font_size", 1e9, "must be from 4.0 to 200.0 (points)"),
        ("font_size", math.nan, "must be from 4.0 to 200.0 (points)"),
        ("zoom_steps", 100, "must be from -6 to 12"),
        ("zoom_steps", 1.5, "must be a whole number"),
        ("max_line_chars", 0, "must be at least 1 (characters)"),
        ("geometry", "not base64!", "must be base64 (as the window saved it)"),
        ("window_state", "几何", "must be base64 (as the window saved it)"),
        ("first_line_indent", "yes", "must be true or false"),
        ("shortcuts", ["Ctrl+K"], "must be an object of lists of strings"),
        ("search_history", "城市", "must be a list of strings"),
    ],
)
def test_a_bad_value_is_named_with_its_reason_and_replaced_by_the_default(
    capsys: pytest.CaptureFixture[str], data_dir: Path, key: str, value: object, reason: str
) -> None:
    path = _write(data_dir, **{key: value}, theme="sepia")
    settings = Settings.load(data_dir)
    default = getattr(Settings(), key)
    assert getattr(settings, key) == default and settings.theme == "sepia"
    [line] = _warnings(capsys)
    assert line.startswith(f"pizhu: warning: {path}: {key} {reason}, not ")
    assert line.endswith(f"; using {json.dumps(default)}")


def test_odd_entries_are_dropped_and_the_good_ones_kept(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = _write(
        data_dir,
        shortcuts={"search.open": "Ctrl+K", "view.zoom_in": ["Ctrl+="], "x": [1]},
        search_history=["城市", 3, "更新", None],
    )
    settings = Settings.load(data_dir)
    assert settings.shortcuts == {"view.zoom_in": ["Ctrl+="]}
    assert settings.search_history == ["城市", "更新"]
    assert [line.removeprefix(f"pizhu: warning: {path}: ") for line in _warnings(capsys)] == [
        'shortcuts: dropped the entries that are not a list of strings: "search.open", "x"',
        "search_history: dropped the items that are not a string: item 2, item 4",
    ]


def test_settings_saved_load_back_unchanged_and_silently(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    saved = Settings(
        theme="sepia", font_family="Noto Serif CJK SC", font_size=18, zoom_steps=-6,
        first_line_indent=True, max_line_chars=1, last_doc=7, geometry="AdnQywADAAA=",
        window_state="", language="zh_CN", shortcuts={"search.open": ["Ctrl+K", "F3"]},
        default_color="blue", search_history=["城市"], max_import_mb=1,
    )  # fmt: skip
    saved.save(data_dir)
    assert Settings.load(data_dir) == saved
    assert capsys.readouterr().err == ""


def test_the_core_ignores_the_gui_keys_and_their_rules(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    _write(data_dir, library_sort="size", keep_annotates="no", font_size=12)
    assert Settings.load(data_dir).font_size == 12.0
    assert capsys.readouterr().err == ""


def test_reading_one_key_warns_about_that_key_only(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = _write(data_dir, font_size="big", max_import_mb=0, theme="dark")
    settings = Settings.load(data_dir, keys={"max_import_mb"})
    assert (settings.max_import_mb, settings.theme) == (200, "light")
    assert _warnings(capsys) == [
        f"pizhu: warning: {path}: max_import_mb must be at least 1 (megabytes), not 0; using 200"
    ]
