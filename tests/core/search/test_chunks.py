"""Long texts are split into chunks in the gram index: a match is found once, at its
offset, whichever chunk boundaries it crosses, and recall stays total."""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.search import chunks
from reader.core.search.chunks import split_chunks
from reader.core.search.fold import fold
from reader.core.search.service import SearchService
from tests.core.search.conftest import import_fixtures
from tests.core.search.test_recall import NAMED, check, generated_queries, literal

SMALL = 50


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(chunks, "CHUNK_CHARS", SMALL)
    return SMALL


def test_split_chunks_cover_the_text_with_their_bytes() -> None:
    folded = fold("国務院ＧＤＰ𠮷" * 5000)
    specs = split_chunks(folded)
    assert [s.start for s in specs] == list(range(0, len(folded), chunks.CHUNK_CHARS))
    body = folded.encode("utf-8")
    for spec in specs:
        assert body[spec.byte : spec.byte + spec.size].decode() == folded[spec.start : spec.end]
        assert spec.gram_text == folded[spec.start : spec.end + chunks.PREFIX_CHARS - 1]
    assert split_chunks("")[0].gram_text == ""


def _library(data_dir: Path, tmp_path: Path, text: str) -> int:
    src = tmp_path / "src"
    src.mkdir()
    (src / "long.txt").write_text(text, encoding="utf-8")
    library = Library.open(data_dir)
    try:
        (result,) = library.importer().import_paths([src / "long.txt"])
        assert result.doc_id is not None
        return result.doc_id
    finally:
        library.close()


def test_match_straddling_chunks_is_found_once(
    small_chunks: int, data_dir: Path, tmp_path: Path
) -> None:
    head = "# 标题\n\n"
    filler = "甲乙丙丁戊己庚辛壬癸" * 20
    phrase = "中华人民共和国"
    first = small_chunks - 3  # crosses the first boundary
    body = filler[: first - len(head)] + phrase + filler + "哈哈哈哈" + filler[:100]
    doc_id = _library(data_dir, tmp_path, head + body)
    library = Library.open(data_dir)
    try:
        text = library.documents.text(doc_id)
    finally:
        library.close()
    start = text.index(phrase)
    assert start < small_chunks < start + len(phrase)
    service = SearchService(data_dir)
    service.sync_now()
    searcher = service.searcher()
    try:
        for _ in range(3):  # checked as bytes, then decoded, then found among kept texts
            hit = searcher.search(f'"{phrase}"').hits[0]
            assert hit.matches == [(start, start + len(phrase))]
            assert searcher.search(f'"{phrase}" 甲乙').total == 1  # verified alone
        assert len(searcher._chunks.docnums[doc_id]) > 5  # really split
        assert (doc_id, 0) in searcher._chunk_texts._items  # the last round used kept texts
        # overlapping matches across a boundary, and a literal longer than a chunk
        laughs = text.index("哈哈哈哈")
        assert searcher.search('"哈哈"').hits[0].matches == [
            (laughs + i, laughs + i + 2) for i in range(3)
        ]
        long_needle = text[start - 20 : start + 2 * small_chunks + 7]
        hit = searcher.search(f'"{long_needle}"').hits[0]
        assert hit.matches == [(start - 20, start - 20 + len(long_needle))]
        every = [i for i in range(len(text)) if text.startswith("甲乙", i)]
        assert searcher.search("甲乙").hits[0].matches == [(i, i + 2) for i in every]
        snippet = searcher.search("甲乙").hits[0].snippet  # cut by SQLite, unfolded
        assert snippet == " ".join(text[: every[0] + 50].split()) + "…"
    finally:
        searcher.close()


def test_recall_with_small_chunks(small_chunks: int, data_dir: Path, tmp_path: Path) -> None:
    """The whole recall suite, with chunks small enough that every fixture text is split."""
    ids = import_fixtures(data_dir, tmp_path)
    library = Library.open(data_dir)
    try:
        texts = {doc_id: library.documents.text(doc_id) for doc_id in ids}
    finally:
        library.close()
    service = SearchService(data_dir)
    service.sync_now()
    searcher = service.searcher()
    try:
        assert searcher.search("国").total > 1
        assert all(len(searcher._chunks.docnums[i]) > 1 for i in ids)
        for query in NAMED + generated_queries(texts):
            check(searcher, texts, query, literal(query))
        for query in ["改革 开放", "国务院 OR 刘䶮", "的 -国务院", "国务院 -的"]:
            response = searcher.search(query, limit=1000)
            assert response.total == len(response.hits)
    finally:
        searcher.close()


def test_may_run_on_sees_every_partial_match_at_the_end() -> None:
    from reader.core.search.chunks import _may_run_on

    assert _may_run_on("甲乙中华", "中华人民")
    assert _may_run_on("甲乙中", "中华人民")
    assert _may_run_on("哈哈", "哈哈哈")
    assert not _may_run_on("中华人", "中华")  # complete inside: nothing runs on
    assert not _may_run_on("甲乙丙", "中华人民") and not _may_run_on("甲乙", "甲")
    assert _may_run_on("人", "中华人民共和国" [2:])


