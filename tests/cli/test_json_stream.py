"""JSON written an item at a time reads, byte for byte, as the same JSON written at once."""

from __future__ import annotations

import io

import pytest

from reader.cli.output import json_text, write_json_list

HITS = [
    {"doc_id": 1, "title": "国务院\u2028公报", "matches": [[0, 3], [7, 10]], "name": "\udcff.txt"},
    {"doc_id": 2, "title": "", "matches": [], "nested": {"a": [1, {"b": None}]}},
]


@pytest.mark.parametrize("indent", [2, None])
@pytest.mark.parametrize("items", [HITS, HITS[:1], []])
def test_item_by_item_is_the_same_text(indent: int | None, items: list) -> None:
    head = {"query": "“国务院”", "took_ms": 1.5, "total": 3, "total_exact": False}
    out = io.StringIO()
    write_json_list(head, "hits", iter(items), indent, out)
    assert out.getvalue() == json_text({**head, "hits": items}, indent) + "\n"
