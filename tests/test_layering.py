"""The core must stay importable and testable without Qt."""

import subprocess
import sys

CORE_MODULES = [
    "reader.core.library",
    "reader.core.ingest.importer",
    "reader.core.ingest.formats.text",
    "reader.core.check",
    "reader.cli",
]


def test_core_never_imports_pyside6() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import reader.core\n"
        "for m in pkgutil.walk_packages(reader.core.__path__, 'reader.core.'):\n"
        "    importlib.import_module(m.name)\n"
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
