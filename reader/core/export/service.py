"""Export annotations to Markdown or JSON files, and restore a JSON backup.

Files are written whole to a temporary name and renamed into place, so re-exporting
replaces a file (never appends) and a crash never leaves half a file. Exporting a
folder never overwrites a file that belongs to another document or is not ours:
it picks another name instead.

    ExportService(db).export_markdown(ExportScope(doc_ids=(3,)), Path("3.md"))
    ExportService(db, data_dir).render(ExportScope(tag="城市"), "obsidian", lang="en")
    ExportService(db).export_json(ExportScope(all=True), Path("backup.json"))
    ExportService(db).import_json(Path("backup.json"))
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from reader import __version__
from reader.core.annotate.anchoring import Anchor, PlacementKind, locate, make_anchor
from reader.core.annotate.annotations import Annotation, AnnotationService, AnnotationStatus
from reader.core.annotate.colors import ColorService
from reader.core.annotate.tags import TagService, normalise_tag
from reader.core.changes import Changes
from reader.core.export import markdown, webanno
from reader.core.export.filenames import safe_stem, unique_name
from reader.core.export.labels import DEFAULT_LANGUAGE, check_language, labels_in, words
from reader.core.export.records import DocumentMeta, DocumentRecord, document_record
from reader.core.export.scope import ExportScope
from reader.core.export.templates import DEFAULT_TEMPLATE, Renderer
from reader.core.export.templates import find as find_template
from reader.core.storage.collections import CollectionStore
from reader.core.storage.db import now_iso, transaction
from reader.core.storage.documents import DocumentInfo, DocumentStore
from reader.core.storage.validation import clean_text
from reader.core.text.script import AS_WRITTEN, SCRIPTS, check_script, convert
from reader.errors import PizhuError, UsageError, library_error

_DOC_ID_LINE = re.compile(r"^doc_id: (\d+)$", re.MULTILINE)


@dataclass
class ExportReport:
    files: list[Path] = field(default_factory=list)
    documents: int = 0
    annotations: int = 0


@dataclass
class RestoreReport:
    imported: int = 0
    existing: int = 0  # UUID already in the library: left as it is
    unmatched: int = 0  # no document with that content or title
    moved: int = 0
    changed: int = 0
    orphaned: int = 0
    changes: Changes = field(default_factory=Changes)

    def as_json(self) -> dict[str, int]:
        return {
            "imported": self.imported,
            "existing": self.existing,
            "unmatched": self.unmatched,
            "moved": self.moved,
            "changed": self.changed,
            "orphaned": self.orphaned,
        }


class ExportService:
    def __init__(self, db: Database, data_dir: Path | None = None) -> None:
        self.db = db
        self.data_dir = data_dir  # where user templates live (None: built-ins only)
        self.documents = DocumentStore(db)
        self.annotations = AnnotationService(db)
        self.tags = TagService(db)
        self.colors = ColorService(db)
        self.collections = CollectionStore(db)
        self._renderer: Renderer | None = None

    # -- gathering --------------------------------------------------------------------

    def _selection(
        self, scope: ExportScope, *, trashed: bool = False, script: str = AS_WRITTEN
    ) -> list[tuple[DocumentInfo, list[Annotation]]]:
        scope.check()
        _check_script(script)
        tag = normalise_tag(scope.tag) if scope.tag else None
        doc_ids = list(dict.fromkeys(scope.doc_ids)) or None
        if scope.collection_id is not None:
            inside = self.collections.documents_in(self.collections.get(scope.collection_id).id)
            doc_ids = [d for d in doc_ids if d in inside] if doc_ids else inside
        docs = [self.documents.get(d) for d in doc_ids] if doc_ids else self.documents.list()
        color = self.colors.resolve(scope.color) if scope.color else None
        found = self.annotations.list(doc_ids=doc_ids, tag=tag, color=color)
        if trashed:
            found += self.annotations.list(doc_ids=doc_ids, tag=tag, color=color, trashed=True)
        by_doc: dict[int, list[Annotation]] = {}
        for ann in found:
            if scope.keeps(ann):
                by_doc.setdefault(ann.doc_id, []).append(_quote_in(ann, script))
        if not scope.doc_ids or scope.narrows:  # a filter across documents: those it found
            docs = [d for d in docs if d.id in by_doc]
        return [(d, by_doc.get(d.id, [])) for d in docs]

    def _export_document(
        self, info: DocumentInfo, script: str = AS_WRITTEN
    ) -> markdown.ExportDocument:
        """The document as the renderer needs it; title and headings in ``script`` (they are
        the document's text), its tags as the user wrote them."""
        outline = self.documents.outline(info.id)
        return markdown.ExportDocument(
            info.id,
            convert(info.title, script),
            info.source_path,
            tuple(self.tags.document_tags(info.id)),
            tuple(replace(e, title=convert(e.title, script)) for e in outline),
            tuple(self.documents.pages(info.id)),
        )

    def _meta(self, info: DocumentInfo, paths: dict[int, str]) -> DocumentMeta:
        return DocumentMeta(
            authors=tuple(info.authors),
            date=info.date,
            source_url=info.source_url,
            site=info.site,
            language=info.language,
            format=info.format,
            chars=info.chars,
            collections=tuple(
                paths[c] for c in self.collections.collections_of(info.id) if c in paths
            ),
        )

    def records(
        self, scope: ExportScope, script: str = AS_WRITTEN, lang: str = DEFAULT_LANGUAGE
    ) -> list[DocumentRecord]:
        """The export model of ``scope``: one record per document, its annotations in
        reading order, colour labels in ``lang``."""
        labels = labels_in(self.colors.labels(), _check_language(lang))
        hexes = {c.key: c.hex for c in self.colors.list()}
        page_word = words(lang)["page"]
        paths = {c.id: c.path for c in self.collections.all()}
        return [
            document_record(
                self._export_document(info, script), self._meta(info, paths), anns, labels,
                hexes, page_word,
            )
            for info, anns in self._selection(scope, script=script)
        ]

    def context(
        self,
        scope: ExportScope,
        *,
        exported: str | None = None,
        script: str = AS_WRITTEN,
        lang: str = DEFAULT_LANGUAGE,
        include_notes: bool = True,
        documents: list[DocumentRecord] | None = None,
    ) -> dict[str, object]:
        """What a template renders: ``documents`` (and ``doc`` when there is one),
        ``many``, ``title``, ``tag``, ``exported``, ``lang``, ``words``, ``counts``."""
        docs = self.records(scope, script, lang) if documents is None else documents
        tag = normalise_tag(scope.tag) if scope.tag else None
        many = len(docs) != 1 or bool(tag)
        title = words(lang)["annotations"] + (f" · {tag}" if tag else "")
        every = [a for d in docs for a in d.annotations]
        return {
            "documents": docs,
            "doc": None if many else docs[0],
            "many": many,
            "title": title,
            "tag": tag,
            "exported": now_iso() if exported is None else exported,  # sync: "" if no annotations
            "lang": lang,
            "words": words(lang),
            "include_notes": include_notes,
            "counts": {
                "annotations": len(every),
                "notes": sum(1 for a in every if a.has_note),
                "orphaned": sum(1 for a in every if a.orphaned),
            },
        }

    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:
            self._renderer = Renderer(self.data_dir)
        return self._renderer

    def render(
        self,
        scope: ExportScope,
        template: str = DEFAULT_TEMPLATE,
        *,
        exported: str | None = None,
        script: str = AS_WRITTEN,
        lang: str = DEFAULT_LANGUAGE,
        include_notes: bool = True,
    ) -> str:
        """The single-file export of ``scope`` through ``template`` (a preset or a user
        template): one document, or several together."""
        context = self.context(
            scope, exported=exported, script=script, lang=lang, include_notes=include_notes
        )
        return self.renderer.render(template, context)

    def markdown_for(
        self, scope: ExportScope, exported: str | None = None, script: str = AS_WRITTEN
    ) -> str:
        """The single-file Markdown for ``scope`` (one document, or several together);
        quotes, titles and headings in ``script`` (:data:`~reader.core.text.script.CHOICES`)."""
        return self.render(scope, DEFAULT_TEMPLATE, exported=exported, script=script)

    # -- writing ----------------------------------------------------------------------

    def export_markdown(
        self,
        scope: ExportScope,
        path: Path,
        exported: str | None = None,
        script: str = AS_WRITTEN,
        *,
        template: str = DEFAULT_TEMPLATE,
        lang: str = DEFAULT_LANGUAGE,
        include_notes: bool = True,
    ) -> ExportReport:
        """One file; one file per document into a folder when ``path`` is a folder, or
        for ``scope.all`` when ``path`` does not name a Markdown file (``notes.md``)."""
        options = {"script": script, "lang": lang, "include_notes": include_notes}
        if path.is_dir() or (scope.all and not is_markdown_name(path)):
            return self._export_folder(scope, path, exported or now_iso(), template, options)
        find_template(template, self.data_dir)
        docs = self.records(scope, script, lang)
        context = self.context(
            scope, exported=exported, script=script, lang=lang, include_notes=include_notes,
            documents=docs,
        )
        write_atomic(path, self.renderer.render(template, context))
        return ExportReport([path], len(docs), sum(len(d.annotations) for d in docs))

    def _export_folder(
        self,
        scope: ExportScope,
        folder: Path,
        exported: str,
        template: str,
        options: dict[str, Any],
    ) -> ExportReport:
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder} is a file; --all writes one file per document to a folder")
        find_template(template, self.data_dir)
        docs = self.records(scope, options["script"], options["lang"])
        texts = []
        for doc in docs:  # all rendered before the first write: a broken template writes none
            context = self.context(
                ExportScope(doc_ids=(doc.id,)), exported=exported, lang=options["lang"],
                include_notes=options["include_notes"], documents=[doc],
            )
            texts.append((doc, self.renderer.render(template, context)))
        folder.mkdir(parents=True, exist_ok=True)
        report = ExportReport()
        taken: set[str] = set()
        for doc, text in texts:
            info = self.documents.get(doc.id)
            name = self._name_for(folder, info, taken)  # as written: re-exports replace it
            write_atomic(folder / name, text)
            report.files.append(folder / name)
            report.documents += 1
            report.annotations += len(doc.annotations)
        return report

    @staticmethod
    def _name_for(folder: Path, info: DocumentInfo, taken: set[str]) -> str:
        """The document's file name, avoiding files that belong to someone else."""
        stem = safe_stem(info.title)
        while True:
            name = unique_name(stem, ".md", taken, str(info.id))
            target = folder / name
            if not target.exists() or _owner(target) == info.id:
                return name

    def export_json(
        self,
        scope: ExportScope,
        path: Path,
        generated: str | None = None,
        script: str = AS_WRITTEN,
    ) -> ExportReport:
        """A Web Annotation backup of the scope, trash included.

        With another ``script`` the quotes (and their context) and titles are converted
        and ``pizhu:script`` says so; :meth:`import_json` still places such quotes.
        """
        selection = self._selection(scope, trashed=True, script=script)
        docs = [
            webanno.DocumentRecord(
                info.id,
                convert(info.title, script),
                info.sha256,
                info.source_path,
                tuple(self.tags.document_tags(info.id)),
            )
            for info, _ in selection
        ]
        anns = [ann for _, group in selection for ann in group]
        data = webanno.to_collection(
            docs,
            anns,
            [c.as_json() for c in self.colors.list()],
            generated or now_iso(),
            f"pizhu {__version__}",
        )
        if script != AS_WRITTEN:
            data["pizhu:script"] = script
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return ExportReport([path], len(docs), len(anns))

    # -- restoring --------------------------------------------------------------------

    def import_json(self, path: Path) -> RestoreReport:
        """Restore a backup: documents matched by sha256, then by title; re-anchored.

        One transaction: a malformed backup changes nothing. Annotations whose UUID
        is already in the library are left alone, so importing twice is harmless.
        """
        colors, docs, items = webanno.parse_collection(_read_json(path))
        report = RestoreReport()
        texts: dict[int, str] = {}
        with transaction(self.db):
            for color in colors:
                self._restore_label(color, report)
            for doc in docs:
                doc_id = self._match(doc.get("sha256"), doc.get("title"))
                tags = [t for t in doc.get("tags") or [] if isinstance(t, str)]
                if doc_id is not None and tags:
                    report.changes.merge(self.tags.tag_document(doc_id, tags))
            for item in items:
                self._restore_item(item, report, texts)
        return report

    def _restore_label(self, color: dict[str, object], report: RestoreReport) -> None:
        key, label = color.get("key"), color.get("label")
        if isinstance(key, str) and isinstance(label, str):
            # An unknown key or a label clashing with another colour: keep this library's.
            with contextlib.suppress(UsageError):
                report.changes.merge(self.colors.set_label(key, label))

    def _match(self, sha256: object, title: object) -> int | None:
        if isinstance(sha256, str) and (doc := self.documents.find_by_sha(sha256)):
            return doc.id
        if isinstance(title, str):
            row = self.db.execute(
                "SELECT id FROM documents WHERE title = ? ORDER BY id LIMIT 1", [title]
            ).fetchone()
            return int(row[0]) if row else None
        return None

    def _restore_item(
        self, item: webanno.BackupItem, report: RestoreReport, texts: dict[int, str]
    ) -> None:
        if self.db.execute("SELECT 1 FROM annotations WHERE uuid = ?", [item.uuid]).fetchone():
            report.existing += 1
            return
        doc_id = self._match(item.sha256, item.title)
        if doc_id is None:
            report.unmatched += 1
            return
        text = texts.get(doc_id)
        if text is None:
            text = texts[doc_id] = self.documents.text(doc_id)
        place = locate(_as_written(item.anchor, text), text)
        if not place.found:
            report.orphaned += 1
            anchor = item.anchor
            start = min(max(0, anchor.start), max(0, len(text) - 1))
            end = min(len(text), start + max(1, len(anchor.quote)))
            status = AnnotationStatus.ORPHANED
            row = (start, end, anchor.quote, anchor.prefix, anchor.suffix, status)
        else:
            if place.kind is PlacementKind.MOVED:
                report.moved += 1
            elif place.kind is PlacementKind.CHANGED:
                report.changed += 1
            fresh = make_anchor(text, place.start, place.end)
            status = AnnotationStatus.OK
            row = (fresh.start, fresh.end, fresh.quote, fresh.prefix, fresh.suffix, status)
        try:
            color = self.colors.resolve(item.color)
        except UsageError:
            color = "yellow"
        style = item.style if item.style in ("highlight", "underline") else "highlight"
        note = clean_text(item.note, f"note of annotation {item.uuid} in the backup")
        stamp = now_iso()
        cursor = self.db.execute(
            "INSERT INTO annotations (uuid, doc_id, start, end, quote, prefix, suffix, status,"
            " color, style, note, created_at, updated_at, deleted_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                item.uuid,
                doc_id,
                *row,
                color,
                style,
                note,
                item.created or stamp,
                item.updated or stamp,
                item.deleted,
            ],
        )
        self.annotations.add_tags(int(cursor.lastrowid or 0), item.tags)
        report.imported += 1
        report.changes.annotations.add(doc_id)
        report.changes.tags |= bool(item.tags)


