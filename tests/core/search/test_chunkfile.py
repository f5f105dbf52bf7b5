"""Each segment's chunk table in a packed file: read back exactly, or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index

from reader.core.search import chunkfile
from reader.core.search.chunks import Chunk
from reader.core.search.index import SearchIndex
from reader.core.search.service import SearchService

ROWS = [(0, Chunk(7, 0, 0, 16384, 0, 49152, "a" * 24)),
        (1, Chunk(7, 1, 16384, 20000, 49152, 9000, "0123456789abcdef01234567")),
        (2, Chunk(2**40, 0, 0, 3, 0, 9, "d"))]


def test_rows_read_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "MAIN_x.pzchunks"
    assert chunkfile.write_rows(path, ROWS)
    assert chunkfile.read_rows(path, 3) == ROWS


def test_anything_unexpected_reads_as_none(tmp_path: Path) -> None:
    path = tmp_path / "MAIN_x.pzchunks"
    chunkfile.write_rows(path, ROWS)
    good = path.read_bytes()
    assert chunkfile.read_rows(path, 2) is None  # not this segment's count
    assert chunkfile.read_rows(tmp_path / "missing", 3) is None
    for damaged in (good[:-1], good + b"\0", b"x" + good[1:],
                    good[:40] + bytes([good[40] ^ 1]) + good[41:]):
        path.write_bytes(damaged)
        assert chunkfile.read_rows(path, 3) is None, damaged[:20]
    out_of_order = [(1, ROWS[0][1]), (0, ROWS[1][1])]
    chunkfile.write_rows(path, out_of_order)
    assert chunkfile.read_rows(path, 2) is None
    assert not chunkfile.write_rows(tmp_path / "long", [(0, Chunk(1, 0, 0, 1, 0, 1, "x" * 25))])
    assert not (tmp_path / "long").exists()


def stored_chunks(ix) -> dict[str, list[tuple[int, Chunk]]]:  # type: ignore[no-untyped-def]
    """Each segment's (local docnum, chunk) from Whoosh's stored fields."""
    found = {}
    with ix.reader() as reader:
        for leaf, _base in reader.leaf_readers():
            found[leaf.segment().segment_id()] = [
                (n, Chunk(int(s["doc_id"]), *s["chunk"])) for n, s in leaf.iter_docs()]
    return found


def test_every_segment_a_build_writes_has_its_chunk_file(data_dir: Path, library_ids) -> None:
    service = SearchService(data_dir)
    service.sync_now(rebuild=True, procs=2)  # the worker's segment too
    path = SearchIndex(data_dir).path
    ix = whoosh_index.open_dir(str(path))
    try:
        segments = stored_chunks(ix)
        assert len(segments) == 2
        for segment_id, rows in segments.items():
            file = chunkfile.chunk_file(path, segment_id)
            assert chunkfile.read_rows(file, len(rows)) == rows
    finally:
        ix.close()
    manifest = (path / "pizhu-manifest.json").read_text()
    assert chunkfile.EXTENSION in manifest  # checked like the segment's other files


def test_a_damaged_chunk_file_falls_back_to_stored_fields(data_dir: Path, library_ids) -> None:
    service = SearchService(data_dir)
    service.sync_now(rebuild=True)
    path = SearchIndex(data_dir).path
    searcher = service.searcher()
    try:
        expected = searcher.search("国务院", limit=1000)
        table = dict(searcher._chunks.by_docnum)
    finally:
        searcher.close()
    (file,) = path.glob(f"*{chunkfile.EXTENSION}")
    data = bytearray(file.read_bytes())
    data[30] ^= 0xFF
    file.write_bytes(bytes(data))
    searcher = service.searcher()
    try:
        again = searcher.search("国务院", limit=1000)
        assert searcher._chunks.by_docnum == table
        assert [(h.doc_id, h.matches) for h in again.hits] == [
            (h.doc_id, h.matches) for h in expected.hits]
    finally:
        searcher.close()


def test_a_merged_segment_has_no_chunk_file_or_a_right_one(tmp_path: Path) -> None:
    """Whoosh's merge copies other segments' entries into the new one: its chunks then
    come from stored fields (no file), never from a file missing the merged entries."""
    from tests.core.search.test_bulk import build, documents

    ix = build(tmp_path / "ix", documents(40), bulk=True, commits=8)
    try:
        segments = stored_chunks(ix)
        assert len(segments) < 8  # some were merged
        files = 0
        for segment_id, rows in segments.items():
            file = chunkfile.chunk_file(tmp_path / "ix", segment_id)
            if file.exists():
                files += 1
                assert chunkfile.read_rows(file, len(rows)) == rows
        assert files < len(segments)  # the merged one has none
        leftovers = {p.name.split(".")[0] for p in (tmp_path / "ix").glob("*.pzchunks")}
        assert leftovers <= set(segments)  # merged-away segments' files were deleted
    finally:
        ix.close()


def test_a_chunk_file_that_cannot_be_written_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while writing the optional file: no error, no partial file."""
    path = tmp_path / "MAIN_x.pzchunks"
    disk_full(monkeypatch)
    assert not chunkfile.write_rows(path, ROWS)
    assert not path.exists()


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file opened for writing takes 10 bytes of a write, then the disk is full."""
    import errno

    real_open = Path.open

    class Full:
        def __init__(self, file: Any) -> None:
            self.file = file

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> int:
            self.file.write(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "open", lambda self, mode="r", *a, **k: Full(
        real_open(self, mode, *a, **k)) if "w" in mode else real_open(self, mode, *a, **k))
