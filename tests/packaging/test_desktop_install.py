"""`pizhu install-desktop` writes valid XDG files for this user and removes them again."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reader import APP_ID
from reader.cli import main
from reader.platform.desktop_entry import (
    DESKTOP_ID,
    XdgDirs,
    desktop_entry_text,
    linux_dir,
    quote_exec_arg,
)

ROOT = Path(__file__).resolve().parents[2]
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _dirs() -> XdgDirs:
    return XdgDirs(Path(os.environ["XDG_DATA_HOME"]), Path(os.environ["XDG_CONFIG_HOME"]))


def test_install_and_uninstall(capsys) -> None:
    dirs = _dirs()
    mimeapps = dirs.mimeapps
    mimeapps.parent.mkdir(parents=True)
    mimeapps.write_text(
        "[Default Applications]\ntext/plain=org.gnome.TextEditor.desktop;\n"
        "[Added Associations]\ntext/plain=org.gnome.TextEditor.desktop;\n",
        encoding="utf-8",
    )
    assert main(["install-desktop", "--exec", "/opt/pizhu dir/pizhu"]) == 0
    entry = dirs.desktop_file.read_text(encoding="utf-8")
    assert 'Exec="/opt/pizhu dir/pizhu" %U' in entry
    assert "MimeType=text/plain;text/markdown;application/pdf;" in entry
    assert dirs.metainfo_file.is_file()
    for size in SIZES:
        assert (dirs.hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (dirs.hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    text = mimeapps.read_text(encoding="utf-8")
    assert f"x-scheme-handler/pizhu={DESKTOP_ID};" in text
    # Offered for text files, never made their default.
    assert "[Default Applications]\ntext/plain=org.gnome.TextEditor.desktop;" in text
    assert f"text/plain={DESKTOP_ID};org.gnome.TextEditor.desktop;" in text

    assert main(["install-desktop"]) == 0  # again: idempotent, no duplicate entries
    assert mimeapps.read_text(encoding="utf-8").count(f"text/plain={DESKTOP_ID}") == 1

    assert main(["install-desktop", "--uninstall"]) == 0
    assert not dirs.desktop_file.exists()
    assert not dirs.metainfo_file.exists()
    assert not list(dirs.hicolor.rglob(f"{APP_ID}.*"))
    assert mimeapps.read_text(encoding="utf-8") == (
        "[Default Applications]\ntext/plain=org.gnome.TextEditor.desktop;\n\n"
        "[Added Associations]\ntext/plain=org.gnome.TextEditor.desktop;\n"
    )


def test_exec_quoting() -> None:
    assert quote_exec_arg("/usr/bin/pizhu") == "/usr/bin/pizhu"
    assert quote_exec_arg("/a b/pizhu") == '"/a b/pizhu"'
    assert quote_exec_arg('/a"$b') == '"/a\\\\"\\\\$b"'  # spec quoting, then file escaping
    text = desktop_entry_text("[Desktop Entry]\nExec=pizhu %U\nTryExec=x\n", ["/x/pizhu"])
    assert text == "[Desktop Entry]\nExec=/x/pizhu %U\nTryExec=/x/pizhu\n"


def test_icons_rendered_for_every_size() -> None:
    """render_icons.py outputs are committed; the app and install-desktop both need them."""
    for size in SIZES:
        assert (ROOT / "resources" / "icons" / f"pizhu-{size}.png").is_file()
    assert (ROOT / "packaging" / "windows" / "pizhu.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (ROOT / "packaging" / "macos" / "pizhu.icns").read_bytes()[:4] == b"icns"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_files_validate(tmp_path: Path) -> None:
    source = linux_dir() / DESKTOP_ID
    installed = tmp_path / DESKTOP_ID
    installed.write_text(
        desktop_entry_text(source.read_text(encoding="utf-8"), ["/opt/p q/pizhu"]), "utf-8"
    )
    for path in (source, installed):
        proc = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_metainfo_validates() -> None:
    path = linux_dir() / f"{APP_ID}.metainfo.xml"
    proc = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
