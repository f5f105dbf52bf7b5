"""Printing helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def tty_progress(done: int, total: int, name: str, verb: str = "importing") -> None:
    """A one-line, self-overwriting progress indicator, only when stderr is a terminal."""
    if not sys.stderr.isatty() or total == 0:
        return
    if done >= total:
        sys.stderr.write("\r\033[K")
    else:
        sys.stderr.write(f"\r\033[K{verb} {done + 1}/{total}: {name[-60:]}")
    sys.stderr.flush()
