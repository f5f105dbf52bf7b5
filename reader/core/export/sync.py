"""Sync to a notes folder (an Obsidian vault, a Logseq graph, any folder): one note per
document, kept up to date in place.

The rules (docs/annotations.md, "Sync to a notes folder"):

* A note is found by the ``doc_id`` in its front matter (YAML ``doc_id: 3`` or Logseq
  ``doc_id:: 3``), anywhere under the folder, so a renamed document, or a note the user
  moved or renamed, keeps its file. New notes are named after the document's title.
* Pizhu owns the region between ``<!-- pizhu:begin … -->`` and ``<!-- pizhu:end -->``;
  everything outside it is the user's and is kept. Front matter keys the template writes
  are updated in place; keys the user added stay.
* The begin marker carries a hash of the region as Pizhu last wrote it. A region whose
  text no longer matches is the user's edit: the note is reported as a conflict and left
  alone, never overwritten. (The hash travels with the note, so a vault copied to another
  machine or synced by another tool keeps working; line endings and trailing blanks do
  not count as edits.)
* Only notes whose text would change are rewritten (atomically); a deleted annotation
  disappears from its note at the next sync; ``dry_run`` writes nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlite_utils import Database

from reader.core.export.filenames import safe_stem, unique_name
from reader.core.export.labels import DEFAULT_LANGUAGE
from reader.core.export.records import DocumentRecord
from reader.core.export.scope import ExportScope
from reader.core.export.service import ExportService, write_atomic
from reader.core.export.templates import find as find_template
from reader.errors import PizhuError, UsageError
from reader.platform.settings import Settings

DEFAULT_SYNC_TEMPLATE = "obsidian"
BEGIN = "<!-- pizhu:begin hash={hash} -->"
END = "<!-- pizhu:end -->"
_BEGIN = re.compile(r"^<!-- pizhu:begin(?: hash=([0-9a-f]+))? -->[ \t]*$", re.MULTILINE)
_END = re.compile(r"^<!-- pizhu:end -->[ \t]*$", re.MULTILINE)
_YAML_ID = re.compile(r"^doc_id:\s*(\d+)\s*$", re.MULTILINE)
_LOGSEQ_ID = re.compile(r"^doc_id::\s*(\d+)\s*$", re.MULTILINE)
_FRONT_OPEN = re.compile(r"---[ \t]*\n")
_FRONT_CLOSE = re.compile(r"\n---[ \t]*(?:\n|$)")
_PROPERTY = re.compile(r"^([A-Za-z_][\w-]*)(::?)[ \t]")
HEAD_BYTES = 8192
SKIP_DIRS = {"logseq", "node_modules"}  # Logseq's own folder (backups!), and tools'



class SyncAction(StrEnum):
    """What sync did to one document's note (the ``action`` of ``sync-notes --json``)."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"  # the region was edited by hand: left alone
    SKIPPED = "skipped"  # no annotations, unreadable, or its document is gone


@dataclass(frozen=True)
class NoteAction:
    doc_id: int
    title: str
    path: Path | None
    action: SyncAction
    reason: str = ""

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "doc_id": self.doc_id,
            "title": self.title,
            "path": str(self.path) if self.path else None,
            "action": self.action,
        }
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass
class SyncReport:
    folder: Path
    dry_run: bool
    actions: list[NoteAction] = field(default_factory=list)

    @property
    def written(self) -> list[NoteAction]:
        return self._of(SyncAction.CREATED, SyncAction.UPDATED)

    @property
    def kept(self) -> list[NoteAction]:
        return self._of(SyncAction.UNCHANGED)

    @property
    def skipped(self) -> list[NoteAction]:
        return self._of(SyncAction.CONFLICT, SyncAction.SKIPPED)

    @property
    def conflicts(self) -> list[NoteAction]:
        return self._of(SyncAction.CONFLICT)

    def _of(self, *kinds: SyncAction) -> list[NoteAction]:
        return [a for a in self.actions if a.action in kinds]

    def as_json(self) -> dict[str, object]:
        return {
            "folder": str(self.folder),
            "dry_run": self.dry_run,
            "written": [a.as_json() for a in self.written],
            "kept": [a.as_json() for a in self.kept],
            "skipped": [a.as_json() for a in self.skipped],
            "conflicts": len(self.conflicts),
        }


@dataclass(frozen=True)
class _Note:
    """An existing note split into the user's parts and Pizhu's region."""

    front: str  # the front matter block, "" if none (includes its closing line)
    before: str  # between the front matter and the begin marker
    stored_hash: str | None
    region: str
    after: str  # from the end marker's line end on


