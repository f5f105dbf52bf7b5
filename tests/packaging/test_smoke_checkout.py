"""`pizhu --smoke-test` from the checkout: every step passes, and a failure names its step."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

STEPS = ["resources", "window", "qt-plugins", "jieba", "import", "open", "search",
         "highlight", "export"]  # fmt: skip


def _smoke(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, env=env, timeout=180,
    )  # fmt: skip


def test_smoke_test_passes(tmp_path: Path) -> None:
    result_file = tmp_path / "result.json"
    data = tmp_path / "smoke-data"
    proc = _smoke("--data-dir", str(data), "--smoke-test", "--smoke-result", str(result_file))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(result_file.read_text(encoding="utf-8"))
    assert result["ok"] is True
    assert [s["step"] for s in result["steps"]] == STEPS
    assert "smoke-test ok" in proc.stdout
    assert (data / "smoke-export.md").read_text(encoding="utf-8").count("京津冀") >= 1


def test_smoke_test_names_the_failing_step(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x", encoding="utf-8")
    proc = _smoke("--data-dir", str(not_a_dir), "--smoke-test")
    assert proc.returncode == 1
    assert "smoke-test FAILED at window:" in proc.stderr
