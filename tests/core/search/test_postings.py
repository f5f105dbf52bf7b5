"""Posting lists read a block at a time are Whoosh's own, across segments and deletions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.core.search.postings import posting_ids, posting_weights
from tests.core.search.test_bulk import build, documents


def whoosh_postings(reader: Any, fieldname: str, term: bytes) -> list[tuple[int, float]]:
    matcher = reader.postings(fieldname, term)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight()))
        matcher.next()
    return found


@pytest.mark.parametrize("bulk", [True, False])
def test_every_list_is_whooshs_across_segments(tmp_path: Path, bulk: bool) -> None:
    ix = build(tmp_path / "ix", documents(700), bulk=bulk, commits=3)
    with ix.reader() as reader:
        assert len(reader.leaf_readers()) == 3
        lengths = set()
        for fieldname, term in reader.all_terms():
            if fieldname not in ("grams", "words"):
                continue
            expected = whoosh_postings(reader, fieldname, term)
            lengths.add(len(expected))
            ids, weights = posting_weights(reader, fieldname, term)
            assert list(zip(ids, weights, strict=True)) == expected, (fieldname, term)
            assert list(posting_ids(reader, fieldname, term)) == [d for d, _ in expected]
    assert min(lengths) == 1 and max(lengths) > 300  # inlined lists and several blocks


def test_deleted_entries_are_kept_for_the_caller(tmp_path: Path) -> None:
    ix = build(tmp_path / "ix", documents(300), bulk=True, commits=2)
    with ix.reader() as reader:
        before = {t: list(posting_ids(reader, f, t)) for f, t in reader.all_terms() if f == "grams"}
    writer = ix.writer()
    writer.delete_by_term("doc_id", "7")
    writer.commit(merge=False)
    with ix.reader() as reader:
        deleted = {off + n for leaf, off in reader.leaf_readers() for n in leaf.deleted_docs_set}
        assert deleted
        for term, ids in before.items():
            assert list(posting_ids(reader, "grams", term)) == ids
            live = [d for d in ids if d not in deleted]
            assert [d for d, _ in whoosh_postings(reader, "grams", term)] == live


def test_a_term_no_segment_holds_has_no_postings(tmp_path: Path) -> None:
    ix = build(tmp_path / "ix", documents(20), bulk=True)
    with ix.reader() as reader:
        assert len(posting_ids(reader, "grams", "无此".encode())) == 0
        ids, weights = posting_weights(reader, "words", "无此".encode())
        assert len(ids) == len(weights) == 0
