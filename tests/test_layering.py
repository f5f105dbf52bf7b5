"""The core must stay importable and testable without Qt, the layers import only
downwards, and the UI's modules import each other without cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE_MODULES = [
    "reader.core.library",
    "reader.core.ingest.importer",
    "reader.core.ingest.formats.text",
    "reader.core.check",
    "reader.cli",
]


def test_core_never_imports_pyside6() -> None:
    """reader.core, reader.platform and reader.app (and the CLI) load without Qt."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import reader.core, reader.platform, reader.app\n"
        "for pkg in (reader.core, reader.platform, reader.app):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "from reader.cli import build_parser; build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert proc.stdout.strip() == ""


# ----- the import graph, read from the source (imports under TYPE_CHECKING count) -----
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reader"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str) -> set[str]:
    """Every ``reader.*`` module ``path`` imports, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m == "reader" or m.startswith("reader.")}


def import_graph(under: str) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (``from pkg import mod`` is an
    edge to ``pkg.mod`` when that is a module, else to ``pkg``)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        if name != under and not name.startswith(under + "."):
            continue
        graph[name] = {m for m in _imports(path, name) if m in modules and m != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as [a, b, …, a], or None (depth-first, three colours)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in graph:
                continue
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if state.get(target) is None and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if state.get(node) is None and (cycle := visit(node)):
            return cycle
    return None


def test_the_ui_import_graph_has_no_cycles() -> None:
    graph = import_graph("reader.ui")
    assert len(graph) > 40  # the walk found the package
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle in reader/ui: " + " -> ".join(cycle or [])


def test_the_cycle_finder_names_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_type_checking_imports_count(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from reader.ui.window.main_window import MainWindow\n",
        encoding="utf-8",
    )
    assert "reader.ui.window.main_window" in _imports(source, "reader.ui.x.m")


# Which layer may import which: platform is plumbing, core is the model, app the
# commands and links, ui and cli the two faces.
FORBIDDEN = {
    "reader.platform": ("reader.core", "reader.app", "reader.ui", "reader.cli"),
    "reader.core": ("reader.app", "reader.ui", "reader.cli"),
    "reader.app": ("reader.ui", "reader.cli"),
}


def test_layers_import_only_downwards() -> None:
    wrong = []
    for layer, forbidden in FORBIDDEN.items():
        graph = import_graph(layer)
        assert graph, layer
        for module, targets in sorted(graph.items()):
            wrong += [
                f"{module} imports {t}"
                for t in sorted(targets)
                if any(t == f or t.startswith(f + ".") for f in forbidden)
            ]
    assert wrong == []
