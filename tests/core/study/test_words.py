"""The word list: keep once, list and filter, delete and undo, follow re-imports, Anki TSV."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

import pytest

from reader.core.changes import Changes
from reader.core.check import check_database
from reader.core.library import Library
from reader.core.storage.db import transaction
from reader.core.study.words import (
    ANKI_HEADER,
    NEW_WORD_TAG,
    WordEntry,
    keep_word,
    pinyin_key,
    sentence_around,
    tsv_field,
)
from reader.errors import NotFoundError, PizhuError, UsageError

from .conftest import REPORT

HEADER = "\n".join(ANKI_HEADER) + "\n"


@pytest.fixture
def stamps(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each word kept one minute after the previous one, so "newest first" is certain."""
    minutes = count()
    monkeypatch.setattr(
        "reader.core.study.words.now_iso",
        lambda: f"2024-03-05T08:{next(minutes):02d}:00+00:00",
    )
    yield


def _keep_at(library: Library, doc_id: int, word: str, **fields: str) -> WordEntry:
    text = library.documents.text(doc_id)
    start = text.index(word)
    entry, changes = library.words.keep(
        word, doc_id=doc_id, start=start, end=start + len(word),
        sentence=sentence_around(text, start, start + len(word)), **fields,
    )  # fmt: skip
    assert changes == Changes(words=True)
    return entry


# -- keeping ---------------------------------------------------------------------------


def test_keep_stores_the_word_its_place_and_sentence(library: Library, add_doc) -> None:
    doc = add_doc()
    entry = _keep_at(
        library, doc, "京津冀", pinyin="jīng jīn jì", definition="Beijing-Tianjin-Hebei"
    )
    text = library.documents.text(doc)
    assert text[entry.start : entry.end] == "京津冀"
    assert entry.as_json() == {
        "id": entry.id,
        "word": "京津冀",
        "pinyin": "jīng jīn jì",
        "definition": "Beijing-Tianjin-Hebei",
        "doc_id": doc,
        "start": text.index("京津冀"),
        "end": text.index("京津冀") + 3,
        "sentence": "推动京津冀协同发展。",
        "created_at": entry.created_at,
    }
    assert library.words.get(entry.id) == entry
    assert check_database(library.db) == []


def test_keeping_again_changes_nothing_and_keeps_the_first_sentence(
    library: Library, add_doc
) -> None:
    doc = add_doc()
    first = _keep_at(library, doc, "稳中求进", definition="make progress while staying stable")
    again, changes = library.words.keep(
        " 稳中求进 ", pinyin="wěn zhōng qiú jìn", definition="other", sentence="另一句。"
    )
    assert not changes
    assert again == first
    assert library.words.count() == 1


def test_a_word_without_a_document_is_kept_too(library: Library) -> None:
    entry, changes = library.words.keep("双循环", pinyin="shuāng xún huán")
    assert changes.words
    assert (entry.doc_id, entry.start, entry.end, entry.sentence) == (None, None, None, "")


def test_fields_are_cleaned_to_one_line(library: Library) -> None:
    entry, _ = library.words.keep(
        "新质生产力", pinyin="xīn zhì\nshēng chǎn lì", sentence="发展\n新质生产力。\t"
    )
    assert entry.pinyin == "xīn zhì shēng chǎn lì"
    assert entry.sentence == "发展 新质生产力。"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"word": "  "}, UsageError),
        ({"word": "词\x00"}, UsageError),
        ({"word": "京津冀", "start": 1}, UsageError),
        ({"word": "京津冀", "start": 1, "end": 4}, UsageError),  # a place needs its document
        ({"word": "京津冀", "doc_id": 999}, NotFoundError),
        ({"word": "京津冀", "doc": True, "start": 5, "end": 5}, UsageError),
        ({"word": "京津冀", "doc": True, "start": 0, "end": 10_000}, UsageError),
    ],
)
def test_bad_words_are_refused_before_anything_is_written(
    library: Library, add_doc, fields: dict, error: type[Exception]
) -> None:
    if fields.pop("doc", False):
        fields["doc_id"] = add_doc()
    with pytest.raises(error):
        library.words.keep(**fields)
    assert library.words.count() == 0


def test_keep_joins_the_callers_transaction(library: Library) -> None:
    with pytest.raises(RuntimeError), transaction(library.db):
        library.words.keep("京津冀")
        raise RuntimeError("the command failed later")
    assert library.words.list() == []


# -- listing ---------------------------------------------------------------------------


