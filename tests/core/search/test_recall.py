"""Literal recall is total: every document and every occurrence a brute-force
folded-substring scan finds is returned, with exactly those positions."""

from __future__ import annotations

import random

import pytest

from reader.core.library import Library
from reader.core.search import bitmaps
from reader.core.search.fold import fold
from reader.core.search.service import SearchService

NAMED = [
    "的", "国", "过群", "天津市委", "小平", "邓小平", "5G", "5g", "PM2.5", "pm2.5", "2024年",
    "1.2万亿元", "67%", "ＧＤＰ", "GDP", "gdp", "２０２４", "2024", "国务院", "國務院", "𠮷",
    "䶮", "刘䶮", "𠮷野家", "哈哈", "哈哈哈", "abc", "ＡＢＣ", "通过群众", "中华人民共和国",
    "人民", "民代", "，", "。", "（", "全國人民代表大會", "１７％", "17%", "増長",
]


def oracle(texts: dict[int, str], query: str) -> dict[int, list[tuple[int, int]]]:
    needle = fold(query)
    found: dict[int, list[tuple[int, int]]] = {}
    for doc_id, text in texts.items():
        folded = fold(text)
        spots = [
            (i, i + len(needle))
            for i in range(len(folded) - len(needle) + 1)
            if folded.startswith(needle, i)
        ]
        if spots:
            found[doc_id] = spots
    return found


def literal(query: str) -> str:
    return '"' + query + '"'


def generated_queries(texts: dict[int, str], seed: int = 4) -> list[str]:
    """All substrings of several lengths from windows of every text, plus random picks."""
    rng = random.Random(seed)
    queries: set[str] = set()
    for text in texts.values():
        window = text[: 60]
        for size in (1, 2, 3, 5):
            queries.update(window[i : i + size] for i in range(len(window) - size + 1))
        for _ in range(40):
            size = rng.choice((1, 2, 2, 3, 4, 6, 9))
            start = rng.randrange(0, max(1, len(text) - size))
            queries.add(text[start : start + size])
    return sorted(q for q in queries if q.strip() and '"' not in q and "＂" not in q)


@pytest.fixture
def texts(data_dir, library_ids) -> dict[int, str]:
    library = Library.open(data_dir)
    try:
        return {doc_id: library.documents.text(doc_id) for doc_id in library_ids}
    finally:
        library.close()


def check(searcher, texts, query: str, search_as: str) -> None:
    expected = oracle(texts, query)
    response = searcher.search(search_as, limit=1000)
    got = {hit.doc_id: hit.matches for hit in response.hits if hit.exact}
    assert got == expected, f"query {search_as!r}"
    assert response.total >= len(expected)


def test_named_queries(service: SearchService, texts: dict[int, str]) -> None:
    searcher = service.searcher()
    try:
        for query in NAMED:
            check(searcher, texts, query, literal(query))
            # Unquoted: literal hits first with the same positions; word-only hits may follow.
            response = searcher.search(query, limit=1000)
            exact = [h for h in response.hits if h.exact]
            assert {h.doc_id: h.matches for h in exact} == oracle(texts, query), query
            assert response.hits[: len(exact)] == exact
    finally:
        searcher.close()


def test_named_cases_are_found(service: SearchService, texts: dict[int, str]) -> None:
    searcher = service.searcher()
    try:
        for query in ["过群", "天津市委", "小平", "5G", "PM2.5", "1.2万亿元", "67%", "𠮷", "䶮"]:
            assert searcher.search(query).total >= 1, query
        # width and script folding in both directions
        assert searcher.search("ＧＤＰ").total == searcher.search("gdp").total >= 1
        assert {h.doc_id for h in searcher.search("國務院").hits} == {
            h.doc_id for h in searcher.search("国务院").hits
        }
    finally:
        searcher.close()


@pytest.mark.parametrize("share", [0, 10**9], ids=["gram-arrays", "gram-bits"])
def test_generated_substrings(service: SearchService, texts: dict[int, str], share: int,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a gram's chunks are kept as an array or as bits, recall is the same."""
    monkeypatch.setattr(bitmaps, "DENSE_SHARE", share)
    searcher = service.searcher()
    try:
        queries = generated_queries(texts)
        assert len(queries) > 600
        for query in queries:
            check(searcher, texts, query, literal(query))
    finally:
        searcher.close()


def test_recall_without_index(data_dir, texts: dict[int, str]) -> None:
    """Before the index exists (or while it is rebuilt), search scans and still finds all."""
    searcher = SearchService(data_dir).searcher()
    try:
        for query in NAMED[:12]:
            check(searcher, texts, query, literal(query))
    finally:
        searcher.close()


def test_recall_with_a_tiny_text_cache(service: SearchService, texts: dict[int, str]) -> None:
    """Texts stream through a byte-bounded cache: with room for almost nothing, every
    query is still answered in full, and the cache never exceeds its budget."""
    searcher = service.searcher()
    try:
        cache = searcher.cache._texts
        cache.budget = 4_000
        for query in NAMED:
            check(searcher, texts, query, literal(query))
            assert cache.size <= cache.budget
    finally:
        searcher.close()
