"""Reflow on excerpts of the real seeds and corpus (copied into tests/fixtures)."""

from reader.core.ingest.formats.text import parse_document


def test_page_break_inside_a_sentence_is_joined(fixture_text) -> None:
    text = parse_document(fixture_text("seed000_pagebreak.txt")).text
    assert "提升产业竞争力的关键。”" in text
    assert "竞争力\n" not in text


def test_seed003_page_breaks_are_joined(fixture_text) -> None:
    text = parse_document(fixture_text("seed003_head.txt")).text
    assert "全会听取了陈敏尔受市委常委会委托" in text
    assert "二十届一中、二中、三中全会精神" in text
    assert "实事求是、与时俱进" in text


def test_headings_and_bylines_are_not_joined(fixture_text) -> None:
    text = parse_document(fixture_text("seed003_head.txt")).text
    assert "中共天津市委十二届六次全会举行\n\n市委常委会主持全会 陈敏尔讲话\n\n全会听取" in text
    assert "第六次全体会议决议\n\n（2024年8月25日" in text


def test_wikisource_link_breaks_are_joined(fixture_text) -> None:
    text = parse_document(fixture_text("wikisource_1954_head.txt")).text
    assert "在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後" in text
    assert "根本法——中華人民共和國憲法，接着" in text
    assert text.startswith("各位代表：\n\n我們第一届")


def test_list_items_and_real_paragraph_ends_stay() -> None:
    raw = "要点如下\n- 第一条\n- 第二条\n\n这是一段话。\n\n另一段话。\n"
    assert (
        parse_document(raw).text == "要点如下\n- 第一条\n- 第二条\n\n这是一段话。\n\n另一段话。\n"
    )


def test_indented_paragraphs_on_single_lines_are_not_joined() -> None:
    raw = "　　第一段没有句号\n　　第二段也是\n"
    assert parse_document(raw).text == raw


def test_masthead_lines_stay_apart() -> None:
    raw = "主管主办 中共天津市委\n编辑出版 中共天津市委支部生活社\n"
    assert parse_document(raw).text == raw


def test_latin_words_keep_a_space_when_joined() -> None:
    raw = "报告提到，这是关于 artificial\nintelligence 的内容，包括"
    assert "artificial intelligence" in parse_document(raw).text


def test_lossless_characters_and_newline_normalisation() -> None:
    raw = "\ufeff标题\r\n\r\n　　全角　空格，ＡＢＣ１２３。\r\n"
    parsed = parse_document(raw)
    assert parsed.text == "标题\n\n　　全角　空格，ＡＢＣ１２３。\n"


def test_reflow_is_deterministic(fixture_text) -> None:
    raw = fixture_text("seed003_head.txt")
    assert parse_document(raw) == parse_document(raw)


def test_code_fences_are_verbatim() -> None:
    raw = "```\n# not a heading\nline one\nline two\n```\n"
    parsed = parse_document(raw)
    assert parsed.text == raw
    assert parsed.outline == []


def test_short_prose_joins_only_when_the_break_splits_a_word() -> None:
    raw = "全会认为，党的二十届三中\n\n全会是新的历史起点上进一步全面深化改革的总动员。\n"
    assert "党的二十届三中全会是新的历史起点" in parse_document(raw).text
    heading = "第二，国有企业改革要取得新的突破\n\n国有企业改革是当前经济体制改革的重点。\n"
    assert parse_document(heading).text == heading
