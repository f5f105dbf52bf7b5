"""Run the real CLI in-process and capture what it prints."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> CliResult:
    code = main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)
