"""The ``pizhu`` command line. Without a subcommand it opens the GUI.

Each module in :data:`COMMAND_MODULES` registers its own subcommands, so features
add commands without editing a central ``if``/``elif`` chain.

The contract of every command: an error is one line on stderr (``pizhu: error: …``),
exit 2 for a malformed request and 1 for a failure, never a traceback. :func:`main`
is the one place that turns exceptions into that line, including the unexpected
ones (``PIZHU_DEBUG=1`` adds the traceback for a bug report).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from reader import __version__
from reader.cli import argtypes
from reader.cli.launch import command_names, split_targets
from reader.cli.output import shown
from reader.errors import PizhuError, UsageError, library_error
from reader.platform.paths import resolve_data_dir

COMMAND_MODULES = (
    "reader.cli.library_cmds",
    "reader.cli.annotation_cmds",
    "reader.cli.search_cmds",
    "reader.cli.desktop_cmds",
    "reader.cli.dictionary_cmds",
    "reader.cli.study_cmds",
    "reader.cli.notes_cmds",
    "reader.cli.bookmark_cmds",
)
DEBUG_ENV = "PIZHU_DEBUG"


class _Parser(argparse.ArgumentParser):
    """One-line errors (exit 2, no usage dump), and ``-社会主义`` is a value, not an option."""

    _given: Sequence[str] = ()

    # argparse's namespace may be any object; ours is only ever a Namespace (or None).
    def parse_known_args(  # pyright: ignore[reportIncompatibleMethodOverride]
        self, args: Iterable[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        given = list(sys.argv[1:] if args is None else args)
        self._given = given  # for the hint in error()
        return super().parse_known_args(given, namespace or argparse.Namespace())

    def _parse_optional(self, arg_string: str):
        """Options are ASCII: a dash before a Chinese word (``-社会主义``) starts a value.

        ``None`` means "a positional" in every Python version of this private hook.
        """
        if arg_string[:1] == "-" and not arg_string.lstrip("-")[:1].isascii():
            return None
        return super()._parse_optional(arg_string)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"pizhu: error: {shown(message)}{self._dash_hint(message)}\n")

    def _dash_hint(self, message: str) -> str:
        """How to pass a value that starts with ``-`` when argparse took it for an option.

        Only where that is the likely story: an option left without its value while the
        next argument starts with ``-``, or a missing positional next to an unknown
        ``-word``. A mistyped option gets argparse's message alone.
        """
        given = list(self._given)
        if "expected one argument" in message:
            option = message.removeprefix("argument ").split(":", 1)[0].split("/")[-1]
            at = given.index(option) if option in given else -1
            if 0 <= at < len(given) - 1 and given[at + 1].startswith("-"):
                return f" (for a value that starts with '-', write {option}=VALUE)"
            return ""
        if "the following arguments are required" not in message:
            return ""
        unknown = [
            a
            for a in given
            if a.startswith("-") and a not in ("-", "--")
            and a.split("=", 1)[0] not in self._option_string_actions
        ]  # fmt: skip
        if not unknown:
            return ""
        example = f"{self.prog} -- {shown(unknown[0])}"
        return f" (for a value that starts with '-', put '--' before it: {example})"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pizhu", description="Read, annotate and search Chinese documents.")
    parser.add_argument("--version", action="version", version=f"pizhu {__version__}")
    parser.add_argument(
        "--data-dir",
        type=argtypes.path,
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
    """Run one command; the exit code is the return value, usage errors included."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args_list)
    except UsageError as exc:
        return _fail(exc, 2)
    except PizhuError as exc:
        return _fail(exc, 1)
    except KeyboardInterrupt:
        print("pizhu: interrupted; nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `pizhu list | head -1`: the reader has what it wanted
        _discard_stdout()
        return 0
    except Exception as exc:  # the last resort: one line, never a traceback
        known = library_error(exc)  # e.g. the disk filled up outside a transaction
        if known is None:
            known = PizhuError(f"internal error: {type(exc).__name__}: {exc} (please report)")
        return _fail(known, 1, cause=exc)


def _dispatch(args_list: list[str]) -> int:
    parser = build_parser()
    args_list, targets = split_targets(args_list, command_names(parser))
    try:
        args, extra = parser.parse_known_args(args_list)
        if args.command is not None and extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:  # a usage error (printed), --help or --version: a return code
        return exc.code if isinstance(exc.code, int) else 2
    if args.command is None:
        return _run_gui(args, extra + targets)
    argtypes.check_text(parser, args)
    return int(args.handler(args, resolve_data_dir(args.data_dir)) or 0)


def _fail(exc: BaseException, code: int, *, cause: BaseException | None = None) -> int:
    """Print the one error line (and, with ``PIZHU_DEBUG=1``, the traceback before it)."""
    if os.environ.get(DEBUG_ENV) == "1":
        traceback.print_exception(cause or exc, file=sys.stderr)
    message = shown(str(exc) or type(exc).__name__)  # newlines escaped: always one line
    print(f"pizhu: error: {message}", file=sys.stderr)
    return code


def _discard_stdout() -> None:
    """Point stdout at the null device, so the flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run_gui(args: argparse.Namespace, extra: list[str]) -> int:
    if args.smoke_test:
        from reader.ui.window.smoke import run_smoke_test

        return run_smoke_test(Path(args.data_dir) if args.data_dir else None, extra)
    from reader.ui.window.app import run_app  # Qt is imported only when the GUI is wanted

    return run_app(resolve_data_dir(args.data_dir), extra)


def gui_main() -> int:
    """Entry point of ``pizhu-gui`` (a GUI script: no console window on Windows)."""
    return main()
