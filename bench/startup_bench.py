"""Start-up time to a shown main window, for the frozen app or the venv install.

    python bench/startup_bench.py [--binary dist/pizhu/pizhu] [--runs 5]

Each run is ``BINARY --smoke-test`` on a fresh temporary data dir; the smoke test's
window step prints how long after process start (from /proc, so the PyInstaller
bootloader is included) the real MainWindow was shown. Runs offscreen and, when
``xvfb-run`` exists, on an X server (the xcb plugin, as on a desktop).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOWN = re.compile(r"shown ([0-9.]+) s after process start")


def one_run(cmd: list[str], how: str) -> float:
    env = dict(os.environ)
    if how == "offscreen":
        env["QT_QPA_PLATFORM"] = "offscreen"
    else:
        env.pop("QT_QPA_PLATFORM", None)
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *cmd]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    match = SHOWN.search(proc.stdout)
    if proc.returncode != 0 or not match:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return float(match.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / "dist" / "pizhu" / "pizhu"))
    parser.add_argument("--venv", action="store_true", help="time `python -m reader` instead")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cmd = [sys.executable, "-m", "reader"] if args.venv else [args.binary]
    modes = ["offscreen"] + (["xvfb"] if shutil.which("xvfb-run") else [])
    for how in modes:
        times = [one_run([*cmd, "--smoke-test"], how) for _ in range(args.runs)]
        print(
            f"{how:9} median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
            f"max {max(times):.2f} s over {len(times)} runs ({' '.join(cmd)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
