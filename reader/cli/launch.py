"""Tell ``pizhu FILE.txt`` and ``pizhu pizhu://open?...`` apart from ``pizhu COMMAND``.

A desktop launcher runs ``pizhu %U`` with whatever the user double-clicked. argparse
would reject a file name as an unknown subcommand, so the targets are taken out of
the argument list before parsing and handed to the GUI.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection
from pathlib import Path

from reader.core.links import is_link

# Options whose value is the next argument (so that value is not mistaken for a target).
VALUE_OPTIONS = frozenset({"--data-dir", "--lang", "--smoke-result"})


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    """The registered subcommands (argparse has no public accessor for them)."""
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return set(action.choices)
    return set()


def split_targets(argv: list[str], commands: Collection[str]) -> tuple[list[str], list[str]]:
    """``(argv without targets, targets)``; nothing is taken when a subcommand is given."""
    rest: list[str] = []
    targets: list[str] = []
    skip_value = False
    only_positionals = False
    for arg in argv:
        if skip_value:
            skip_value = False
            rest.append(arg)
        elif not only_positionals and arg == "--":
            only_positionals = True
        elif not only_positionals and arg.startswith("-"):
            skip_value = arg in VALUE_OPTIONS
            rest.append(arg)
        elif not only_positionals and not targets and arg in commands:
            return argv, []  # `pizhu import x.txt`: a subcommand owns its arguments
        elif is_link(arg) or Path(arg).suffix or Path(arg).exists() or only_positionals:
            targets.append(arg)
        else:
            rest.append(arg)  # let argparse report the unknown command
    return rest, targets
