"""The bulk segment writer writes what Whoosh's own writer writes, read back through Whoosh."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from reader.core.search.analysis import FastCodec, make_schema
from reader.core.search.bulk import BulkWriter

SENTENCE = "各地区各部门要坚持稳中求进工作总基调，推动高质量发展，2024年GDP增长5.2%。"


def documents(count: int, seed: int = 5) -> list[dict[str, Any]]:
    """Chunks of varied text: grams held by one, by some (inlined) and by most (blocks)."""
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        text = "".join(rng.sample(SENTENCE, rng.randrange(5, len(SENTENCE)))) + chr(0x4E00 + n)
        words = Counter(rng.choice(["发展", "坚持", "质量", "基调", f"词{n % 7}"])
                        for _ in range(rng.randrange(1, 9)))
        doc: dict[str, Any] = {"doc_id": str(n // 2), "chunk": (n % 2, n, n + 1, 0, 3, "d"),
                               "grams": text + " 空 格"}
        if n % 2 == 0:
            doc.update(digest=f"g{n}", words=words, title_words=Counter({f"题{n % 3}": 1}))
        docs.append(doc)
    return docs


def build(path: Path, docs: list[dict[str, Any]], bulk: bool, commits: int = 1) -> Any:
    path.mkdir()
    ix = whoosh_index.create_in(str(path), make_schema())
    step = -(-len(docs) // commits)
    for start in range(0, len(docs), step):
        writer = BulkWriter(ix, codec=FastCodec()) if bulk else ix.writer(codec=FastCodec())
        for doc in docs[start : start + step]:
            writer.add_document(**doc)
        writer.commit(merge=commits > 1)
    return ix


def snapshot(ix: Any) -> dict[str, Any]:
    """Everything the searcher can read: terms, term stats, postings, stored fields, lengths."""
    with ix.reader() as reader:
        terms = {}
        for fieldname, term in reader.all_terms():
            info = reader.term_info(fieldname, term)
            matcher = reader.postings(fieldname, term)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            terms[(fieldname, term)] = (info.weight(), info.doc_frequency(), info.max_weight(),
                                        info.min_id(), info.max_id(), postings)
        stored = list(reader.iter_docs())
        lengths = {f: ([reader.doc_field_length(d, f) for d, _ in stored],
                       reader.field_length(f)) for f in ("words", "title_words")}
        return {"terms": terms, "stored": stored, "lengths": lengths,
                "docs": reader.doc_count(), "segments": len(ix._segments())}


def test_bulk_segment_reads_back_as_whooshs(tmp_path: Path) -> None:
    docs = documents(400)  # common grams in >128 chunks: several blocks per list
    expected = snapshot(build(tmp_path / "stock", docs, bulk=False))
    got = snapshot(build(tmp_path / "bulk", docs, bulk=True))
    assert got == expected
    blocks = [t for t, v in got["terms"].items() if len(v[-1]) > 128]
    inlined = [t for t, v in got["terms"].items() if len(v[-1]) < FastCodec.INLINE_LIMIT]
    assert blocks and inlined  # both kinds of posting list were compared
    assert ("grams", " 空".encode()) not in got["terms"]  # whitespace grams skipped alike
    assert got["lengths"]["words"][1] > 0


def test_bulk_commits_merge_like_whooshs(tmp_path: Path) -> None:
    """Incremental commits: Whoosh's merge policy merges bulk segments through the table."""
    docs = documents(60, seed=9)
    expected = snapshot(build(tmp_path / "stock", docs, bulk=False, commits=6))
    got = snapshot(build(tmp_path / "bulk", docs, bulk=True, commits=6))
    assert got["segments"] < 6  # some commits merged
    assert got == expected


def test_bulk_writer_deletes_by_term(tmp_path: Path) -> None:
    docs = documents(20)
    ix = build(tmp_path / "bulk", docs, bulk=True)
    writer = BulkWriter(ix, codec=FastCodec())
    writer.delete_by_term("doc_id", "3")
    writer.add_document(**{**docs[0], "doc_id": "99"})
    writer.commit(merge=False)
    with ix.reader() as reader:
        ids = sorted(stored["doc_id"] for _, stored in reader.iter_docs())
    assert "3" not in ids and "99" in ids
    assert len(ids) == 20 - 2 + 1


def test_term_table_bytes_are_whooshs(tmp_path: Path) -> None:
    """The bulk term-table path (keys added in runs, hashes written a bucket at a time)
    writes the very bytes Whoosh's ``OrderedHashWriter`` writes key by key."""
    from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter
    from whoosh.filedb.structfile import StructFile

    from reader.core.search.analysis import TermTableWriter
    from reader.core.search.bulk import add_terms

    rng = random.Random(9)
    keys = sorted({bytes(rng.randrange(256) for _ in range(rng.randrange(1, 7)))
                   for _ in range(3000)})
    items = [(key, bytes(rng.randrange(256) for _ in range(rng.randrange(0, 20))))
             for key in keys]
    ours, theirs = tmp_path / "ours.trm", tmp_path / "theirs.trm"
    writer = OrderedHashWriter(StructFile(theirs.open("wb")))
    for key, value in items:
        writer.add(key, value)
    writer.close()
    fast = TermTableWriter(StructFile(ours.open("wb")))
    for start in range(0, len(items), 700):  # in runs, as a flush adds inlined terms
        add_terms(fast, items[start : start + 700])
    fast.close()
    assert ours.read_bytes() == theirs.read_bytes()
    reader = OrderedHashReader(StructFile(ours.open("rb")), ours.stat().st_size)
    try:
        assert all(reader[key] == value for key, value in items[::50])
    finally:
        reader.close()