def region_hash(text: str) -> str:
    """A hash of what a region says: CRLF and trailing blanks are not edits."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    normal = "\n".join(lines).strip("\n")
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def split_front(text: str) -> tuple[str, str]:
    """(front matter, the rest): a YAML ``---`` block at the top, or Logseq's leading
    ``key:: value`` lines (its page properties)."""
    opening = _FRONT_OPEN.match(text)
    closing = _FRONT_CLOSE.search(text, opening.end() - 1) if opening else None
    if closing:
        return text[: closing.end()], text[closing.end() :]
    lines = text.split("\n")
    count = 0
    while count < len(lines) and re.match(r"^[A-Za-z_][\w-]*:: ", lines[count]):
        count += 1
    if count:
        front = "\n".join(lines[:count]) + "\n"
        return front, text[len(front) :]
    return "", text


def note_doc_id(head: str) -> int | None:
    """The document a note belongs to, from its front matter."""
    front, _ = split_front(head.replace("\r\n", "\n"))
    match = _YAML_ID.search(front) or _LOGSEQ_ID.search(front)
    return int(match.group(1)) if match else None


def parse_note(text: str) -> _Note | str:
    """The note's parts, or why Pizhu cannot tell its region apart (a conflict)."""
    text = text.replace("\r\n", "\n")
    front, rest = split_front(text)
    begins = list(_BEGIN.finditer(rest))
    ends = list(_END.finditer(rest))
    if not begins or not ends:
        return "it has no Pizhu region (<!-- pizhu:begin --> … <!-- pizhu:end -->)"
    if len(begins) > 1 or len(ends) > 1 or ends[0].start() < begins[0].end():
        return "its Pizhu region markers are doubled or out of order"
    begin, end = begins[0], ends[0]
    region = rest[begin.end() : end.start()].strip("\n")
    return _Note(front, rest[: begin.start()], begin.group(1), region, rest[end.end() :])


def merge_front(old: str, new: str) -> str:
    """``old`` front matter with the values of the keys ``new`` writes brought up to date.

    A key the user added stays; a key Pizhu writes but the user removed stays removed; a
    user's multi-line value of a key Pizhu writes is replaced by Pizhu's one line.
    """
    if not old:
        return new
    fresh: dict[str, str] = {}
    for line in new.split("\n"):
        if match := _PROPERTY.match(line):
            fresh[match.group(1) + match.group(2)] = line
    out: list[str] = []
    skipping = False
    for line in old.split("\n"):
        match = _PROPERTY.match(line) or re.match(r"^([A-Za-z_][\w-]*)(::?)$", line)
        if match:
            key = match.group(1) + match.group(2)
            skipping = key in fresh
            out.append(fresh.get(key, line))
        elif skipping and (line.startswith((" ", "\t", "- "))):
            continue  # the rest of a multi-line value just replaced
        else:
            skipping = False
            out.append(line)
    return "\n".join(out)


def with_doc_id(front: str, doc_id: int) -> str:
    """``front`` naming the document: a user template may leave the id out."""
    if note_doc_id(front) is not None:
        return front
    if not front:
        return f"---\ndoc_id: {doc_id}\n---\n"
    if front.startswith("---\n"):
        return f"---\ndoc_id: {doc_id}\n{front[4:]}"
    return f"doc_id:: {doc_id}\n{front}"


def compose(front: str, region: str, before: str = "\n", after: str = "\n") -> str:
    marker = BEGIN.format(hash=region_hash(region))
    return f"{front}{before}{marker}\n{region}\n{END}{after}"


def scan_notes(folder: Path) -> dict[int, list[Path]]:
    """Every Markdown note under ``folder`` that names a document, by document id."""
    found: dict[int, list[Path]] = {}
    for path in _markdown_files(folder):
        try:
            with path.open(encoding="utf-8", errors="replace") as handle:
                head = handle.read(HEAD_BYTES)
        except OSError:
            continue
        doc_id = note_doc_id(head)
        if doc_id is not None:
            found.setdefault(doc_id, []).append(path)
    return found


