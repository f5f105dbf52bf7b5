"""Build the frozen app for this OS, prove it starts, and pack it (``make package``).

Steps: PyInstaller (``packaging/pizhu.spec``) into ``dist/pizhu``; the frozen binary's
``--smoke-test`` (Linux: offscreen, and under ``xvfb-run`` when installed); on Linux
``dist/pizhu-<version>-linux-<arch>.tar.gz`` with ``install.sh``. Figures (build time,
bundle size, smoke results) go to ``dist/build-report.json``. Windows and macOS
builds run the same steps on their own OS (see packaging/README.md); the installer
(Inno Setup) or .dmg is made there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader import __version__  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
SPEC = ROOT / "packaging" / "pizhu.spec"
SMOKE_TIMEOUT = 300
# Lines a healthy run may print on stderr (Qt's offscreen plugin, jieba's loader).
STDERR_ALLOWED = (
    "This plugin does not support propagateSizeHints()",
    "Building prefix dict from",
    "Dumping model to file cache",
    "Loading model from cache",
    "Loading model cost",
    "Prefix dict has been built",
)


def frozen_binary() -> Path:
    if sys.platform == "darwin":
        return DIST / "Pizhu.app" / "Contents" / "MacOS" / "pizhu"
    return DIST / "pizhu" / ("pizhu.exe" if sys.platform == "win32" else "pizhu")


def run_pyinstaller() -> float:
    for path in (DIST / "pizhu", DIST / "Pizhu.app", WORK):
        shutil.rmtree(path, ignore_errors=True)
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=ROOT)
    return time.perf_counter() - started


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def smoke(binary: Path, how: str) -> dict[str, object]:
    """Run ``--smoke-test``; fail on a non-zero exit or an unexpected stderr line.

    The verdict comes from the exit code and the result file: a windowed Windows
    build has no stdout at all.
    """
    result_file = DIST / f"smoke-{how}.json"
    result_file.unlink(missing_ok=True)
    env = dict(os.environ)
    cmd = [str(binary), "--smoke-test", "--smoke-result", str(result_file)]
    if how == "offscreen":
        env["QT_QPA_PLATFORM"] = "offscreen"
    elif how == "xvfb":
        env.pop("QT_QPA_PLATFORM", None)
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *cmd]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=SMOKE_TIMEOUT)
    seconds = time.perf_counter() - started
    unexpected = [
        line for line in proc.stderr.splitlines()
        if line.strip() and not any(ok in line for ok in STDERR_ALLOWED)
    ]  # fmt: skip
    steps = []
    if result_file.exists():
        steps = json.loads(result_file.read_text(encoding="utf-8"))["steps"]
    window = next((str(s["detail"]) for s in steps if s["step"] == "window"), "")
    result = {"how": how, "rc": proc.returncode, "seconds": round(seconds, 2), "window": window,
              "steps": len(steps), "unexpected_stderr": unexpected}  # fmt: skip
    if proc.returncode != 0 or unexpected or not steps or not all(s["ok"] for s in steps):
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"smoke test ({how}) failed: rc {proc.returncode}, stderr {unexpected}")
    print(f"smoke test ({how}) passed in {seconds:.1f} s: window {window}")
    return result


def make_tarball() -> Path:
    arch = platform.machine().lower() or "x86_64"
    name = f"pizhu-{__version__}-linux-{arch}"
    target = DIST / f"{name}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(DIST / "pizhu", arcname=f"{name}/pizhu")
        tar.add(ROOT / "packaging" / "linux" / "install.sh", arcname=f"{name}/install.sh")
    return target


def make_windows_installer() -> Path:
    """Inno Setup 6 (``iscc`` on PATH, or its default install folder)."""
    iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    if not Path(iscc).exists():
        raise SystemExit("Inno Setup 6 not found: install it (winget install JRSoftware.InnoSetup)")
    script = ROOT / "packaging" / "windows" / "pizhu.iss"
    subprocess.run([iscc, f"/DAppVersion={__version__}", str(script)], check=True)
    return DIST / f"pizhu-{__version__}-windows-x64-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-smoke", action="store_true", help="skip the smoke tests")
    parser.add_argument("--no-archive", action="store_true", help="skip the .tar.gz")
    args = parser.parse_args(argv)

    report: dict[str, object] = {"version": __version__, "platform": sys.platform}
    build_seconds = run_pyinstaller()
    binary = frozen_binary()
    if not binary.is_file():
        raise SystemExit(f"PyInstaller produced no {binary}")
    bundle = binary.parents[2] if sys.platform == "darwin" else binary.parent
    report["build_seconds"] = round(build_seconds, 1)
    report["bundle"] = str(bundle)
    report["bundle_bytes"] = folder_size(bundle)
    print(f"built {bundle} in {build_seconds:.0f} s: {report['bundle_bytes'] / 1e6:.0f} MB")
    if not args.no_smoke:
        runs = ["offscreen"] if sys.platform.startswith("linux") else ["native"]
        if sys.platform.startswith("linux") and shutil.which("xvfb-run"):
            runs.append("xvfb")
        report["smoke"] = [smoke(binary, how) for how in runs]
    if sys.platform.startswith("linux") and not args.no_archive:
        tarball = make_tarball()
        report["archive"] = str(tarball)
        report["archive_bytes"] = tarball.stat().st_size
        print(f"packed {tarball.name}: {tarball.stat().st_size / 1e6:.0f} MB")
    if sys.platform == "win32" and not args.no_archive:
        report["installer"] = str(make_windows_installer())
    if sys.platform == "darwin" and not args.no_archive:
        subprocess.run(["sh", str(ROOT / "packaging" / "macos" / "make_dmg.sh")], check=True)
    (DIST / "build-report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
