"""Links with numbers no document can have are refused with a message (issue 16)."""

from __future__ import annotations

import pytest

from reader.app.links import MAX_POSITION, OpenLink, parse_link
from reader.errors import UsageError


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pizhu://open?doc=1&pos=2147483648", "pos must be a whole number from 0 to 2147483647"),
        (f"pizhu://open?doc=1&pos={2**63}", "pos must be a whole number from 0 to"),
        ("pizhu://open?doc=" + "9" * 5000, "(5000 characters)"),
        ("pizhu://open?doc=1&pos=" + "9" * 5000, "(5000 characters)"),
        (f"pizhu://open?doc={2**63}", "doc must be a whole number from 1 to 9223372036854775807"),
        ("pizhu://open?doc=abc", "doc must be a whole number, not 'abc'"),
        ("pizhu://open?doc=0", "doc must be a whole number from 1"),
        ("pizhu://open?pos=3", "has no doc="),
    ],
)
def test_out_of_range_links(text: str, message: str) -> None:
    with pytest.raises(UsageError) as exc:
        parse_link(text)
    assert message in str(exc.value)
    assert len(str(exc.value)) < 300  # a 5000-digit link is not repeated whole


def test_the_largest_position_is_accepted() -> None:
    assert parse_link(f"pizhu://open?doc=1&pos={MAX_POSITION}") == OpenLink(1, MAX_POSITION)
