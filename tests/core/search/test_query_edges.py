"""The query language at its edges: where a token ends, which OR is an operator, what a
filter keeps, and that no query string makes the parser raise."""

from __future__ import annotations

import pytest

from reader.core.search.query import Literal, parse_query


def lits(query: str) -> list[tuple[str, bool]]:
    return [(lit.raw, lit.quoted) for lit in parse_query(query).literals]


def groups(query: str) -> list[list[str]]:
    return [[lit.raw for lit in g] for g in parse_query(query).groups]


def test_a_word_runs_to_the_next_space_and_a_phrase_to_its_closing_quote() -> None:
    assert lits("改") == [("改", False)]
    assert lits("  改  ") == [("改", False)]
    assert lits('"改革"开放') == [("改革", True), ("开放", False)]  # a word right after a quote
    assert lits('"改革""开放"') == [("改革", True), ("开放", True)]
    assert lits('甲"乙 丙"') == [('甲"乙', False), ("丙\"", False)]  # a quote inside a word
    assert lits('"改革 开放') == [("改革 开放", True)]  # unclosed: runs to the end
    assert lits('"') == []


def test_only_the_two_quote_characters_open_a_phrase() -> None:
    assert lits("X光 机") == [("X光", False), ("机", False)]
    assert lits('"X光 机" 片') == [("X光 机", True), ("片", False)]
    assert lits("'X 光'") == [("'X", False), ("光'", False)]


def test_literals_keep_the_typed_text_and_fold_it() -> None:
    (lit,) = parse_query("國務院ＧＤＰ").literals
    assert lit == Literal("國務院ＧＤＰ", "国务院gdp", False)
    (phrase,) = parse_query('"Ａ 國"').literals
    assert phrase == Literal("Ａ 國", "a 国", True)


def test_a_minus_negates_only_when_something_follows_it() -> None:
    parsed = parse_query("-改革")
    assert parsed.groups == [] and [e.raw for e in parsed.excludes] == ["改革"]
    assert lits("-\t改革") == [("-", False), ("改革", False)]
    assert lits("改革 -") == [("改革", False), ("-", False)]
    parsed = parse_query("--改革")
    assert [e.raw for e in parsed.excludes] == ["-改革"]
    assert parse_query('-"改 革"').excludes == [Literal("改 革", "改 革", True)]


def test_or_is_an_operator_only_between_two_plain_operands() -> None:
    assert groups("甲 OR 乙") == [["甲", "乙"]]
    assert groups("甲 OR 乙 OR 丙") == [["甲", "乙", "丙"]]
    assert groups("甲 OR 乙 丙 OR 丁") == [["甲", "乙"], ["丙", "丁"]]
    assert groups("OR 甲") == [["OR"], ["甲"]]  # nothing before it
    assert groups("甲 OR") == [["甲"], ["OR"]]  # nothing after it
    assert groups("甲 -OR 乙") == [["甲"], ["乙"]]  # a negated OR is an exclusion
    assert [e.raw for e in parse_query("甲 -OR 乙").excludes] == ["OR"]
    assert groups('甲 "OR" 乙') == [["甲"], ["OR"], ["乙"]]
    assert groups('甲 OR "乙"') == [["甲", "乙"]]  # a phrase is an operand
    assert groups("甲 OR tag:乙") == [["甲"], ["OR"]]
    assert parse_query("甲 OR tag:乙").tags == ["乙"]
    assert groups("甲 title:OR 乙") == [["甲"], ["乙"]]
    assert parse_query("甲 title:OR 乙").titles == ["or"]
    assert groups("甲 OR OR OR 乙") == [["甲"], ["OR"], ["OR", "乙"]]
    assert groups("甲 OR -乙 丙") == [["甲"], ["OR"], ["丙"]]
    assert groups('甲 OR "" 乙') == [["甲", "乙"]]  # the empty phrase is skipped


def test_an_exclusion_after_or_does_not_join_the_group() -> None:
    parsed = parse_query("甲 OR 乙 -丙 丁")
    assert groups("甲 OR 乙 -丙 丁") == [["甲", "乙"], ["丁"]]
    assert [e.raw for e in parsed.excludes] == ["丙"]


def test_filter_values_are_trimmed_and_may_be_quoted() -> None:
    parsed = parse_query('tag:" 重要 " title:"  報告 "')
    assert parsed.tags == ["重要"] and parsed.titles == ["报告"]
    assert parse_query("tag:重要").tags == ["重要"]
    assert parse_query("title:ab").titles == ["ab"]
    assert parse_query("doc:42").doc_ids == [42] and parse_query("doc:42").notes == []
    assert parse_query('doc:"5"').doc_ids == [5]
    assert parse_query("doc:0").doc_ids == [0]


def test_filters_say_why_they_were_ignored() -> None:
    assert parse_query("-title:报告").notes == ["-title: is not supported; ignored"]
    assert parse_query("-title:报告").titles == []
    assert parse_query("-doc:3").notes == ["-doc: is not supported; ignored"]
    assert parse_query("-doc:3").doc_ids == []
    assert parse_query('title:" "').notes == ["title: needs a value; ignored"]
    assert parse_query('doc:""').notes == ["doc: needs a value; ignored"]
    assert parse_query('doc:""').doc_ids == []
    bad = parse_query("doc:3a")
    assert bad.doc_ids == [-1] and bad.notes == ["doc: needs a document number, not '3a'"]


def test_a_prefix_is_a_filter_only_at_the_start_of_a_token() -> None:
    assert lits("xtitle:报告") == [("xtitle:报告", False)]
    assert parse_query("xtitle:报告").titles == []
    assert lits("Title:报告") == [("Title:报告", False)]
    assert parse_query("doc:") .doc_ids == [] and lits("doc:") == [("doc:", False)]
    assert lits('tag: "重要"') == [("tag:", False), ("重要", True)]
    assert parse_query("tag:a:b").tags == ["a:b"]


def test_digits_that_are_not_decimal_do_not_make_doc_raise() -> None:
    """``²`` is a digit to ``str.isdigit`` but no number to ``int``: the parser never raises."""
    bad = parse_query("doc:²")
    assert bad.doc_ids == [-1] and bad.notes == ["doc: needs a document number, not '²'"]
    assert parse_query("doc:①").doc_ids == [-1]
    assert parse_query("doc:７").doc_ids == [7]  # full-width decimal digits are a number


def test_which_queries_are_empty_or_filtered() -> None:
    assert parse_query("title:报告").has_filters and not parse_query("title:报告").is_empty
    assert parse_query("tag:重要").has_filters and not parse_query("tag:重要").is_empty
    assert parse_query("doc:3").has_filters
    assert not parse_query("改革").has_filters and not parse_query("-改革").has_filters
    assert not parse_query("改革").is_empty
    assert parse_query("   ").is_empty and parse_query('""').is_empty
    assert parse_query("-tag:重要").is_empty  # ignored filters leave nothing to search


def test_single_unquoted_returns_that_literal() -> None:
    assert parse_query("天津发展").single_unquoted() == Literal("天津发展", "天津发展", False)
    assert parse_query("天津 -发展").single_unquoted() == Literal("天津", "天津", False)
    assert parse_query("-发展").single_unquoted() is None
    assert parse_query("天津 title:发展").single_unquoted() is not None


@pytest.mark.parametrize("query", ["doc:²", "doc:" + "9" * 1990, "-", "x -", '"', "tag:\t"])
def test_never_raises(query: str) -> None:
    parse_query(query)
