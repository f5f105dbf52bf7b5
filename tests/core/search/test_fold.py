"""Folding is length-preserving and merges width, case and script variants."""

import pytest

from reader.core.search.fold import fold, fold_table


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ＧＤＰ", "gdp"),
        ("２０２４", "2024"),
        ("國務院", "国务院"),
        ("廣州共產黨", "广州共产党"),
        ("PM2.5", "pm2.5"),
        ("Ａｂｃ", "abc"),
        ("\u3000", " "),
        ("𠮷䶮", "𠮷䶮"),
        ("㎡", "㎡"),  # NFKC would give "m2" and shift every offset after it
    ],
)
def test_fold_examples(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_never_changes_length() -> None:
    table = fold_table()
    sample = "".join(chr(c) for c in list(table)[:3000]) + "普通的中文文本 ＡＢＣ abc"
    assert len(fold(sample)) == len(sample)
    assert fold(sample) == sample.translate(table)
    assert all(target not in table for target in table.values())  # idempotent
    assert fold(fold(sample)) == fold(sample)


def test_fold_paths_agree_for_many_distinct_characters() -> None:
    text = "".join(chr(c) for c in list(fold_table())[:500]) * 3
    assert fold(text) == text.translate(fold_table())


def test_grams_skip_whitespace_exactly() -> None:
    from reader.core.search.analysis import grams

    text = " 国务\u3000院\n\nab c\td "
    runs = text.split()
    expected = {ch for run in runs for ch in run} | {
        run[i : i + 2] for run in runs for i in range(len(run) - 1)
    }
    assert grams(text) == expected
    assert grams("") == set() and grams("  \n") == set() and grams("甲") == {"甲"}
