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
