"""Import text files and folders into the library.

One call is one transaction: if anything unexpected fails (or the user cancels),
nothing of that import is kept. Files that are simply not importable (binary,
empty, undecodable) are skipped with a reason and do not stop the rest.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlite_utils import Database

from reader.core.collections import CollectionStore
from reader.core.db import transaction
from reader.core.documents import DocumentStore, SourceInfo
from reader.core.errors import PizhuError
from reader.core.ingest.decode import DecodeError, decode_bytes
from reader.core.ingest.formats.text import parse_document

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}

IMPORTED, UPDATED, UNCHANGED, DUPLICATE, SKIPPED = (
    "imported",
    "updated",
    "unchanged",
    "duplicate",
    "skipped",
)

ProgressFn = Callable[[int, int, str], None]
# Called after a document's text changed in place: (doc_id, old_text, new_text) -> summary.
ContentListener = Callable[[int, str, str], dict[str, int]]


class ImportCancelled(PizhuError):
    """The user cancelled; the transaction was rolled back."""


@dataclass
class ImportResult:
    path: str
    status: str
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
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in TEXT_SUFFIXES:
                yield Candidate(Path(dirpath) / name, collection, False)


class Importer:
    def __init__(
        self,
        db: Database,
        content_listeners: Iterable[ContentListener] = (),
    ) -> None:
        self.db = db
        self.documents = DocumentStore(db)
        self.collections = CollectionStore(db)
        self.content_listeners = list(content_listeners)

    def import_paths(
        self,
        paths: Iterable[Path],
        *,
        collection: str | None = None,
        progress: ProgressFn | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> list[ImportResult]:
        """Import ``paths``; ``collection`` additionally files every document under it."""
        candidates = list(discover(paths))
        results: list[ImportResult] = []
        with transaction(self.db):
            for index, candidate in enumerate(candidates):
                if cancelled():
                    raise ImportCancelled("import cancelled; nothing was changed")
                if progress:
                    progress(index, len(candidates), display_path(candidate.path))
                result = self._import_one(candidate)
                results.append(result)
                if result.doc_id is not None and result.status in (IMPORTED, UPDATED):
                    self._file_into_collections(result.doc_id, candidate, collection)
            if progress:
                progress(len(candidates), len(candidates), "")
        return results

    def _file_into_collections(self, doc_id: int, cand: Candidate, extra: str | None) -> None:
        for path in (cand.collection, extra):
            if path:
                self.collections.add_document(self.collections.ensure_path(path), doc_id)

    def _import_one(self, cand: Candidate) -> ImportResult:
        shown = display_path(cand.path)
        fmt = TEXT_SUFFIXES.get(cand.path.suffix.lower())
        try:
            stat = cand.path.stat()
            if fmt is None:
                return ImportResult(shown, SKIPPED, reason=_unsupported(cand.path))
            data = cand.path.read_bytes()
        except FileNotFoundError:
            return ImportResult(shown, SKIPPED, reason="no such file or directory")
        except OSError as exc:
            return ImportResult(shown, SKIPPED, reason=f"cannot read: {exc.strerror or exc}")
        if not data:
            return ImportResult(shown, SKIPPED, reason="empty file")
        sha = hashlib.sha256(data).hexdigest()
        key = display_path(cand.path.resolve())
        known = self.documents.find_by_path(key)
        if known and known.sha256 == sha:
            return ImportResult(shown, UNCHANGED, known.id, "already in the library", known.title)
        if known is None and (same := self.documents.find_by_sha(sha)) is not None:
            reason = f"same content as document {same.id} ({same.source_path or same.title})"
            return ImportResult(shown, DUPLICATE, same.id, reason, same.title)
        try:
            decoded = decode_bytes(data)
        except DecodeError as exc:
            return ImportResult(shown, SKIPPED, reason=str(exc))
        del data
        parsed = parse_document(decoded.text, cand.path.name)
        if not parsed.text.strip():
            return ImportResult(shown, SKIPPED, reason="no text (only blank lines)")
        source = SourceInfo(key, stat.st_mtime, stat.st_size, sha, decoded.encoding, fmt)
        if known is None:
            doc_id = self.documents.insert(parsed, source)
            return ImportResult(shown, IMPORTED, doc_id, title=parsed.title)
        old_text = self.documents.text(known.id)
        self.documents.replace_content(known.id, parsed, source)
        details: dict[str, int] = {}
        for listener in self.content_listeners:
            details.update(listener(known.id, old_text, parsed.text))
        return ImportResult(shown, UPDATED, known.id, title=parsed.title, details=details or None)


def _unsupported(path: Path) -> str:
    kinds = " ".join(sorted(TEXT_SUFFIXES))
    return f"unsupported file type {path.suffix or '(none)'!r} (supported: {kinds})"
