"""Study commands: ``words`` (the word list, its Anki export) and ``stats`` (reading time).

``pizhu words`` lists, ``--export FILE.tsv`` writes the Anki file, ``--delete ID…``
removes words and ``--add WORD`` keeps one (the GUI's "Keep it", for scripts and
tests). ``pizhu stats`` prints reading time, characters read and annotations per
day and per document. Errors are one line (exit 2 for a malformed request, 1 for a
failure), printed by :func:`reader.cli.main`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli import argtypes
from reader.cli.options import JSON
from reader.cli.output import print_json, shown
from reader.core.library import opened_library
from reader.core.storage.db import read_snapshot, transaction
from reader.core.study.stats import MAX_DAYS, DayTotal, DocTotal
from reader.core.study.words import NEW_WORD_TAG, WordEntry, keep_word, sentence_around
from reader.errors import NotFoundError, UsageError

PREVIEW = 40
DEFAULT_DAYS = 28
word_id = argtypes.whole_number("a word id", minimum=1)
day_count = argtypes.whole_number("the number of days", minimum=1, maximum=MAX_DAYS)

_ADD_ONLY = ("pinyin", "definition", "at", "annotate", "tag")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "words", help="the word list: list, export for Anki, delete, add", parents=[JSON]
    )
    action = p.add_mutually_exclusive_group()
    action.add_argument(
        "--export", metavar="FILE.tsv", help="write the words for Anki (tab-separated)"
    )
    action.add_argument(
        "--delete", type=word_id, nargs="+", metavar="ID", help="delete these words"
    )
    action.add_argument("--add", metavar="WORD", help="keep WORD (see --doc, --at)")
    p.add_argument("--filter", default="", metavar="TEXT", help="word, pinyin, definition…")
    p.add_argument(
        "--doc", type=argtypes.doc_id, metavar="DOC", help="words from DOC (with --add: its source)"
    )
    p.add_argument("--at", type=argtypes.offset, metavar="OFFSET", help="with --add: where in DOC")
    p.add_argument("--pinyin", metavar="P", help="with --add")
    p.add_argument("--definition", metavar="D", help="with --add")
    p.add_argument(
        "--annotate", action="store_true", help="with --add: also annotate it (note: definition)"
    )
    p.add_argument("--tag", metavar="T", help=f"with --annotate (default {NEW_WORD_TAG})")
    p.set_defaults(handler=cmd_words)

    p = sub.add_parser(
        "stats", help="reading time, characters read, annotations made", parents=[JSON]
    )
    p.add_argument(
        "--days", type=day_count, default=DEFAULT_DAYS, metavar="N",
        help=f"days to show, up to today (default {DEFAULT_DAYS})",
    )  # fmt: skip
    p.set_defaults(handler=cmd_stats)


# -- words ---------------------------------------------------------------------------


def cmd_words(args: argparse.Namespace, data_dir: Path) -> int:
    _check_words_args(args)
    if args.add is not None:
        return _add(args, data_dir)
    if args.delete:
        return _delete(args.delete, data_dir)
    if args.export is not None:
        return _export(args, data_dir)
    with opened_library(data_dir) as library, read_snapshot(library.db):
        if args.doc is not None:
            library.documents.get(args.doc)
        entries = library.words.list(text_filter=args.filter, doc_id=args.doc)
    if args.json:
        print_json([e.as_json() for e in entries])
    else:
        for entry in entries:
            print(_line(entry))
    return 0


def _check_words_args(args: argparse.Namespace) -> None:
    if args.add is None:
        given = [f"--{name}" for name in _ADD_ONLY if getattr(args, name) not in (None, False)]
        if given:
            raise UsageError(f"{given[0]} goes with --add")
    elif args.at is not None and args.doc is None:
        raise UsageError("--at needs --doc")
    if args.tag is not None and not args.annotate:
        raise UsageError("--tag goes with --annotate")
    if args.filter and (args.add is not None or args.delete):
        raise UsageError("--filter goes with listing or --export")


def _add(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library, transaction(library.db):
        start = end = None
        sentence = ""
        if args.doc is not None:
            text = library.documents.text(args.doc)
            start = _place(text, args.add.strip(), args.doc, args.at)
            end = start + len(args.add.strip())
            sentence = sentence_around(text, start, end)
        entry, ann, changes = keep_word(
            library.words, library.annotations, args.add,
            pinyin=args.pinyin or "", definition=args.definition or "",
            doc_id=args.doc, start=start, end=end, sentence=sentence,
            annotate=args.annotate, tag=NEW_WORD_TAG if args.tag is None else args.tag,
        )  # fmt: skip
    if args.json:
        print_json(entry.as_json())
    else:
        print(("kept " if changes.words else "already in the word list: ") + _line(entry))
    if ann is not None:
        print(shown(f"annotated doc {ann.doc_id} [{ann.start}-{ann.end}] as {ann.id}"))
    return 0


def _place(text: str, word: str, doc_id: int, at: int | None) -> int:
    """Where ``word`` is in the text: at ``at`` (checked), else its first occurrence."""
    if at is None:
        found = text.find(word) if word else -1
        if found < 0:
            raise NotFoundError(f"{word!r} does not occur in document {doc_id}")
        return found
    there = text[at : at + len(word)]
    if there != word:
        raise UsageError(f"the text at {at} of document {doc_id} is {there!r}, not {word!r}")
    return at


def _delete(ids: list[int], data_dir: Path) -> int:
    with opened_library(data_dir) as library, transaction(library.db):
        gone, _ = library.words.delete(ids)
    print(shown(f"deleted {len(gone)} word(s): {'、'.join(e.word for e in gone)}"))
    return 0


def _export(args: argparse.Namespace, data_dir: Path) -> int:
    if not args.export.strip():
        raise UsageError("--export needs a file name")
    path = Path(args.export)
    with opened_library(data_dir) as library, read_snapshot(library.db):
        if args.doc is not None:
            library.documents.get(args.doc)
        entries = library.words.list(text_filter=args.filter, doc_id=args.doc)
        count = library.words.export_tsv(path, entries[::-1])  # oldest first, as kept
    print(shown(f"exported {count} word(s) to {path}"))
    return 0


def _line(entry: WordEntry) -> str:
    parts = [f"{entry.id:>5}  {entry.word}"]
    if entry.pinyin:
        parts.append(entry.pinyin)
    if entry.definition:
        parts.append(_preview(entry.definition))
    if entry.sentence:
        parts.append(f"「{_preview(entry.sentence)}」")
    if entry.doc_id is not None:
        where = f" @{entry.start}" if entry.start is not None else ""
        parts.append(f"doc {entry.doc_id}{where}")
    return shown("  ".join(parts))


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW else flat[: PREVIEW - 1] + "…"


# -- stats ---------------------------------------------------------------------------


def cmd_stats(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library, read_snapshot(library.db):
        days = library.stats.per_day(args.days)
        documents = library.stats.per_document()
        totals = library.stats.totals()
    if args.json:
        print_json(
            {
                "days": [d.as_json() for d in days],
                "documents": [d.as_json() for d in documents],
                "totals": totals,
            }
        )
        return 0
    _print_days(days)
    print()
    _print_documents(documents)
    print()
    print(_totals_line(totals))
    return 0


def _print_days(days: list[DayTotal]) -> None:
    print(f"{'day':<10}  {'time':>8}  {'chars':>8}  {'annotations':>11}")
    for d in days:
        print(f"{d.day:<10}  {clock(d.seconds):>8}  {d.chars_read:>8}  {d.annotations:>11}")


def _print_documents(documents: list[DocTotal]) -> None:
    if not documents:
        print("no document read or annotated yet")
        return
    print(f"{'doc':>5}  {'time':>8}  {'chars':>8}  {'annotations':>11}  {'last read':<10}  title")
    for d in documents:
        print(
            shown(
                f"{d.doc_id:>5}  {clock(d.seconds):>8}  {d.chars_read:>8}  {d.annotations:>11}"
                f"  {d.last_read or '-':<10}  {d.title}"
            )
        )


def _totals_line(totals: dict[str, int]) -> str:
    return (
        f"total: {clock(totals['seconds'])} reading, {totals['chars_read']} characters read"
        f" in {totals['documents_read']} document(s) over {totals['days_read']} day(s);"
        f" {totals['annotations']} annotation(s), {totals['words']} word(s) kept"
    )


def clock(seconds: int) -> str:
    """``3725`` → ``1:02:05``: hours need no day unit at reading scale."""
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
