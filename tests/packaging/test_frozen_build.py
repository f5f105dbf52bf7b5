"""Build the Linux package and prove the frozen app works (``make test-package``, CI).

Slow (a PyInstaller build, about a minute here), so it is marked ``package`` and the
quick suite skips it. packaging/build.py itself runs the frozen ``--smoke-test``
offscreen and under ``xvfb-run`` and fails on a non-zero exit or unexpected stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import APP_ID, __version__

pytestmark = pytest.mark.package

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BINARY = DIST / "pizhu" / "pizhu"


@pytest.fixture(scope="module")
def build() -> Iterator[dict]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the packaging test builds the Linux package")
    for tool in ("xvfb-run", "desktop-file-validate", "appstreamcli"):
        assert shutil.which(tool), f"{tool} missing: run make test-package (installs it)"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    yield json.loads((DIST / "build-report.json").read_text(encoding="utf-8"))


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "share"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
            "XDG_CACHE_HOME": str(tmp_path / "cache")}  # fmt: skip


def test_smoke_tests_passed(build: dict) -> None:
    runs = {run["how"]: run for run in build["smoke"]}
    assert set(runs) == {"offscreen", "xvfb"}
    assert all(run["rc"] == 0 and not run["unexpected_stderr"] for run in runs.values())
    assert "platform xcb" in runs["xvfb"]["window"]
    assert all(run["steps"] == 9 for run in runs.values())
    assert build["bundle_bytes"] < 400e6, build["bundle_bytes"]


def test_frozen_cli_and_missing_resource(build: dict, tmp_path: Path) -> None:
    env = _env(tmp_path)
    version = subprocess.run([str(BINARY), "--version"], capture_output=True, text=True, env=env)
    assert version.stdout.strip() == f"pizhu {__version__}"
    data = tmp_path / "data"
    imported = subprocess.run(
        [str(BINARY), "--data-dir", str(data), "import", "--sample", "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    found = subprocess.run(
        [str(BINARY), "--data-dir", str(data), "search", "京津冀", "--json"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert found.returncode == 0 and json.loads(found.stdout)["total"] >= 1, found.stderr
    # The smoke test must notice a resource missing from the bundle.
    icon = DIST / "pizhu" / "_internal" / "reader" / "resources" / "icons" / "pizhu.svg"
    hidden = icon.with_suffix(".hidden")
    icon.rename(hidden)
    try:
        broken = subprocess.run(
            [str(BINARY), "--smoke-test"], capture_output=True, text=True, env=env, timeout=120
        )
    finally:
        hidden.rename(icon)
    assert broken.returncode == 1
    assert "smoke-test FAILED at resources" in broken.stderr
    assert "icons/pizhu.svg" in broken.stderr


def test_tarball_installs_and_uninstalls(build: dict, tmp_path: Path) -> None:
    archive = Path(build["archive"])
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (top,) = (tmp_path / "unpacked").iterdir()
    env = {**_env(tmp_path), "PREFIX": str(tmp_path / "opt" / "pizhu"),
           "BINDIR": str(tmp_path / "bin")}  # fmt: skip
    proc = subprocess.run(["sh", str(top / "install.sh")], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    desktop = tmp_path / "share" / "applications" / f"{APP_ID}.desktop"
    entry = desktop.read_text(encoding="utf-8")
    assert f"Exec={tmp_path / 'opt' / 'pizhu' / 'pizhu'} %U" in entry
    check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    icons = tmp_path / "share" / "icons" / "hicolor"
    assert (icons / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    assert (tmp_path / "bin" / "pizhu").resolve() == tmp_path / "opt" / "pizhu" / "pizhu"
    linked = subprocess.run(
        [str(tmp_path / "bin" / "pizhu"), "--smoke-test"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert linked.returncode == 0, linked.stdout + linked.stderr

    proc = subprocess.run(
        ["sh", str(top / "install.sh"), "--uninstall"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not desktop.exists()
    assert not (tmp_path / "opt" / "pizhu").exists()
    assert not list(icons.rglob(f"{APP_ID}.*"))
