"""The GUI's own keys in settings.json are checked like the core's, and a window opened on a
hand-edited file uses the defaults for what is wrong in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.platform.settings import SETTINGS_FILE
from reader.ui.window.gui_settings import GuiSettings


def _write(data_dir: Path, **values: object) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SETTINGS_FILE
    path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("library_sort", "size", "must be one of title, date, added, read"),
        ("document_scripts", [], "must be an object of objects of strings"),
        ("keep_annotates", 1, "must be true or false"),
        ("default_color", "red", "must be one of yellow, green, blue, pink, purple"),
        ("font_size", "big", "must be a number"),  # a core key, through the subclass
    ],
)
def test_a_bad_gui_value_falls_back_with_one_warning(
    capsys: pytest.CaptureFixture[str], data_dir: Path, key: str, value: object, reason: str
) -> None:
    path = _write(data_dir, **{key: value}, theme="sepia")
    settings = GuiSettings.load(data_dir)
    default = getattr(GuiSettings(), key)
    assert getattr(settings, key) == default and settings.theme == "sepia"
    shown, fallback = json.dumps(value), json.dumps(default)
    assert capsys.readouterr().err.splitlines() == [
        f"pizhu: warning: {path}: {key} {reason}, not {shown}; using {fallback}"
    ]


def test_a_script_entry_of_the_wrong_shape_is_dropped_alone(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = _write(data_dir, document_scripts={"1": {"script": "traditional"}, "2": "traditional"})
    assert GuiSettings.load(data_dir).document_scripts == {"1": {"script": "traditional"}}
    assert capsys.readouterr().err == (
        f"pizhu: warning: {path}: document_scripts: dropped the entries that are not"
        ' an object of strings: "2"\n'
    )


def test_gui_settings_saved_load_back_silently(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    saved = GuiSettings(
        font_size=18, library_sort="added", keep_annotates=False,
        document_scripts={"7": {"script": "simplified", "imported": "2026-01-01"}},
    )  # fmt: skip
    saved.save(data_dir)
    assert GuiSettings.load(data_dir) == saved
    assert capsys.readouterr().err == ""


@pytest.mark.gui
def test_a_window_on_a_hand_edited_file_opens_with_the_defaults(
    make_window, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = _write(
        data_dir, font_size="big", zoom_steps=1000, geometry="not base64!", theme="dark",
        shortcuts={"search.open": "Ctrl+K"},
    )  # fmt: skip
    window = make_window()
    assert window.reading_font().pointSizeF() == pytest.approx(15.0)  # the reader lays it out
    assert window.settings.theme == "dark"
    keys = [s.toString() for s in window.actions_registry.action("search.open").shortcuts()]
    assert keys and "C" not in keys  # the default keys, not one per character of "Ctrl+K"
    err = capsys.readouterr().err
    assert err.count(f"pizhu: warning: {path}: ") == 4  # once each, though the window imports
    assert "font_size must be a number" in err and "geometry must be base64" in err
