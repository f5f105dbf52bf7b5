"""Snippet windows and outlines of a page of hits, read in bounded memory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.core.library import Library
from reader.core.search.doccache import DocCache
from reader.core.storage.db import now_iso, transaction


def _texts(data_dir: Path, ids: list[int]) -> dict[int, str]:
    library = Library.open(data_dir)
    try:
        return {i: library.documents.text(i) for i in ids}
    finally:
        library.close()


def test_excerpts_cut_the_canonical_text_of_each_span(data_dir: Path, library_ids) -> None:
    texts = _texts(data_dir, library_ids)
    library = Library.open(data_dir)
    try:
        cache = DocCache(library.db)
        cache.refresh()
        a, b = library_ids[0], library_ids[1]
        spans = [(a, 3, 20), (b, 0, 9), (a, 5, 5), (a, 30, 40), (999_999, 0, 4)]
        expected = [texts[a][3:20], texts[b][0:9], "", texts[a][30:40], ""]
        assert cache.excerpts(spans) == expected
        assert cache.excerpts(spans) == expected  # now from the kept texts
        assert cache.excerpt(b, 2, 6) == texts[b][2:6]
    finally:
        library.close()


def test_a_kept_text_is_dropped_when_the_document_changes(data_dir: Path, library_ids) -> None:
    library = Library.open(data_dir)
    try:
        cache = DocCache(library.db)
        cache.refresh()
        doc = library_ids[0]
        before = cache.excerpt(doc, 0, 6)
        with transaction(library.db):
            library.db.execute(
                "UPDATE documents SET text = ?, chars = 7, updated_at = ? WHERE id = ?",
                ["全新的正文内容", now_iso(), doc],
            )
        cache.refresh()
        assert cache.excerpt(doc, 0, 6) == "全新的正文内" != before
    finally:
        library.close()


def test_texts_larger_than_the_budget_are_cut_but_not_kept(data_dir: Path, library_ids) -> None:
    texts = _texts(data_dir, library_ids)
    library = Library.open(data_dir)
    try:
        cache = DocCache(library.db)
        cache._originals.budget = 10  # smaller than any text
        cache.refresh()
        doc = library_ids[1]
        assert cache.excerpts([(doc, 1, 7), (doc, 2, 8)]) == [texts[doc][1:7], texts[doc][2:8]]
        assert len(cache._originals) == 0
    finally:
        library.close()


def test_snippet_blocks_are_kept_and_a_missing_copy_falls_back(service, data_dir: Path,
                                                               library_ids) -> None:
    """Windows come from the copies beside the index, whose blocks are kept: the same
    places again read no file. Without the copy, SQLite gives the same text."""
    from reader.core.search.index import FoldedStore, SearchIndex

    texts = _texts(data_dir, library_ids)
    doc = max(texts, key=lambda d: len(texts[d]))
    assert len(texts[doc]) > 1100
    spans = [(doc, 1000, 1100), (doc, 0, 72), (doc, 1020, 1030)]  # across blocks 0 and 1
    expected = [texts[doc][1000:1100], texts[doc][0:72], texts[doc][1020:1030]]
    store = FoldedStore(SearchIndex(data_dir).path)
    library = Library.open(data_dir)
    try:
        cache = DocCache(library.db, store)
        cache.refresh()
        assert cache.excerpts(spans) == expected
        assert len(cache._blocks) == 2 and len(cache._originals) == 0  # no SQLite read
        copy = store.original_file(doc, cache.meta[doc][2])
        copy.unlink()
        assert cache.excerpts(spans) == expected  # from the kept blocks
        fresh = DocCache(library.db, store)
        fresh.refresh()
        assert fresh.excerpts(spans) == expected  # the copy is gone: from SQLite
        assert len(fresh._originals) == 1 and len(fresh._blocks) == 0
    finally:
        library.close()


def test_outlines_of_more_documents_than_sqlite_has_parameters(data_dir: Path,
                                                               library_ids) -> None:
    """Every hit of ``的`` in a library of 40,000 documents: one bound parameter, not
    40,000 (SQLite stops at 32,766, older builds at 999), and one statement whatever
    the count."""
    library = Library.open(data_dir)
    library.db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    try:
        with_outline = [d for d in library_ids if library.documents.outline(d)]
        assert with_outline
        cache = DocCache(library.db)
        wanted = [*range(100_000, 140_000), *library_ids]
        found = cache.outlines(wanted)
        assert set(found) == set(wanted)
        for doc_id in with_outline:
            assert found[doc_id] == library.documents.outline(doc_id)
        assert found[100_000] == []
    finally:
        library.close()
