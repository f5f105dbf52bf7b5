"""SIGKILL while annotations are being written loses at most the write in flight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.core.check import check_database
from reader.core.library import Library
from tests.core.annotate.conftest import REPORT

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reader.core.storage.db import transaction
    from reader.core.library import Library

    library = Library.open(Path(sys.argv[1]))
    n = int(sys.argv[2])
    while True:
        with transaction(library.db):
            library.annotations.create(1, n % 50, n % 50 + 5, note="注" * 200,
                                       tags=[f"批次/{n}", "全部"])
            library.progress.set(1, n % 50)
        n += 1
        print(n, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_write(data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "report.md"
    src.write_text(REPORT, encoding="utf-8")
    library = Library.open(data_dir)
    library.importer().import_paths([src])
    library.close()
    root = Path(__file__).parents[3]
    committed = 0
    for delay in (0.05, 0.2):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), str(committed)],
            stdout=subprocess.PIPE, text=True, cwd=root,
        )  # fmt: skip
        assert proc.stdout is not None
        first = proc.stdout.readline()  # it is writing
        assert first.strip(), "writer did not start"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read().split()
        proc.stdout.close()
        proc.wait()
        printed = int(rest[-1]) if rest else int(first)
        library = Library.open(data_dir)
        try:
            assert check_database(library.db) == []
            count = library.db.execute("SELECT count(*) FROM annotations").fetchone()[0]
            assert count in (printed, printed + 1)
            half = library.db.execute(
                "SELECT count(*) FROM annotations a WHERE"
                " (SELECT count(*) FROM annotation_tags t WHERE t.annotation_id = a.id) <> 2"
            ).fetchone()[0]
            assert half == 0
        finally:
            library.close()
        committed = count
