"""The wheel carries resources, samples and launcher files where the app looks for them.

Marked ``package``: building a wheel in isolation fetches setuptools from the index.
The installed wheel (not the checkout) must pass the smoke test on its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader import APP_ID

pytestmark = pytest.mark.package

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_has_data_and_passes_smoke_test(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("pizhu-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "reader/resources/icons/pizhu.svg",
        "reader/resources/stylesheets/base.qss",
        "reader/resources/translations/pizhu_zh_CN.qm",
        "reader/library/000_e7bd677c4d2fd36b.txt",
        f"reader/packaging/linux/{APP_ID}.desktop",
        f"reader/packaging/linux/icons/hicolor/256x256/apps/{APP_ID}.png",
    ):
        assert name in names, name
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True, timeout=600,
    )  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    probe = "import reader; print(reader.__file__)"
    where = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           env=env, cwd=tmp_path)  # fmt: skip
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
    smoke = subprocess.run(
        [sys.executable, "-m", "reader", "--smoke-test"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
