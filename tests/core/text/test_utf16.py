from reader.core.text.utf16 import Utf16Map


def test_round_trip_with_astral_characters() -> None:
    text = "a𠮷b䶮𠮷c"
    m = Utf16Map(text)
    qt = [m.to_qt(i) for i in range(len(text) + 1)]
    assert qt == [0, 1, 3, 4, 5, 7, 8]
    assert len(text.encode("utf-16-le")) // 2 == qt[-1]
    assert [m.from_qt(p) for p in qt] == list(range(len(text) + 1))


def test_bmp_text_is_identity() -> None:
    m = Utf16Map("国务院")
    assert m.to_qt(2) == 2 and m.from_qt(3) == 3
