"""Word scores computed whole are BM25 per posting, however they are stored or summed."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from reader.core.search import bm25
from reader.core.search.bm25 import Ranker
from tests.core.search.test_bulk import build, documents

WORDS = ["的", "发展", "坚持", "质量", "基调", *(f"词{n}" for n in range(7)), "无此词"]


@pytest.fixture
def reader(tmp_path: Path) -> Any:
    """350 documents of two chunks in three segments, one document deleted; ``的`` is in
    nearly every document (its scores are kept dense), the other words in fewer."""
    docs = documents(700)
    for n, doc in enumerate(docs[:690]):
        if "words" in doc:
            doc["words"]["的"] = 1 + n % 4
    ix = build(tmp_path / "ix", docs, bulk=True, commits=3)
    writer = ix.writer()
    writer.delete_by_term("doc_id", "7")
    writer.commit(merge=False)
    with ix.reader() as opened:
        yield opened


def firsts_of(reader: Any) -> list[int]:
    return sorted(n for n, f in reader.iter_docs() if f["chunk"][0] == 0)


def expected(reader: Any, field: str, word: str) -> dict[int, float]:
    """BM25 (k1 1.2, b 0.75) of ``word`` by docnum, one posting at a time through Whoosh."""
    firsts = firsts_of(reader)
    term = word.encode("utf-8")
    if (field, term) not in reader:
        return {}
    df = reader.doc_frequency(field, term)
    idf = math.log(1 + (len(firsts) - df + 0.5) / (df + 0.5))
    avg = reader.field_length(field) / len(firsts)
    found = {}
    for docnum, freq in reader.postings(field, term).items_as("weight"):
        length = reader.doc_field_length(docnum, field)
        found[docnum] = idf * freq * 2.2 / (freq + 1.2 * (1 - 0.75 + 0.75 * length / avg))
    return found


def scores_by_docnum(ranker: Ranker, firsts: list[int], field: str, word: str) -> dict[int, float]:
    scores = ranker.word(field, word)
    if scores is None:
        return {}
    places = list(range(len(firsts)))
    totals = ranker.totals([(scores, 1.0)], list(places))
    return {firsts[at]: value for at, value in zip(places, totals, strict=True) if value}


@pytest.mark.parametrize("numpy", [True, False])
def test_each_words_scores_are_bm25_of_its_postings(reader, monkeypatch, numpy) -> None:
    if not numpy:
        monkeypatch.setattr(bm25, "_numpy", lambda: None)
    firsts = firsts_of(reader)
    ranker = Ranker()
    ranker.reset(reader, firsts)
    stored = set()
    for field in ("words", "title_words"):
        for word in [*WORDS, "题0", "题1"]:
            want = expected(reader, field, word)
            got = scores_by_docnum(ranker, firsts, field, word)
            assert got.keys() == want.keys(), (field, word)
            assert got == pytest.approx(want, rel=1e-12), (field, word)
            scores = ranker.word(field, word)
            if scores is not None:
                stored.add(scores.places is None)
    assert stored == ({True, False} if numpy else {True})  # dense and sparse words both seen


def test_totals_are_the_same_floats_with_and_without_numpy(reader, monkeypatch) -> None:
    firsts = firsts_of(reader)
    places: list[int | None] = [*range(len(firsts)), None, 3]

    def totals() -> list[float]:
        ranker = Ranker()
        ranker.reset(reader, firsts)
        parts = [(s, boost) for w in WORDS for field, boost in (("words", 1.0),
                 ("title_words", 3.0)) if (s := ranker.word(field, w)) is not None]
        return ranker.totals(parts, places)

    fast = totals()
    monkeypatch.setattr(bm25, "_numpy", lambda: None)
    assert totals() == fast  # exactly: the same operations in the same order
    assert fast[len(firsts)] == 0.0 and fast[-1] == fast[3] > 0.0
    assert sum(v > 0 for v in fast) > len(firsts) * 0.9


def test_scores_stay_within_their_byte_budget(reader) -> None:
    firsts = firsts_of(reader)
    roomy = Ranker()
    roomy.reset(reader, firsts)
    weights = {w: s.nbytes for w in WORDS if (s := roomy.word("words", w)) is not None}
    assert weights["词3"] * 3 < weights["发展"]  # a rarer word is kept sparse: cheaper
    budget = weights["发展"] + weights["词3"]
    tight = Ranker(budget)
    tight.reset(reader, firsts)
    for word in WORDS:
        tight.word("words", word)
        assert tight.size <= budget
    assert tight.size > 0


def test_a_reset_forgets_the_previous_readers_scores(reader) -> None:
    firsts = firsts_of(reader)
    ranker = Ranker()
    ranker.reset(reader, firsts)
    assert ranker.word("words", "发展") is not None
    ranker.reset(None, [])
    assert ranker.size == 0
    assert ranker.word("words", "发展") is None