def is_markdown_name(path: Path) -> bool:
    """``notes.md``: a file name, not a folder, whatever ``--all`` says."""
    return path.suffix.lower() in (".md", ".markdown", ".txt")


def _check_language(lang: str) -> str:
    try:
        return check_language(lang)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _check_script(script: str) -> None:
    try:
        check_script(script)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _quote_in(ann: Annotation, script: str) -> Annotation:
    """``ann`` with its quote and context in ``script``; note, tags and label stay the
    user's own words. Offsets are unchanged: the conversion is one character for one."""
    if script == AS_WRITTEN:
        return ann
    return replace(
        ann,
        quote=convert(ann.quote, script),
        prefix=convert(ann.prefix, script),
        suffix=convert(ann.suffix, script),
    )


def _as_written(anchor: Anchor, text: str) -> Anchor:
    """The anchor in the library's own characters when a backup holds its quote converted
    (``export --script``): the span at the stored offsets, converted, is the quote.

    Without this, a converted quote is an edit of every differing character, and short or
    heavily converted quotes would be orphaned.
    """
    span = text[anchor.start : anchor.end]
    if span == anchor.quote or len(span) != len(anchor.quote):
        return anchor
    if any(convert(span, script) == anchor.quote for script in SCRIPTS):
        return make_anchor(text, anchor.start, anchor.end)
    return anchor


