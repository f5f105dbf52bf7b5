"""Searches for thousands of documents, and checks wider than the chunk cache, stay
in bounded memory: they keep no chunk texts and hand freed memory back."""

from __future__ import annotations

import sys

import pytest

from reader.core.search import heap
from reader.core.search.service import SearchService


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
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
    """``--limit 100000`` reads chunks through: the panel's cache stays as it was."""
    searcher = service.searcher()
    try:
        monkeypatch.setattr(heap, "BIG_ANSWER", 50)
        big = searcher.search("年", limit=100)
        assert big.hits and sum(len(h.matches) for h in big.hits) > 5
        assert searcher._chunk_texts.size == 0
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
