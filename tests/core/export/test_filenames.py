"""File names from titles: every rule of safe_stem at its edge, and unique_name's ladder."""

from __future__ import annotations

import pytest

from reader.core.export.filenames import MAX_NAME_BYTES, safe_stem, unique_name


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("e\u0301tude", "\u00e9tude"),  # NFD from a Mac file name: one composed letter
        ("a  \u3000 b", "a b"),  # runs of blanks (the ideographic space too) are one space
        ("del\x7fete", "del_ete"),
        ('<>:"|?*\\', "document"),  # nothing but forbidden characters
        ("_._", "document"),
        ("___", "document"),
        ("ab_.", "ab_"),
        ("X 档案 X", "X 档案 X"),  # only blanks and dots are trimmed
        (" .X. ", "X"),
        ("con", "_con"),  # reserved names whatever their case
        ("Aux.tar.gz", "_Aux.tar.gz"),
        ("PRN", "_PRN"),
        ("COM1", "_COM1"),
        ("COM9", "_COM9"),
        ("LPT1", "_LPT1"),
        ("COM10", "COM10"),
        ("LPT0", "LPT0"),
        ("CONSOLE", "CONSOLE"),
        ("x.con", "x.con"),
    ],
)
def test_safe_stem_edges(title: str, stem: str) -> None:
    assert safe_stem(title) == stem


def test_the_fallback_is_the_callers() -> None:
    assert safe_stem("...", fallback="note") == "note"
    assert safe_stem("名字", fallback="note") == "名字"


def test_long_titles_are_cut_to_the_byte_limit() -> None:
    assert safe_stem("a" * 300) == "a" * MAX_NAME_BYTES
    assert safe_stem("a" * MAX_NAME_BYTES) == "a" * MAX_NAME_BYTES
    assert safe_stem("a" * 199 + "é") == "a" * 199  # é is two bytes: 201 with it
    # A cut that ends on a blank or a dot drops it (Windows cannot name a file "x ").
    assert safe_stem("a" * 198 + " .bbbb") == "a" * 198
    assert len(safe_stem("报告" * 100).encode("utf-8")) == 198


def test_unique_name_climbs_past_every_taken_name() -> None:
    taken = {"notes.md", "notes (7).md", "notes (7-2).md", "notes (7-3).md"}
    assert unique_name("Notes", ".md", taken, "7") == "Notes (7-4).md"
    assert "notes (7-4).md" in taken
    assert unique_name("Notes", ".md", taken, "7") == "Notes (7-5).md"
    assert unique_name("other", ".txt", taken, "7") == "other.txt"
    assert "other.txt" in taken
