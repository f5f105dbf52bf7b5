"""A migration that changes what the search index is built from must say so.

The index's stamp names ``SEARCH_SCHEMA_VERSION``, not the library's schema version,
so that a migration adding an SQL index does not rebuild every search index; the price
is that a migration changing the ``documents`` or ``outline`` tables must bump it, or
stale indexes would pass as current. This pins those tables' definitions to it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.core.search.index import SearchIndex, Stamp
from reader.core.search.service import SearchService
from reader.core.storage.db import open_database
from reader.core.storage.migrations import SCHEMA_VERSION, SEARCH_SCHEMA_VERSION

TABLES_BY_SEARCH_SCHEMA = {7: "9f8ce1c4d4b278c3"}


def _tables_digest(path: Path) -> str:
    db = open_database(path)
    sql = "\n".join(row[0] for row in db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ('documents', 'outline')"
        " ORDER BY name"))
    db.close()
    return hashlib.sha256(" ".join(sql.split()).encode()).hexdigest()[:16]


def test_the_tables_search_reads_are_those_its_version_names(tmp_path: Path) -> None:
    digest = _tables_digest(tmp_path / "library.sqlite3")
    assert TABLES_BY_SEARCH_SCHEMA.get(SEARCH_SCHEMA_VERSION) == digest, (
        "documents/outline changed: set SEARCH_SCHEMA_VERSION to the new migration's number"
        f" and pin {digest!r} to it here")
    assert SEARCH_SCHEMA_VERSION <= SCHEMA_VERSION


def test_an_index_stamped_before_migration_8_stays_current(service: SearchService,
                                                           data_dir: Path) -> None:
    """Indexes written before migration 8 were stamped with schema 7 (its version then);
    one built now says 7 too, and is what a searcher expects."""
    stamp = SearchIndex(data_dir).read_stamp()
    assert stamp is not None and stamp.schema == 7 < SCHEMA_VERSION
    assert stamp == Stamp.expected(data_dir, service.segmenter.engine)
    searcher = service.searcher()
    try:
        assert searcher.search("国务院").total > 0  # searched through that index
    finally:
        searcher.close()
