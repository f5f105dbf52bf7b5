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
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return relative

    def path(self, relative: str | None) -> Path | None:
        if not relative:
            return None
        path = self.data_dir / relative
        return path if path.is_file() else None
