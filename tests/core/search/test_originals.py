"""Snippet windows from the canonical texts beside the index."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.search import originals
from reader.core.search.doccache import DocCache
from reader.core.search.index import FoldedStore, SearchIndex, version_key
from reader.core.search.originals import (
    BLOCK_CHARS,
    BlockTables,
    encode_original,
    read_blocks,
    read_window,
)

TEXT = ("各地区各部门𠮷野家ＧＤＰ\n" * 300)[: BLOCK_CHARS * 3 + 17]


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    path = tmp_path / "1-x.orig"
    path.write_bytes(encode_original(TEXT))
    return path


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, 10), (5, 5), (BLOCK_CHARS - 3, BLOCK_CHARS + 3), (BLOCK_CHARS, 2 * BLOCK_CHARS),
     (10, 3 * BLOCK_CHARS + 2), (len(TEXT) - 4, len(TEXT)), (len(TEXT) - 2, len(TEXT) + 9)],
)
def test_windows_are_the_texts_code_points(stored: Path, start: int, end: int) -> None:
    assert read_window(stored, start, end) == TEXT[start:end]


def test_past_the_end_or_no_file_reads_nothing(stored: Path, tmp_path: Path) -> None:
    assert not read_window(stored, len(TEXT) + 5, len(TEXT) + 9)
    assert read_window(tmp_path / "missing.orig", 0, 4) is None
    empty = tmp_path / "empty.orig"
    empty.write_bytes(encode_original(""))
    assert not read_window(empty, 0, 4)


def test_a_damaged_block_is_never_believed(stored: Path) -> None:
    data = bytearray(stored.read_bytes())
    data[-5] ^= 0x01  # inside the last block
    stored.write_bytes(bytes(data))
    assert read_window(stored, 0, 8) == TEXT[:8]  # other blocks are still good
    assert read_window(stored, len(TEXT) - 8, len(TEXT)) is None
    stored.write_bytes(b"not an original")
    assert read_window(stored, 0, 8) is None
    stored.write_bytes(bytes(data[:40]))  # cut short in its table
    assert read_window(stored, 0, 8) is None


def test_indexed_documents_get_windows_and_damage_falls_back_to_sqlite(
    service, data_dir: Path, library_ids: list[int]
) -> None:
    library = Library.open(data_dir)
    try:
        store = FoldedStore(SearchIndex(data_dir).path)
        cache = DocCache(library.db, store)
        cache.refresh()
        cache._originals.budget = 0  # nothing kept: every snippet from a window or SQLite
        doc = library_ids[0]
        text = library.documents.text(doc)
        meta = cache.meta[doc]
        path = store.original_file(doc, meta[2])
        assert meta[2] == version_key(*library.db.execute(
            "SELECT sha256, updated_at, chars FROM documents WHERE id = ?", [doc]).fetchone())
        assert path.exists()
        assert cache.excerpt(doc, 3, 40) == text[3:40]
        path.write_bytes(b"damaged")
        assert cache.excerpt(doc, 3, 40) == text[3:40]
    finally:
        library.close()


def test_a_damaged_offset_table_reads_nothing(stored: Path) -> None:
    """Offsets are not covered by the CRCs: a wild one must not become a huge read."""
    import struct

    from reader.core.search.originals import MAGIC

    data = bytearray(stored.read_bytes())
    count = struct.unpack_from("<I", data, len(MAGIC))[0]
    last_offset = len(MAGIC) + 4 + 8 * count  # the end offset of the last block
    for wild in (2**62, 2**64 - 1, 10**7):
        struct.pack_into("<Q", data, last_offset, wild)
        stored.write_bytes(bytes(data))
        assert read_window(stored, len(TEXT) - 8, len(TEXT)) is None
        assert read_window(stored, 0, 8) is None  # a table is believed whole or not at all
    struct.pack_into("<Q", data, last_offset, 10)  # below the one before: out of order
    stored.write_bytes(bytes(data))
    assert read_window(stored, 0, 8) is None
    data[len(MAGIC) : len(MAGIC) + 4] = struct.pack("<I", 2**31)  # a wild block count
    stored.write_bytes(bytes(data))
    assert read_window(stored, 0, 8) is None


def test_windows_read_without_pread(stored: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no ``os.pread``: a seek and a read give the same windows."""
    from reader.core.search import originals

    monkeypatch.setattr(originals, "_HAS_PREAD", False)
    monkeypatch.delattr(originals.os, "pread")
    assert read_window(stored, BLOCK_CHARS - 3, 2 * BLOCK_CHARS + 5) == TEXT[
        BLOCK_CHARS - 3 : 2 * BLOCK_CHARS + 5]
    assert read_window(stored, 5, 5) == ""


def test_a_kept_table_leaves_one_read_per_window(stored: Path, monkeypatch) -> None:
    reads: list[int] = []
    real = originals.pread

    def counted(fd: int, count: int, offset: int) -> bytes:
        reads.append(offset)
        return real(fd, count, offset)

    monkeypatch.setattr(originals, "pread", counted)
    tables = BlockTables()
    assert read_blocks(stored, 1, 2, tables) == [
        TEXT[BLOCK_CHARS : 2 * BLOCK_CHARS], TEXT[2 * BLOCK_CHARS : 3 * BLOCK_CHARS]]
    assert len(reads) == 3  # the header, the table, the blocks
    reads.clear()
    assert read_blocks(stored, 3, 9, tables) == [TEXT[3 * BLOCK_CHARS :]]
    assert read_blocks(str(stored), 0, 0, tables) == [TEXT[:BLOCK_CHARS]]
    assert len(reads) == 2  # the blocks alone
    assert read_blocks(stored, 4, 5, tables) is None  # past the end: nothing read
    assert len(reads) == 2


def test_a_kept_table_still_catches_damage_and_a_cut(stored: Path) -> None:
    tables = BlockTables()
    assert read_blocks(stored, 0, 0, tables) is not None
    data = bytearray(stored.read_bytes())
    data[-5] ^= 0x01
    stored.write_bytes(bytes(data))
    assert read_blocks(stored, 3, 3, tables) is None  # its CRC, from the kept table
    assert read_blocks(stored, 0, 0, tables) == [TEXT[:BLOCK_CHARS]]
    stored.write_bytes(bytes(data[: len(data) - 3 * BLOCK_CHARS]))
    assert read_blocks(stored, 3, 3, tables) is None  # shorter than its table says
