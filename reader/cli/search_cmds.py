"""``search`` and ``reindex``: the search feature's commands (``check`` covers the index too).

The CLI has no background thread: before searching it brings the index up to
date in the foreground (a rebuild prints progress on a terminal). Search stays
correct even if that is skipped, because queued documents are verified directly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from reader.cli.output import print_json, tty_progress
from reader.core.errors import UsageError
from reader.core.library import Library
from reader.core.search.searcher import SearchResponse
from reader.core.search.service import SearchService

PARALLEL_BUILD_CHARS = 2_000_000
"""Full builds of larger libraries use two Whoosh writer processes."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("search", help="full-text search (QUERY '-' reads queries from stdin)")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--doc", type=int, metavar="ID", help="only in this document")
    p.add_argument("--tag", metavar="T", help="only documents/passages tagged T")
    p.add_argument("--annotations", action="store_true", help="search annotation quotes/notes")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("reindex", help="rebuild the search index")
    p.add_argument("--wait", action="store_true", help="rebuild now instead of at next use")
    p.set_defaults(handler=cmd_reindex)


def _progress(done: int, total: int, name: str) -> None:
    tty_progress(done, total, name, verb="indexing")


def _procs(data_dir: Path) -> int:
    library = Library.open(data_dir)
    try:
        chars = library.db.execute("SELECT coalesce(sum(chars), 0) FROM documents").fetchone()[0]
    finally:
        library.close()
    return 2 if chars >= PARALLEL_BUILD_CHARS and (os.cpu_count() or 1) > 1 else 1


def cmd_search(args: argparse.Namespace, data_dir: Path) -> int:
    if args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    procs = _procs(data_dir)  # also creates and migrates the library
    service = SearchService(data_dir)
    service.segmenter.start_loading()
    result = service.sync_now(progress=_progress, procs=procs)
    if result.rebuilt:
        print(f"pizhu: built the search index ({result.indexed} documents)", file=sys.stderr)
    service.segmenter.wait_ready()  # a one-shot command wants the word fallback too
    searcher = service.searcher()
    try:
        queries = sys.stdin if args.query == "-" else [args.query]
        for line in queries:
            query = line.rstrip("\r\n") if args.query == "-" else line
            response = searcher.search(
                query,
                limit=args.limit,
                doc_id=args.doc,
                tag=args.tag,
                annotations=args.annotations,
            )
            _print_response(response, args.json, stream=args.query == "-")
    finally:
        searcher.close()
    return 0


def _print_response(response: SearchResponse, as_json: bool, *, stream: bool) -> None:
    for note in response.notes:
        print(f"pizhu: note: {note}", file=sys.stderr)
    if as_json:
        if stream:
            sys.stdout.write(json.dumps(response.as_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            print_json(response.as_json())
        return
    if stream:
        print(f"# {response.query}")
    for hit in response.hits:
        print(f"#{hit.doc_id}  {hit.title}  ({hit.match_count} matches, score {hit.score:.2f})")
        if hit.section:
            print(f"    § {hit.section}")
        print(f"    {hit.snippet}")
    shown = len(response.hits)
    print(
        f"{response.total} document(s), {shown} shown, {response.took_ms:.1f} ms",
        file=sys.stderr,
    )
    if stream:
        sys.stdout.flush()


def cmd_reindex(args: argparse.Namespace, data_dir: Path) -> int:
    procs = _procs(data_dir)
    service = SearchService(data_dir)
    if not args.wait:
        service.indexer.index.invalidate()
        print("search index will be rebuilt at the next search or app start")
        return 0
    result = service.sync_now(rebuild=True, progress=_progress, procs=procs)
    print(f"search index rebuilt: {result.indexed} documents")
    return 0
