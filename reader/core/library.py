"""The library: one data dir, one SQLite file, and the services that work on it.

This is a composition root, not a god object: it opens the file and hands the
same connection to small stores and services that each own one concern.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from reader.core.annotations import AnnotationService
from reader.core.collections import CollectionStore
from reader.core.colors import ColorService
from reader.core.db import open_database
from reader.core.documents import DocumentStore
from reader.core.ingest.importer import ContentListener, Importer, ImportResult
from reader.core.ingest.originals import OriginalsStore
from reader.core.paths import ensure_data_dir, library_path
from reader.core.progress import ProgressService
from reader.core.resources import SAMPLE_COLLECTION, sample_files
from reader.core.tags import TagService


class Library:
    def __init__(self, data_dir: Path, db: Database) -> None:
        self.data_dir = data_dir
        self.db = db
        self.documents = DocumentStore(db)
        self.collections = CollectionStore(db)
        self.content_listeners: list[ContentListener] = []
        self.annotations = AnnotationService(db)
        self.tags = TagService(db)
        self.colors = ColorService(db)
        self.progress = ProgressService(db)
        self.originals = OriginalsStore(data_dir)
        # Re-imports of changed files re-place annotations and keep progress in range.
        self.content_listeners.append(self.annotations.reanchor)
        self.content_listeners.append(self.progress.document_changed)

    @classmethod
    def open(cls, data_dir: Path) -> Library:
        ensure_data_dir(data_dir)
        return cls(data_dir, open_database(library_path(data_dir)))

    def close(self) -> None:
        self.db.close()

    def importer(self) -> Importer:
        return Importer(self.db, self.content_listeners, self.originals)

    def original_path(self, doc_id: int) -> Path | None:
        """The file "Open original" shows: the kept copy, else the imported file if unchanged."""
        info = self.documents.get(doc_id)
        kept = self.originals.path(info.original)
        if kept is not None:
            return kept
        if info.source_path and Path(info.source_path).is_file():
            return Path(info.source_path)
        return None

    def import_sample(self) -> list[ImportResult]:
        return self.importer().import_paths(sample_files(), collection=SAMPLE_COLLECTION)

    def is_empty(self) -> bool:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