def _read_json(path: Path) -> object:
    """The backup's JSON; a FIFO or device is refused (reading it could never end)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise PizhuError(f"cannot read {path}: not a regular file")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PizhuError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise PizhuError(f"{path} is not a JSON file: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise PizhuError(f"{path} is not a JSON file: {exc}") from None
    except RecursionError:
        raise PizhuError(f"{path} is not a backup: its JSON is nested too deeply") from None


def _owner(path: Path) -> int | None:
    """The ``doc_id`` in the front matter of a file we exported earlier, if any."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    if not head.startswith("---\n"):
        return None
    match = _DOC_ID_LINE.search(head.split("\n---", 1)[0])
    return int(match.group(1)) if match else None


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (temp file in the same folder, rename).

    Only a regular file (or a new name) is ever replaced. A symlink is written through:
    its target is replaced and the link stays a link. A device, FIFO or terminal
    (``-o /dev/stdout``) is written into, since renaming over it would destroy it.
    """
    try:
        mode = path.stat().st_mode  # through links, /proc/self/fd/1 included
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _write_error(path, exc) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"cannot write {path}: it is a folder")
    if mode is not None and not stat.S_ISREG(mode):
        _write_into(path, text)
    else:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        _replace(target, text, shown=path)


def _replace(path: Path, text: str, *, shown: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise PizhuError(f"cannot write {shown}: no such folder {folder}")
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=".pizhu-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
        raise _write_error(shown, exc) from None


def _write_into(path: Path, text: str) -> None:
    """Write to a device or pipe as it is: there is no previous content to keep."""
    try:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except BrokenPipeError:
        raise  # `-o /dev/stdout | head`: the reader left; the CLI ends quietly
    except OSError as exc:
        raise _write_error(path, exc) from None


def _write_error(path: Path, exc: OSError) -> PizhuError:
    return library_error(exc) or PizhuError(f"cannot write {path}: {exc.strerror or exc}")
