"""Trigram signatures: never rule out a chunk that holds a literal, rule out most others."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from reader.core.search import signatures
from reader.core.search.index import SearchIndex
from reader.core.search.integrity import CacheDamage
from reader.core.search.service import SearchService
from reader.core.search.signatures import (
    SignatureFile,
    SignatureFilter,
    signature,
    signature_file,
    trigram_bits,
    write_signatures,
)

COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"


def has_bits(sig: bytes, bits: list[int]) -> bool:
    return all(sig[b >> 3] >> (b & 7) & 1 for b in bits)


def random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(COMMON + "，。 \n") for _ in range(size))


def test_a_text_passes_for_every_literal_it_holds() -> None:
    rng = random.Random(3)
    text = random_text(rng, 5_000) + "𠮷力，更"
    sig = signature(text)
    assert sig is not None and len(sig) == signatures.SIGNATURE_BYTES
    for _ in range(500):
        start = rng.randrange(len(text) - 3)
        literal = text[start : start + rng.randint(3, 40)]
        assert has_bits(sig, trigram_bits(literal)), literal
    assert has_bits(sig, trigram_bits("𠮷力，更"))  # beyond the BMP: code points, not units


def test_a_text_rules_out_most_trigrams_it_lacks() -> None:
    rng = random.Random(4)
    sig = signature(random_text(rng, 16_384))
    assert sig is not None
    others = "甲乙丙丁戊己庚辛壬癸子丑寅卯"  # not in the text
    absent = ["".join(rng.choice(others) for _ in range(3)) for _ in range(400)]
    passed = sum(has_bits(sig, trigram_bits(t)) for t in absent)
    assert passed < 400 * 0.25  # two bits of 65,536, a fifth to a third of them set
    assert trigram_bits("力，") == [] and trigram_bits("力 更新") == trigram_bits("更新")


def test_numpy_and_python_hash_trigrams_alike() -> None:
    text = "中华人民共和国𠮷𠮷a b"
    sig = signature(text)
    assert sig is not None
    expected = bytearray(signatures.SIGNATURE_BYTES)
    for i in range(len(text) - 2):  # every trigram, spaces included, by the Python hash
        x = signatures._mix(*map(ord, text[i : i + 3]))
        for bit in (x & 0xFFFF, x >> 16):
            expected[bit >> 3] |= 1 << (bit & 7)
    assert sig == bytes(expected)
    assert signature("ab") == bytes(signatures.SIGNATURE_BYTES)


def test_long_literals_read_a_few_spread_trigrams() -> None:
    bits = trigram_bits("中华人民共和国全国人民代表大会常务委员会")
    assert len(bits) <= 2 * signatures.MAX_TRIGRAMS
    first = signatures._mix(*map(ord, "中华人"))
    last = signatures._mix(*map(ord, "委员会"))
    assert first & 0xFFFF in bits and last >> 16 in bits


def test_the_file_holds_each_filter_bit_sliced(tmp_path: Path) -> None:
    rng = random.Random(5)
    texts = [random_text(rng, rng.randint(0, 3_000)) for _ in range(21)]  # not a multiple of 8
    sigs = [signature(t) for t in texts]
    path = tmp_path / "MAIN_x.pztrigrams"
    assert write_signatures(path, sigs)
    found = SignatureFile.open(path, len(texts))
    assert found is not None and found.row_bytes == 3
    for n, text in enumerate(texts):
        for literal in (text[5:9], text[100:140]):
            if trigram_bits(literal):
                mask = found.mask(trigram_bits(literal))
                assert mask is not None and mask >> n & 1, (n, literal)
    for row in rng.sample(range(signatures.ROWS), 50):  # every row is each entry's bit
        mask = found.mask([row])
        assert mask == sum(1 << n for n, s in enumerate(sigs)
                           if s is not None and s[row >> 3] >> (row & 7) & 1)


def test_a_file_not_written_for_the_segment_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "MAIN_x.pztrigrams"
    write_signatures(path, [signature("甲乙丙丁")] * 9)
    good = path.read_bytes()
    assert SignatureFile.open(path, 9) is not None
    assert SignatureFile.open(path, 8) is None  # another segment's entry count
    assert SignatureFile.open(tmp_path / "missing", 9) is None
    for damaged in (good[:-1], good + b"\0", b"x" + good[1:]):
        path.write_bytes(damaged)
        assert SignatureFile.open(path, 9) is None
    assert not write_signatures(tmp_path / "no", [signature("甲乙丙"), None])
    assert not (tmp_path / "no").exists()


def test_a_file_the_disk_refuses_is_left_out(tmp_path: Path, monkeypatch) -> None:
    from tests.core.search.test_chunkfile import disk_full

    disk_full(monkeypatch)
    assert not write_signatures(tmp_path / "MAIN_x.pztrigrams", [signature("甲乙丙丁")])
    assert not (tmp_path / "MAIN_x.pztrigrams").exists()


def test_without_numpy_no_file_is_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(signatures, "_numpy", lambda: None)
    assert signature("甲乙丙丁") is None
    assert not write_signatures(tmp_path / "MAIN_x.pztrigrams", [bytes(8192)])
    assert not (tmp_path / "MAIN_x.pztrigrams").exists()


def filter_over(tmp_path: Path, segments: list[list[str] | None]) -> SignatureFilter:
    """A filter of segments of these chunk texts (None: a segment without a file)."""
    rows, base = [], 0
    for n, texts in enumerate(segments):
        size = len(texts) if texts is not None else 20
        if texts is not None:
            write_signatures(signature_file(tmp_path, f"MAIN_{n}"), [signature(t) for t in texts])
        rows.append((f"MAIN_{n}", base, size))
        base += size
    found = SignatureFilter()
    found.reset(tmp_path, rows)
    return found


def test_the_filter_narrows_candidates_segment_by_segment(tmp_path: Path) -> None:
    rng = random.Random(6)
    first = [random_text(rng, 2_000) for _ in range(40)]
    first[7] += "力，更" + "乙" * 64
    second = [random_text(rng, 2_000) for _ in range(40)]
    second[30] += "力，更"
    found = filter_over(tmp_path, [first, None, second])
    candidates = set(range(100))  # the second segment (40-59) has no file
    kept = found.narrow(candidates, "力，更")
    assert {7, 90} <= kept  # never lost
    assert set(range(40, 60)) <= kept  # not filtered
    assert len(kept) < 40  # most of the others ruled out
    assert found.narrow({7, 8}, "力，更") == {7, 8}  # too few to be worth reading rows
    assert found.narrow(candidates, "力，") == candidates  # no trigram
    # A match starting in a chunk has only its first 64 characters there: the rest of
    # the literal (丙丙丙, in the next chunk) must not rule the chunk out.
    assert 7 in found.narrow(candidates, "乙" * 64 + "丙丙丙")


def test_a_phrase_most_candidates_hold_skips_narrowing(tmp_path: Path) -> None:
    texts = ["国务院关于" + "的" * n for n in range(40)]
    texts[3] = "甲乙丙丁" * 10
    found = filter_over(tmp_path, [texts])
    candidates = set(range(40))
    assert found.narrow(candidates, "国务院") is candidates  # 39 of 40 hold it
    assert found.narrow(candidates, "甲乙丙丁") == {3}


def test_a_damaged_row_filters_nothing_and_is_reported(tmp_path: Path) -> None:
    """A cleared bit would rule out a chunk that holds the literal: each row has a CRC."""
    found = filter_over(tmp_path, [["甲乙丙丁"] + ["子丑寅卯"] * 30])
    path = signature_file(tmp_path, "MAIN_0")
    bits = trigram_bits("甲乙丙")
    data = bytearray(path.read_bytes())
    at = len(signatures.MAGIC) + 12 + bits[0] * (4 + 4)  # row bits[0]: 4 bytes and a CRC
    assert data[at] & 1  # entry 0 holds 甲乙丙
    data[at] &= 0xFE
    path.write_bytes(bytes(data))
    assert SignatureFile.open(path, 31) is not None  # its shape is sound
    with pytest.raises(CacheDamage, match="row"):
        SignatureFile(path, 31).mask(bits)
    assert found.narrow(set(range(31)), "甲乙丙") == set(range(31))  # not filtered
    assert len(found.damage) == 1 and str(path) in str(found.damage[0])
    assert found.narrow(set(range(31)), "甲乙丙") == set(range(31))  # no longer read
    assert len(found.damage) == 1


def test_a_file_gone_since_opening_filters_nothing(tmp_path: Path) -> None:
    found = filter_over(tmp_path, [["甲乙丙丁"] + ["子丑寅卯"] * 30])
    assert found.narrow(set(range(31)), "甲乙丙丁") == {0}
    signature_file(tmp_path, "MAIN_0").unlink()
    assert found.narrow(set(range(31)), "甲乙丙丁") == set(range(31))


def test_every_segment_a_build_writes_has_its_signatures(data_dir: Path, library_ids) -> None:
    SearchService(data_dir).sync_now(rebuild=True, procs=2)  # the worker's segment too
    path = SearchIndex(data_dir).path
    ix = whoosh_index.open_dir(str(path))
    try:
        with ix.reader() as reader:
            for leaf, _base in reader.leaf_readers():
                file = signature_file(path, leaf.segment().segment_id())
                assert SignatureFile.open(file, leaf.doc_count_all()) is not None
    finally:
        ix.close()
    assert signatures.EXTENSION in (path / "pizhu-manifest.json").read_text()


@pytest.mark.parametrize("literal", ["国务院关于", "改革开放", "发展是第一要务"])
def test_search_finds_the_same_with_and_without_signatures(
    data_dir: Path, library_ids, monkeypatch, literal: str
) -> None:
    service = SearchService(data_dir)
    service.sync_now(rebuild=True)
    monkeypatch.setattr(SignatureFilter, "MIN_CANDIDATES", 0)  # filter even a small library
    searcher = service.searcher()
    try:
        narrowed = searcher.search(f'"{literal}"', limit=1000)
        assert any(s.signatures for s in searcher._signatures._segments)
    finally:
        searcher.close()
    monkeypatch.setattr(SignatureFilter, "narrow", lambda self, candidates, needle: candidates)
    searcher = service.searcher()
    try:
        plain = searcher.search(f'"{literal}"', limit=1000)
    finally:
        searcher.close()
    assert [(h.doc_id, list(h.matches)) for h in narrowed.hits] == [
        (h.doc_id, list(h.matches)) for h in plain.hits]


def test_a_damaged_file_in_an_index_is_reported_and_the_answer_stays_right(
    data_dir: Path, library_ids, monkeypatch
) -> None:
    service = SearchService(data_dir)
    service.sync_now(rebuild=True)
    monkeypatch.setattr(SignatureFilter, "MIN_CANDIDATES", 0)
    searcher = service.searcher()
    try:
        expected = searcher.search('"改革开放"', limit=1000)
    finally:
        searcher.close()
    for file in SearchIndex(data_dir).path.glob(f"*{signatures.EXTENSION}"):
        data = bytearray(file.read_bytes())
        head = len(signatures.MAGIC) + 12
        data[head:] = bytes(len(data) - head)  # every row cleared, CRCs too: same size
        file.write_bytes(bytes(data))
    woken: list[bool] = []
    searcher = service.searcher()
    searcher.on_damage = lambda: woken.append(True)
    try:
        again = searcher.search('"改革开放"', limit=1000)
    finally:
        searcher.close()
    assert [(h.doc_id, list(h.matches)) for h in again.hits] == [
        (h.doc_id, list(h.matches)) for h in expected.hits] and expected.hits
    assert woken  # the index is to be rebuilt
