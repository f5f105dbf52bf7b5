"""The library: one data dir, one SQLite file, and the services that work on it.

This is a composition root, not a god object: it opens the file and hands the
same connection to small stores and services that each own one concern. It is the
only place that builds them: the UI and the CLI use these instances.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from reader.core.annotate.annotations import AnnotationService
from reader.core.annotate.bookmarks import BookmarkStore
from reader.core.annotate.colors import ColorService
from reader.core.annotate.progress import ProgressService
from reader.core.annotate.tags import TagService
from reader.core.ingest.importer import ContentListener, Importer, ImportReport
from reader.core.ingest.originals import OriginalsStore
from reader.core.storage.collections import CollectionStore
from reader.core.storage.db import open_database
from reader.core.storage.documents import DocumentStore
from reader.core.study.stats import ReadingStats
from reader.core.study.words import WordList
from reader.errors import PizhuError
from reader.platform.paths import ensure_data_dir, library_path
from reader.platform.resources import SAMPLE_COLLECTION, sample_files
from reader.platform.settings import Settings


@contextmanager
def opened_library(data_dir: Path) -> Iterator[Library]:
    """The library of ``data_dir`` for one command, closed however the command ends."""
    library = Library.open(data_dir)
    try:
        yield library
    finally:
        library.close()


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
        self.words = WordList(db)
        self.stats = ReadingStats(db)
        self.bookmarks = BookmarkStore(db)
        # Re-imports of changed files re-place annotations, kept words and progress.
        self.content_listeners.append(self.annotations.reanchor)
        self.content_listeners.append(self.progress.document_changed)
        self.content_listeners.append(self.words.document_changed)
        self.content_listeners.append(self.bookmarks.document_changed)

    @classmethod
    def open(cls, data_dir: Path) -> Library:
        ensure_data_dir(data_dir)
        library = cls(data_dir, open_database(library_path(data_dir)))
        # Copies left by deleted documents or rolled-back imports go when a process starts
        # (not at once: an undone delete within a session still finds its copy).
        library.prune_originals()
        return library

    def close(self) -> None:
        self.db.close()

    def importer(self) -> Importer:
        """An importer with the size cap from ``settings.json``.

        The settings are read here, per import, rather than passed in: the CLI has
        no settings object, and a cap edited by hand applies from the next import.
        """
        max_bytes = Settings.load(self.data_dir, keys={"max_import_mb"}).max_import_bytes()
        return Importer(self.db, self.content_listeners, self.originals, max_bytes=max_bytes)

    def prune_originals(self) -> int:
        """Drop kept copies of files no document refers to any more (after a commit)."""
        rows = self.db.execute("SELECT original FROM documents WHERE original IS NOT NULL")
        return self.originals.prune({str(row[0]) for row in rows.fetchall()})

    def original_path(self, doc_id: int) -> Path | None:
        """The file "Open original" shows: the kept copy, else the imported file where it is."""
        info = self.documents.get(doc_id)
        kept = self.originals.path(info.original)
        if kept is not None:
            return kept
        if info.source_path and Path(info.source_path).is_file():
            return Path(info.source_path)
        return None

    def title_of(self, doc_id: int) -> str:
        """The document's title, or "" once it is gone (a label must never raise)."""
        try:
            return self.documents.get(doc_id).title
        except PizhuError:
            return ""

    def import_sample(self) -> ImportReport:
        return self.importer().import_paths(sample_files(), collection=SAMPLE_COLLECTION)

    def is_empty(self) -> bool:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
