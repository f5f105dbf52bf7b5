"""``import``, ``list``, ``show`` and ``check``: the library's own commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli import argtypes
from reader.cli.options import JSON
from reader.cli.output import print_json, shown, tty_progress
from reader.core.check import check_database
from reader.core.ingest.importer import ImportResult, ImportStatus
from reader.core.library import Library
from reader.core.storage.db import transaction
from reader.core.storage.documents import DocumentInfo
from reader.core.text.script import SCRIPTS, convert
from reader.errors import UsageError
from reader.platform.resources import SAMPLE_COLLECTION, sample_files


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="import files or folders (text, Markdown, PDF, Word, web pages, EPUB)",
        parents=[JSON],
    )
    p.add_argument("paths", type=argtypes.path, nargs="*", metavar="PATH")
    p.add_argument("--sample", action="store_true", help="import the bundled sample library")
    p.add_argument("--collection", metavar="NAME", help="also file the documents under NAME")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("list", help="list documents", parents=[JSON])
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="print a document's text or outline", parents=[JSON])
    p.add_argument("doc", type=argtypes.doc_id, metavar="DOC")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--text", action="store_true", help="the canonical text, exactly")
    what.add_argument("--outline", action="store_true")
    what.add_argument("--pages", action="store_true", help="where each printed page starts")
    p.add_argument(
        "--script", choices=SCRIPTS, help="with --text: in these characters (same offsets)"
    )
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("doc", help="show or edit a document's details", parents=[JSON])
    p.add_argument("doc", type=argtypes.doc_id, metavar="DOC")
    p.add_argument("--title", metavar="T")
    p.add_argument(
        "--author", action="append", metavar="A", help="an author (repeat for several)"
    )
    p.add_argument("--date", metavar="DATE", help="2024, 2024-03 or 2024-03-05 ('' clears)")
    p.add_argument("--source", metavar="URL", help="where the document came from")
    p.add_argument("--language", metavar="LANG", help="e.g. zh, zh-Hant, en")
    p.add_argument("--script", choices=["simplified", "traditional", "mixed"])
    p.set_defaults(handler=cmd_doc)

    p = sub.add_parser("check", help="check the library's integrity")
    p.set_defaults(handler=cmd_check)


def cmd_import(args: argparse.Namespace, data_dir: Path) -> int:
    if not args.paths and not args.sample:
        raise UsageError("import needs at least one PATH (or --sample)")
    missing = [p for p in args.paths if not Path(p).exists()]
    library = Library.open(data_dir)
    try:
        importer = library.importer()
        results: list[ImportResult] = []
        if args.sample:
            results += importer.import_paths(
                sample_files(), collection=SAMPLE_COLLECTION, progress=tty_progress
            )
        results += importer.import_paths(
            [Path(p) for p in args.paths], collection=args.collection, progress=tty_progress
        )
    finally:
        library.close()
    if args.json:
        print_json([r.as_json() for r in results])
    else:
        for r in results:
            print(shown(_describe(r)))
        print(shown(_summary(results)), file=sys.stderr)
    return 1 if missing else 0


def _describe(r: ImportResult) -> str:
    if r.status == ImportStatus.SKIPPED:
        return f"skipped    {r.path}: {r.reason}"
    line = f"{r.status:<10} {r.path} -> #{r.doc_id}"
    if r.title:
        line += f" {r.title}"
    if r.reason and r.status != ImportStatus.UNCHANGED:
        line += f" ({r.reason})"
    if r.details:
        line += " [" + ", ".join(f"{k}: {v}" for k, v in r.details.items()) + "]"
    return line


def _summary(results: list[ImportResult]) -> str:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or "nothing to import"
    details: dict[str, int] = {}
    for r in results:
        for key, value in (r.details or {}).items():
            details[key] = details.get(key, 0) + value
    if details:  # e.g. annotations re-anchored in updated documents
        summary += "; annotations " + ", ".join(f"{v} {k}" for k, v in details.items())
    return summary


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    library = Library.open(data_dir)
    try:
        docs = library.documents.list()
        collections = library.collections.paths_by_document()
    finally:
        library.close()
    rows = [{**_details(d), "collections": collections.get(d.id, [])} for d in docs]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        where = f"  [{'; '.join(row['collections'])}]" if row["collections"] else ""
        year = str(row["date"])[:4] or "    "
        print(
            shown(
                f"{row['id']:>4}  {row['format']:<8} {year}  {row['chars']:>8} chars  "
                f"{row['title']}{where}"
            )
        )
    return 0


def _details(d: DocumentInfo) -> dict[str, object]:
    """A document's row as ``list --json``, ``show --json`` and ``doc --json`` print it."""
    return {
        "id": d.id,
        "title": d.title,
        "authors": d.authors,
        "aliases": d.aliases,
        "date": d.date,
        "source_url": d.source_url,
        "site": d.site,
        "language": d.language,
        "script": d.script,
        "source": d.source_path,
        "encoding": d.encoding,
        "format": d.format,
        "chars": d.chars,
        "sha256": d.sha256,
        "imported_at": d.imported_at,
        "updated_at": d.updated_at,
        "edited": d.edited,
    }


def cmd_show(args: argparse.Namespace, data_dir: Path) -> int:
    if args.script and not args.text:
        raise UsageError("--script goes with --text")
    library = Library.open(data_dir)
    try:
        if args.outline:
            outline = library.documents.outline(args.doc)
            if args.json:
                print_json([e.as_dict() for e in outline])
            else:
                for e in outline:
                    print(shown(f"{'  ' * (e.level - 1)}{e.title}  @{e.start}"))
            return 0
        if args.pages:
            pages = library.documents.pages(args.doc)
            if args.json:  # "index": the physical page, as printed labels can repeat
                print_json([{**p.as_dict(), "index": n} for n, p in enumerate(pages, 1)])
            else:
                for n, p in enumerate(pages, 1):
                    print(shown(f"p. {p.label}  (page {n})  @{p.start}"))
            return 0
        if args.text:
            text = library.documents.text(args.doc)
            if args.script:  # one character for one: every offset stays valid
                text = convert(text, args.script)
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.flush()
            return 0
        info = library.documents.get(args.doc)
    finally:
        library.close()
    _print_details(info, as_json=args.json)
    return 0


def cmd_doc(args: argparse.Namespace, data_dir: Path) -> int:
    values: dict[str, str | list[str]] = {}  # the argparse values: text, authors a list
    for name, value in (
        ("title", args.title),
        ("authors", args.author),
        ("date", args.date),
        ("source_url", args.source),
        ("language", args.language),
        ("script", args.script),
    ):
        if value is not None:
            values[name] = value
    library = Library.open(data_dir)
    try:
        with transaction(library.db):
            library.documents.update_details(args.doc, **values)
        info = library.documents.get(args.doc)
    finally:
        library.close()
    _print_details(info, as_json=args.json)
    return 0


def _print_details(info: DocumentInfo, *, as_json: bool) -> None:
    data = _details(info)
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        value_text = ", ".join(value) if isinstance(value, list) else value
        print(shown(f"{key:>11}: {value_text}"))


def cmd_check(args: argparse.Namespace, data_dir: Path) -> int:
    library = Library.open(data_dir)
    try:
        problems = check_database(library.db)
        count = library.db.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        library.close()
    for problem in problems:
        print(shown(problem), file=sys.stderr)
    if problems:
        print(f"pizhu: check: {len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"ok: {count} documents, schema and text offsets consistent")
    return 0
