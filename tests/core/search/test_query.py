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


def lits(query: str) -> list[tuple[str, bool]]:
    return [(lit.raw, lit.quoted) for lit in parse_query(query).literals]


def test_a_long_query_is_cut_and_says_so() -> None:
    parsed = parse_query("字" * (MAX_QUERY_CHARS + 10))
    assert parsed.literals[0].raw == "字" * MAX_QUERY_CHARS
    assert parsed.notes == [f"query cut to its first {MAX_QUERY_CHARS} characters"]
    exact = parse_query("字" * MAX_QUERY_CHARS)
    assert exact.notes == [] and len(exact.literals[0].raw) == MAX_QUERY_CHARS


def test_spaces_of_any_kind_separate_words_and_quotes_keep_them() -> None:
    assert lits(" 改革\t开放\u3000发展 ") == [("改革", False), ("开放", False), ("发展", False)]
    assert lits('前 "改革 开放" 后') == [("前", False), ("改革 开放", True), ("后", False)]
    assert lits("＂改革 开放＂") == [("改革 开放", True)]  # full-width quotes too
    assert lits('"" 发展 "  "') == [("发展", False)]  # empty phrases are dropped


def test_a_minus_before_a_word_or_phrase_excludes_it() -> None:
    parsed = parse_query('发展 -"社会 主义" -改革 a-b')
    assert [(e.raw, e.quoted) for e in parsed.excludes] == [("社会 主义", True), ("改革", False)]
    assert lits('发展 -"社会 主义" -改革 a-b') == [("发展", False), ("a-b", False)]
    assert lits("- 发展") == [("-", False), ("发展", False)]  # a lone minus is a word
    assert parse_query("x -").excludes == []


def test_or_joins_its_neighbours_only_between_two_words() -> None:
    assert groups("a OR b OR c d") == [["a", "b", "c"], ["d"]]
    assert groups("a OR -b") == [["a"], ["or"]]  # OR before an exclusion is a word
    assert [e.raw for e in parse_query("a OR -b").excludes] == ["b"]
    assert groups("a OR title:x") == [["a"], ["or"]]
    assert groups("a OR OR b") == [["a"], ["or", "b"]]  # the first OR is the word "or"
    assert groups('a OR "OR"') == [["a", "or"]]
    assert groups('a "OR" b') == [["a"], ["or"], ["b"]]
    assert groups("a or b") == [["a"], ["or"], ["b"]]  # only upper-case OR is the operator


def test_filters_take_quoted_values_and_say_what_they_ignored() -> None:
    parsed = parse_query('title:"城市 工作" tag:城市/更新 doc:12 doc:3')
    assert parsed.titles == ["城市 工作"] and parsed.tags == ["城市/更新"]
    assert parsed.doc_ids == [12, 3] and parsed.has_filters and parsed.literals == []
    negated = parse_query("-tag:城市 发展")
    assert negated.tags == [] and negated.notes == ["-tag: is not supported; ignored"]
    empty = parse_query('tag:"" 发展')
    assert empty.tags == [] and empty.notes == ["tag: needs a value; ignored"]
    bad = parse_query("doc:abc")
    assert bad.doc_ids == [-1]  # restricted to nothing rather than to everything
    assert bad.notes == ["doc: needs a document number, not 'abc'"]


def test_a_prefix_without_a_value_is_a_plain_word() -> None:
    assert lits("title: 城市") == [("title:", False), ("城市", False)]
    assert lits("tag:") == [("tag:", False)]
    assert parse_query("title:").titles == []


def test_titles_are_folded_and_tags_kept_as_typed() -> None:
    parsed = parse_query("title:ＡＢＣ報告 tag:Ａ")
    assert parsed.titles == ["abc报告"]
    assert parsed.tags == ["Ａ"]


def test_single_unquoted_is_the_one_bare_word_only() -> None:
    assert parse_query("天津发展新质生产力").single_unquoted() is not None
    assert parse_query('"天津发展"').single_unquoted() is None
    assert parse_query("天津 发展").single_unquoted() is None
    assert parse_query("天津 OR 发展").single_unquoted() is None
    assert parse_query("").is_empty and not parse_query("-x").is_empty
    assert not parse_query("doc:1").is_empty