def test_list_is_newest_first_and_filters(library: Library, add_doc, stamps) -> None:
    doc = add_doc()
    other = add_doc("# 另一篇\n\n两个确立。\n", "other.md")
    a = _keep_at(library, doc, "京津冀", pinyin="jīng jīn jì", definition="Beijing-Tianjin-Hebei")
    b = _keep_at(library, doc, "稳中求进", pinyin="wěn zhōng qiú jìn", definition="Steady progress")
    c = _keep_at(library, other, "两个确立", pinyin="liǎng gè què lì", definition="two establishes")
    assert library.words.list() == [c, b, a]
    assert library.words.list(doc_id=doc) == [b, a]
    assert library.words.list(text_filter="jing jin") == [a]  # no tones needed
    assert library.words.list(text_filter="JINGJIN") == [a]  # nor spaces, nor case
    assert library.words.list(text_filter="jīn") == [b, a]  # jìn, jīn: tones ignored
    assert library.words.list(text_filter="qiu4") == [b]  # tone numbers too
    assert library.words.list(text_filter="steady") == [b]  # definition, any case
    assert library.words.list(text_filter="协同") == [a]  # the sentence
    assert library.words.list(text_filter="确立") == [c]
    assert library.words.list(text_filter="确立", doc_id=doc) == []
    assert library.words.list(text_filter="   ") == [c, b, a]


def test_pinyin_key_drops_tones_spaces_and_case() -> None:
    assert pinyin_key("Jīng jīn jì") == "jingjinji"
    assert pinyin_key("lǜ") == pinyin_key("lu:4") == "lu"
    assert pinyin_key("京津冀") == ""


# -- deleting and undo -----------------------------------------------------------------


def test_delete_returns_the_rows_and_restore_puts_them_back(
    library: Library, add_doc, stamps
) -> None:
    doc = add_doc()
    a = _keep_at(library, doc, "京津冀")
    b = _keep_at(library, doc, "稳中求进")
    gone, changes = library.words.delete([a.id, b.id])
    assert changes == Changes(words=True)
    assert gone == [a, b]
    assert library.words.list() == []
    assert library.words.restore(gone) == Changes(words=True)
    assert library.words.list() == [b, a]  # same ids, same dates, same order


def test_delete_of_an_unknown_id_deletes_nothing(library: Library) -> None:
    entry, _ = library.words.keep("京津冀")
    with pytest.raises(NotFoundError, match="no word with id 99"):
        library.words.delete([entry.id, 99])
    assert library.words.list() == [entry]


def test_restore_skips_a_word_kept_again_and_unlinks_a_deleted_document(
    library: Library, add_doc
) -> None:
    doc = add_doc()
    a = _keep_at(library, doc, "京津冀")
    b = _keep_at(library, doc, "稳中求进")
    gone, _ = library.words.delete([a.id, b.id])
    again, _ = library.words.keep("京津冀", definition="kept again")
    with transaction(library.db):
        library.documents.delete(doc)
    library.words.restore(gone)
    by_word = {e.word: e for e in library.words.list()}
    assert by_word["京津冀"] == again
    assert (by_word["稳中求进"].id, by_word["稳中求进"].doc_id) == (b.id, None)
    assert by_word["稳中求进"].start is None


def test_deleting_a_document_keeps_its_words_unlinked(library: Library, add_doc) -> None:
    doc = add_doc()
    entry = _keep_at(library, doc, "京津冀")
    with transaction(library.db):
        library.documents.delete(doc)
    [kept] = library.words.list()
    assert (kept.word, kept.doc_id, kept.sentence) == ("京津冀", None, entry.sentence)
    assert check_database(library.db) == []


# -- re-imports ------------------------------------------------------------------------


def test_offsets_follow_the_text_when_the_document_is_reimported(library: Library, add_doc) -> None:
    doc = add_doc()
    entry = _keep_at(library, doc, "格局")
    lost = _keep_at(library, doc, "京津冀")
    changed = REPORT.replace("推动京津冀协同发展。", "").replace(
        "他说", "新增一段很长的开头文字。\n\n他说"
    )
    assert add_doc(changed) == doc
    text = library.documents.text(doc)
    moved = library.words.get(entry.id)
    assert text[moved.start : moved.end] == "格局"
    assert moved.start != entry.start
    assert library.words.get(lost.id).doc_id == doc  # its paragraph went; the link stays
    assert check_database(library.db) == []


# -- Keep it (with an annotation) ------------------------------------------------------


def test_keep_word_can_annotate_the_place_once(library: Library, add_doc) -> None:
    doc = add_doc()
    text = library.documents.text(doc)
    start = text.index("京津冀")
    place = {"doc_id": doc, "start": start, "end": start + 3}
    entry, ann, changes = keep_word(
        library.words, library.annotations, "京津冀", definition="Beijing-Tianjin-Hebei",
        annotate=True, **place,
    )  # fmt: skip
    assert ann is not None
    assert (ann.quote, ann.note, ann.tags) == ("京津冀", "Beijing-Tianjin-Hebei", (NEW_WORD_TAG,))
    assert changes == Changes(annotations={doc}, tags=True, words=True)
    again = keep_word(library.words, library.annotations, "京津冀", annotate=True, **place)
    assert again == (entry, None, Changes())
    assert len(library.annotations.list_for_document(doc)) == 1


