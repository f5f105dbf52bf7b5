"""``import``, ``list``, ``show`` and ``check``: the library's own commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.output import print_json, tty_progress
from reader.core.check import check_database
from reader.core.errors import UsageError
from reader.core.ingest.importer import SKIPPED, ImportResult
from reader.core.library import Library
from reader.core.resources import SAMPLE_COLLECTION, sample_files


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="import text/Markdown files or folders")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--sample", action="store_true", help="import the bundled sample library")
    p.add_argument("--collection", metavar="NAME", help="also file the documents under NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("list", help="list documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="print a document's text or outline")
    p.add_argument("doc", type=int, metavar="DOC")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--text", action="store_true", help="the canonical text, exactly")
    what.add_argument("--outline", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

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
            print(_describe(r))
        print(_summary(results), file=sys.stderr)
    return 1 if missing else 0


def _describe(r: ImportResult) -> str:
    if r.status == SKIPPED:
        return f"skipped    {r.path}: {r.reason}"
    line = f"{r.status:<10} {r.path} -> #{r.doc_id}"
    if r.title:
        line += f" {r.title}"
    if r.reason and r.status != "unchanged":
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
    rows = [
        {
            "id": d.id,
            "title": d.title,
            "source": d.source_path,
            "encoding": d.encoding,
            "format": d.format,
            "chars": d.chars,
            "collections": collections.get(d.id, []),
            "sha256": d.sha256,
            "imported_at": d.imported_at,
            "updated_at": d.updated_at,
        }
        for d in docs
    ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        where = f"  [{'; '.join(row['collections'])}]" if row["collections"] else ""
        print(
            f"{row['id']:>4}  {row['chars']:>8} chars  {row['encoding']:<14} {row['title']}{where}"
        )
    return 0


def cmd_show(args: argparse.Namespace, data_dir: Path) -> int:
    library = Library.open(data_dir)
    try:
        if args.outline:
            outline = library.documents.outline(args.doc)
            if args.json:
                print_json([e.as_dict() for e in outline])
            else:
                for e in outline:
                    print(f"{'  ' * (e.level - 1)}{e.title}  @{e.start}")
            return 0
        if args.text:
            text = library.documents.text(args.doc)
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.flush()
            return 0
        info = library.documents.get(args.doc)
    finally:
        library.close()
    data = {
        "id": info.id,
        "title": info.title,
        "source": info.source_path,
        "chars": info.chars,
        "encoding": info.encoding,
        "format": info.format,
        "sha256": info.sha256,
    }
    if args.json:
        print_json(data)
    else:
        for key, value in data.items():
            print(f"{key:>9}: {value}")
    return 0


def cmd_check(args: argparse.Namespace, data_dir: Path) -> int:
    library = Library.open(data_dir)
    try:
        problems = check_database(library.db)
        count = library.db.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        library.close()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"pizhu: check: {len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"ok: {count} documents, schema and text offsets consistent")
    return 0
