"""Export languages: which names count as a language, and which colour labels translate."""

from __future__ import annotations

import pytest

from reader.core.export.labels import DEFAULT_LABELS, check_language, labels_in, words


@pytest.mark.parametrize(
    ("lang", "short"),
    [("zh", "zh"), ("en", "en"), ("zh_CN", "zh"), ("en-GB", "en"), ("EN", "en"),
     ("zh_Hant_TW", "zh")],
)  # fmt: skip
def test_language_names(lang: str, short: str) -> None:
    assert check_language(lang) == short


@pytest.mark.parametrize("lang", ["fr", "", "english", "_en"])
def test_an_unknown_language_is_named_with_the_choices(lang: str) -> None:
    with pytest.raises(ValueError) as error:
        check_language(lang)
    assert str(error.value) == f"unknown export language {lang!r} (choose from zh, en)"


def test_every_default_label_translates_both_ways() -> None:
    chinese = dict(DEFAULT_LABELS["zh"])
    english = dict(DEFAULT_LABELS["en"])
    assert labels_in(chinese, "en") == english
    assert labels_in(english, "zh") == chinese
    assert labels_in(english, "en_US") == english


def test_a_label_the_user_chose_stays_theirs() -> None:
    # "Yellow" on the green colour is the user's word, not Pizhu's label for green.
    chosen = {"green": "Yellow", "blue": "重点", "red": "黄色"}
    assert labels_in(chosen, "en") == chosen
    assert labels_in(chosen, "zh") == chosen


def test_words_in_each_language() -> None:
    assert words("zh")["annotations"] == "批注" and words("zh_TW")["start"] == "开头"
    assert words("en")["annotations"] == "Annotations" and words("en")["note"] == "Note"
    with pytest.raises(ValueError, match="unknown export language 'de'"):
        words("de")
