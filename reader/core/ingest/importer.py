"""Import files and folders of every supported format into the library.

One call is one transaction: if anything unexpected fails (or the user cancels),
nothing of that import is kept. Files that are simply not importable (binary,
empty, corrupt, encrypted, scanned) are skipped with a one-line reason and do not
stop the rest: whatever an extractor raises on a bad file becomes that reason.
"""

from __future__ import annotations

import enum
import hashlib
import os
import re
import stat as stat_mode
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlite_utils import Database

from reader.core.annotate.tags import TagService, normalise_tag
from reader.core.changes import Changes
from reader.core.ingest.formats.registry import Format, format_for, supported_suffixes
from reader.core.ingest.model import FormatError, ParsedDocument
from reader.core.ingest.originals import OriginalsStore
from reader.core.ingest.render import render
from reader.core.storage.collections import CollectionStore
from reader.core.storage.db import transaction
from reader.core.storage.documents import DocumentStore, SourceInfo
from reader.errors import PizhuError

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
# Raised when the extractors read files differently enough that an unchanged file is
# worth reading again (its annotations are re-anchored like those of a changed file).
PARSER_VERSION = 1


class ImportStatus(enum.StrEnum):
    """What importing one file did; ``status`` in ``pizhu import --json``."""

    IMPORTED = "imported"  # a new document
    UPDATED = "updated"  # a known file whose text changed: annotations were re-anchored
    UNCHANGED = "unchanged"  # a known file, same content
    DUPLICATE = "duplicate"  # the content of another document, under another name
    SKIPPED = "skipped"  # not imported: ``reason`` says why


# The members under short names, as this module's code spells them.
IMPORTED, UPDATED, UNCHANGED, DUPLICATE, SKIPPED = (
    ImportStatus.IMPORTED,
    ImportStatus.UPDATED,
    ImportStatus.UNCHANGED,
    ImportStatus.DUPLICATE,
    ImportStatus.SKIPPED,
)

ProgressFn = Callable[[int, int, str], None]
# Called after a document's text changed in place: (doc_id, old_text, new_text) -> summary.
ContentListener = Callable[[int, str, str], dict[str, int]]


class ImportCancelled(PizhuError):
    """The user cancelled; the transaction was rolled back."""


@dataclass
class ImportResult:
    path: str
    status: ImportStatus
    doc_id: int | None = None
    reason: str | None = None
    title: str | None = None
    details: dict[str, int] | None = None

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("title")
        if data["details"] is None:
            data.pop("details")
        return data


@dataclass
class ImportReport:
    """One import: a result per file and what the import changed, built inside its
    transaction. It reads as the list of results, so code that only reports on the
    files iterates it as before."""

    results: list[ImportResult] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    def __iter__(self) -> Iterator[ImportResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index: int) -> ImportResult:
        return self.results[index]


@dataclass(frozen=True)
class Candidate:
    path: Path
    collection: str | None  # "folder/sub" for files found by walking a folder
    explicit: bool


def display_path(path: Path) -> str:
    """A str for any file name, even bytes that are not UTF-8 (kept distinct, never lost)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def discover(paths: Iterable[Path]) -> Iterator[Candidate]:
    """Files to import, in a stable order; folders are walked recursively."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path.resolve())
        else:
            yield Candidate(path, None, True)


