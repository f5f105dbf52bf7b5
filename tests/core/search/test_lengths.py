"""Field lengths read a segment at a time are Whoosh's own, for every document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.core.search.lengths import _length_bytes, field_lengths
from tests.core.search.test_bulk import build, documents


def whoosh_lengths(reader: Any, field_name: str) -> dict[int, float]:
    return {d: float(reader.doc_field_length(d, field_name) or 0)
            for d in range(reader.doc_count_all())}


@pytest.mark.parametrize("bulk", [True, False])
def test_every_documents_length_is_whooshs_across_segments(tmp_path: Path, bulk: bool) -> None:
    ix = build(tmp_path / "ix", documents(700), bulk=bulk, commits=3)
    writer = ix.writer()
    writer.delete_by_term("doc_id", "7")
    writer.commit(merge=False)
    with ix.reader() as reader:
        assert len(reader.leaf_readers()) == 3
        every = range(reader.doc_count_all())
        for field_name in ("words", "title_words", "grams"):
            expected = whoosh_lengths(reader, field_name)
            assert _length_bytes(reader, field_name) is not None  # the fast path, not Whoosh's
            assert field_lengths(reader, field_name, every) == expected, field_name
        # Odd entries have no words: zeros between lengths, and several distinct lengths.
        words = field_lengths(reader, "words", every)
        assert words[1] == 0.0 and len(set(words.values())) > 5


def test_only_the_documents_asked_for(tmp_path: Path) -> None:
    ix = build(tmp_path / "ix", documents(40), bulk=True, commits=2)
    with ix.reader() as reader:
        assert set(field_lengths(reader, "words", [0, 2, 38])) == {0, 2, 38}


class _Opaque:
    """A reader whose segments this module does not know: it must ask Whoosh per document."""

    def leaf_readers(self) -> list[tuple[object, int]]:
        return [(self, 0)]

    def doc_count_all(self) -> int:
        return 3

    def doc_field_length(self, docnum: int, field_name: str) -> int | None:
        return None if docnum == 1 else docnum * 10


def test_an_unknown_segment_layout_is_read_through_whoosh() -> None:
    assert field_lengths(_Opaque(), "words", [0, 1, 2]) == {0: 0.0, 1: 0.0, 2: 20.0}