def _markdown_files(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            if name.lower().endswith(".md") and not name.startswith("."):
                yield Path(root) / name


class NotesSync:
    """One sync of a folder: plan every note, then (unless a dry run) write the changed."""

    def __init__(
        self,
        db: Database,
        folder: Path,
        *,
        data_dir: Path | None = None,
        template: str = DEFAULT_SYNC_TEMPLATE,
        lang: str = DEFAULT_LANGUAGE,
    ) -> None:
        self.service = ExportService(db, data_dir)
        self.folder = folder
        self.template = find_template(template, data_dir).name
        self.lang = lang

    def run(self, *, dry_run: bool = False, doc_ids: Iterable[int] | None = None) -> SyncReport:
        only = None if doc_ids is None else frozenset(doc_ids)  # read once: may be an iterator
        self._check_folder(create=not dry_run)
        notes = scan_notes(self.folder) if self.folder.is_dir() else {}
        known = {d.id: d for d in self.service.documents.list()}
        wanted = self._documents(known, notes, only)
        report = SyncReport(self.folder, dry_run)
        taken: set[str] = set()
        if self.folder.is_dir():
            taken = {p.name.casefold() for p in self.folder.iterdir()}
        scope = ExportScope(doc_ids=tuple(wanted))
        for doc in self.service.records(scope, lang=self.lang) if wanted else []:
            paths = notes.get(doc.id, [])
            action, text = self._plan(doc, paths, taken)
            if text is not None and not dry_run and action.path is not None:
                write_atomic(action.path, text)
            report.actions.append(action)
        for doc_id in sorted(set(notes) - set(known)):
            if only is None or doc_id in only:
                for path in notes[doc_id]:
                    report.actions.append(NoteAction(
                        doc_id, "", path, SyncAction.SKIPPED,
                        f"document {doc_id} is no longer in the library; the note is left as it is",
                    ))  # fmt: skip
        return report

    def _check_folder(self, *, create: bool) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            raise UsageError(f"{self.folder} is a file; sync-notes needs a folder")
        if not self.folder.exists() and create:
            try:
                self.folder.mkdir(parents=True)
            except OSError as exc:
                raise PizhuError(
                    f"cannot create folder {self.folder}: {exc.strerror or exc}"
                ) from None

    def _documents(
        self, known: Mapping[int, object], notes: dict[int, list[Path]], only: Iterable[int] | None
    ) -> list[int]:
        """Documents with live annotations, and those that already have a note (so their
        deleted annotations leave it)."""
        rows = self.service.db.execute(
            "SELECT DISTINCT doc_id FROM annotations WHERE deleted_at IS NULL"
        ).fetchall()
        ids = {int(r[0]) for r in rows} | (set(notes) & set(known))
        if only is not None:
            ids &= set(only)
        return sorted(ids)

    def _render(self, doc: DocumentRecord) -> tuple[str, str]:
        """(front matter, region) of the note for ``doc``; the stamp is the document's
        latest annotation change, so an unchanged document renders the same text."""
        context = self.service.context(
            ExportScope(doc_ids=(doc.id,)),
            exported=doc.updated or "",
            lang=self.lang,
            documents=[doc],
        )
        front, body = split_front(self.service.renderer.render(self.template, context))
        return with_doc_id(front, doc.id), body.strip("\n")

    def _plan(
        self, doc: DocumentRecord, paths: list[Path], taken: set[str]
    ) -> tuple[NoteAction, str | None]:
        def act(kind: SyncAction, path: Path | None, reason: str = "") -> NoteAction:
            return NoteAction(doc.id, doc.title, path, kind, reason)

        if len(paths) > 1:
            names = ", ".join(str(p) for p in paths)
            return act(SyncAction.CONFLICT, paths[0],
                       f"several notes name document {doc.id}: {names}"), None  # fmt: skip
        front, region = self._render(doc)
        if not paths:
            if not doc.annotations:
                return act(SyncAction.SKIPPED, None, "no annotations"), None
            name = unique_name(safe_stem(doc.title), ".md", taken, str(doc.id))
            return act(SyncAction.CREATED, self.folder / name), compose(front, region)
        path = paths[0]
        try:
            old = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return act(SyncAction.SKIPPED, path, f"cannot read it: {exc}"), None
        note = parse_note(old)
        if isinstance(note, str):
            return act(SyncAction.CONFLICT, path, note), None
        if note.region.strip() and region_hash(note.region) != note.stored_hash:
            reason = "its Pizhu region was edited outside Pizhu; left alone"
            return act(SyncAction.CONFLICT, path, reason), None
        text = compose(merge_front(note.front, front), region, note.before, note.after)
        if text == old.replace("\r\n", "\n"):
            return act(SyncAction.UNCHANGED, path), None
        return act(SyncAction.UPDATED, path), text


def sync_notes(
    db: Database,
    folder: Path,
    *,
    data_dir: Path | None = None,
    template: str = DEFAULT_SYNC_TEMPLATE,
    lang: str = DEFAULT_LANGUAGE,
    dry_run: bool = False,
    doc_ids: Iterable[int] | None = None,
) -> SyncReport:
    """Sync ``folder`` with the library (see the module's rules)."""
    sync = NotesSync(db, folder, data_dir=data_dir, template=template, lang=lang)
    return sync.run(dry_run=dry_run, doc_ids=doc_ids)


def sync_after_change(data_dir: Path, db: Database, doc_ids: Iterable[int]) -> SyncReport | None:
    """The "sync after every annotation change" setting: sync the notes of ``doc_ids``
    if the user turned it on (``notes_auto_sync`` and ``notes_dir`` in settings.json).

    The UI calls this once per change with the documents whose annotations changed;
    ``None`` means the setting is off. Errors are :class:`PizhuError` (one line to show).
    """
    settings = Settings.load(data_dir)
    if not settings.notes_auto_sync or not settings.notes_dir.strip():
        return None
    return sync_notes(
        db,
        Path(settings.notes_dir).expanduser(),
        data_dir=data_dir,
        template=settings.notes_template or DEFAULT_SYNC_TEMPLATE,
        lang=settings.notes_language or DEFAULT_LANGUAGE,
        doc_ids=list(doc_ids),
    )
