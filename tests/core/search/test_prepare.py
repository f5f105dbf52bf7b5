"""Preparing documents, and full builds whose worker process writes a segment of its own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index

from reader.core.search import prepare
from reader.core.search.analysis import Segmenter, grams
from reader.core.search.fold import fold
from reader.core.search.index import SearchIndex
from reader.core.search.prepare import prepare_document, split_jobs
from reader.core.search.service import SearchService
from reader.core.search.signatures import signature
from tests.core.search.conftest import TRADITIONAL


def test_prepare_document_holds_chunks_grams_and_words() -> None:
    segmenter = Segmenter()
    text = TRADITIONAL * 400  # several chunks
    prepared = prepare_document(segmenter, "報告", text)
    assert prepared.folded == fold(text)
    assert len(prepared.chunks) > 1
    (seq, start, end, _byte, _size, _digest), found, sig = prepared.chunks[1]
    assert (seq, start) == (1, 16_384) and end > start
    assert found == grams(prepared.folded[start : end + 63])
    assert sig == signature(prepared.folded[start : end + 63])  # what its grams cover
    assert prepared.entries(7)[1]["_signature"] == sig
    assert prepared.words["国务院"] > 0 and "：" not in prepared.words
    assert prepared.title_words == {"报告": 1}


def test_split_jobs_balances_characters() -> None:
    jobs = [(n, f"t{n}", "字" * size, "k") for n, size in enumerate([50, 10, 30, 20, 40, 5])]
    first, second = split_jobs(jobs, 2)
    assert sorted(first + second) == sorted(jobs)
    sizes = [sum(len(job[2]) for job in share) for share in (first, second)]
    assert abs(sizes[0] - sizes[1]) <= 5
    assert [job[0] for job in first] == sorted(job[0] for job in first)


def test_parallel_build_writes_the_same_chunks_in_two_segments(
    data_dir: Path, library_ids: list[int]
) -> None:
    """A worker writes a share of the batch as its own segment: per document, the index
    holds the same chunks, grams, words and stored fields as a one-process build."""
    service = SearchService(data_dir)
    views = []
    for procs in (1, 2):
        result = service.sync_now(rebuild=True, procs=procs)
        assert result.indexed == len(library_ids) and result.pending == 0
        ix = whoosh_index.open_dir(str(SearchIndex(data_dir).path))
        try:
            views.append((by_document(ix), len(ix._segments())))
        finally:
            ix.close()
    (single, one), (parallel, two) = views
    assert (one, two) == (1, 2)
    assert parallel == single
    searcher = service.searcher()
    try:
        assert searcher.search('"国务院"').total >= 2  # found in both segments' documents
    finally:
        searcher.close()


def _killed(*_args: object) -> None:
    """A worker that dies the way the kernel's out-of-memory killer ends one."""
    os._exit(137)


def test_a_killed_worker_leaves_its_share_to_the_build(
    data_dir: Path, library_ids: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed mid-build breaks the process pool; the build writes that share
    itself instead of ending in a traceback, and every document is searchable."""
    service = SearchService(data_dir)
    monkeypatch.setattr(prepare, "_build_segment", _killed)
    result = service.sync_now(rebuild=True, procs=2)
    assert result.indexed == len(library_ids) and result.pending == 0
    searcher = service.searcher()
    try:
        assert searcher.search('"国务院"').total >= 2
    finally:
        searcher.close()
    after_kill = documents_of(data_dir)
    monkeypatch.undo()
    service.sync_now(rebuild=True, procs=1)
    assert after_kill == documents_of(data_dir)


def documents_of(data_dir: Path) -> dict[tuple[str, int], Any]:
    ix = whoosh_index.open_dir(str(SearchIndex(data_dir).path))
    try:
        return by_document(ix)
    finally:
        ix.close()


def by_document(ix: Any) -> dict[tuple[str, int], Any]:
    """(doc id, chunk seq) -> stored fields, and the terms of each field it holds."""
    view: dict[tuple[str, int], Any] = {}
    with ix.reader() as reader:
        stored = dict(reader.iter_docs())
        terms: dict[int, list[tuple[str, bytes, float]]] = {d: [] for d in stored}
        for fieldname, term in reader.all_terms():
            matcher = reader.postings(fieldname, term)
            while matcher.is_active():
                terms[matcher.id()].append((fieldname, term, matcher.weight()))
                matcher.next()
        for docnum, fields in stored.items():
            key = (fields["doc_id"], fields["chunk"][0])
            view[key] = (fields, sorted(terms[docnum]))
    return view
