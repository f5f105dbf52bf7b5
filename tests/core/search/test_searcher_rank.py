"""Ranking: BM25 over the library's own words (titles count three times), documents that
hold the query as typed before those holding only its words, denser documents first
among equal scores, and the fallback's words cut the way the library was cut."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.search import searcher as searcher_module
from reader.core.search.fold import fold
from reader.core.search.searcher import Searcher, _Candidate
from reader.core.search.service import SearchService
from tests.core.search.conftest import isolate

TEXTS = {
    "a.txt": "# 研究生命\n\n研究生命的起源。研究生物。生命科学。",
    "b.txt": "# 纪要\n\n天津市委。国务院。天津国务院。",
    "c.txt": "# 报告\n\n天津，天津，天津。国务院，国务院，国务院。会议研究。",
    "d.txt": "# 生命\n\n生命。" + "会议通过，研究。" * 3,
    "e.txt": "# 要点\n\n要点：甲；要点：乙。",
    "f.txt": "# 稀疏\n\n" + "经济社会发展。" * 40 + "要点：一：二：三：四。",  # the most, sparsest
    "g.txt": "# 稠密\n\n要点：甲；要点：乙；要点：丙。",
    "h.txt": "# 要点\n\n要点：丙；要点：丁。",  # the same density as e.txt
    "i.txt": "# 区委\n\n区委和市委。",  # 市委 as a word of its own, twice
    "j.txt": "# 县委\n\n市委和县委。",
    "k.txt": "# 衣着\n\n穿和服。",  # 和服 in three documents, 服务 in two, 展开 in one
    "l.txt": "# 窗口\n\n提供服务。",
    "m.txt": "# 调查\n\n服务展开调查。",
    "n.txt": "# 节日\n\n和服很美。",
    "o.txt": "# 店铺\n\n卖和服，internationalization。",  # a word too long to be looked up
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("rank")
    with pytest.MonkeyPatch.context() as env:
        isolate(env, root)
        data_dir, folder = root / "data", root / "src"
        folder.mkdir()
        library = Library.open(data_dir)
        try:
            ids = {}
            for name, text in TEXTS.items():  # one at a time: ids in this order
                (folder / name).write_text(text, encoding="utf-8")
                (result,) = library.importer().import_paths([folder / name])
                assert result.doc_id is not None
                ids[name] = result.doc_id
        finally:
            library.close()
        service = SearchService(data_dir)
        service.sync_now()
        service.stop()
    return data_dir, ids


@pytest.fixture
def searcher(library) -> Iterator[Searcher]:
    s = SearchService(library[0]).searcher()
    s.cache.refresh()
    assert s._whoosh() is not None
    yield s
    try:  # no query failed over to a scan (that would have set the index aside)
        assert s._whoosh() is not None
    finally:
        s.close()


def bm25(searcher: Searcher, words: list[str]) -> dict[int, float]:
    """Okapi BM25 (k1 1.2, b 0.75) of ``words`` per document from the index's statistics:
    documents, not chunks, are counted; title words weigh three times."""
    reader = searcher._whoosh().reader()
    firsts = {n: int(f["doc_id"]) for n, f in reader.iter_docs() if f["chunk"][0] == 0}
    total = len(firsts)
    scores = dict.fromkeys(firsts.values(), 0.0)
    for word in words:
        for field, boost in (("words", 1.0), ("title_words", 3.0)):
            term = word.encode("utf-8")
            if (field, term) not in reader:
                continue
            df = reader.doc_frequency(field, term)
            idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
            avg = reader.field_length(field) / total
            for docnum, freq in reader.postings(field, term).items_as("weight"):
                length = reader.doc_field_length(docnum, field)
                tf = freq * 2.2 / (freq + 1.2 * (0.25 + 0.75 * length / avg))
                scores[firsts[docnum]] += boost * idf * tf
    return scores


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("研究生命", ["研究", "生命"]),  # the whole string and its two words
        ("研究 生命", ["研究", "生命"]),
        ("天津市委", ["天津", "天津市委"]),  # every indexed word inside the literal
        ("天津 OR 国务院", ["天津", "国务院"]),
        ('"天津，天津"', ["天津"]),
        ("国务院", ["国务院"]),
        ("生命 -起源", ["生命"]),
    ],
)
def test_scores_are_bm25_of_the_words_in_the_query(searcher, query, words) -> None:
    response = searcher.search(query, limit=100)
    assert response.hits
    expected = bm25(searcher, words)
    for hit in response.hits:
        assert hit.score == pytest.approx(expected[hit.doc_id], rel=1e-9, abs=1e-12)
    assert all(hit.score > 0 for hit in response.hits)
    keys = [(not h.exact, -h.score) for h in response.hits]
    assert keys == sorted(keys)


def test_the_query_as_typed_ranks_above_higher_scoring_word_hits(searcher, library) -> None:
    ids = library[1]
    response = searcher.search("天津国务院", limit=10)
    assert [(h.doc_id, h.exact) for h in response.hits] == [
        (ids["b.txt"], True), (ids["c.txt"], False)
    ]
    b, c = response.hits
    assert c.score > b.score  # c holds both words three times, never together
    expected = bm25(searcher, ["天津", "国务院"])
    assert [b.score, c.score] == pytest.approx([expected[b.doc_id], expected[c.doc_id]])
    assert response.total == 2


def test_a_page_is_the_top_of_the_whole_ranking(searcher) -> None:
    full = [(h.doc_id, h.score) for h in searcher.search("会议", limit=100).hits]
    assert len(full) == 2
    assert [(h.doc_id, h.score) for h in searcher.search("会议", limit=1).hits] == full[:1]
    assert searcher.search("会议", limit=0).hits == []
    assert searcher.search("会议", limit=0).total == 2


def test_equal_scores_are_ordered_by_density_then_id(searcher, library) -> None:
    ids = library[1]
    hits = searcher.search("：", limit=10).hits
    assert all(h.score == 0.0 for h in hits)
    # g: 3 in 20 characters; e and h: 2 in 15 (e first by id); f: 4 in 296 characters
    assert [h.doc_id for h in hits] == [ids["g.txt"], ids["e.txt"], ids["h.txt"], ids["f.txt"]]


def test_a_tie_run_past_the_page_is_counted_too(searcher, library) -> None:
    ids = library[1]
    assert [h.doc_id for h in searcher.search("：", limit=1).hits] == [ids["g.txt"]]
    page = searcher.search("：", limit=3)
    assert [h.doc_id for h in page.hits] == [ids[f"{n}.txt"] for n in "geh"]
    assert page.total == 4


def _candidates(ids: dict[str, int], names: str, score: float) -> list[_Candidate]:
    return [_Candidate(ids[f"{n}.txt"], True, [fold("：")], score=score) for n in names]


def test_only_tie_runs_reaching_into_the_page_are_ordered(searcher, library) -> None:
    ids = library[1]
    top, low = _candidates(ids, "ef", 2.0), _candidates(ids, "hg", 1.0)
    cands = top + low
    searcher._break_ties(cands, 2)  # the second run starts after the page: left as it was
    assert [c.doc_id for c in cands] == [ids[f"{n}.txt"] for n in "efhg"]
    searcher._break_ties(cands, 3)
    assert [c.doc_id for c in cands] == [ids[f"{n}.txt"] for n in "efgh"]
    assert cands[2].density == pytest.approx(3 / 20)  # occurrences per character, title too
    assert cands[3].density == pytest.approx(2 / 15)


def test_exact_and_word_hits_are_separate_runs(searcher, library) -> None:
    ids = library[1]
    cands = _candidates(ids, "f", 0.0) + [_Candidate(ids["g.txt"], False, [fold("：")])]
    searcher._break_ties(cands, 10)
    assert [c.doc_id for c in cands] == [ids["f.txt"], ids["g.txt"]]


def test_huge_tie_runs_stay_in_id_order(searcher, library, monkeypatch) -> None:
    ids = library[1]
    monkeypatch.setattr(searcher_module, "MAX_DENSITY_TIES", 3)
    cands = _candidates(ids, "efhg", 0.0)
    searcher._break_ties(cands, 10)
    assert [c.doc_id for c in cands] == [ids[f"{n}.txt"] for n in "efhg"]
    cands = _candidates(ids, "fhg", 0.0)  # a run of the maximum is still ordered
    searcher._break_ties(cands, 10)
    assert [c.doc_id for c in cands] == [ids[f"{n}.txt"] for n in "ghf"]
    cands = _candidates(ids, "e", 1.0) + _candidates(ids, "fhg", 0.0)  # wherever it starts
    searcher._break_ties(cands, 10)
    assert [c.doc_id for c in cands] == [ids[f"{n}.txt"] for n in "eghf"]


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("研究生命", ["研究", "生命"]),
        ("天津市委", ["天津市委"]),  # rarer than 天津 and 市委, but one word costs less than two
        ("市委天津", ["市委", "天津"]),
        ("和服务", ["和服", "务"]),  # 和服 or 服务: the commoner (和 alone is no choice)
        ("internationalization", list("internationalization")),
        ("发展开", ["发展", "开"]),  # 发展 or 展开, as common: the first
        ("天津国务院", ["天津", "国务院"]),
        ("研究x生命", ["研究", "x", "生命"]),  # characters of no word are pieces of their own
        ("x", ["x"]),
        ("", []),
        ("会议通过", ["会议", "通过"]),
    ],
)
def test_library_words_cut_into_the_most_probable_indexed_words(searcher, text, cut) -> None:
    assert searcher._library_words(searcher._whoosh(), text) == cut


def test_the_word_fallback_finds_documents_holding_every_word(searcher, library) -> None:
    ids = library[1]
    response = searcher.search("研究会议", limit=10)
    assert {(h.doc_id, h.exact) for h in response.hits} == {
        (ids["c.txt"], False), (ids["d.txt"], False)
    }
    expected = bm25(searcher, ["研究", "会议"])
    for hit in response.hits:
        assert hit.score == pytest.approx(expected[hit.doc_id])
