"""Kept copies of imported files, so "Open original" works after the file moved.

Copies are named by their sha256: the same file imported twice is kept once,
and a copy left behind by a rolled-back import is harmless (and reused).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ORIGINALS_DIR = "originals"


class OriginalsStore:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def keep(self, data: bytes, sha256: str, suffix: str) -> str:
        """Write the copy (atomically) unless it is there; return its data-dir path."""
        relative = f"{ORIGINALS_DIR}/{sha256[:2]}/{sha256}{suffix}"
        target = self.data_dir / relative
        if target.is_file() and target.stat().st_size == len(data):
            return relative
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())  # the row that names the copy must never outlive it
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return relative

    def prune(self, referenced: set[str]) -> int:
        """Delete kept copies no document names (deleted, replaced, or a rolled-back import)."""
        root = self.data_dir / ORIGINALS_DIR
        if not root.is_dir():
            return 0
        removed = 0
        for path in root.glob("*/*"):
            relative = path.relative_to(self.data_dir).as_posix()
            if path.is_file() and relative not in referenced:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def path(self, relative: str | None) -> Path | None:
        """The kept copy, if it is there (and inside the originals folder)."""
        if not relative:
            return None
        path = self.data_dir / relative
        return path if path.is_file() else None


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on this platform (Windows): the file itself was synced
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
