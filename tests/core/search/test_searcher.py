"""Query semantics, ranking, positions, snippets, annotations and tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.search.fold import fold
from reader.core.search.service import SearchService
from reader.core.storage.db import now_iso, open_database, transaction
from reader.platform.paths import library_path


@pytest.fixture
def searcher(service: SearchService):
    s = service.searcher()
    yield s
    s.close()


def ids(response) -> set[int]:
    return {h.doc_id for h in response.hits}


def test_and_or_exclude(searcher, library_ids) -> None:
    special, traditional = library_ids[0], library_ids[1]
    assert ids(searcher.search("天津市委 PM2.5")) == {special}
    assert ids(searcher.search("天津市委 国民經濟")) == set()
    both = ids(searcher.search("天津市委 OR 国民经济"))
    assert {special, traditional} <= both
    assert special not in ids(searcher.search("国务院 -天津市委"))
    assert traditional in ids(searcher.search("国务院 -天津市委"))


def test_phrase_with_space_is_literal(searcher, library_ids) -> None:
    assert ids(searcher.search('"ＧＤＰ比重与GDP比重"')) == {library_ids[0]}
    assert ids(searcher.search('"比重 与"')) == set()


def test_title_and_doc_filters(searcher, library_ids) -> None:
    special, traditional = library_ids[0], library_ids[1]
    assert ids(searcher.search("title:政府工作报告 国务院")) == {traditional}
    assert ids(searcher.search(f"国务院 doc:{special}")) == {special}
    assert ids(searcher.search("国务院", doc_id=traditional)) == {traditional}
    only_filter = searcher.search("title:專項測試")
    assert ids(only_filter) == {special} and only_filter.hits[0].matches == []


def test_positions_select_the_text(searcher, data_dir: Path, library_ids) -> None:
    library = Library.open(data_dir)
    try:
        text = library.documents.text(library_ids[0])
    finally:
        library.close()
    hit = searcher.search("國務院").hits[0]
    assert hit.match_count == len(hit.matches) >= 2
    assert [text[s:e] for s, e in hit.matches if hit.doc_id == library_ids[0]] == [
        "国务院", "國務院", "国务院"
    ]
    assert hit.matches == sorted(hit.matches)


def test_snippet_and_section(searcher, library_ids) -> None:
    hit = searcher.search("𠮷野家").hits[0]
    assert "𠮷野家" in hit.snippet
    assert hit.section == "专项测试文本 > 二、罕用字"


def test_exact_string_ranks_above_words_only(searcher, library_ids) -> None:
    response = searcher.search("天津国务院")  # never literally present; both words are
    assert response.total >= 1
    assert all(not h.exact for h in response.hits)
    hit = response.hits[0]
    assert hit.matches and all(e - s in (2, 3) for s, e in hit.matches)
    exact_first = searcher.search("国务院")
    assert all(h.exact for h in exact_first.hits)


def test_words_fallback_cuts_the_query_into_the_librarys_words(searcher, service) -> None:
    """The fallback's words are the most probable cut into indexed words (as jieba
    would cut them); each hit holds every word."""
    response = searcher.search("天津国务院")
    assert response.hits
    text_of = {}
    library = Library.open(service.data_dir)
    try:
        for hit in response.hits:
            text_of[hit.doc_id] = library.documents.text(hit.doc_id)
    finally:
        library.close()
    for hit in response.hits:
        found = {fold(text_of[hit.doc_id][s:e]) for s, e in hit.matches}
        assert found == {"天津", "国务院"}  # not 天津国, 务院 or single characters


def test_ranking_is_stable(searcher) -> None:
    first = [(h.doc_id, h.score) for h in searcher.search("人民").hits]
    second = [(h.doc_id, h.score) for h in searcher.search("人民").hits]
    assert first == second
    scores = [s for _, s in first]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    "query", ['"', "-", "OR", "a OR", "，。！", "😀", "x" * 2000, "doc:abc", "tag:", "   ", ""]
)
def test_malformed_queries_do_not_raise(searcher, query) -> None:
    response = searcher.search(query)
    assert response.total >= 0
    if not query.strip():
        assert response.notes


def add_annotation(data_dir: Path, doc_id: int, quote: str, note: str, tag: str | None) -> int:
    db = open_database(library_path(data_dir))
    try:
        text = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
        start = text.index(quote)
        with transaction(db):
            cur = db.execute(
                "INSERT INTO annotations (uuid, doc_id, start, end, quote, prefix, suffix, note,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', '', ?, ?, ?)",
                [f"u{start}-{doc_id}", doc_id, start, start + len(quote), quote, note,
                 now_iso(), now_iso()],
            )
            ann_id = int(cur.lastrowid)
            if tag:
                db.execute("INSERT OR IGNORE INTO tags (name, created_at) VALUES (?, ?)",
                           [tag, now_iso()])
                tag_id = db.execute("SELECT id FROM tags WHERE name = ?", [tag]).fetchone()[0]
                db.execute("INSERT INTO annotation_tags VALUES (?, ?)", [ann_id, tag_id])
        return ann_id
    finally:
        db.close()


def test_annotation_scope_and_tags(searcher, data_dir: Path, library_ids) -> None:
    special = library_ids[0]
    ann = add_annotation(data_dir, special, "中共天津市委", "重要的会议", "重点")
    add_annotation(data_dir, special, "国务院发布", "政策", None)
    response = searcher.search("会议", annotations=True)
    assert [h.doc_id for h in response.hits] == [special]
    assert response.hits[0].annotation_ids == [ann]
    assert response.hits[0].matches[0][1] - response.hits[0].matches[0][0] == 6
    assert searcher.search("天津", annotations=True).total == 1  # quotes too
    assert searcher.search("不存在的词", annotations=True).total == 0
    # tag: restricts document search to the tagged passages
    tagged = searcher.search("天津", tag="重点")
    assert ids(tagged) == {special}
    assert all(e - s == 2 for s, e in tagged.hits[0].matches)
    assert searcher.search("国务院 tag:重点").total == 0
    assert searcher.search("tag:重点").total == 1
    add_annotation(data_dir, special, "邓小平理论", "", "政策/理论")
    assert ids(searcher.search("小平", tag="政策")) == {special}  # a tag covers its subtree
    assert searcher.search("小平", tag="政").total == 0
    assert searcher.search("小平", tag="/").total == 0  # not a valid tag name: no match


def test_deleted_annotations_are_not_searched(searcher, data_dir: Path, library_ids) -> None:
    ann = add_annotation(data_dir, library_ids[0], "邓小平理论", "已删除的批注", None)
    assert searcher.search("已删除", annotations=True).total == 1
    db = open_database(library_path(data_dir))
    try:
        with transaction(db):
            db.execute("UPDATE annotations SET deleted_at = ? WHERE id = ?", [now_iso(), ann])
    finally:
        db.close()
    assert searcher.search("已删除", annotations=True).total == 0


def test_title_match_ranks_higher(searcher, library_ids) -> None:
    # 政府工作报告 is the title of the traditional fixture; title words are boosted.
    hits = searcher.search("报告").hits
    assert hits[0].doc_id == library_ids[1]


def _import_texts(data_dir: Path, tmp_path: Path, texts: dict[str, str]) -> list[int]:
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    library = Library.open(data_dir)
    try:
        results = library.importer().import_paths(sorted(folder.iterdir()))
    finally:
        library.close()
    return [r.doc_id for r in results if r.doc_id is not None]


def test_equal_scores_rank_denser_documents_first(data_dir: Path, tmp_path: Path) -> None:
    """``：`` is no word (no BM25 anywhere): the document where it is densest comes first,
    not the one with the lowest id."""
    sparse_text = "# 稀疏\n\n" + "经济社会发展取得新成就。" * 200 + "要点：一条。\n"
    dense_text = "# 稠密\n\n" + "要点：甲；要点：乙；要点：丙。\n"
    ids_ = _import_texts(data_dir, tmp_path, {"a.txt": sparse_text, "b.txt": dense_text})
    service = SearchService(data_dir)
    service.sync_now()
    searcher = service.searcher()
    try:
        hits = searcher.search("：").hits
    finally:
        searcher.close()
    assert ids_[0] < ids_[1]
    assert [h.doc_id for h in hits] == [ids_[1], ids_[0]]
    assert hits[0].score == hits[1].score == 0.0


def test_single_gram_queries_skip_stale_postings(data_dir: Path, tmp_path: Path) -> None:
    """One- and two-character literals come from postings; a document edited since it was
    indexed is judged on its new text, for inclusion and exclusion alike."""
    ids_ = _import_texts(data_dir, tmp_path, {"a.txt": "# 甲\n\n旧词在此。\n",
                                               "b.txt": "# 乙\n\n旧词也在。\n"})
    service = SearchService(data_dir)
    service.sync_now()
    library = Library.open(data_dir)
    try:
        from reader.core.ingest.formats.text import parse_document
        from reader.core.storage.documents import SourceInfo

        text = "# 甲\n\n新字在此。\n"
        source = SourceInfo("/x/a.txt", 0.0, len(text), "1" * 64, "utf-8", "text")
        with transaction(library.db):
            library.documents.replace_content(ids_[0], parse_document(text, "a.txt"), source)
    finally:
        library.close()
    searcher = service.searcher()  # no sync: the index still holds the old text of ids_[0]
    try:
        assert ids(searcher.search("旧词")) == {ids_[1]}
        assert ids(searcher.search("新")) == {ids_[0]}
        assert ids(searcher.search("在 -新")) == {ids_[1]}
        assert ids(searcher.search("在 -旧")) == {ids_[0]}
        assert searcher.search("旧").total == 1
    finally:
        searcher.close()


def test_warm_up_reads_chunk_texts_until_told_to_stop(service) -> None:
    warm = service.searcher()
    try:
        assert warm.warm_up(lambda: True) == 0  # a keystroke came first: nothing read
        chunks = len(warm._chunks.by_docnum)
        assert warm.warm_up(lambda: False) == chunks > 0
        assert warm._chunk_texts.size > 0
        assert warm.search("国务院").total >= 1
    finally:
        warm.close()


def test_a_reopened_searcher_keeps_the_chunks_of_old_segments(data_dir: Path,
                                                              tmp_path: Path) -> None:
    """After commits (a replaced document, a new one) the searcher reopens reading only
    the new segment's chunks; its table equals a fresh searcher's, without the replaced
    document's old chunks, and search finds the new texts."""
    ids_ = _import_texts(data_dir, tmp_path, {"a.txt": "# 甲\n\n旧词在此。\n",
                                               "b.txt": "# 乙\n\n旧词也在。\n"})
    service = SearchService(data_dir)
    service.sync_now()
    searcher = service.searcher()
    try:
        assert ids(searcher.search("旧词")) == set(ids_)
        library = Library.open(data_dir)
        try:
            from reader.core.ingest.formats.text import parse_document
            from reader.core.storage.documents import SourceInfo

            text = "# 甲\n\n新字在此。\n"
            source = SourceInfo("/x/a.txt", 0.0, len(text), "1" * 64, "utf-8", "text")
            with transaction(library.db):
                library.documents.replace_content(ids_[0], parse_document(text, "a.txt"),
                                                  source)
        finally:
            library.close()
        service.sync_now()
        (tmp_path / "more").mkdir()
        third = _import_texts(data_dir, tmp_path / "more", {"c.txt": "# 丙\n\n旧词第三。\n"})
        service.sync_now()
        read: list[tuple[str, int]] = []
        import whoosh.reading

        from reader.core.search import searcher as searcher_module

        real_docs = whoosh.reading.SegmentReader.iter_docs
        real_rows = searcher_module.read_rows

        def counting_docs(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            docs = list(real_docs(self, *args, **kwargs))
            read.append(("stored fields", len(docs)))
            return iter(docs)

        def counting_rows(path, entries):  # type: ignore[no-untyped-def]
            rows = real_rows(path, entries)
            read.append(("chunk file", len(rows or ())))
            return rows

        whoosh.reading.SegmentReader.iter_docs = counting_docs  # type: ignore[method-assign]
        searcher_module.read_rows = counting_rows
        try:
            assert ids(searcher.search("旧词")) == {ids_[1], *third}
            assert ids(searcher.search("新字")) == {ids_[0]}
        finally:
            whoosh.reading.SegmentReader.iter_docs = real_docs  # type: ignore[method-assign]
            searcher_module.read_rows = real_rows
        # only the two new segments (the new text, the third document), from their files
        assert read == [("chunk file", 1), ("chunk file", 1)]
        fresh = service.searcher()
        try:
            fresh.search("旧词")
            assert fresh._chunks.by_docnum == searcher._chunks.by_docnum
            assert fresh._chunks.docnums == searcher._chunks.docnums
        finally:
            fresh.close()
    finally:
        searcher.close()


def test_passages_are_those_of_the_whole_text(searcher, data_dir: Path, library_ids) -> None:
    """The results list's passages, read in windows by the searcher, are the ones the
    document's whole text gives (its sections too)."""
    from reader.core.search.lru import SizedLRU
    from reader.core.search.passages import passages

    searcher.cache._originals = SizedLRU(0)  # no text kept: windows of the copies on disk
    library = Library.open(data_dir)
    try:
        for doc_id in library_ids[:2]:
            text = library.documents.text(doc_id)
            outline = library.documents.outline(doc_id)
            hit = searcher.search("国务院", doc_id=doc_id).hits[0]
            got = searcher.passages(doc_id, list(hit.matches), 8)
            assert got and got == passages(text, outline, list(hit.matches), 8)
            assert any(p.section for p in got)
        assert len(searcher.cache._originals) == 0 and len(searcher.cache._blocks) > 0
    finally:
        library.close()
