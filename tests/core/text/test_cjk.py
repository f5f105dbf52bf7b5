import re

from reader.core.text.cjk import CJK_TEXT_CLASS, is_cjk_word_char, is_ideograph, is_wide


def test_ideograph_is_han_of_the_main_blocks_only() -> None:
    assert is_ideograph("中") and is_ideograph("㐀")
    assert not is_ideograph("") and not is_ideograph("，") and not is_ideograph("a")


def test_wide_covers_full_width_punctuation_but_not_latin() -> None:
    assert is_wide("。") and is_wide("中") and is_wide("Ａ")
    assert not is_wide("a") and not is_wide(".")


def test_word_chars_are_cjk_letters_not_punctuation() -> None:
    assert is_cjk_word_char("中") and is_cjk_word_char("𠮷") and is_cjk_word_char("か")
    assert not is_cjk_word_char("。") and not is_cjk_word_char("a") and not is_cjk_word_char("1")


def test_text_class_joins_extension_b_and_punctuation_but_not_latin() -> None:
    between = re.compile(f"(?<=[{CJK_TEXT_CLASS}]) +(?=[{CJK_TEXT_CLASS}])")
    assert between.sub("", "𠮷 野家 “好” …") == "𠮷野家“好”…"
    assert between.sub("", "Deng Xiaoping 中 a") == "Deng Xiaoping 中 a"
