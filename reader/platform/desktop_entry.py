"""Install Pizhu into a Linux desktop the XDG way, for the current user only.

No root and no package manager: the launcher goes to ``$XDG_DATA_HOME/applications``,
icons to ``$XDG_DATA_HOME/icons/hicolor``, the AppStream file to
``$XDG_DATA_HOME/metainfo``, and the associations (``pizhu://`` links by default;
``.txt``/``.md`` offered under "Open with", never taken over) to
``$XDG_CONFIG_HOME/mimeapps.list``. The same files are what ``install.sh`` of the
Linux tarball installs (it runs this through the frozen binary).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reader import APP_ID
from reader.platform.resources import bundled_dir

DESKTOP_ID = f"{APP_ID}.desktop"
SCHEME_MIME = "x-scheme-handler/pizhu"
DOCUMENT_MIMES = (
    "text/plain",
    "text/markdown",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text/html",
    "application/xhtml+xml",
    "multipart/related",  # .mhtml as saved by Chrome and Edge
    "application/x-mimearchive",
    "application/epub+zip",
)
DEFAULTS = "Default Applications"
ADDED = "Added Associations"


@dataclass
class XdgDirs:
    data_home: Path
    config_home: Path

    @classmethod
    def from_env(cls) -> XdgDirs:
        home = Path.home()
        data = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
        config = os.environ.get("XDG_CONFIG_HOME") or str(home / ".config")
        return cls(Path(data), Path(config))

    @property
    def desktop_file(self) -> Path:
        return self.data_home / "applications" / DESKTOP_ID

    @property
    def metainfo_file(self) -> Path:
        return self.data_home / "metainfo" / f"{APP_ID}.metainfo.xml"

    @property
    def hicolor(self) -> Path:
        return self.data_home / "icons" / "hicolor"

    @property
    def mimeapps(self) -> Path:
        return self.config_home / "mimeapps.list"


@dataclass
class InstallReport:
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    exec_line: str = ""
    notes: list[str] = field(default_factory=list)


def linux_dir() -> Path:
    """``packaging/linux`` of a checkout, or its copy inside the frozen app."""
    return bundled_dir("packaging/linux")


def launch_command() -> list[str]:
    """How a desktop should start this very installation (frozen binary, venv or -m)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.executable).with_name("pizhu")
    if script.is_file():
        return [str(script)]
    found = shutil.which("pizhu")
    return [found] if found else [sys.executable, "-m", "reader"]


def quote_exec_arg(arg: str) -> str:
    """Quote one Exec argument as the Desktop Entry spec asks (then escape for the file)."""
    if arg and not any(ch in arg for ch in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{inner}"'.replace("\\", "\\\\")


def desktop_entry_text(template: str, command: list[str]) -> str:
    """The template with ``Exec=``/``TryExec=`` pointing at ``command``."""
    exec_value = " ".join(quote_exec_arg(a) for a in command) + " %U"
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            lines.append(f"Exec={exec_value}")
            lines.append(f"TryExec={command[0]}")
        elif not line.startswith("TryExec="):
            lines.append(line)
    return "\n".join(lines) + "\n"


def install(dirs: XdgDirs, command: list[str] | None = None) -> InstallReport:
    source = linux_dir()
    command = command or launch_command()
    report = InstallReport()
    text = desktop_entry_text((source / DESKTOP_ID).read_text(encoding="utf-8"), command)
    report.exec_line = next(x for x in text.splitlines() if x.startswith("Exec="))
    _write(dirs.desktop_file, text, report)
    _write(
        dirs.metainfo_file,
        (source / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8"),
        report,
    )
    for icon in sorted((source / "icons" / "hicolor").rglob(f"{APP_ID}.*")):
        target = dirs.hicolor / icon.relative_to(source / "icons" / "hicolor")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icon, target)
        report.written.append(target)
    _edit_mimeapps(dirs.mimeapps, add=True)
    report.written.append(dirs.mimeapps)
    report.notes += _refresh_caches(dirs)
    return report


def uninstall(dirs: XdgDirs) -> InstallReport:
    report = InstallReport()
    paths = [dirs.desktop_file, dirs.metainfo_file]
    if dirs.hicolor.is_dir():
        paths += sorted(dirs.hicolor.rglob(f"{APP_ID}.*"))
    for path in paths:
        if path.exists():
            path.unlink()
            report.removed.append(path)
    if dirs.mimeapps.exists() and _edit_mimeapps(dirs.mimeapps, add=False):
        report.written.append(dirs.mimeapps)
    report.notes += _refresh_caches(dirs)
    return report


def _write(path: Path, text: str, report: InstallReport) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    report.written.append(path)


# -- mimeapps.list ------------------------------------------------------------------------


def _edit_mimeapps(path: Path, *, add: bool) -> bool:
    """Add or remove our entries, keeping every other line as it was; True if changed."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    sections = _parse_ini(old)
    wanted = {DEFAULTS: (SCHEME_MIME,), ADDED: (SCHEME_MIME, *DOCUMENT_MIMES)}
    for section, mimes in wanted.items():
        entries = sections.setdefault(section, [])
        for mime in mimes:
            _set_member(entries, mime, add=add, only=(section == DEFAULTS))
    new = _format_ini(sections)
    if new == old:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")
    return True


def _parse_ini(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped[1:-1]
            sections.setdefault(current, [])
        else:
            sections[current].append(line)
    return sections


def _format_ini(sections: dict[str, list[str]]) -> str:
    blocks: list[str] = []
    preamble = [line for line in sections.get("", []) if line.strip()]
    if preamble:
        blocks.append("\n".join(preamble))
    for name, lines in sections.items():
        body = [line for line in lines if line.strip()]
        if name and body:
            blocks.append("\n".join([f"[{name}]", *body]))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _set_member(lines: list[str], mime: str, *, add: bool, only: bool) -> None:
    """Put ``DESKTOP_ID`` first in ``mime=`` (or, with ``only``, alone), or take it out."""
    for i, line in enumerate(lines):
        key, sep, value = line.partition("=")
        if sep and key.strip() == mime:
            ids = [x for x in value.strip().split(";") if x and x != DESKTOP_ID]
            if add:
                ids = [DESKTOP_ID] if only else [DESKTOP_ID, *ids]
            if ids:
                lines[i] = f"{mime}={';'.join(ids)};"
            else:
                del lines[i]
            return
    if add:
        lines.append(f"{mime}={DESKTOP_ID};")


def _refresh_caches(dirs: XdgDirs) -> list[str]:
    """Menu and icon caches, where the tools exist; desktops also rescan on their own."""
    notes = []
    commands = [
        ["update-desktop-database", "-q", str(dirs.desktop_file.parent)],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(dirs.hicolor)],
    ]
    for cmd in commands:
        if shutil.which(cmd[0]) is None or not Path(cmd[-1]).is_dir():
            continue
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            notes.append(f"{cmd[0]} failed: {result.stderr.strip()}")
    return notes
