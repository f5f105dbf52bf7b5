"""The ``pizhu`` command line. Without a subcommand it opens the GUI.

Each module in :data:`COMMAND_MODULES` registers its own subcommands, so features
add commands without editing a central ``if``/``elif`` chain.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.cli.launch import command_names, split_targets
from reader.core.errors import PizhuError, UsageError
from reader.core.paths import resolve_data_dir

COMMAND_MODULES = (
    "reader.cli.library_cmds",
    "reader.cli.annotation_cmds",
    "reader.cli.search_cmds",
    "reader.cli.desktop_cmds",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        self.exit(2, f"pizhu: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pizhu", description="Read, annotate and search Chinese documents.")
    parser.add_argument("--version", action="version", version=f"pizhu {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="library folder (default: $PIZHU_DATA_DIR or the platform's user data dir)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check this installation end to end (a temporary data dir unless --data-dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args_list, targets = split_targets(args_list, command_names(parser))
    args, extra = parser.parse_known_args(args_list)
    if args.command is None:
        return _run_gui(args, extra + targets)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    data_dir = resolve_data_dir(args.data_dir)
    try:
        return int(args.handler(args, data_dir) or 0)
    except UsageError as exc:
        print(f"pizhu: error: {exc}", file=sys.stderr)
        return 2
    except PizhuError as exc:
        print(f"pizhu: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pizhu: interrupted; nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _run_gui(args: argparse.Namespace, extra: list[str]) -> int:
    if args.smoke_test:
        from reader.ui.smoke import run_smoke_test

        return run_smoke_test(Path(args.data_dir) if args.data_dir else None, extra)
    from reader.ui.app import run_app  # Qt is imported only when the GUI is wanted

    try:
        return run_app(resolve_data_dir(args.data_dir), extra)
    except PizhuError as exc:
        print(f"pizhu: error: {exc}", file=sys.stderr)
        return 1


def gui_main() -> int:
    """Entry point of ``pizhu-gui`` (a GUI script: no console window on Windows)."""
    return main()
