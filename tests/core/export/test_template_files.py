"""Template files: which names are listed and found, the filters a template can use, how
Jinja is set up (no escaping, trailing newline kept, edits picked up), and the one-line
errors of templates that cannot be read, extend nothing or fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.export import templates
from reader.core.export.templates import (
    PRESETS_DIR,
    Renderer,
    TemplateError,
    TemplateInfo,
    available,
    find,
    logseq_tag,
    quote_lines,
    user_dir,
    yaml_value,
)
from reader.errors import UsageError


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = user_dir(tmp_path)
    path.mkdir()
    return path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def names(data_dir: Path | None) -> list[str]:
    return [t.name for t in available(data_dir)]


def test_the_builtins() -> None:
    found = available(None)
    assert [(t.name, t.title, t.builtin) for t in found] == [
        ("markdown", "Markdown", True), ("obsidian", "Obsidian", True), ("logseq", "Logseq", True),
    ]  # fmt: skip
    assert [t.path for t in found] == [PRESETS_DIR / f"{t.name}.md.j2" for t in found]
    assert all(t.path.is_file() for t in found)
    assert found[1].as_json() == {
        "name": "obsidian", "title": "Obsidian", "builtin": True,
        "path": str(PRESETS_DIR / "obsidian.md.j2"),
    }  # fmt: skip


def test_no_templates_folder_lists_the_builtins(tmp_path: Path) -> None:
    assert user_dir(tmp_path) == tmp_path / "templates"
    assert names(tmp_path) == ["markdown", "obsidian", "logseq"]
    (tmp_path / "templates").write_text("a file, not a folder", encoding="utf-8")
    assert names(tmp_path) == ["markdown", "obsidian", "logseq"]


def test_which_user_files_are_templates(tmp_path: Path, folder: Path) -> None:
    for name in (".j2", ".md.j2", ".hidden.j2", "a.jinja", "b.md.j2", "b.j2", "c.j2", "d.md"):
        write(folder, name, "x")
    (folder / "dir.j2").mkdir()
    found = available(tmp_path)[3:]
    assert [(t.name, t.title, t.builtin, t.path.name) for t in found] == [
        ("a", "a", False, "a.jinja"),
        ("b", "b", False, "b.j2"),  # "b.j2" sorts first, so "b.md.j2" is not listed twice
        ("c", "c", False, "c.j2"),
    ]
    write(folder, "logseq.jinja", "x")
    user = available(tmp_path)[-1]
    assert (user.name, user.title, user.builtin) == ("user/logseq", "logseq", False)


def test_find_by_name_file_name_or_any_case(tmp_path: Path, folder: Path) -> None:
    write(folder, "short.md.j2", "x")
    assert find("short", tmp_path).path == folder / "short.md.j2"
    assert find(" short.md.j2 ", tmp_path).name == "short"
    assert find("Obsidian", tmp_path).name == "obsidian"
    assert find("obsidian.md.j2", None).builtin
    assert find("SHORT", tmp_path).name == "short"
    with pytest.raises(UsageError) as error:
        find("long", tmp_path)
    assert str(error.value) == "no template 'long' (choose from markdown, obsidian, logseq, short)"


def test_filters_and_the_front_matter_global(tmp_path: Path, folder: Path) -> None:
    write(folder, "all.md.j2", (
        "{{ '*x*' | md_escape }}|{{ '- y' | md_line }}|{{ 'q\\nr' | quote_block }}|"
        "{{ '```' | close_fences }}|{{ '重点 词' | obsidian_tag }}|{{ '城市/更新' | logseq_tag }}|"
        "{{ ['a', 1] | yaml }}|{{ 'a\\n\\nb' | quote_lines }}|{{ front_matter({'k': 'v'}) }}"
    ))  # fmt: skip
    text = Renderer(tmp_path).render("all", {})
    assert text.split("|") == [
        "\\*x\\*", "\\- y", "> q\\\n> r", "```\n```", "#重点_词", "[[城市/更新]]",
        '["a", 1]', "> a\n>\n> b", '---\nk: "v"\n---',
    ]  # fmt: skip


def test_helpers() -> None:
    assert yaml_value({"题": "城市"}) == '{"题": "城市"}'
    assert logseq_tag("重点 词") == "[[重点 词]]"
    assert quote_lines("一\n \n二", prefix="  - ") == "  - 一\n  -\n  - 二"


def test_no_escaping_trailing_newline_kept_undefined_is_an_error(
    tmp_path: Path, folder: Path
) -> None:
    write(folder, "raw.md.j2", "{{ html }}\n")
    assert Renderer(tmp_path).render("raw", {"html": "<b>&</b>"}) == "<b>&</b>\n"
    with pytest.raises(TemplateError, match=r"raw\.md\.j2: line 1: UndefinedError: 'html'"):
        Renderer(tmp_path).render("raw", {})


def test_an_edited_template_is_read_again(tmp_path: Path, folder: Path) -> None:
    path = write(folder, "live.md.j2", "一")
    renderer = Renderer(tmp_path)
    assert renderer.render("live", {}) == "一"
    os.utime(path, (1_000_000, 1_000_000))
    assert renderer.render("live", {}) == "一"  # its mtime changed: read again, same text
    path.write_text("二", encoding="utf-8")
    os.utime(path, (2_000_000, 2_000_000))
    assert renderer.render("live", {}) == "二"


def test_a_user_template_extends_a_builtin_by_its_name(tmp_path: Path, folder: Path) -> None:
    write(folder, "base.md.j2", "[{% block x %}基{% endblock %}]")
    write(folder, "child.md.j2", '{% extends "base" %}{% block x %}子{% endblock %}')
    write(folder, "orphan.md.j2", '{% extends "nope" %}')
    renderer = Renderer(tmp_path)
    assert renderer.render("child", {}) == "[子]"
    with pytest.raises(TemplateError) as error:
        renderer.render("orphan", {})
    assert str(error.value) == f"template {folder / 'orphan.md.j2'}: no template 'nope'"


def test_a_template_that_cannot_be_read(tmp_path: Path, folder: Path) -> None:
    path = folder / "latin1.md.j2"
    path.write_bytes("caf\u00e9".encode("latin-1"))
    with pytest.raises(TemplateError) as error:
        Renderer(tmp_path).render("latin1", {})
    assert str(error.value).startswith(f"template {path}: cannot read it: ")
    assert "utf-8" in str(error.value)


def test_a_syntax_error_in_an_extended_template_names_that_file(
    tmp_path: Path, folder: Path
) -> None:
    write(folder, "base.md.j2", "一\n二\n{% if %}\n")
    write(folder, "child.md.j2", '{% extends "base" %}')
    with pytest.raises(TemplateError) as error:
        Renderer(tmp_path).render("child", {})
    assert str(error.value).startswith(f"template {folder / 'base.md.j2'}: line 3: ")


def test_a_runtime_error_names_the_last_template_line(tmp_path: Path, folder: Path) -> None:
    write(folder, "div.md.j2", "一\n{% for n in [1, 0] %}\n{{ 1 // n }}\n{% endfor %}")
    with pytest.raises(TemplateError) as error:
        Renderer(tmp_path).render("div", {})
    assert str(error.value) == (
        f"template {folder / 'div.md.j2'}: line 3: ZeroDivisionError: integer division or"
        " modulo by zero"
    )


def test_an_error_in_python_a_template_called(tmp_path: Path, folder: Path) -> None:
    write(folder, "call.md.j2", "{{ boom() }}")

    def boom() -> str:
        raise RuntimeError("from Python")

    with pytest.raises(TemplateError) as error:
        Renderer(tmp_path).render("call", {"boom": boom})
    path = folder / "call.md.j2"
    assert str(error.value) == f"template {path}: line 1: RuntimeError: from Python"
    assert templates._template_line(RuntimeError("never raised"), path) == ""


def test_builtins_render_outside_the_sandbox_user_templates_inside(tmp_path: Path) -> None:
    renderer = Renderer(tmp_path)
    assert not hasattr(renderer.builtin_env, "is_safe_attribute")
    assert hasattr(renderer.env, "is_safe_attribute")
    info = find("markdown", tmp_path)
    assert info == TemplateInfo("markdown", "Markdown", True, PRESETS_DIR / "markdown.md.j2")
