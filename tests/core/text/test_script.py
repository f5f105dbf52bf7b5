"""The other script, character by character: never a change of length, so no offset moves.

The known pairs assert what OpenCC's tables say (first candidate), including their
known mistakes (钟 → 鍾, 干 → 幹 everywhere), so a regenerated table that changes a
choice shows up here.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

from reader.core.search.fold import fold
from reader.core.search.t2s_table import PAIRS as T2S_PAIRS
from reader.core.text.s2t_table import PAIRS as S2T_PAIRS
from reader.core.text.script import (
    AS_WRITTEN,
    CHOICES,
    SCRIPTS,
    check_script,
    convert,
    s2t_table,
    t2s_table,
    to_simplified,
    to_traditional,
)

GENERATOR = Path(__file__).resolve().parents[3] / "tools" / "gen_s2t_table.py"
MIXED = (
    "第一条 中华人民共和国国务院 2024年GDP增长5.2%，「發展」是第一要務！"
    "ＡＢＣ１２３　——……《憲法》𠮷𬭯䶮\U0001f600\r\n\tabc"
)


def _random_text(seed: int, length: int = 2000) -> str:
    """Table characters of both scripts mixed with ASCII, punctuation and non-BMP ones."""
    rng = random.Random(seed)
    pool = list(S2T_PAIRS + T2S_PAIRS) + list("abc XYZ 012，。、；：？！「」『』（）——…\n\u3000")
    pool += ["𠮷", "𪚥", "\U0001f600", "\U000e0100"]
    return "".join(rng.choice(pool) for _ in range(length))


def test_scripts_and_choices() -> None:
    assert SCRIPTS == ("simplified", "traditional")
    assert CHOICES == ("as-written", "simplified", "traditional")


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("script", CHOICES)
def test_length_never_changes(seed: int, script: str) -> None:
    text = _random_text(seed)
    assert len(convert(text, script)) == len(text)


@pytest.mark.parametrize("script", SCRIPTS)
def test_length_on_mixed_text_and_fixtures(script: str, fixture_text) -> None:
    for text in (
        MIXED,
        fixture_text("report2024_tasks_head.txt"),
        fixture_text("wikisource_1954_head.txt"),
        fixture_text("seed003_head.txt"),
    ):
        converted = convert(text, script)
        assert len(converted) == len(text)
        # ASCII, full-width forms, punctuation and emoji are never touched.
        for before, after in zip(text, converted, strict=True):
            if before.isascii() or not before.isalnum() or 0xFF00 <= ord(before) <= 0xFFEF:
                assert after == before


def test_every_table_entry_is_one_code_point_to_one() -> None:
    for pairs in (S2T_PAIRS, T2S_PAIRS):
        assert len(pairs) % 2 == 0
    for table in (s2t_table(), t2s_table()):
        assert all(k != v for k, v in table.items())
    assert len(s2t_table()) == len(S2T_PAIRS) // 2  # no character listed twice


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("国", "國"),
        ("发", "發"),  # not 髮: the first candidate
        ("后", "後"),  # not 后 (皇后): the first candidate
        ("台", "臺"),  # OpenCC's first candidate, not 台 / 檯 / 颱
        ("干", "幹"),  # not 乾 / 干: 干净 comes out 幹淨 (a known limit)
        ("里", "裏"),  # OpenCC's standard form; Taiwan writes 裡
        ("为", "爲"),  # likewise; Taiwan writes 為
        ("钟", "鍾"),  # also for 时钟 (鐘): a known limit
        ("面", "面"),  # first candidate is itself (面 / 麪)
        ("𬭯", "䥕"),  # a non-BMP simplified character
        ("中华人民共和国国务院", "中華人民共和國國務院"),
        ("以后发展经济", "以後發展經濟"),
    ],
)
def test_to_traditional_known_pairs(simplified: str, traditional: str) -> None:
    assert to_traditional(simplified) == traditional


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("國", "国"),
        ("發", "发"),
        ("髮", "发"),
        ("後", "后"),
        ("臺", "台"),
        ("幹", "干"),
        ("乾", "干"),  # also in 乾隆: a known limit
        ("爲", "为"),
        ("為", "为"),
        ("國務院關於憲法草案的報告", "国务院关于宪法草案的报告"),
    ],
)
def test_to_simplified_known_pairs(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


@pytest.mark.parametrize(
    "word",
    ["中华人民共和国", "国务院", "发展", "经济", "改革开放", "以后", "社会主义", "新质生产力"],
)
def test_round_trip_of_common_words(word: str) -> None:
    assert to_traditional(word) != word
    assert to_simplified(to_traditional(word)) == word


def test_round_trip_of_a_simplified_report(fixture_text) -> None:
    text = fixture_text("report2024_tasks_head.txt")
    assert to_simplified(to_traditional(text)) == text


def test_conversion_commutes_with_slicing() -> None:
    """A quote converted alone reads as the same span of the converted document."""
    text = _random_text(7)
    rng = random.Random(7)
    for script in SCRIPTS:
        whole = convert(text, script)
        for _ in range(50):
            a = rng.randrange(len(text))
            b = rng.randrange(a, len(text) + 1)
            assert whole[a:b] == convert(text[a:b], script)


def test_search_hit_offsets_stay_valid(fixture_text) -> None:
    """Search finds by folded text; a hit's offsets select the same words when shown in
    the other script, and folding the converted text still finds the hit there."""
    text = fixture_text("report2024_tasks_head.txt")
    query = "新质生产力"
    start = fold(text).find(fold(query))
    assert start > 0
    end = start + len(query)
    shown = to_traditional(text)
    assert shown[start:end] == "新質生產力" == to_traditional(text[start:end])
    assert fold(shown).find(fold(query)) == start

    traditional = fixture_text("wikisource_1954_head.txt")
    start = fold(traditional).find(fold("宪法草案"))
    assert start > 0
    assert to_simplified(traditional)[start : start + 4] == "宪法草案"
    assert traditional[start : start + 4] == "憲法草案"


def test_as_written_is_the_text_itself() -> None:
    assert convert(MIXED, AS_WRITTEN) is MIXED


@pytest.mark.parametrize("bad", ["", "Simplified", "zh-Hant", "traditional ", "mixed"])
def test_unknown_script_is_a_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown script"):
        convert("国", bad)
    with pytest.raises(ValueError, match="as-written, simplified, traditional"):
        check_script(bad)


def test_generator_keeps_first_single_code_point_candidates(tmp_path) -> None:
    """tools/gen_s2t_table.py: first candidate only, one code point each side, no identity."""
    spec = importlib.util.spec_from_file_location("gen_s2t_table", GENERATOR)
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    source = tmp_path / "STCharacters.txt"
    source.write_text(
        "# comment\n发\t發 髮\n面\t面 麪\n干\t幹 乾 干\n𬭯\t䥕\nx\t𠀀𠀀\nab\t甲\n\n",
        encoding="utf-8",
    )
    pairs = gen.read_pairs(source)
    assert pairs == ["发發", "干幹", "𬭯䥕"]
    namespace: dict[str, object] = {}
    exec(gen.render(pairs), namespace)  # the generated module is plain data
    assert namespace["PAIRS"] == "发發干幹𬭯䥕"
