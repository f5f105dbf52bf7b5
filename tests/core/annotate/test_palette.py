"""The palette keys the settings check against are the ones the library stores."""

from __future__ import annotations

from reader.core.annotate.colors import PALETTE_KEYS


def test_the_palette_keys_are_the_stored_colours_in_order(library) -> None:
    assert tuple(c.key for c in library.annotations.colors.list()) == PALETTE_KEYS