def _walk(root: Path) -> Iterator[Candidate]:
    base = root.name or display_path(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = Path(dirpath).relative_to(root)
        collection = "/".join(
            [display_path(Path(base)), *(display_path(Path(p)) for p in rel.parts)]
        )
        for name in sorted(filenames, key=_originals_first):
            if not name.startswith(".") and format_for(Path(name)) is not None:
                yield Candidate(Path(dirpath) / name, collection, False)


_COPY_SUFFIX = re.compile(r"(?:\s*\(\d+\)|\s*[-–—]?\s*(?:副本|copy)(?:\s*\(?\d+\)?)?)$", re.I)


def _originals_first(name: str) -> tuple[str, int, str]:
    """``a.docx`` before ``a (1).docx``: the copy is the duplicate, not the original."""
    path = Path(name)
    base = _COPY_SUFFIX.sub("", path.stem)
    return (base + path.suffix, int(base != path.stem), name)


class Importer:
    def __init__(
        self,
        db: Database,
        content_listeners: Iterable[ContentListener] = (),
        originals: OriginalsStore | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.db = db
        self.documents = DocumentStore(db)
        self.collections = CollectionStore(db)
        self.tags = TagService(db)
        self.content_listeners = list(content_listeners)
        self.originals = originals
        self.max_bytes = max_bytes

    def import_paths(
        self,
        paths: Iterable[Path],
        *,
        collection: str | None = None,
        progress: ProgressFn | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> ImportReport:
        """Import ``paths``; ``collection`` additionally files every document under it."""
        candidates = list(discover(paths))
        report = ImportReport()
        results, changes = report.results, report.changes
        with transaction(self.db):
            for index, candidate in enumerate(candidates):
                if cancelled():
                    raise ImportCancelled("import cancelled; nothing was changed")
                if progress:
                    progress(index, len(candidates), display_path(candidate.path))
                result, written = self._import_one(candidate)
                results.append(result)
                changes.merge(written)
                if result.doc_id is not None and result.status in (IMPORTED, UPDATED):
                    changes.merge(self._file_into_collections(result.doc_id, candidate, collection))
            if progress:
                progress(len(candidates), len(candidates), "")
        return report

    def _file_into_collections(self, doc_id: int, cand: Candidate, extra: str | None) -> Changes:
        changes = Changes()
        for path in (cand.collection, extra):
            if path:
                changes.merge(
                    self.collections.add_document(self.collections.ensure_path(path), doc_id)
                )
        return changes

    def _import_one(self, cand: Candidate) -> tuple[ImportResult, Changes]:
        """One file's result and what its writes changed (nothing for a skip, a duplicate
        or a file already in the library)."""
        shown = display_path(cand.path)
        fmt = format_for(cand.path)
        if fmt is None:
            return ImportResult(shown, SKIPPED, reason=_unsupported(cand.path)), Changes()
        try:
            data = self._read(cand.path)
        except _Skip as skip:
            return ImportResult(shown, SKIPPED, reason=str(skip)), Changes()
        sha = hashlib.sha256(data).hexdigest()
        key = display_path(cand.path.resolve())
        known = self.documents.find_by_path(key)
        if known and known.sha256 == sha and known.parser_version >= PARSER_VERSION:
            return ImportResult(
                shown, UNCHANGED, known.id, "already in the library", known.title
            ), Changes()
        if known is None and (same := self.documents.find_by_sha(sha)) is not None:
            reason = f"same content as document {same.id} ({same.source_path or same.title})"
            return ImportResult(shown, DUPLICATE, same.id, reason, same.title), Changes()
        try:
            parsed, encoding = _parse(fmt, data, cand.path.name)
        except _Skip as skip:
            return ImportResult(shown, SKIPPED, reason=str(skip)), Changes()
        original = self._keep(fmt, data, sha, cand.path)
        del data
        stat = cand.path.stat()
        source = SourceInfo(
            key, stat.st_mtime, stat.st_size, sha, encoding, fmt.name, PARSER_VERSION
        )
        if known is None:
            doc_id, changes = self.documents.insert(parsed, source, original)
            changes.merge(self.tags.tag_document(doc_id, _valid_tags(parsed.meta.tags)))
            return ImportResult(shown, IMPORTED, doc_id, title=parsed.title), changes
        old_text = self.documents.text(known.id)
        changes = self.documents.replace_content(known.id, parsed, source, original)
        # Tags from the file are taken once, on the first import: a tag the user removed
        # since stays removed when the changed file comes in again.
        details: dict[str, int] = {}
        for listener in self.content_listeners:
            details.update(listener(known.id, old_text, parsed.text))
        # The listeners re-placed its annotations (and so its tags' counts), its reading
        # position and its kept words.
        changes.merge(Changes(annotations={known.id}, tags=True, progress={known.id}, words=True))
        title = self.documents.get(known.id).title  # the user's own title, if they set one
        return ImportResult(shown, UPDATED, known.id, title=title, details=details or None), changes

    def _read(self, path: Path) -> bytes:
        """The file's bytes, or a _Skip saying why they cannot be had."""
        try:
            info = path.stat()
            if not stat_mode.S_ISREG(info.st_mode):
                raise _Skip("not a regular file (a device, pipe or socket)")
            if info.st_size > self.max_bytes:
                limit = self.max_bytes // (1024 * 1024)
                raise _Skip(f"file is larger than the {limit} MB import limit")
            data = path.read_bytes()
        except FileNotFoundError:
            raise _Skip("no such file or directory") from None
        except OSError as exc:
            raise _Skip(f"cannot read: {exc.strerror or exc}") from None
        if not data:
            raise _Skip("empty file")
        return data

    def _keep(self, fmt: Format, data: bytes, sha: str, path: Path) -> str | None:
        if self.originals is None or not fmt.keep_original:
            return None
        try:
            return self.originals.keep(data, sha, path.suffix.lower())
        except OSError as exc:
            raise PizhuError(f"{display_path(path)}: cannot keep a copy: {exc.strerror}") from exc


def _valid_tags(names: list[str]) -> list[str]:
    """The file's tags that make valid tag names; a malformed one is dropped, not fatal."""
    valid: list[str] = []
    for name in names:
        try:
            valid.append(normalise_tag(name))
        except PizhuError:
            continue
    return valid


class _Skip(Exception):
    """Internal: this file is skipped, for the reason in the message."""


def _parse(fmt: Format, data: bytes, filename: str) -> tuple[ParsedDocument, str]:
    """Extract and render one file; every failure of a bad file becomes a _Skip."""
    try:
        extracted = fmt.extractor()(data, filename)
        parsed = render(extracted, filename)
    except FormatError as exc:
        raise _Skip(str(exc) or "cannot read this file") from None
    except (MemoryError, RecursionError):
        raise _Skip(f"too large or too deeply nested to read as {fmt.name}") from None
    except Exception as exc:  # a third-party parser choking on a bad file
        raise _Skip(f"cannot read this {fmt.name} file ({type(exc).__name__}: {exc})") from None
    if not parsed.text.strip():
        raise _Skip("no text (only blank lines)" if fmt.name in ("text", "markdown") else "no text")
    return parsed, extracted.encoding or fmt.name


def _unsupported(path: Path) -> str:
    kinds = " ".join(supported_suffixes())
    return f"unsupported file type {path.suffix or '(none)'!r} (supported: {kinds})"
