"""Chunks' sorted pairs find exactly what a scan finds, are built the second time a chunk
is asked for within their budget, and answer searches as the scan did."""

from __future__ import annotations

import random
from typing import Any

import pytest

from reader.core.search import pairs
from reader.core.search.chunks import Chunk
from reader.core.search.matches import Matches
from reader.core.search.optional import numpy_module
from reader.core.search.pairs import HEAD_CHARS, Needles, PairCache, PairIndex
from reader.core.search.service import SearchService

np: Any = numpy_module()
pytestmark = pytest.mark.skipif(np is None, reason="NumPy")

ALPHABET = "的和发展哈a𠮷\0 ，"


def owned_starts(text: str, needle: str, owned: int, offset: int) -> list[int]:
    """The oracle: every start before ``owned`` where ``needle`` matches, overlapping."""
    return [offset + i for i in range(owned) if text.startswith(needle, offset + i)]


def split(text: str, size: int, head: int) -> list[tuple[int, int, str]]:
    """``text`` as chunk windows of ``size`` owned characters and ``head`` after them."""
    return [(start, min(start + size, len(text)), text[start : start + size + head])
            for start in range(0, len(text), size)]


def test_an_index_finds_every_start_a_scan_finds() -> None:
    rng = random.Random(5)
    for _ in range(300):
        alphabet = ALPHABET if rng.random() < 0.5 else ALPHABET.replace("𠮷", "")
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 120)))
        size = rng.randrange(1, 40)
        picks = rng.sample(range(len(text)), min(3, len(text)))
        needles = list(dict.fromkeys(
            [text[s : s + rng.randrange(1, 7)] for s in picks]
            + ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 4)))]))
        plan = Needles(np, needles)
        for window in split(text, size, head=6):
            offset, end, _ = window
            found = PairIndex(np, window).find(np, plan)
            for needle, starts in zip(needles, found, strict=True):
                assert starts.tolist() == owned_starts(text, needle, end - offset, offset), (
                    text, window, needle)


def test_overlapping_single_characters_and_the_last_one() -> None:
    index = PairIndex(np, (10, 15, "哈哈哈哈哈"))
    plan = Needles(np, ["哈", "哈哈", "哈哈哈", "哈\0"])
    assert [s.tolist() for s in index.find(np, plan)] == [
        [10, 11, 12, 13, 14], [10, 11, 12, 13], [10, 11, 12], []]


def chunk(seq: int, start: int, end: int) -> Chunk:
    return Chunk(doc_id=1, seq=seq, start=start, end=end, byte=0, size=0, digest="")


TEXT = "改革开放，开放改革。" * 3  # 30 characters, in three chunks of ten


def reader(calls: list[int]) -> Any:
    def read(chunks: list[Chunk], reach: int) -> list[tuple[int, int, str]]:
        calls.append(len(chunks))
        return [(c.start, c.end, TEXT[c.start : c.end + reach]) for c in chunks]
    return read


def test_a_chunk_is_indexed_the_second_time_it_is_asked_for() -> None:
    calls: list[int] = []
    cache = PairCache(reader(calls))
    chunks = [chunk(k, 10 * k, 10 * k + 10) for k in range(3)]
    assert cache.positions(chunks, ["开放", "改革"]) is None  # the first time: scan
    assert calls == [] and cache.size == 0
    found = cache.positions(chunks, ["开放", "改革"])
    assert calls == [3] and cache.size > 0
    assert found == [(s, s + 2) for s in range(30) if TEXT[s : s + 2] in ("开放", "改革")]
    assert cache.count(chunks, ["开放", "改革"]) == len(found) == 12
    assert cache.positions(chunks[1:], ["放，开"]) == Matches.of([(13, 16), (23, 26)])
    assert calls == [3]  # kept
    cache.clear()
    assert cache.size == 0 and cache.positions(chunks, ["开放"]) is None


def test_nothing_is_built_without_leave_or_room() -> None:
    calls: list[int] = []
    cache = PairCache(reader(calls))
    chunks = [chunk(0, 0, 10)]
    assert cache.positions(chunks, ["开放"], build=False) is None
    assert cache.positions(chunks, ["开放"], build=False) is None
    assert cache.count(chunks, ["开放"], build=False) is None and calls == []
    full = PairCache(reader(calls), budget=pairs.CHAR_BYTES * 10)
    full.positions(chunks, ["开放"])
    assert full.positions(chunks, ["开放"]) is None and calls == [] and full.size == 0
    assert cache.positions(chunks, ["开" * (HEAD_CHARS + 2)]) is None  # longer than a head


def test_the_seen_set_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pairs, "SEEN_LIMIT", 2)
    cache = PairCache(reader([]))
    for k in range(3):
        cache.positions([chunk(k, 10 * k, 10 * k + 10)], ["开放"])
    assert len(cache._seen) <= 2


QUERIES = ["国务院", "年", "国", "城市", "高举邓小平理论", "哈哈", "𠮷野家", "经济 OR 工业",
           "gdp", "2024", "，", "發展", "全国人民代表大会"]


def test_searches_answer_the_same_from_pair_indexes(service: SearchService) -> None:
    scanning, indexed = service.searcher(), service.searcher()
    try:
        scanning._pairs.budget = 0
        for query in QUERIES:  # the first time marks the chunks, the second builds
            indexed.search(query, limit=100)
        assert indexed._pairs.size > 0
        assert sum(len(h.matches) for h in indexed.search("年", limit=100).hits) > 5
        for query in QUERIES:
            for limit in (3, 100):
                got, want = indexed.search(query, limit=limit), scanning.search(query, limit=limit)
                assert (got.hits, got.total) == (want.hits, want.total), query
            assert indexed.count(query) == scanning.count(query)
        assert scanning._pairs.size == 0
    finally:
        scanning.close()
        indexed.close()
