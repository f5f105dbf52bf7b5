"""Tell ``pizhu FILE.txt`` and ``pizhu pizhu://open?...`` apart from ``pizhu COMMAND``.

A desktop launcher runs ``pizhu %U`` with whatever the user double-clicked. argparse
would reject a file name as an unknown subcommand, so the targets are taken out of
the argument list before parsing and handed to the GUI.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection
from pathlib import Path

from reader.app.links import is_link

# Options of the main parser whose value is the next argument.
VALUE_OPTIONS = frozenset({"--data-dir"})
# GUI-only options with a value: argparse would take the value for a subcommand name.
GUI_VALUE_OPTIONS = frozenset({"--lang", "--smoke-result"})


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    """The registered subcommands (argparse has no public accessor for them)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def split_targets(argv: list[str], commands: Collection[str]) -> tuple[list[str], list[str]]:
    """``(argv for the main parser, GUI arguments)``; nothing is taken from a subcommand.

    The GUI arguments are the targets plus GUI-only options with their values
    (``--lang zh``), in their original order.
    """
    rest: list[str] = []
    gui: list[str] = []
    pending: list[str] | None = None  # where the next value goes
    only_positionals = False
    seen_target = False
    for arg in argv:
        if pending is not None:
            pending.append(arg)
            pending = None
        elif not only_positionals and arg == "--":
            only_positionals = True
        elif not only_positionals and arg.startswith("-"):
            target = gui if arg in GUI_VALUE_OPTIONS else rest
            target.append(arg)
            if arg in VALUE_OPTIONS or arg in GUI_VALUE_OPTIONS:
                pending = target
        elif not only_positionals and not seen_target and arg in commands:
            return argv, []  # `pizhu import x.txt`: a subcommand owns its arguments
        elif is_link(arg) or Path(arg).suffix or Path(arg).exists() or only_positionals:
            gui.append(arg)
            seen_target = True
        else:
            rest.append(arg)  # let argparse report the unknown command
    return rest, gui
