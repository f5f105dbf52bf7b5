from reader.core.ingest.formats.text import parse_document
from reader.core.search.passages import passages

RAW = (
    "# 报告\n\n## 一、总体要求\n\n坚持稳中求进，稳中求进是总基调。\n\n"
    "## 二、重点任务\n\n推动高质量发展。稳中求进。\n"
)


def test_matches_group_by_paragraph_with_sections() -> None:
    doc = parse_document(RAW)
    text = doc.text
    needle = "稳中求进"
    matches = []
    at = text.find(needle)
    while at >= 0:
        matches.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    found = passages(text, doc.outline, matches)
    assert [p.match_count for p in found] == [2, 1]
    assert found[0].section == "报告 > 一、总体要求"
    assert found[1].section == "报告 > 二、重点任务"
    assert [t for t, is_match in found[0].parts if is_match] == ["稳中求进", "稳中求进"]
    assert found[0].start == matches[0][0]
    rebuilt = found[1].before + "".join(t for t, _ in found[1].parts)
    assert "推动高质量发展。稳中求进。" in rebuilt


def _report(paragraphs: int, seed: int) -> str:
    import random

    rng = random.Random(seed)
    words = ["稳中求进", "高质量发展", "改革", "开放", "人民", "，", "。", "的", "\n"]
    return "\n\n".join(
        "".join(rng.choice(words) for _ in range(rng.randrange(1, 120))) for _ in range(paragraphs)
    )


def _paragraph_firsts(text: str, starts: list[int]) -> list[int]:
    """The first match of each paragraph (paragraphs: split at blank lines)."""
    firsts, seen = [], set()
    for start in starts:
        paragraph = text.count("\n\n", 0, start + 1)
        if paragraph not in seen:
            seen.add(paragraph)
            firsts.append(start)
    return firsts


def _matches(text: str, needle: str) -> list[tuple[int, int]]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return found


def test_windows_give_the_passages_of_the_whole_text() -> None:
    """Read through windows, the passages are those the whole text gives: same groups,
    same words around the matches, the same "…" at cut ends."""
    from reader.core.search.passages import passages_in

    for seed in range(12):
        text = _report(300, seed)
        for needle in ("改革", "稳中求进", "的"):
            matches = _matches(text, needle)
            reads: list[tuple[int, int]] = []

            def read(
                lo: int, hi: int, text: str = text, reads: list[tuple[int, int]] = reads
            ) -> str:
                assert 0 <= lo <= hi <= len(text)
                reads.append((lo, hi))
                return text[lo:hi]

            got = passages_in(read, len(text), [], matches, 8)
            assert got == passages(text, [], matches, 8)  # windows or the whole text
            starts = [m[0] for m in matches]
            assert [p.start for p in got] == _paragraph_firsts(text, starts)[:8]
            for p in got:  # its paragraph's matches, and the text around the first
                paragraph_end = text.find("\n\n", p.start) % (len(text) + 1)
                assert p.match_count == sum(p.start <= s < paragraph_end for s in starts)
                shown = p.before.lstrip("…") + "".join(t for t, _ in p.parts).rstrip("…")
                assert shown in text.replace("\n", " ")
                assert len(p.before.lstrip("…")) <= 14 and p.parts[0] == (needle, True)
            assert sum(hi - lo for lo, hi in reads) <= 8 * (2_000 + 400)


def test_windows_never_read_a_long_text_whole() -> None:
    from reader.core.search.passages import PARAGRAPH_SCAN, passages_in

    text = ("前言。" * 30 + "\n\n") * 4000  # about 400,000 characters
    matches = _matches(text, "前言")
    read_chars = 0

    def read(lo: int, hi: int) -> str:
        nonlocal read_chars
        read_chars += hi - lo
        return text[lo:hi]

    found = passages_in(read, len(text), [], matches, 8)
    assert len(found) == 8 and all(p.match_count == 30 for p in found)
    assert read_chars < 8 * (PARAGRAPH_SCAN + 400) < len(text) // 10


def test_a_paragraph_past_the_first_scan_is_still_one_passage() -> None:
    """Most paragraphs end within FIRST_SCAN of a match and need one short read; a longer
    one is read again, as far as PARAGRAPH_SCAN, and its matches stay together."""
    from reader.core.search.passages import FIRST_SCAN, PARAGRAPH_SCAN, passages_in

    long_one = "改革" + "字" * (FIRST_SCAN * 2) + "改革" + "字" * 10
    text = "\n\n".join([long_one, "短的。改革。", long_one])
    matches = _matches(text, "改革")
    reads: list[tuple[int, int]] = []

    def read(lo: int, hi: int) -> str:
        reads.append((lo, hi))
        return text[lo:hi]

    found = passages_in(read, len(text), [], matches, 8)
    assert [p.match_count for p in found] == [2, 1, 2]
    assert found == passages(text, [], matches, 8)
    scans = [hi - lo for lo, hi in reads]
    assert max(scans) > FIRST_SCAN * 2 and max(scans) <= PARAGRAPH_SCAN + 20
    assert len(reads) == 5  # the long paragraphs twice, the short one once


def test_a_paragraph_longer_than_the_scan_is_cut_into_passages() -> None:
    """A text without blank lines is not one passage holding every match."""
    from reader.core.search.passages import PARAGRAPH_SCAN

    text = ("改革" + "字" * 98) * 100  # 10,000 characters, one paragraph
    matches = _matches(text, "改革")
    found = passages(text, [], matches, 50)
    assert len(found) > 1
    assert sum(p.match_count for p in found) == len(matches)
    assert all(p.match_count <= PARAGRAPH_SCAN // 100 + 1 for p in found)
    short = "改革字字\n\n改革"  # a short text: its end closes the paragraph, as before
    assert [p.match_count for p in passages(short, [], _matches(short, "改革"))] == [1, 1]


def test_a_text_gone_before_its_passages_gives_no_traceback() -> None:
    """The document was deleted between the search and its passages: reads come back empty."""
    from reader.core.search.passages import passages_in

    found = passages_in(lambda lo, hi: "", 5_000, [], [(3_000, 3_002), (4_000, 4_002)], 8)
    assert [p.start for p in found] == [3_000, 4_000]
