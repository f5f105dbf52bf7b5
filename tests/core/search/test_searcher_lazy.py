"""The panel's page first: a phrase with many candidates is confirmed in rank order only
until the page is full, with the hits of a full search, a lower-bound total, and
``count`` for the exact one; a ``stop()`` that says so ends a search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.search import searcher as searcher_module
from reader.core.search.response import SearchStopped
from reader.core.search.searcher import Searcher
from reader.core.search.service import SearchService
from tests.core.search.conftest import isolate

PHRASE = "国务院会议"


def _texts() -> dict[str, str]:
    texts = {}
    for n in range(24):  # densities differ, and two of each tie
        body = "。".join([PHRASE] * (1 + n // 2) + ["经济社会发展"] * (3 + n % 5))
        if n % 4 == 0:
            body += "。取消"
        texts[f"p{n:02d}.txt"] = f"# 纪要{n}\n\n{body}。"
    for n in range(6):  # the phrase's characters, never the phrase
        texts[f"q{n}.txt"] = f"# 其他{n}\n\n国务院，院会，会议，党委会议。"
    return texts


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lazy")
    with pytest.MonkeyPatch.context() as env:
        isolate(env, root)
        data_dir, folder = root / "data", root / "src"
        folder.mkdir()
        for name, text in _texts().items():
            (folder / name).write_text(text, encoding="utf-8")
        library = Library.open(data_dir)
        try:
            library.importer().import_paths([folder])
        finally:
            library.close()
        service = SearchService(data_dir)
        service.sync_now()
        service.stop()
    return data_dir


@pytest.fixture
def searcher(library: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Searcher]:
    monkeypatch.setattr(searcher_module, "LAZY_MIN_CANDIDATES", 3)
    s = SearchService(library).searcher()
    yield s
    try:  # no query failed over to a scan (that would have set the index aside)
        assert s._whoosh() is not None
    finally:
        s.close()


def _page(response) -> list[tuple[int, float, list[tuple[int, int]], str, bool]]:
    return [(h.doc_id, h.score, list(h.matches), h.snippet, h.exact) for h in response.hits]


@pytest.mark.parametrize("query", [PHRASE, f"{PHRASE} -取消", f"{PHRASE} OR 党委会议"])
@pytest.mark.parametrize("limit", [1, 3, 7])
def test_the_page_is_that_of_a_full_search(searcher: Searcher, query: str, limit: int) -> None:
    full = searcher.search(query, limit=limit)
    lazy = searcher.search(query, limit=limit, exact_total=False)
    assert full.total_exact and len(full.hits) == limit
    assert _page(lazy) == _page(full)
    assert limit <= lazy.total <= full.total
    assert searcher.count(query) == full.total


def test_a_lower_bound_says_so(searcher: Searcher) -> None:
    full = searcher.search(PHRASE, limit=2)
    lazy = searcher.search(PHRASE, limit=2, exact_total=False)
    assert full.total == 24 + 6 and "total_exact" not in full.as_json()  # 6 with its words
    assert not lazy.total_exact and lazy.total < full.total
    assert lazy.as_json()["total_exact"] is False


def test_few_candidates_are_all_confirmed(searcher: Searcher, monkeypatch) -> None:
    monkeypatch.setattr(searcher_module, "LAZY_MIN_CANDIDATES", 200)
    lazy = searcher.search(f'"{PHRASE}"', limit=2, exact_total=False)
    assert lazy.total_exact and lazy.total == 24


def test_a_stop_ends_a_search_that_reads(searcher: Searcher) -> None:
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return True

    with pytest.raises(SearchStopped):
        searcher.search(PHRASE, limit=5, stop=stop)
    with pytest.raises(SearchStopped):
        searcher.count(PHRASE, stop=stop)
    assert asked
    assert searcher.search("国务", limit=5, stop=stop).total == 30  # postings: nothing read
    assert searcher.search(f'"{PHRASE}"', limit=5).total == 24  # the searcher still works


def test_a_page_of_exact_hits_leaves_the_words_uncounted(searcher: Searcher,
                                                          monkeypatch) -> None:
    monkeypatch.setattr(searcher_module, "LAZY_MIN_CANDIDATES", 200)  # all confirmed
    full = searcher.search(PHRASE, limit=24)
    lazy = searcher.search(PHRASE, limit=24, exact_total=False)
    assert _page(lazy) == _page(full) and all(h.exact for h in lazy.hits)
    assert (lazy.total, lazy.total_exact, full.total) == (24, False, 30)
    fewer = searcher.search(PHRASE, limit=25, exact_total=False)  # a words-only hit shows
    assert (fewer.total, fewer.total_exact) == (30, True) and not fewer.hits[-1].exact


def test_documents_not_yet_indexed_rank_as_in_a_full_search(
        library: Path, tmp_path: Path, monkeypatch) -> None:
    """Imported after the index was built: verified on their whole texts, lazily too."""
    import shutil

    data_dir = tmp_path / "data"
    shutil.copytree(library, data_dir)
    folder = tmp_path / "later"
    folder.mkdir()
    for n in range(3):
        (folder / f"new{n}.txt").write_text(f"# 新{n}\n\n" + f"{PHRASE}。" * (n + 1) + "取消",
                                            encoding="utf-8")
    lib = Library.open(data_dir)
    try:
        lib.importer().import_paths([folder])
    finally:
        lib.close()
    monkeypatch.setattr(searcher_module, "LAZY_MIN_CANDIDATES", 3)
    s = SearchService(data_dir).searcher()
    try:
        assert s._whoosh() is not None
        for query in (PHRASE, f'"{PHRASE}"', f"{PHRASE} -取消"):
            for limit in (1, 3, 30):
                full = s.search(query, limit=limit)
                lazy = s.search(query, limit=limit, exact_total=False)
                assert _page(lazy) == _page(full), (query, limit)
                assert lazy.total <= full.total == s.count(query)
        assert s.search(f'"{PHRASE}"', limit=30).total == 27
    finally:
        s.close()


def test_within_a_collection_ranks_and_counts_only_its_documents(searcher: Searcher) -> None:
    """A collection's documents that rank below the library's page are its own page."""
    ranked = [h.doc_id for h in searcher.search(f'"{PHRASE}"', limit=100).hits]
    lowest = set(ranked[-3:])
    for exact_total in (True, False):
        inside = searcher.search(PHRASE, limit=2, within=lowest, exact_total=exact_total)
        assert [h.doc_id for h in inside.hits] == ranked[-3:-1]
        assert inside.total == 3 or (not exact_total and 2 <= inside.total <= 3)
    assert searcher.count(PHRASE, within=lowest) == 3
    assert searcher.count(PHRASE, within=()) == 0
