"""Shared fixtures. Every test gets its own data dir; the user's library is never touched."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"


def _guard_devices() -> None:
    """No test may rename over, or delete, a device file (or ``/dev`` itself): a mutant
    under ``make mutants`` once renamed a temporary file over ``/dev/full``. Ordinary
    files under ``/dev`` (a temp dir in ``/dev/shm``) are left alone."""

    def _is_device(arg: str | bytes | os.PathLike[str]) -> bool:
        path = os.path.abspath(os.fsdecode(arg))
        if path == "/dev":
            return True
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return False
        return stat.S_ISCHR(mode) or stat.S_ISBLK(mode)

    def refuse(call: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            for arg in args[:2]:
                if isinstance(arg, (str, bytes, os.PathLike)) and _is_device(arg):
                    raise PermissionError(f"tests may not change {os.fsdecode(arg)}")
            return call(*args, **kwargs)

        return guarded

    for name in ("replace", "rename", "unlink", "remove"):
        setattr(os, name, refuse(getattr(os, name)))


_guard_devices()


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every platformdirs lookup and PIZHU_DATA_DIR into the test's temp dir."""
    monkeypatch.setenv("PIZHU_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def fixture_text() -> callable:
    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read
