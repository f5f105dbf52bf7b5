"""Links in exported notes must round-trip and reject anything ambiguous."""

from __future__ import annotations

import pytest

from reader.app.links import OpenLink, is_link, parse_link
from reader.errors import UsageError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pizhu://open?doc=3&pos=120", OpenLink(3, 120)),
        ("pizhu://open?doc=3", OpenLink(3, -1)),
        ("PIZHU://OPEN?pos=0&doc=12", OpenLink(12, 0)),
        ("pizhu:open?doc=5&pos=7", OpenLink(5, 7)),
        ("pizhu://open/?doc=5&pos=7&extra=1", OpenLink(5, 7)),
        ("  pizhu://open?doc=1&pos=2\n", OpenLink(1, 2)),
    ],
)
def test_parse(text: str, expected: OpenLink) -> None:
    assert parse_link(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "http://open?doc=3",
        "pizhu://close?doc=3",
        "pizhu://open?pos=3",
        "pizhu://open?doc=&pos=3",
        "pizhu://open?doc=x",
        "pizhu://open?doc=-1",
        "pizhu://open?doc=0",
        "pizhu://open?doc=3&pos=-5",
        "pizhu://open?doc=３",  # full-width digit: isdigit() is true, int() would accept it
    ],
)
def test_rejects(text: str) -> None:
    with pytest.raises(UsageError):
        parse_link(text)


def test_round_trip() -> None:
    for link in (OpenLink(3, 120), OpenLink(1), OpenLink(99, 0)):
        assert parse_link(link.format()) == link
    assert OpenLink(3, 120).format() == "pizhu://open?doc=3&pos=120"


def test_is_link() -> None:
    assert is_link("pizhu://open?doc=1")
    assert is_link("Pizhu:whatever")
    assert not is_link("/home/u/pizhu.txt")
    assert not is_link("pizhu.txt")


def test_links_in_exported_notes_parse() -> None:
    """The Markdown export writes these links; a click must land where they point."""
    from reader.core.export.markdown import open_link

    assert parse_link(open_link(3, 120)) == OpenLink(3, 120)
    assert open_link(3, 120) == OpenLink(3, 120).format()
