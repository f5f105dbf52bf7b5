"""The suite's guard: no test (or mutant under ``make mutants``) may rename over or delete
a device file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def test_device_files_cannot_be_replaced_or_deleted(tmp_path: Path) -> None:
    source = tmp_path / "written"
    source.write_text("x")
    with pytest.raises(PermissionError):
        os.replace(source, "/dev/full")
    with pytest.raises(PermissionError):
        source.rename("/dev/null")
    with pytest.raises(PermissionError):
        Path("/dev/null").unlink()
    assert source.read_text() == "x"
    os.replace(source, tmp_path / "moved")  # anywhere else: as before
    (tmp_path / "moved").unlink()
    assert not any(tmp_path.iterdir())


def test_ordinary_files_under_dev_shm_are_not_refused() -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir() or not os.access(shm, os.W_OK):
        pytest.skip("no writable /dev/shm here")
    source, target = shm / f"pizhu-guard-{os.getpid()}", shm / f"pizhu-guard-{os.getpid()}-b"
    source.write_text("x")
    os.replace(source, target)
    target.unlink()
    assert not target.exists()
