"""Ordered schema migrations; ``PRAGMA user_version`` is the number applied.

Never edit a migration that has shipped: add a new one at the end. Each runs in
its own transaction together with the version bump, so a failure leaves the
file at the previous version.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database


def _run(db: Database, script: str) -> None:
    """Execute statements one by one: ``executescript`` would COMMIT mid-migration."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m1_documents_and_collections(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            chars INTEGER NOT NULL,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            source_path TEXT,
            source_mtime REAL,
            source_size INTEGER,
            sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX documents_source_path ON documents(source_path)
            WHERE source_path IS NOT NULL;
        CREATE INDEX documents_sha256 ON documents(sha256);
        CREATE TABLE outline (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            level INTEGER NOT NULL,
            title TEXT NOT NULL,
            start INTEGER NOT NULL,
            PRIMARY KEY (doc_id, seq)
        );
        CREATE TABLE collections (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> '' AND instr(name, '/') = 0),
            parent_id INTEGER REFERENCES collections(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX collections_name ON collections(ifnull(parent_id, 0), name);
        CREATE TABLE document_collections (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            added_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, collection_id)
        );
        CREATE INDEX document_collections_collection ON document_collections(collection_id);
        """,
    )


def _m2_search_queue(db: Database) -> None:
    """Documents whose search-index entry is stale; written in the same transaction."""
    _run(
        db,
        """
        CREATE TABLE search_queue (
            doc_id INTEGER PRIMARY KEY,
            op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
            queued_at TEXT NOT NULL
        );
        INSERT INTO search_queue (doc_id, op, queued_at)
            SELECT id, 'upsert', datetime('now') FROM documents;
        """,
    )


def _m3_annotations_tags_progress(db: Database) -> None:
    """Annotations anchor by offsets plus quote and context, so they survive text edits."""
    _run(
        db,
        """
        CREATE TABLE colors (
            key TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            hex TEXT NOT NULL,
            label TEXT NOT NULL
        );
        INSERT INTO colors (key, seq, hex, label) VALUES
            ('yellow', 1, '#f7d154', '黄色'),
            ('green', 2, '#8fd18b', '绿色'),
            ('blue', 3, '#8ec5f2', '蓝色'),
            ('pink', 4, '#f4a6c6', '粉色'),
            ('purple', 5, '#c5a8f0', '紫色');
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            color TEXT NOT NULL DEFAULT 'yellow' REFERENCES colors(key),
            style TEXT NOT NULL DEFAULT 'highlight' CHECK (style IN ('highlight', 'underline')),
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'orphaned')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            CHECK (start >= 0 AND end > start)
        );
        CREATE INDEX annotations_doc ON annotations(doc_id, start);
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (name <> ''),
            created_at TEXT NOT NULL
        );
        CREATE TABLE annotation_tags (
            annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (annotation_id, tag_id)
        );
        CREATE INDEX annotation_tags_tag ON annotation_tags(tag_id);
        CREATE TABLE document_tags (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (doc_id, tag_id)
        );
        CREATE INDEX document_tags_tag ON document_tags(tag_id);
        CREATE TABLE progress (
            doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            offset INTEGER NOT NULL DEFAULT 0,
            percent REAL NOT NULL DEFAULT 0,
            last_opened TEXT
        )
        """,
    )


def _m4_document_details_and_pages(db: Database) -> None:
    """Every format brings details (authors, date, source) and, for PDFs, a page map.

    ``edited`` lists the fields the user set by hand, which a re-import keeps;
    ``original`` is the kept copy of the imported file, relative to the data dir;
    ``declared`` marks outline entries the file itself named (PDF bookmarks, EPUB
    nav), whose titles need not be the text at their start. ``parser_version`` says
    which importer read the file: a newer one re-reads it even when the file is unchanged.
    """
    _run(
        db,
        """
        ALTER TABLE documents ADD COLUMN authors TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE documents ADD COLUMN date TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN source_url TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN site TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN script TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN original TEXT;
        ALTER TABLE documents ADD COLUMN edited TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE documents ADD COLUMN parser_version INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE documents ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE outline ADD COLUMN declared INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE pages (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            PRIMARY KEY (doc_id, seq)
        )
        """,
    )


def _m5_better_titles(db: Database) -> None:
    """Documents imported before get the titles, dates and script today's rules find.

    The first importer titled most reports by an opening formula (``各位代表！``)
    or a zero-width space; the file name or the first real line says more. A title
    the user gave is kept, and marked edited. Outline entries that started on an
    indent (``\u3000\u3000一、…``) move onto their title. See ``ingest/upgrade.py``.
    """
    import json

    from reader.core.ingest.upgrade import moved_outline_start, upgrade_details

    rows = db.execute("SELECT id, title, text, source_path FROM documents").fetchall()
    for doc_id, title, text, source_path in rows:
        outline = db.execute(
            "SELECT seq, title, start FROM outline WHERE doc_id = ? ORDER BY seq", [doc_id]
        ).fetchall()
        first_heading = next((t for _, t, start in outline if start <= 2), "")
        found = upgrade_details(title, text, source_path, first_heading)
        db.execute(
            "UPDATE documents SET title = ?, date = ?, script = ?, language = ?, edited = ?"
            " WHERE id = ?",
            [
                found.title,
                found.date,
                found.script,
                "zh" if found.script else "",
                json.dumps(["title"] if found.user_titled else []),
                doc_id,
            ],
        )
        for seq, entry_title, start in outline:
            if (moved := moved_outline_start(text, start, entry_title)) is not None:
                db.execute(
                    "UPDATE outline SET start = ? WHERE doc_id = ? AND seq = ?",
                    [moved, doc_id, seq],
                )


def _m6_words_and_reading_stats(db: Database) -> None:
    """The word list and reading time, for studying what one reads (issue 15).

    ``words`` holds one row per word (``UNIQUE``): keeping a word again keeps the
    first sentence it came from, so the list stays a list of words, not of sightings.
    A deleted document leaves its words in the list, unlinked (``SET NULL``), while its
    reading time goes with it (``CASCADE``). ``reading_time`` has one row per document
    and local day; the clock adds to it with an upsert every half minute.
    """
    _run(
        db,
        """
        CREATE TABLE words (
            id INTEGER PRIMARY KEY,
            word TEXT NOT NULL UNIQUE CHECK (word <> ''),
            pinyin TEXT NOT NULL DEFAULT '',
            definition TEXT NOT NULL DEFAULT '',
            doc_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
            start INTEGER,
            end INTEGER,
            sentence TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK ((start IS NULL) = (end IS NULL)
                AND (start IS NULL OR (0 <= start AND start < end)))
        );
        CREATE INDEX words_doc ON words(doc_id);
        CREATE INDEX words_created ON words(created_at);
        CREATE TABLE reading_time (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            seconds INTEGER NOT NULL DEFAULT 0 CHECK (seconds >= 0),
            chars_read INTEGER NOT NULL DEFAULT 0 CHECK (chars_read >= 0),
            PRIMARY KEY (doc_id, day)
        );
        CREATE INDEX reading_time_day ON reading_time(day)
        """,
    )


def _m7_bookmarks(db: Database) -> None:
    """Named reading positions (issue 13): a code-point offset like every other place.

    A bookmark goes with its document (``CASCADE``); a re-import carries its offset
    through the edit (``BookmarkStore.document_changed``). The name may be empty: the
    library tree then shows the section and the words at the offset.

    ``annotations_workspace`` covers every filter of the Annotations workspace but
    tags and text, so a filter change at 10 000 annotations reads the index alone
    (``bench/workspace_bench.py``).
    """
    _run(
        db,
        """
        CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            offset INTEGER NOT NULL CHECK (offset >= 0),
            name TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX bookmarks_doc ON bookmarks(doc_id, offset);
        CREATE INDEX annotations_workspace ON annotations(
            deleted_at, doc_id, start, end, color, style, status, created_at, updated_at,
            note <> ''
        )
        """,
    )


def _m8_document_info_index(db: Database) -> None:
    """The columns of ``DocumentStore``'s listing (all but the text and the source's
    mtime and size), in one covering index.

    ``text`` is the third column, so reading any column after it for every document
    (the library's list, the searcher's titles and versions) walked each text's
    overflow pages: 35-50 ms at 100 MB of library, a sixth of a fresh process's first
    query. The index answers those reads alone (2-10 ms). It must hold every column
    of ``DocumentStore``'s listing (a test checks the query plan).
    """
    _run(
        db,
        """
        CREATE INDEX documents_info ON documents(
            id, title, chars, format, encoding, source_path, sha256, imported_at,
            updated_at, authors, date, source_url, site, language, script, original,
            edited, parser_version, aliases
        )
        """,
    )


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _m1_documents_and_collections,
    _m2_search_queue,
    _m3_annotations_tags_progress,
    _m4_document_details_and_pages,
    _m5_better_titles,
    _m6_words_and_reading_stats,
    _m7_bookmarks,
    _m8_document_info_index,
)
SCHEMA_VERSION = len(MIGRATIONS)
SEARCH_SCHEMA_VERSION = 7
"""Names the search index's inputs (the tables it is built from) in its stamp, instead of
:data:`SCHEMA_VERSION`, so that a migration adding an SQL index only does not have every
library's search index rebuilt. It is 7 because indexes stamped before migration 8 say 7;
a migration that changes the ``documents`` or ``outline`` tables must set it to its own
number (a test pins those tables' definitions to it)."""
