"""The query language never raises and means what the issue says."""

import pytest

from reader.core.search.query import MAX_QUERY_CHARS, parse_query


def groups(query: str) -> list[list[str]]:
    return [[lit.folded for lit in g] for g in parse_query(query).groups]


def test_and_phrase_or_exclude() -> None:
    assert groups("改革 开放") == [["改革"], ["开放"]]
    assert groups('"改革 开放" 发展') == [["改革 开放"], ["发展"]]
    assert groups("改革 OR 开放 发展") == [["改革", "开放"], ["发展"]]
    parsed = parse_query("发展 -社会主义")
    assert groups("发展 -社会主义") == [["发展"]]
    assert [e.folded for e in parsed.excludes] == ["社会主义"]


def test_filters() -> None:
    parsed = parse_query('title:報告 tag:"重 要" doc:7 经济')
    assert parsed.titles == ["报告"]
    assert parsed.tags == ["重 要"]
    assert parsed.doc_ids == [7]
    assert groups('title:報告 tag:"重 要" doc:7 经济') == [["经济"]]


@pytest.mark.parametrize(
    "query", ['"', "-", "OR", "a OR", "OR b", "，。！", "😀", "x" * 5000, "doc:abc", '-"', "tag:"]
)
def test_malformed_queries_parse(query: str) -> None:
    parsed = parse_query(query)
    assert sum(len(lit.folded) for lit in parsed.literals) <= MAX_QUERY_CHARS


def test_lone_operators_are_words() -> None:
    assert groups("OR") == [["or"]]
    assert groups("-") == [["-"]]
    assert groups('"abc') == [["abc"]]
