"""Notes commands: ``sync-notes`` (one note per document in a notes folder, kept up to
date in place) and ``templates`` (the export templates: presets and the user's own)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli import argtypes
from reader.cli.options import JSON
from reader.cli.output import print_json, shown
from reader.core.export import templates
from reader.core.export.labels import LANGUAGES
from reader.core.export.sync import SyncAction, SyncReport, sync_notes
from reader.core.library import opened_library
from reader.core.storage.db import read_snapshot
from reader.errors import UsageError
from reader.platform.settings import Settings

_VERBS = {
    SyncAction.CREATED: "created",
    SyncAction.UPDATED: "updated",
    SyncAction.CONFLICT: "conflict",
    SyncAction.SKIPPED: "skipped",
}
_DRY = {SyncAction.CREATED: "would create", SyncAction.UPDATED: "would update"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sync-notes", help="keep one note per document in a notes folder (Obsidian, Logseq, …)",
        parents=[JSON],
    )
    p.add_argument("dir", type=argtypes.path, nargs="?", metavar="DIR",
                   help="the notes folder (default: notes_dir in settings.json)")  # fmt: skip
    p.add_argument("--template", metavar="NAME",
                   help="obsidian (default), logseq, markdown or a user template")  # fmt: skip
    p.add_argument("--lang", choices=LANGUAGES, help="language of colour labels and headings")
    p.add_argument("--doc", type=argtypes.doc_id, action="append", metavar="DOC",
                   help="only this document's note (repeat)")  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    p.set_defaults(handler=cmd_sync_notes)

    p = sub.add_parser(
        "templates", help="list export templates (presets and your own)", parents=[JSON]
    )
    p.set_defaults(handler=cmd_templates)


def cmd_sync_notes(args: argparse.Namespace, data_dir: Path) -> int:
    settings = Settings.load(data_dir)
    folder = args.dir if args.dir is not None else settings.notes_dir
    if not folder or not folder.strip():
        raise UsageError("say which notes folder: pizhu sync-notes DIR")
    template = args.template or settings.notes_template or "obsidian"
    lang = args.lang or settings.notes_language or "zh"
    with opened_library(data_dir) as library, read_snapshot(library.db):
        report = sync_notes(
            library.db,
            Path(folder).expanduser(),
            data_dir=data_dir,
            template=template,
            lang=lang,
            dry_run=args.dry_run,
            doc_ids=args.doc,
        )
    if args.json:
        print_json(report.as_json())
    else:
        _print_report(report)
    return 1 if report.conflicts else 0


def _print_report(report: SyncReport) -> None:
    for action in report.written:
        verb = (_DRY if report.dry_run else _VERBS)[action.action]
        print(shown(f"{verb:<13} {action.path}"))
    for action in report.skipped:
        where = action.path or f"document {action.doc_id}"
        line = shown(f"{_VERBS[action.action]:<13} {where}: {action.reason}")
        print(line, file=sys.stderr if action.action is SyncAction.CONFLICT else sys.stdout)
    conflicts = len(report.conflicts)
    written = "would write" if report.dry_run else "wrote"
    print(
        f"{written} {len(report.written)} note(s), kept {len(report.kept)} unchanged,"
        f" skipped {len(report.skipped)}"
        + (f" ({conflicts} conflict(s): edit outside the Pizhu region, or move your"
           " text out of it and delete the region to let Pizhu write it again)"
           if conflicts else "")  # fmt: skip
    )


def cmd_templates(args: argparse.Namespace, data_dir: Path) -> int:
    found = templates.available(data_dir)
    if args.json:
        print_json([t.as_json() for t in found])
        return 0
    for t in found:
        kind = "built-in" if t.builtin else shown(str(t.path))
        print(shown(f"{t.name:<16} {kind}"))
    if not any(not t.builtin for t in found):
        print(shown(f"(your own: {templates.user_dir(data_dir)}/NAME.md.j2)"))
    return 0
