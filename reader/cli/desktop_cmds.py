"""``pizhu install-desktop [--uninstall]``: menu entry, icons and associations (Linux)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.output import json_text, shown
from reader.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "install-desktop",
        help="add Pizhu to this user's application menu, with icons and file associations",
        description=(
            "Install the launcher, icons, AppStream metadata and MIME associations "
            "(pizhu:// links, Open with for .txt/.md) under $XDG_DATA_HOME and "
            "$XDG_CONFIG_HOME for the current user. Linux and other XDG desktops only."
        ),
    )
    p.add_argument("--uninstall", action="store_true", help="remove what install-desktop added")
    p.add_argument(
        "--exec",
        dest="exec_path",
        metavar="PROGRAM",
        help="program the launcher runs (default: this installation of pizhu)",
    )
    p.add_argument("--json", action="store_true", help="list written and removed files as JSON")
    p.set_defaults(handler=cmd_install_desktop)


def cmd_install_desktop(args: argparse.Namespace, _data_dir: Path) -> int:
    if sys.platform in ("win32", "darwin"):
        raise UsageError("install-desktop is for Linux desktops; use the installer on this OS")
    from reader.platform.desktop_entry import XdgDirs, install, uninstall

    dirs = XdgDirs.from_env()
    if args.uninstall:
        report = uninstall(dirs)
    else:
        command = [str(Path(args.exec_path).resolve())] if args.exec_path else None
        report = install(dirs, command)
    if args.json:
        data = {
            "written": [str(p) for p in report.written],
            "removed": [str(p) for p in report.removed],
            "exec": report.exec_line,
            "notes": report.notes,
        }
        print(json_text(data, indent=1))
    elif args.uninstall:
        print(f"removed {len(report.removed)} files; Pizhu is no longer in the menu")
    else:
        print(shown(f"installed {dirs.desktop_file} ({report.exec_line})"))
        print(f"and {len(report.written) - 1} icons, metadata and associations")
    for note in report.notes:
        print(shown(f"note: {note}"), file=sys.stderr)
    return 0
