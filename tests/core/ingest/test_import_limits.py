"""Import never hangs on a pipe, never reads a device, and honours the size cap (issue 16).

A FIFO named ``*.txt`` used to block ``read_bytes`` forever, and a ``.txt`` link
to ``/dev/zero`` read until ``MemoryError``. Both are skipped with a reason now,
a file over ``max_import_mb`` (settings.json) is skipped naming the limit, and the
rest of the folder is imported as usual. Each import runs in a worker thread with
a timeout, so a regression fails the test instead of hanging the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import pytest

from reader.core.ingest.importer import ImportResult, ImportStatus
from reader.core.library import Library
from reader.platform.settings import MB, SETTINGS_FILE, Settings

TIMEOUT = 30  # seconds: a FIFO that is opened for reading blocks for ever
DOC = "# 报告\n\n坚持稳中求进，推动城市高质量发展。\n"

unix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")


def _import(
    data_dir: Path, *paths: Path, unblock: Callable[[], None] = lambda: None
) -> list[ImportResult]:
    """Import in a worker thread; a hang fails the test after TIMEOUT seconds.

    ``unblock`` then frees the worker (so the test run can still exit).
    """

    def work() -> list[ImportResult]:
        library = Library.open(data_dir)
        try:
            return library.importer().import_paths(list(paths))
        finally:
            library.close()

    pool = ThreadPoolExecutor(1)
    try:
        return pool.submit(work).result(timeout=TIMEOUT)
    except FutureTimeout:
        unblock()
        pytest.fail(f"import did not finish within {TIMEOUT} s (blocked on a read?)")
    finally:
        pool.shutdown(wait=False)


def _by_name(results: list[ImportResult]) -> dict[str, ImportResult]:
    return {Path(r.path).name: r for r in results}


def _write_settings(data_dir: Path, **values: object) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / SETTINGS_FILE).write_text(json.dumps(values), encoding="utf-8")


def _open_and_close(fifo: Path) -> None:
    """A writer that comes and goes: a reader blocked on the FIFO gets end of file."""
    with contextlib.suppress(OSError):  # ENXIO: nobody is reading it
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@unix_only
def test_a_fifo_named_txt_is_skipped_and_the_rest_imports(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    fifo = folder / "x.txt"
    os.mkfifo(fifo)
    (folder / "good.txt").write_text(DOC, encoding="utf-8")
    results = _by_name(_import(data_dir, folder, unblock=lambda: _open_and_close(fifo)))
    assert results["x.txt"].status == ImportStatus.SKIPPED
    assert "not a regular file" in (results["x.txt"].reason or "")
    assert results["good.txt"].status == ImportStatus.IMPORTED


@unix_only
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_skipped(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "z.txt").symlink_to("/dev/zero")
    (folder / "good.md").write_text(DOC, encoding="utf-8")
    results = _by_name(_import(data_dir, folder))
    assert results["z.txt"].status == ImportStatus.SKIPPED
    assert "not a regular file" in (results["z.txt"].reason or "")
    assert results["good.md"].status == ImportStatus.IMPORTED


def test_a_file_over_the_configured_cap_is_skipped_naming_the_limit(
    data_dir: Path, tmp_path: Path
) -> None:
    _write_settings(data_dir, max_import_mb=1)
    folder = tmp_path / "src"
    folder.mkdir()
    big = folder / "big.txt"
    big.write_text(DOC + "城" * (MB // 3 + 1), encoding="utf-8")  # a little over 1 MB
    assert big.stat().st_size > MB
    (folder / "small.txt").write_text(DOC, encoding="utf-8")
    results = _by_name(_import(data_dir, folder))
    assert results["big.txt"].status == ImportStatus.SKIPPED
    assert results["big.txt"].reason == "file is larger than the 1 MB import limit"
    assert results["small.txt"].status == ImportStatus.IMPORTED


def test_the_default_cap_lets_the_same_file_in(data_dir: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(DOC + "城" * (MB // 3 + 1), encoding="utf-8")
    [result] = _import(data_dir, big)
    assert result.status == ImportStatus.IMPORTED


def test_the_cap_is_read_at_each_import(data_dir: Path, tmp_path: Path) -> None:
    """A hand edit of settings.json applies from the next import, no restart needed."""
    big = tmp_path / "big.txt"
    big.write_text(DOC + "城" * (MB // 3 + 1), encoding="utf-8")
    library = Library.open(data_dir)
    try:
        assert library.importer().max_bytes == 200 * MB
        _write_settings(data_dir, max_import_mb=1)
        assert library.importer().max_bytes == MB
    finally:
        library.close()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("abc", 'must be a whole number, not "abc"'),
        (0, "must be at least 1 (megabytes), not 0"),
        (-5, "must be at least 1 (megabytes), not -5"),
        (1.5, "must be a whole number, not 1.5"),
        (True, "must be a whole number, not true"),
        (None, "must be a whole number, not null"),
    ],
    ids=["text", "zero", "negative", "fraction", "bool", "null"],
)
def test_a_bad_cap_falls_back_to_the_default_with_one_warning(
    capsys: pytest.CaptureFixture[str], data_dir: Path, value: object, problem: str
) -> None:
    _write_settings(data_dir, max_import_mb=value, font_size=18)
    settings = Settings.load(data_dir)
    assert settings.max_import_mb == 200
    assert settings.font_size == 18.0  # the good values next to it are kept
    err = capsys.readouterr().err
    path = data_dir / SETTINGS_FILE
    assert err == f"pizhu: warning: {path}: max_import_mb {problem}; using 200\n"


def test_other_badly_typed_settings_fall_back_too(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    _write_settings(
        data_dir, theme="neon", font_size="big", last_doc="7", shortcuts=[], max_import_mb=50
    )
    settings = Settings.load(data_dir)
    assert (settings.theme, settings.font_size, settings.last_doc) == ("light", 15.0, None)
    assert settings.shortcuts == {} and settings.max_import_mb == 50
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4 and all(line.startswith("pizhu: warning: ") for line in lines)
    assert lines[0].endswith('theme must be one of light, sepia, dark, not "neon"; using "light"')
    assert lines[2].endswith('last_doc must be a whole number or null, not "7"; using null')


def test_a_settings_file_that_is_not_json_warns_once(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert Settings.load(data_dir) == Settings()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not valid JSON; using the default settings" in err


def test_no_settings_file_is_silent(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert Settings.load(data_dir).max_import_mb == 200
    assert capsys.readouterr().err == ""
