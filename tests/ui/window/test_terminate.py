"""SIGTERM closes the app like the user would: state saved, exit code 0."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_saves_state_and_exits_cleanly(data_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    log = data_dir.parent / "app-stderr.log"
    with log.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader", "--data-dir", str(data_dir)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 60
        while not (data_dir / ".sample-imported").exists():
            assert proc.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline
            time.sleep(0.2)
        time.sleep(2)  # the window is up and has opened the first document
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    settings = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert settings["last_doc"] == 1
    assert settings["geometry"]
