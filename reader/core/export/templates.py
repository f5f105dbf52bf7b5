"""Export templates: the three built-in presets and the user's own, rendered by Jinja2.

A template renders one Markdown file from :mod:`.records` (see docs/annotations.md for
the fields). Built-ins live in ``presets/`` beside this module; the user's templates
are ``<data dir>/templates/NAME.md.j2`` (or ``NAME.j2``) and appear in the same list.
A user template may ``{% extends "obsidian" %}`` and override its blocks.

User templates run in Jinja's sandbox (a template copied from a forum cannot reach
Python's internals); every template renders with ``StrictUndefined``, so a misspelt
field is an error naming the file and the line instead of silently empty output.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.export import markdown
from reader.errors import PizhuError, UsageError

if TYPE_CHECKING:
    import jinja2

PRESETS_DIR = Path(__file__).with_name("presets")
USER_DIR = "templates"
SUFFIXES = (".md.j2", ".j2", ".jinja")
BUILTINS = ("markdown", "obsidian", "logseq")
DEFAULT_TEMPLATE = "markdown"
BUILTIN_TITLES = {
    "markdown": "Markdown",
    "obsidian": "Obsidian",
    "logseq": "Logseq",
}


class TemplateError(PizhuError):
    """A user template that does not load or render: one line naming the file."""


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    title: str
    builtin: bool
    path: Path

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "title": self.title, "builtin": self.builtin,
                "path": str(self.path)}  # fmt: skip


def user_dir(data_dir: Path) -> Path:
    return data_dir / USER_DIR


def _stem(path: Path) -> str | None:
    for suffix in SUFFIXES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            return path.name[: -len(suffix)]
    return None


def available(data_dir: Path | None) -> list[TemplateInfo]:
    """Built-ins first, then the user's templates by name. A user file named like a
    built-in is listed as ``user/NAME``, so neither hides the other."""
    found = [
        TemplateInfo(name, BUILTIN_TITLES[name], True, PRESETS_DIR / f"{name}.md.j2")
        for name in BUILTINS
    ]
    folder = user_dir(data_dir) if data_dir is not None else None
    if folder is None or not folder.is_dir():
        return found
    seen: set[str] = set(BUILTINS)
    for path in sorted(folder.iterdir()):
        stem = _stem(path)
        if stem is None or stem.startswith(".") or not path.is_file():
            continue
        name = f"user/{stem}" if stem in BUILTINS else stem
        if name in seen:
            continue  # "x.j2" beside "x.md.j2": the first suffix wins
        seen.add(name)
        found.append(TemplateInfo(name, stem, False, path))
    return found


def find(name: str, data_dir: Path | None) -> TemplateInfo:
    wanted = name.strip()
    templates = available(data_dir)
    for info in templates:
        if wanted in (info.name, info.path.name) or wanted.lower() == info.name:
            return info
    choices = ", ".join(t.name for t in templates)
    raise UsageError(f"no template {name!r} (choose from {choices})")


@cache
def _loader_class() -> type[jinja2.BaseLoader]:
    """Jinja2 is imported when a template is first rendered, not when the app starts
    (a seventh of a relaunch went to importing it for nothing)."""
    import jinja2

    class Loader(jinja2.BaseLoader):
        """Names resolve to the listed templates; ``{% extends "obsidian" %}`` works from
        a user template."""

        def __init__(self, data_dir: Path | None) -> None:
            self.data_dir = data_dir

        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            try:
                info = find(template, self.data_dir)
            except UsageError:
                raise jinja2.TemplateNotFound(template) from None
            path = info.path
            try:
                source = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise TemplateError(f"template {path}: cannot read it: {exc}") from None
            mtime = path.stat().st_mtime
            return source, str(path), lambda: path.exists() and path.stat().st_mtime == mtime

    return Loader


def yaml_value(value: object) -> str:
    """A YAML scalar or list as JSON (a subset YAML reads the same)."""
    return json.dumps(value, ensure_ascii=False)


def logseq_tag(name: str) -> str:
    """A tag as Logseq links it: ``[[城市/更新]]`` (a namespaced page), spaces allowed."""
    return f"[[{name}]]"


def quote_lines(text: str, prefix: str = "> ") -> str:
    """Every line of ``text`` prefixed (blank lines get the prefix without its space)."""
    bare = prefix.rstrip()
    return "\n".join(prefix + line if line.strip() else bare for line in text.split("\n"))


def make_environment(data_dir: Path | None, *, sandboxed: bool = True) -> jinja2.Environment:
    """The environment templates render in. The presets Pizhu ships render outside the
    sandbox (twice as fast on 10 000 annotations); a user's template always inside it."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    kind = SandboxedEnvironment if sandboxed else jinja2.Environment
    env = kind(
        loader=_loader_class()(data_dir),  # type: ignore[call-arg]  # Loader takes data_dir
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        auto_reload=True,
    )
    env.filters.update(
        md_escape=markdown.escape_inline,
        md_line=markdown.escape_line,
        quote_block=markdown.quote_block,
        close_fences=markdown.close_fences,
        obsidian_tag=markdown.obsidian_tag,
        logseq_tag=logseq_tag,
        yaml=yaml_value,
        quote_lines=quote_lines,
    )
    env.globals.update(front_matter=markdown.front_matter)
    return env


class Renderer:
    """One environment per data dir: templates are compiled once and reloaded when
    their file changes (the export dialog renders on every option change)."""

    def __init__(self, data_dir: Path | None) -> None:
        self.data_dir = data_dir
        self.env = make_environment(data_dir)
        self.builtin_env = make_environment(data_dir, sandboxed=False)

    def render(self, name: str, context: dict[str, Any]) -> str:
        import jinja2

        info = find(name, self.data_dir)
        env = self.builtin_env if info.builtin else self.env
        try:
            template = env.get_template(info.name)
            return template.render(context)
        except jinja2.TemplateSyntaxError as exc:
            where = exc.filename or str(info.path)
            raise TemplateError(f"template {where}: line {exc.lineno}: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template {info.path}: no template {exc.name!r}") from None
        except TemplateError:
            raise
        except Exception as exc:  # any error of a user's template is one line
            line = _template_line(exc, info.path)
            raise TemplateError(
                f"template {info.path}{line}: {type(exc).__name__}: {exc}"
            ) from None


def _template_line(exc: BaseException, path: Path) -> str:
    """``: line N`` where a template raised while rendering, from the traceback."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return f": line {line}" if line else ""
