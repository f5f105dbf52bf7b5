"""Argument types shared by every subcommand: ids, counts and offsets, range-checked.

``type=int`` takes ``9999999999999999999999999`` happily and SQLite then raises
``OverflowError``; 5000 digits make ``int()`` itself raise ``ValueError``. These
types send every number through :func:`reader.core.storage.db.parse_whole_number`, so a bad
one is an argparse usage error (one line, exit 2) naming the argument.

Text arguments need no type: :func:`check_text` refuses undecodable bytes in all of
them after parsing. Only file and folder names may hold such bytes (they are valid
names on POSIX); declare those ``type=argtypes.path``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator

from reader.core.storage.db import SQLITE_INT_MAX, parse_whole_number
from reader.errors import UsageError

MAX_LIMIT = 1_000_000
"""More search hits than anyone reads; Whoosh allocates per requested hit."""


def whole_number(
    what: str, *, minimum: int = 0, maximum: int = SQLITE_INT_MAX
) -> Callable[[str], int]:
    """An argparse ``type=`` accepting whole numbers in ``[minimum, maximum]``."""

    def convert(text: str) -> int:
        try:
            return parse_whole_number(text, what, minimum=minimum, maximum=maximum)
        except UsageError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = what  # argparse names the type in some messages
    return convert


doc_id = whole_number("a document id", minimum=1)
offset = whole_number("an offset", minimum=0)
occurrence = whole_number("the occurrence", minimum=1)
limit = whole_number("the limit", minimum=0, maximum=MAX_LIMIT)


def annotation_ref(text: str) -> int | str:
    """An annotation id (range-checked like every id) or a UUID (``urn:uuid:`` allowed)."""
    stripped = text.strip()
    if stripped.isascii() and stripped.isdigit():
        return whole_number("an annotation id", minimum=1)(stripped)
    if not stripped:
        raise argparse.ArgumentTypeError("an annotation is given by its id or UUID, not ''")
    return stripped


def path(text: str) -> str:
    """A file or folder name, kept exactly as given (undecodable bytes included)."""
    return text


def check_text(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse lone surrogates (argv bytes that are not UTF-8) in every non-path argument.

    SQLite cannot store them (``UnicodeEncodeError``), so without this each text
    field would need its own check, and a forgotten one ends in a traceback.
    """
    paths = {a.dest for a in _actions(parser) if a.type is path}
    for action in _actions(parser):
        if action.dest in paths:
            continue
        value = getattr(args, action.dest, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and not _is_text(item):
                name = "/".join(action.option_strings) or action.metavar or action.dest
                raise UsageError(f"argument {name}: not valid text (undecodable bytes)")


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """Every argument of ``parser`` and of its subcommands, depth first."""
    for action in parser._actions:  # no public accessor
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _actions(sub)
        else:
            yield action


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