def test_chunk_table_maps_docnums_to_their_documents() -> None:
    """Deleted entries (gaps), docnums past the table and the order of chunks."""
    def chunk(doc_id: int, seq: int) -> chunks.Chunk:
        return chunks.Chunk(doc_id, seq, seq * 10, seq * 10 + 10, 0, 10, "d")

    table = chunks.ChunkTable([(5, chunk(2, 1)), (0, chunk(1, 0)), (4, chunk(2, 0))])
    assert table.doc_ids([0, 4, 5]) == {1, 2}
    assert table.doc_ids([1, 2, 3]) == set()  # no chunk there (deleted by Whoosh)
    assert table.doc_ids([5, 9]) == {2}  # 9 is past the table: ignored, not an error
    assert table.doc_ids([]) == set()
    assert table.docnums == {1: [0], 2: [4, 5]}
    assert table.following(table.by_docnum[4]) == table.by_docnum[5]
    assert table.following(table.by_docnum[5]) is None
    assert chunks.ChunkTable().doc_ids([0, 3]) == set()


def in_memory_chunks(
    text: str, size: int
) -> tuple[chunks.ChunkTable, chunks.ChunkReader, list[int]]:
    """``text`` cut every ``size`` characters, read from bytes in memory; a list counts reads."""
    body = text.encode("utf-8", "surrogatepass")
    table_rows, reads = [], []
    byte = 0
    for seq, start in enumerate(range(0, len(text), size)):
        data = text[start : start + size].encode("utf-8", "surrogatepass")
        table_rows.append((seq, chunks.Chunk(1, seq, start, start + len(text[start : start + size]),
                                             byte, len(data), chunks.chunk_digest(data))))
        byte += len(data)

    def read(_doc_id: int, at: int, count: int) -> bytes:
        reads.append(at)
        return body[at : at + count]

    return chunks.ChunkTable(table_rows), chunks.ChunkReader(read, lambda _d: Path("x")), reads


def test_a_chunk_probed_once_is_checked_as_bytes_then_kept_as_text() -> None:
    """The first check of a chunk reads its bytes and keeps nothing; the second keeps its
    text, so later checks read nothing. Matches across the end are found either way,
    with characters of 1 to 4 bytes (and a lone surrogate) at the boundary."""
    text = "甲乙𠮷中华\udc80人民共和国abc"
    needles = [text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)]
    for size in range(1, len(text) + 1):
        for needle in needles + ["中人", "国a", "华人", "𠮷𠮷"]:
            table, reader, reads = in_memory_chunks(text, size)  # nothing probed yet
            first_start = text.find(needle)
            for rounds in range(3):  # bytes, then text (kept), then the kept text
                found = [c.seq for c in table.by_docnum.values()
                         if chunks.starts_in(c, table, reader, needle)]
                expected = [] if first_start < 0 else sorted(
                    {c.seq for c in table.by_docnum.values()
                     for at in range(c.start, c.end) if text.startswith(needle, at)})
                assert found == expected, (size, needle, rounds)
    table, reader, reads = in_memory_chunks("一二三四五六", 2)
    first = table.by_docnum[0]
    assert isinstance(reader.probe(first), bytes) and reader.size == 0
    assert reader.probe(first) == "一二" and reader.size > 0
    count = len(reads)
    assert reader.probe(first) == "一二" and len(reads) == count  # kept: not read again


def test_last_chars_of_utf8_bytes() -> None:
    from reader.core.search.chunks import _last_chars

    data = "a中𠮷\udc80".encode("utf-8", "surrogatepass")
    assert _last_chars(data, 1) == "\udc80"
    assert _last_chars(data, 2) == "𠮷\udc80"
    assert _last_chars(data, 3) == "中𠮷\udc80"
    assert _last_chars(data, 9) == "a中𠮷\udc80"


def test_digests_are_crc32_and_old_sha256_ones_still_hold() -> None:
    data = "中华人民共和国".encode()
    assert chunks.chunk_digest(data) == f"{zlib.crc32(data):08x}"
    assert chunks.digest_holds(data, chunks.chunk_digest(data))
    assert not chunks.digest_holds(data + b"x", chunks.chunk_digest(data))
    old = hashlib.sha256(data).hexdigest()[:24]  # an index built before 2026-12-04
    assert chunks.digest_holds(data, old)
    assert not chunks.digest_holds(data[:-3], old)


def test_passing_reads_without_keeping_but_uses_what_is_kept() -> None:
    table, reader, reads = in_memory_chunks("中华人民共和国" * 10, 7)
    first, second = table.by_docnum[0], table.by_docnum[1]
    assert reader.text(first) == "中华人民共和国"
    kept = reader.size
    with reader.passing():
        assert reader.text(second) == "中华人民共和国"
        assert reader.text(second) == "中华人民共和国"
        assert reader.probe(second) == "中华人民共和国".encode()  # probes stay bytes
        assert reader.probe(second) == "中华人民共和国".encode()
        assert reader.probe(first) == "中华人民共和国"  # a kept text is used
        assert reader.text(first) == "中华人民共和国"
    assert reader.size == kept  # nothing new kept; the kept chunk was read from memory
    assert reads == [0, 21, 21, 21, 21]
    reader.text(second)
    assert reader.size > kept  # keeping again after
    assert reader.holds(reader.budget) and not reader.holds(reader.budget + 1)
    size = reader.size
    with reader.passing():
        with reader.passing():
            pass
        reader.text(table.by_docnum[2])  # still passing once the inner one ended
        assert reader.size == size
    with pytest.raises(RuntimeError), reader.passing():
        raise RuntimeError
    before = reader.size
    reader.text(table.by_docnum[3])
    assert reader.size > before  # keeping again after a nested pass and a failed one
