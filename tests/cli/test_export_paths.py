"""``export -o`` never replaces a link or a device with a regular file (issue 16)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
DOC = "# 报告\n\n坚持稳中求进，推动城市高质量发展。\n"


@pytest.fixture
def library(capsys, data_dir: Path, tmp_path: Path) -> Path:
    src = tmp_path / "report.md"
    src.write_text(DOC, encoding="utf-8")
    assert run_cli(capsys, data_dir, "import", str(src)).code == 0
    assert run_cli(capsys, data_dir, "annotate", "1", "--quote", "稳中求进").code == 0
    return data_dir


def test_a_symlink_is_written_through(capsys, library: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes" / "real.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = run_cli(capsys, library, "export", "1", "-o", str(link))
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == target
    assert "稳中求进" in target.read_text(encoding="utf-8")


def test_a_dangling_symlink_gets_its_target(capsys, library: Path, tmp_path: Path) -> None:
    link = tmp_path / "backup.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    result = run_cli(capsys, library, "export", "1", "--format", "json", "-o", str(link))
    assert result.code == 0, result.err
    assert link.is_symlink() and json.loads(link.read_text(encoding="utf-8"))["total"] == 1


def test_a_link_to_a_device_stays_a_link(capsys, library: Path, tmp_path: Path) -> None:
    link = tmp_path / "null.md"
    link.symlink_to(os.devnull)
    result = run_cli(capsys, library, "export", "1", "-o", str(link))
    assert result.code == 0, result.err
    assert link.is_symlink() and not Path(os.devnull).is_file()


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_export_to_dev_stdout(library: Path) -> None:
    """Standard output is a pipe here: the export goes into it, the summary to stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(library)]
        + ["export", "1", "--format", "json", "-o", "/dev/stdout"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == 1
    assert proc.stderr.startswith("exported 1 annotation(s)")
    assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").is_file()


def test_a_link_loop_is_one_line(capsys, library: Path, tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    result = run_cli(capsys, library, "export", "1", "-o", str(tmp_path / "a.md"))
    assert result.code == 1
    assert result.err.startswith("pizhu: error: cannot write") and result.err.count("\n") == 1


def test_an_unwritable_folder_is_one_line(capsys, library: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: every folder is writable")
        result = run_cli(capsys, library, "export", "1", "-o", str(folder / "x.md"))
    finally:
        folder.chmod(0o700)
    assert result.code == 1
    assert result.err == f"pizhu: error: cannot write {folder / 'x.md'}: Permission denied\n"


def test_a_refused_temp_file_is_one_line(capsys, library, tmp_path: Path, monkeypatch) -> None:
    """What a normal user meets in /dev (``-o /dev/x.md``), also when tests run as root."""

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reader.core.export.service.tempfile.mkstemp", refuse)
    result = run_cli(capsys, library, "export", "1", "-o", str(tmp_path / "x.md"))
    assert result.code == 1
    assert result.err == f"pizhu: error: cannot write {tmp_path / 'x.md'}: Permission denied\n"
