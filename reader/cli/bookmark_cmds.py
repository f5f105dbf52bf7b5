"""``pizhu bookmarks``: list the library's bookmarks; ``--add DOC --at OFFSET [--name N]``
and ``--delete ID`` for scripts. Offsets are code points into ``pizhu show DOC --text``,
like every other place. Errors are one line, printed by :func:`reader.cli.main`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli import argtypes
from reader.cli.options import JSON
from reader.cli.output import print_json, shown
from reader.core.annotate.bookmarks import Bookmark
from reader.core.library import opened_library
from reader.core.storage.db import read_snapshot, transaction
from reader.errors import UsageError

bookmark_id = argtypes.whole_number("a bookmark id", minimum=1)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bookmarks", help="named reading positions: list, add, delete", parents=[JSON]
    )
    action = p.add_mutually_exclusive_group()
    action.add_argument("--add", type=argtypes.doc_id, metavar="DOC", help="bookmark DOC")
    action.add_argument("--delete", type=bookmark_id, metavar="ID", help="delete a bookmark")
    p.add_argument("--doc", type=argtypes.doc_id, metavar="DOC", help="only DOC's bookmarks")
    p.add_argument("--at", type=argtypes.offset, metavar="OFFSET", help="with --add (default 0)")
    p.add_argument("--name", default="", metavar="NAME", help="with --add")
    p.set_defaults(handler=cmd_bookmarks)


def cmd_bookmarks(args: argparse.Namespace, data_dir: Path) -> int:
    if args.add is None and (args.at is not None or args.name):
        raise UsageError("--at and --name go with --add")
    if args.add is not None:
        with opened_library(data_dir) as library, transaction(library.db):
            mark, _ = library.bookmarks.add(args.add, args.at or 0, args.name)
        _show([mark], args.json, single=True)
        return 0
    if args.delete is not None:
        with opened_library(data_dir) as library, transaction(library.db):
            mark, _ = library.bookmarks.delete(args.delete)
        print(shown(f"deleted bookmark {mark.id}: {mark.label()}"))
        return 0
    with opened_library(data_dir) as library, read_snapshot(library.db):
        if args.doc is not None:
            library.documents.get(args.doc)
        marks = library.bookmarks.list(args.doc)
    _show(marks, args.json)
    return 0


def _show(marks: list[Bookmark], as_json: bool, single: bool = False) -> None:
    if as_json:
        print_json(marks[0].as_json() if single else [m.as_json() for m in marks])
        return
    for mark in marks:
        where = f"{mark.id}  doc {mark.doc_id} @{mark.offset}"
        print(f"{where}  {shown(mark.label())} — {shown(mark.title)}")