def test_keep_word_without_a_place_cannot_annotate_and_keeps_nothing(library: Library) -> None:
    with pytest.raises(UsageError, match="needs its document"):
        keep_word(library.words, library.annotations, "京津冀", annotate=True)
    assert library.words.count() == 0


# -- sentences -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "sentence"),
    [
        ("京津冀", "推动京津冀协同发展。"),
        ("稳中求进", "坚持稳中求进工作总基调！"),
        ("格局", "他说：“要加快构建新发展格局。”"),  # the closing quote goes with it
        ("城市更新", "然后继续推进城市更新行动。"),  # not the previous sentence's quote
        ("区域", "# 区域发展报告"),  # a line is a sentence too
    ],
)
def test_sentence_around(word: str, sentence: str) -> None:
    start = REPORT.index(word)
    assert sentence_around(REPORT, start, start + len(word)) == sentence


def test_a_long_sentence_is_cut_around_the_word() -> None:
    text = "甲" * 500 + "京津冀" + "乙" * 500 + "。"
    cut = sentence_around(text, 500, 503, limit=23)
    assert cut == "甲" * 10 + "京津冀" + "乙" * 10


# -- Anki export -----------------------------------------------------------------------


def test_export_tsv_is_what_anki_imports(library: Library, add_doc, stamps, tmp_path) -> None:
    doc = add_doc()
    _keep_at(library, doc, "京津冀", pinyin="jīng jīn jì", definition="Beijing-Tianjin-Hebei")
    library.words.keep("双循环", pinyin="shuāng xún huán", definition="dual\tcirculation\nmodel")
    library.words.keep("#话题", definition='the "topic" mark')
    path = tmp_path / "words.tsv"
    assert library.words.export_tsv(path) == 3
    assert path.read_bytes().decode("utf-8") == (
        "#separator:tab\n#html:false\n#columns:word\tpinyin\tdefinition\tsentence\n"
        "京津冀\tjīng jīn jì\tBeijing-Tianjin-Hebei\t推动京津冀协同发展。\n"
        "双循环\tshuāng xún huán\tdual circulation model\t\n"
        '"#话题"\t\t"the ""topic"" mark"\t\n'
    )
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_of_chosen_entries_and_of_an_empty_list(library: Library, tmp_path) -> None:
    a, _ = library.words.keep("京津冀")
    library.words.keep("双循环")
    path = tmp_path / "one.tsv"
    assert library.words.export_tsv(path, [a]) == 1
    assert path.read_text(encoding="utf-8") == HEADER + "京津冀\t\t\t\n"
    assert library.words.export_tsv(path, []) == 0
    assert path.read_text(encoding="utf-8") == HEADER


def test_export_refuses_a_folder_and_a_missing_folder(library: Library, tmp_path) -> None:
    library.words.keep("京津冀")
    with pytest.raises(UsageError, match="is a folder"):
        library.words.export_tsv(tmp_path)
    with pytest.raises(PizhuError, match="no such folder"):
        library.words.export_tsv(tmp_path / "missing" / "words.tsv")


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("plain", "plain"),
        ("a\tb\r\nc\u2028d", "a b c d"),
        (' "quoted" ', '"""quoted"""'),
        ("#tag", '"#tag"'),
        ("a#b", "a#b"),
    ],
)
def test_tsv_field(value: str, field: str) -> None:
    assert tsv_field(value) == field


# -- the schema ------------------------------------------------------------------------


def test_the_table_holds_one_row_per_word_with_a_whole_span(library: Library) -> None:
    insert = "INSERT INTO words (word, start, end, created_at) VALUES (?, ?, ?, 'now')"
    library.db.execute(insert, ["词", None, None])
    for bad in (["词", None, None], ["另", 3, None], ["另", 3, 3], ["另", -1, 2]):
        with pytest.raises(Exception, match="constraint failed"):
            library.db.execute(insert, bad)


def test_changes_carry_words_and_stats() -> None:
    assert not Changes()
    assert Changes(words=True) and Changes(stats=True)
    merged = Changes(words=True).merge(Changes(stats=True))
    assert merged == Changes(words=True, stats=True)


def test_restore_drops_a_place_the_reimported_text_no_longer_has(library: Library, add_doc) -> None:
    doc = add_doc()
    entry = _keep_at(library, doc, "城市更新")
    gone, _ = library.words.delete([entry.id])
    assert library.words.delete([]) == ([], Changes())
    add_doc("# 短\n\n京津冀。\n")  # the same file, now much shorter
    library.words.restore(gone)
    back = library.words.get(entry.id)
    assert (back.doc_id, back.start, back.end) == (doc, None, None)
    assert check_database(library.db) == []


def test_a_cut_sentence_does_not_start_with_a_comma() -> None:
    from reader.core.study.words import sentence_around

    text = "甲" * 150 + "，推进京津冀协同发展" + "乙" * 150 + "。"
    start = text.index("京津冀")
    sentence = sentence_around(text, start, start + 3, limit=9)  # the cut lands on the ，
    assert "京津冀" in sentence and sentence[0] not in "，、；："
