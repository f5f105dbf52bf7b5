"""Searches for thousands of documents, and checks wider than the chunk cache, stay
in bounded memory: they keep no chunk texts and hand freed memory back."""

from __future__ import annotations

import platform

import pytest

from reader.core.search import chunks, heap
from reader.core.search.service import SearchService


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc_trim")
def test_gives_back_on_glibc() -> None:
    assert heap.give_back() is True


def test_only_answers_over_the_threshold_trim(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(heap, "give_back", lambda: calls.append(1) or True)
    monkeypatch.setattr(heap, "BIG_ANSWER", 2)
    searcher = service.searcher()
    try:
        two = searcher.search("国务院", limit=100)
        assert two.total == 2 and calls == []
        many = searcher.search("年", limit=100)
        assert len(many.hits) > 2 and calls == [1]
    finally:
        searcher.close()


def test_a_big_search_keeps_no_chunk_texts(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--limit 100000`` reads chunks through when the library's texts cannot all be
    kept: the panel's cache stays as it was. When they can, they are kept."""
    searcher = service.searcher()
    try:
        monkeypatch.setattr(heap, "BIG_ANSWER", 50)
        fits = searcher.search("年", limit=100)
        assert searcher._chunk_texts.size > 0
        searcher._chunk_texts.clear()
        searcher._chunk_texts._items.budget = searcher._chunks.text_bytes - 1
        big = searcher.search("年", limit=100)
        assert big.hits and sum(len(h.matches) for h in big.hits) > 5
        assert big.hits == fits.hits
        assert searcher.search("年", limit=100).hits == big.hits  # asked twice: no pairs kept
        assert searcher._chunk_texts.size == 0 and searcher._pairs.size == 0
        page = searcher.search("年", limit=30)
        assert page.hits[0].matches == big.hits[0].matches
        assert searcher._chunk_texts.size > 0
    finally:
        searcher.close()


def test_a_check_wider_than_the_cache_keeps_nothing(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting a phrase in more chunks than the cache holds reads them as bytes each
    time: decoding them to keep them would only push them out again."""
    searcher = service.searcher()
    try:
        monkeypatch.setattr(type(searcher._chunk_texts), "holds", lambda _self, _n: False)
        first = searcher.count("务院向大")
        assert searcher.count("务院向大") == first > 0
        assert searcher._chunk_texts.size == 0
        monkeypatch.undo()
        assert searcher.count("务院向大") == searcher.count("务院向大") == first
        assert searcher._chunk_texts.size > 0  # the second probe keeps, as before
    finally:
        searcher.close()


def test_short_documents_chunks_fit_by_their_size(service: SearchService) -> None:
    """Many short documents are many small chunks: counted as full ones they would not
    fit, and every count would read them from disk again."""
    searcher = service.searcher()
    try:
        searcher.search("国务院", limit=5)
        docnums = list(searcher._chunks.by_docnum)
        assert len(docnums) >= 3
        sizes = sum(c.end - c.start for c in searcher._chunks.by_docnum.values()) * 2
        budget = searcher._chunk_texts._items
        budget.budget = 2 * chunks.TEXT_BYTES
        assert sizes <= budget.budget
        assert searcher._fit(docnums)
        budget.budget = sizes - 1
        assert not searcher._fit(docnums)
    finally:
        searcher.close()
