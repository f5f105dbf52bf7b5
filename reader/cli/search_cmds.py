"""``search`` and ``reindex``: the search feature's commands (``check`` covers the index too).

The CLI has no background thread: before searching it brings the index up to
date in the foreground (a rebuild prints progress on a terminal). Search stays
correct even if that is skipped, because queued documents are verified directly.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.cli import argtypes
from reader.cli.options import JSON
from reader.cli.output import shown, tty_progress, write_json_list
from reader.core.library import Library
from reader.core.search.indexer import SyncResult
from reader.core.search.response import SearchResponse
from reader.core.search.service import SearchService
from reader.core.storage.validation import clean_text
from reader.errors import DiskFullError, PizhuError, UsageError, library_error

PARALLEL_BUILD_CHARS = 2_000_000
"""Full builds of larger libraries use two Whoosh writer processes."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search", help="full-text search (QUERY '-' reads queries from stdin)", parents=[JSON]
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=argtypes.limit, default=20, metavar="N")
    p.add_argument("--doc", type=argtypes.doc_id, metavar="ID", help="only in this document")
    p.add_argument("--tag", metavar="T", help="only documents/passages tagged T")
    p.add_argument("--annotations", action="store_true", help="search annotation quotes/notes")
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
    stream = args.query == "-"
    queries = _stdin_queries() if stream else iter([_checked(args.query, "the query")])
    procs = _procs(data_dir)  # also creates and migrates the library
    service = SearchService(data_dir)
    service.segmenter.start_loading()
    _sync_before_search(service, procs)
    service.segmenter.wait_ready()  # a one-shot command wants the word fallback too
    searcher = service.searcher()
    try:
        for query in queries:
            response = searcher.search(
                query,
                limit=args.limit,
                doc_id=args.doc,
                tag=args.tag,
                annotations=args.annotations,
            )
            _print_response(response, args.json, stream=stream)
    finally:
        searcher.close()
    return 0


def _sync_before_search(service: SearchService, procs: int) -> None:
    """Bring the index up to date; if it cannot be written, search without it (one note).

    The index is a cache: with a full disk (Whoosh's ``ENOSPC`` or SQLite's "disk is
    full" when the queue is updated) the searcher verifies the library's texts directly.
    """
    try:
        result = service.sync_now(progress=_progress, procs=procs)
    except (PizhuError, OSError, sqlite3.Error) as exc:
        reason = _unwritable_reason(exc)
        if reason is None:  # a damaged library, not a full disk: searching would fail too
            raise
        print(shown(f"pizhu: note: search index not updated ({reason}); searching the library"
                    " directly"), file=sys.stderr)
        return
    if result.rebuilt:
        print(f"pizhu: built the search index ({result.indexed} documents)", file=sys.stderr)


def _unwritable_reason(exc: BaseException) -> str | None:
    """Why the index could not be written, in a few words; None for an unexpected error."""
    if isinstance(exc, OSError):  # "No space left on device", "Read-only file system"
        return exc.strerror or str(exc)
    known = exc if isinstance(exc, PizhuError) else library_error(exc)
    if isinstance(known, DiskFullError):  # SQLite's "database or disk is full"
        return "the disk is full"
    return None if known is None else str(known)


def _checked(query: str, what: str) -> str:
    """Refuse a query that is not text (undecodable argv bytes arrive as lone surrogates)."""
    return clean_text(query, what, multiline=False)


def _stdin_queries() -> Iterator[str]:
    """One query per line of standard input, read as bytes so bad UTF-8 is named, not raised."""
    binary = getattr(sys.stdin, "buffer", None)
    lines: Iterable[bytes | str] = sys.stdin if binary is None else binary
    for number, line in enumerate(lines, 1):
        what = f"the query on line {number} of standard input"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                raise UsageError(f"{what} is not valid UTF-8") from None
        yield _checked(line.rstrip("\r\n"), what)


def _print_response(response: SearchResponse, as_json: bool, *, stream: bool) -> None:
    for note in response.notes:
        print(shown(f"pizhu: note: {note}"), file=sys.stderr)
    if as_json:
        head = response.as_json(hits=False)
        write_json_list(head, "hits", (h.as_json() for h in response.hits),
                        None if stream else 2)
        if stream:
            sys.stdout.flush()
        return
    if stream:
        print(shown(f"# {response.query}"))
    for hit in response.hits:
        words = "" if hit.exact else ", words only"
        matches = f"({hit.match_count} matches, score {hit.score:.2f}{words})"
        print(shown(f"#{hit.doc_id}  {hit.title}  {matches}"))
        if hit.section:
            print(shown(f"    § {hit.section}"))
        print(shown(f"    {hit.snippet}"))
    print(
        f"{response.total} document(s), {len(response.hits)} shown, {response.took_ms:.1f} ms",
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
    result = _rebuild(service, procs, wait=0.0)
    if result.busy and not result.rebuilt:  # another reindex, search or the window is syncing
        print("pizhu: note: another search index build is running; waiting for it to finish",
              file=sys.stderr)
        result = _rebuild(service, procs, wait=None)
    if result.busy:
        raise PizhuError(
            f"the search index is busy (another process is writing it); {result.pending}"
            " document(s) still to index; try again"
        )
    print(f"search index rebuilt: {result.indexed} documents")
    return 0


def _rebuild(service: SearchService, procs: int, *, wait: float | None) -> SyncResult:
    """Rebuild the index; an index that cannot be written is one line, not a traceback.

    A full disk says "the disk is full; nothing was changed": the library is intact
    and search keeps answering from it until a later sync can write the index.
    """
    try:
        return service.sync_now(rebuild=True, progress=_progress, procs=procs, wait=wait)
    except OSError as exc:
        known = library_error(exc)
        if known is None:
            known = PizhuError(f"cannot write the search index: {exc.strerror or exc}")
        raise known from exc
