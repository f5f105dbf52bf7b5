"""Annotation commands: ``annotate``, ``annotations``, ``edit``, ``delete``, ``restore``,
``tags``, ``tag``, ``colors``, ``progress``, ``export`` and ``import-annotations``.

Each command opens the library, does its work in one transaction and closes it;
user mistakes raise :class:`UsageError` (exit 2) and failures :class:`PizhuError`
(exit 1), both printed as one line by :func:`reader.cli.main`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.cli import argtypes
from reader.cli.options import JSON
from reader.cli.output import print_json, shown
from reader.core.annotate.annotations import STYLES, Annotation
from reader.core.export.labels import DEFAULT_LANGUAGE, LANGUAGES
from reader.core.export.scope import ExportScope, parse_date
from reader.core.export.service import ExportService
from reader.core.export.templates import DEFAULT_TEMPLATE
from reader.core.export.templates import find as find_template
from reader.core.library import Library, opened_library
from reader.core.storage.db import read_snapshot, transaction
from reader.core.text.script import AS_WRITTEN, SCRIPTS
from reader.errors import PizhuError, UsageError, library_error

QUOTE_PREVIEW = 40
ANNOTATION_ID = argtypes.whole_number("an annotation id", minimum=1)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "annotate", help="highlight or underline a span of a document", parents=[JSON]
    )
    p.add_argument("doc", type=argtypes.doc_id, metavar="DOC")
    p.add_argument("--quote", metavar="TEXT", help="the text to annotate")
    p.add_argument(
        "--occurrence", type=argtypes.occurrence, metavar="N", help="which occurrence (from 1)"
    )
    p.add_argument("--start", type=argtypes.offset, metavar="S", help="start offset (code points)")
    p.add_argument("--end", type=argtypes.offset, metavar="E", help="end offset, exclusive")
    _add_fields(p)
    p.add_argument("--tag", action="append", default=[], metavar="T")
    p.set_defaults(handler=cmd_annotate)

    p = sub.add_parser("annotations", help="list annotations", parents=[JSON])
    p.add_argument("doc", type=argtypes.doc_id, nargs="?", metavar="DOC")
    p.add_argument("--tag", metavar="T", help="with this tag or one below it")
    p.add_argument("--color", metavar="C")
    p.add_argument("--orphaned", action="store_true", help="only those that lost their place")
    p.add_argument("--trash", action="store_true", help="list the trash instead")
    p.set_defaults(handler=cmd_annotations)

    p = sub.add_parser(
        "edit", help="change an annotation's note, colour, style or tags", parents=[JSON]
    )
    _add_annotation_ref(p)
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--color", metavar="C")
    p.add_argument("--style", choices=STYLES)
    p.add_argument("--add-tag", action="append", default=[], metavar="T")
    p.add_argument("--remove-tag", action="append", default=[], metavar="T")
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("delete", help="move an annotation to the trash")
    _add_annotation_ref(p)
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser("restore", help="bring an annotation back from the trash")
    _add_annotation_ref(p)
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("tags", help="list tags with counts", parents=[JSON])
    p.set_defaults(handler=cmd_tags)

    p = sub.add_parser("tag", help="rename (or merge) tags; tag documents")
    tag_sub = p.add_subparsers(dest="tag_command", metavar="ACTION", parser_class=type(p))
    tag_sub.required = True
    q = tag_sub.add_parser("rename", help="rename a tag and those below it; merges if NEW exists")
    q.add_argument("old", metavar="OLD")
    q.add_argument("new", metavar="NEW")
    q.set_defaults(handler=cmd_tag_rename)
    q = tag_sub.add_parser("document", help="add or remove a document's tags")
    q.add_argument("doc", type=argtypes.doc_id, metavar="DOC")
    q.add_argument("--add", action="append", default=[], metavar="T")
    q.add_argument("--remove", action="append", default=[], metavar="T")
    q.set_defaults(handler=cmd_tag_document)

    p = sub.add_parser("colors", help="list the colour palette; relabel a colour", parents=[JSON])
    p.add_argument("--label", nargs=2, metavar=("COLOR", "LABEL"))
    p.set_defaults(handler=cmd_colors)

    p = sub.add_parser(
        "progress", help="reading progress (all documents by last opened)", parents=[JSON]
    )
    p.add_argument("doc", type=argtypes.doc_id, nargs="?", metavar="DOC")
    p.add_argument(
        "--set", type=argtypes.offset, metavar="OFFSET", help="record OFFSET as read up to"
    )
    p.set_defaults(handler=cmd_progress)

    p = sub.add_parser("export", help="export annotations as Markdown (templates) or JSON")
    p.add_argument("docs", type=argtypes.doc_id, nargs="*", metavar="DOC")
    p.add_argument("--tag", metavar="T", help="annotations with this tag (or below it)")
    p.add_argument(
        "--all", action="store_true", help="every document (a folder, or one FILE.md)"
    )
    p.add_argument("--annotation", type=ANNOTATION_ID, action="append", default=[],
                   metavar="ID", help="only these annotations (repeat)")  # fmt: skip
    p.add_argument("--color", metavar="C", help="only this colour (key or label)")
    p.add_argument("--since", metavar="DATE", help="created on or after DATE (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="created on or before DATE (YYYY-MM-DD)")
    p.add_argument("--collection", metavar="C", help="a collection (id or path), with those below")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.add_argument("--template", metavar="NAME", help="markdown (default), obsidian, logseq or"
                   " a template of the data dir (pizhu templates lists them)")  # fmt: skip
    p.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                   help="language of colour labels and headings (default zh)")  # fmt: skip
    p.add_argument("--no-notes", action="store_true", help="quotes only, without notes")
    p.add_argument("-o", "--output", type=argtypes.path, required=True, metavar="PATH")
    p.add_argument(
        "--script", choices=SCRIPTS, help="quotes and titles in these characters (notes as written)"
    )
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import-annotations", help="restore a JSON annotation backup", parents=[JSON]
    )
    p.add_argument("file", type=argtypes.path, metavar="FILE.json")
    p.set_defaults(handler=cmd_import_annotations)


def _add_annotation_ref(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "annotation", type=argtypes.annotation_ref, metavar="ANNOTATION", help="id or UUID"
    )


def _add_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--color", default="yellow", metavar="C", help="key or label")
    p.add_argument("--style", choices=STYLES, default="highlight")
    p.add_argument("--note", default="", metavar="TEXT", help="a note (Markdown)")


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_PREVIEW else flat[: QUOTE_PREVIEW - 1] + "…"


def _line(ann: Annotation, labels: dict[str, str]) -> str:
    flags = " ORPHANED" if ann.orphaned else ""
    tags = "".join(f" #{t}" for t in ann.tags)
    note = f"  — {_preview(ann.note)}" if ann.note else ""
    label = labels.get(ann.color, ann.color)
    return shown(
        f"{ann.id:>5}  doc {ann.doc_id} [{ann.start}-{ann.end}] {label}"
        f"{' underline' if ann.style == 'underline' else ''}{flags}"
        f"  「{_preview(ann.quote)}」{tags}{note}"
    )


def _show(ann: Annotation, as_json: bool, library: Library) -> None:
    if as_json:
        print_json(ann.as_json())
    else:
        print(_line(ann, library.colors.labels()))


def cmd_annotate(args: argparse.Namespace, data_dir: Path) -> int:
    start: int | None = args.start
    end: int | None = args.end
    by_quote = args.quote is not None
    by_span = start is not None or end is not None
    if by_quote == by_span:
        raise UsageError("give either --quote TEXT or --start S --end E")
    if by_span and (start is None or end is None):
        raise UsageError("--start and --end go together")
    if args.occurrence is not None and not by_quote:
        raise UsageError("--occurrence goes with --quote")
    fields = {"color": args.color, "style": args.style, "note": args.note, "tags": args.tag}
    with opened_library(data_dir) as library, transaction(library.db):
        service = library.annotations
        if start is not None and end is not None:
            ann, _ = service.create(args.doc, start, end, **fields)
        else:  # by quote: the checks above leave no other case
            occurrence = 1 if args.occurrence is None else args.occurrence
            ann, _ = service.create_from_quote(args.doc, args.quote, occurrence, **fields)
            if args.occurrence is None:
                count = service.count_occurrences(library.documents.text(args.doc), args.quote)
                if count > 1:
                    print(
                        f"pizhu: note: the quote occurs {count} times; annotated the first"
                        " (use --occurrence N)",
                        file=sys.stderr,
                    )
        _show(ann, args.json, library)
    return 0


def cmd_annotations(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library:
        if args.doc is not None:
            library.documents.get(args.doc)
        found = library.annotations.list(
            doc_ids=None if args.doc is None else [args.doc],
            tag=args.tag,
            color=args.color,
            orphaned=args.orphaned,
            trashed=args.trash,
        )
        labels = library.colors.labels()
    if args.json:
        print_json([a.as_json() for a in found])
    else:
        for ann in found:
            print(_line(ann, labels))
    return 0


def cmd_edit(args: argparse.Namespace, data_dir: Path) -> int:
    if (
        args.note is None
        and args.color is None
        and args.style is None
        and not args.add_tag
        and not args.remove_tag
    ):
        raise UsageError("nothing to change (give --note, --color, --style or tags)")
    with opened_library(data_dir) as library, transaction(library.db):
        ann, _ = library.annotations.update(
            args.annotation,
            note=args.note,
            color=args.color,
            style=args.style,
            add_tags=args.add_tag,
            remove_tags=args.remove_tag,
        )
        _show(ann, args.json, library)
    return 0


def cmd_delete(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library, transaction(library.db):
        ann = library.annotations.get(args.annotation)
        library.annotations.delete(ann.id)
    print(f"moved annotation {ann.id} to the trash (pizhu restore {ann.id} brings it back)")
    return 0


def cmd_restore(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library, transaction(library.db):
        ann, _ = library.annotations.restore(args.annotation)
        _show(ann, False, library)
    return 0


def cmd_tags(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library:
        tags = library.tags.list()
    if args.json:
        print_json([t.as_json() for t in tags])
        return 0
    for tag in tags:
        leaf = tag.name.rsplit("/", 1)[-1]
        docs = f", {tag.documents} document(s)" if tag.documents else ""
        print(shown(f"{'  ' * tag.depth}{leaf}  ({tag.total}{docs})"))
    return 0


def cmd_tag_rename(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library, transaction(library.db):
        library.tags.rename(args.old, args.new)
    print(shown(f"renamed tag {args.old} to {args.new}"))
    return 0


def cmd_tag_document(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library, transaction(library.db):
        if args.add:
            library.tags.tag_document(args.doc, args.add)
        if args.remove:
            library.tags.untag_document(args.doc, args.remove)
        library.documents.get(args.doc)
        names = library.tags.document_tags(args.doc)
    print(shown(" ".join(f"#{n}" for n in names) or "(no tags)"))
    return 0


def cmd_colors(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library:
        if args.label:
            library.colors.set_label(*args.label)  # its own write transaction
        colors = library.colors.list()
    if args.json:
        print_json([c.as_json() for c in colors])
    else:
        for c in colors:
            print(shown(f"{c.key:<7} {c.hex}  {c.label}"))
    return 0


def cmd_progress(args: argparse.Namespace, data_dir: Path) -> int:
    if args.set is not None and args.doc is None:
        raise UsageError("--set needs a DOC")
    with opened_library(data_dir) as library:
        if args.set is not None:
            library.progress.set(args.doc, args.set)  # its own write transaction
        if args.doc is not None:
            rows = [library.progress.get(args.doc)]
        else:
            rows = library.progress.recent()
        titles = {d.id: d.title for d in library.documents.list()}
    if args.json:
        data = [r.as_json() for r in rows]
        print_json(data[0] if args.doc is not None else data)
        return 0
    for r in rows:
        when = r.last_opened or "never opened"
        title = shown(titles.get(r.doc_id, ""))
        print(f"{r.doc_id:>4}  {r.percent:6.2f}%  @{r.offset:<8} {when}  {title}")
    return 0


def export_scope(args: argparse.Namespace, library: Library) -> ExportScope:
    """The scope the export options describe (filters combine)."""
    return ExportScope(
        doc_ids=tuple(args.docs),
        tag=args.tag,
        all=args.all,
        annotation_ids=tuple(args.annotation),
        color=args.color,
        since=parse_date(args.since) if args.since else None,
        until=parse_date(args.until) if args.until else None,
        collection_id=_collection(library, args.collection) if args.collection else None,
    )


def _collection(library: Library, ref: str) -> int:
    """A collection by id or by path (``报告/2024``)."""
    collections = library.collections.all()
    wanted = ref.strip().strip("/")
    for c in collections:
        if wanted in (str(c.id), c.path):
            return c.id
    choices = ", ".join(shown(c.path) for c in collections[:10]) or "there are none"
    raise UsageError(f"no collection {ref!r} (by id or path: {choices})")


def cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    if args.format == "json" and (args.template or args.no_notes):
        raise UsageError("--template and --no-notes are for Markdown; a JSON backup holds all")
    if not args.output.strip():
        raise UsageError("-o needs a file name (or a folder, for --all)")
    path = Path(args.output)
    with opened_library(data_dir) as library, read_snapshot(library.db):
        scope = export_scope(args, library)
        scope.check()
        service = ExportService(library.db, data_dir)
        script = args.script or AS_WRITTEN
        if args.format == "json":
            report = service.export_json(scope, path, script=script)
        else:
            template = args.template or DEFAULT_TEMPLATE
            find_template(template, data_dir)  # before any folder is made
            if args.output.endswith(("/", os.sep)):
                _make_folder(path)  # "-o notes/" asks for a folder
            report = service.export_markdown(
                scope, path, script=script, template=template, lang=args.lang,
                include_notes=not args.no_notes,
            )  # fmt: skip
    where = path if len(report.files) == 1 else f"{len(report.files)} files in {path}"
    print(
        shown(
            f"exported {report.annotations} annotation(s) from {report.documents} document(s)"
            f" to {where}"
        ),
        file=sys.stderr if _is_stdout(path) else sys.stdout,  # keep `-o /dev/stdout` clean
    )
    return 0


def _make_folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise library_error(exc) or PizhuError(
            f"cannot create folder {path}: {exc.strerror or exc}"
        ) from None


def _is_stdout(path: Path) -> bool:
    """True when ``path`` is where standard output goes (``/dev/stdout``, ``/proc/self/fd/1``)."""
    try:
        here, there = os.fstat(sys.stdout.fileno()), path.stat()
    except (OSError, ValueError):  # no such file, or stdout is not a real file (tests)
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def cmd_import_annotations(args: argparse.Namespace, data_dir: Path) -> int:
    with opened_library(data_dir) as library, transaction(library.db):
        report = ExportService(library.db).import_json(Path(args.file))
    if args.json:
        print_json(report.as_json())
    else:
        print(", ".join(f"{n} {what}" for what, n in report.as_json().items()))
    return 1 if report.unmatched and not report.imported and not report.existing else 0
