"""Verification is exact for every query form, whatever the index knows.

A small library split into tiny chunks, searched (a) fully indexed, (b) with one document
edited and one imported since the index was built, (c) with no index at all: every query's
exact hits and their positions are what a brute-force scan of the folded texts finds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.ingest.formats.text import parse_document
from reader.core.library import Library
from reader.core.search import chunks
from reader.core.search.fold import fold
from reader.core.search.query import parse_query
from reader.core.search.searcher import Searcher
from reader.core.search.service import SearchService
from reader.core.storage.db import open_database, transaction
from reader.core.storage.documents import SourceInfo
from reader.platform.paths import library_path
from tests.core.search.conftest import isolate
from tests.core.search.test_index_damage import folded_file, queued

SMALL = 8

TEXTS = {
    "a.txt": "# 改革纪要\n\n改革创新。"
    + "改革开放是决定当代中国命运的关键一招。哈哈哈，社会主义，改革开放再出发。" * 3
    + "国",
    "b.txt": "# 社会\n\n社会主义现代化建设，改革不停步。人民群众。",
    "c.txt": "# 开放\n\n对外开放与发展，社会 主义。发展是第一要务。",
    "d.txt": "# 发展报告\n\n发展经济，国计民生。",
    "e.txt": "# 旧稿\n\n旧文在此，改革。",
    # every gram of 改革开放, 社会主义 and 哈哈哈, none of them: postings alone would say yes
    "g.txt": "# 诱饵\n\n开放改革，革开。会主，主义社会。哈哈。",
    "h.txt": "# 四十年\n\n改革开放四十年，主义社会会主。",  # the one phrase, the other's grams
}
EDITED = "# 旧稿\n\n新文在此，改革开放。"  # e.txt after the index was built
ADDED = "# 新增\n\n新文：改革开放，发展，哈哈。"  # imported after the index was built

QUERIES = [
    "改", "国", "改革", "开放", "改革开放", "哈哈", "哈哈哈", "，", "旧文", "新文", "在此",
    '"社会 主义"', '"社会主义"', '"改革开放是决定当代中国命运的关键一招。哈哈哈"',
    "改革 开放", "改革 发展", "改革开放 发展", "开放 社会主义",
    "改革 OR 开放", "改革开放 OR 发展", "社会主义 OR 发展", "人民 OR 国计",
    "改革 -开放", "改革 -改革开放", "改革开放 -新文", "发展 -国", "开放 -社会主义",
    "改革 OR 发展 -国", "发展 -哈哈 -人民", "-改革", "-改革开放", "-国 -发展",
    "不存在", "改革 不存在", "不存在 OR 国计", "旧文 OR 新文", "改革 -旧文",
    "改革开放 社会主义", "社会主义 现代化", "改 -改革开放", '" 改"', '"改 "', '"， 改"',
    "主义 -社会主义", "改革开放 OR 社会主义 -哈哈哈", "改革发展", "开放发展",
]


def _import(library: Library, folder: Path, name: str, text: str) -> int:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    (result,) = library.importer().import_paths([path])
    assert result.doc_id is not None
    return result.doc_id


def _build(root: Path, *, index: bool, stale: bool) -> tuple[Path, dict[int, str]]:
    data_dir, folder = root / "data", root / "src"
    folder.mkdir(parents=True)
    library = Library.open(data_dir)
    try:
        ids = {name: _import(library, folder, name, text) for name, text in TEXTS.items()}
    finally:
        library.close()
    if index:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(chunks, "CHUNK_CHARS", SMALL)
            service = SearchService(data_dir)
            service.sync_now()
            service.stop()
    library = Library.open(data_dir)
    try:
        if stale:
            source = SourceInfo("/x/e.txt", 0.0, len(EDITED), "1" * 64, "utf-8", "text")
            with transaction(library.db):
                library.documents.replace_content(
                    ids["e.txt"], parse_document(EDITED, "e.txt"), source
                )
            _import(library, folder, "f.txt", ADDED)
        doc_ids = [row[0] for row in library.db.execute("SELECT id FROM documents")]
        texts = {doc_id: library.documents.text(doc_id) for doc_id in doc_ids}
    finally:
        library.close()
    return data_dir, texts


def _open(data_dir: Path) -> Searcher:
    return SearchService(data_dir).searcher()


def _damage(data_dir: Path, texts: dict[int, str]) -> int:
    """Change 改革创新 (only there) and the first 社会主义 (later chunks hold it intact) in
    the long document's folded copy: those chunks' digests no longer match. Returns its id."""
    (doc_id,) = [d for d, t in texts.items() if t.startswith("改革纪要")]
    path = folded_file(data_dir, doc_id)
    data = path.read_bytes()
    for word, damaged in (("改革创新", "改革创意"), ("社会主义", "社会主意")):
        at = data.index(word.encode())
        data = data[:at] + damaged.encode() + data[at + len(word.encode()) :]
    path.write_bytes(data)
    return doc_id


@pytest.fixture(scope="module", params=["indexed", "stale", "no index", "damaged"])
def state(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("verify")
    with pytest.MonkeyPatch.context() as env:
        isolate(env, root)
        data_dir, texts = _build(
            root, index=request.param != "no index", stale=request.param == "stale"
        )
        if request.param == "damaged":
            _damage(data_dir, texts)
    return request.param, data_dir, texts


@pytest.fixture
def searcher(state) -> Iterator[Searcher]:
    if state[0] == "damaged":  # as if no query had found the damage yet
        db = open_database(library_path(state[1]))
        try:
            with transaction(db):
                db.execute("DELETE FROM search_queue")
        finally:
            db.close()
    s = _open(state[1])
    yield s
    try:  # no query failed over to a scan (that would have set the index aside)
        assert (s._whoosh() is None) == (state[0] == "no index")
    finally:
        s.close()


def expected(texts: dict[int, str], query: str, scope: set[int] | None = None):
    """Exact hits by brute force: doc id -> every occurrence of every literal."""
    parsed = parse_query(query)
    found = {}
    for doc_id, text in texts.items():
        folded = fold(text)
        if scope is not None and doc_id not in scope:
            continue
        if not all(any(lit.folded in folded for lit in g) for g in parsed.groups):
            continue
        if any(ex.folded in folded for ex in parsed.excludes):
            continue
        spots = {
            (i, i + len(lit.folded))
            for lit in parsed.literals
            for i in range(len(folded))
            if folded.startswith(lit.folded, i)
        }
        found[doc_id] = sorted(spots)
    return found


def test_the_states_are_what_they_claim(state, searcher: Searcher) -> None:
    name, _data_dir, texts = state
    searcher.cache.refresh()
    whoosh = searcher._whoosh()
    if name == "no index":
        assert whoosh is None
        return
    assert whoosh is not None
    assert all(len(d) > 1 for d in searcher._chunks.docnums.values())  # really split
    unindexed = searcher._unindexed(whoosh, searcher._pending())
    assert len(unindexed) == (2 if name == "stale" else 0)
    assert len(texts) == len(TEXTS) + (name == "stale")


@pytest.mark.parametrize("query", QUERIES)
def test_exact_hits_and_positions_match_a_scan(state, searcher: Searcher, query: str) -> None:
    texts = state[2]
    response = searcher.search(query, limit=1000)
    got = {hit.doc_id: hit.matches for hit in response.hits if hit.exact}
    assert got == expected(texts, query)
    if parse_query(query).single_unquoted() is None:  # no word fallback: only exact hits
        assert response.total == len(response.hits) == len(got)


def test_doc_filter_limits_the_scan(state, searcher: Searcher) -> None:
    texts = state[2]
    for doc_id in texts:
        for query in ("改革 -开放", "改革开放", "发展 OR 人民", "-国"):
            response = searcher.search(f"{query} doc:{doc_id}", limit=1000)
            got = {hit.doc_id: hit.matches for hit in response.hits if hit.exact}
            assert got == expected(texts, query, {doc_id})


def test_title_filter_keeps_documents_whose_title_holds_it(state, searcher: Searcher) -> None:
    texts = state[2]
    by_title = {text.splitlines()[0]: doc_id for doc_id, text in texts.items()}
    assert {h.doc_id for h in searcher.search("title:发展 发展").hits} == {by_title["发展报告"]}
    assert {h.doc_id for h in searcher.search("title:社会 改革").hits} == {by_title["社会"]}
    assert searcher.search("title:开放 改革").total == 0


def test_documents_the_index_lacks_are_found_unscored(state, searcher: Searcher) -> None:
    name, _data_dir, texts = state
    hits = searcher.search("改革开放 OR 新文", limit=1000).hits
    added = [d for d, t in texts.items() if t.startswith("新增")]
    by_id = {h.doc_id: h for h in hits}
    if name in ("indexed", "damaged"):
        assert all(h.score > 0 for h in hits)
    elif name == "stale":
        assert by_id[added[0]].score == 0.0 and hits[-1].doc_id == added[0]
        assert all(h.score > 0 for h in hits[:-1])
    else:  # no index: no scores; the densest document first
        assert all(h.score == 0.0 for h in hits)
        density = {
            h.doc_id: len(h.matches) / len(texts[h.doc_id]) for h in hits
        }
        assert [h.doc_id for h in hits] == sorted(density, key=lambda d: (-density[d], d))


@pytest.mark.parametrize("state", ["damaged"], indirect=True)
@pytest.mark.parametrize(
    "query",
    [
        "社会主义", "社会主义 OR 不存在", "社会主义 -不存在", '"主义，改革开放再"', "，社会主义，",
        "改革创新", "改革创新 OR 不存在", "改革创新 -不存在", "改革开放 -改革创新", "创新",
    ],
)
def test_a_damaged_chunk_is_read_from_the_library_and_queued(state, searcher, query) -> None:
    _name, data_dir, texts = state
    damaged = [d for d, t in texts.items() if t.startswith("改革纪要")]
    assert queued(data_dir) == []
    woken: list[bool] = []
    searcher.on_damage = lambda: woken.append(True)
    response = searcher.search(query, limit=1000)
    assert {h.doc_id: h.matches for h in response.hits if h.exact} == expected(texts, query)
    assert queued(data_dir) == sorted(damaged) and woken


@pytest.mark.parametrize("state", ["indexed"], indirect=True)
@pytest.mark.parametrize(
    ("query", "reads"),
    [
        ("改", False), ("改革", False), ("改 开放", False), ("改革 OR 国", False),
        ("改革 -开放", False), ("-国", False), ("改 -开", False),
        ("改革开放", True), ("改革 -改革开放", True), ("开放 OR 社会主义", True),
    ],
)
def test_one_gram_literals_are_answered_from_postings(state, query, reads) -> None:
    """A count of one- and two-character literals reads no text; longer ones are verified."""
    texts = state[2]
    s = _open(state[1])
    try:
        assert s.search(query, limit=0).total == len(expected(texts, query))
        assert (s._chunk_texts.size > 0) == reads
    finally:
        s.close()


@pytest.mark.parametrize("state", ["damaged"], indirect=True)
@pytest.mark.parametrize(
    "query",
    ["改革创新", "改革创新 OR 不存在", "改革创新 -不存在", "改革开放 -改革创新", "\"主义，改革\""],
)
def test_verifying_alone_reports_the_damage_it_reads(state, searcher, query) -> None:
    """A count (no page, so no positions) still reports a damaged chunk it had to verify."""
    _name, data_dir, texts = state
    damaged = [d for d, t in texts.items() if t.startswith("改革纪要")]
    woken: list[bool] = []
    searcher.on_damage = lambda: woken.append(True)
    assert searcher.search(query, limit=0).total == len(expected(texts, query))
    assert queued(data_dir) == sorted(damaged) and woken
    assert searcher._whoosh() is not None  # the index itself is still trusted


@pytest.mark.parametrize("state", ["damaged"], indirect=True)
def test_a_word_jieba_cut_out_is_held_without_reading_the_text(state, searcher) -> None:
    """The words field says 社会主义 is in the damaged document (jieba cut it out there),
    so counting it reads none of that document's chunks: no damage is even noticed."""
    _name, data_dir, texts = state
    assert searcher.search("社会主义", limit=0).total == len(expected(texts, "社会主义"))
    assert queued(data_dir) == []
    assert searcher.search("\"主义，改革\"", limit=0).total == 1  # no word: read, and reported
    assert queued(data_dir) != []
