"""W3C Web Annotation JSON: the shape Pizhu writes, and reading backups back, with a
one-line message naming the item and the field for every malformed one."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from reader.core.annotate.anchoring import Anchor
from reader.core.annotate.annotations import Annotation, AnnotationStatus
from reader.core.export.webanno import (
    CONTEXT,
    BackupItem,
    DocumentRecord,
    parse_collection,
    to_collection,
    to_item,
)
from reader.errors import PizhuError

STAMP = "2026-01-02T03:04:05+00:00"
DOC = DocumentRecord(3, "报告", "ab12", "/src/报告.md", ("政策",))
ANN = Annotation(9, "1a2b-3c", 3, 10, 14, "城市更新", "推进", "行动", "blue", "underline",
                 "要点", AnnotationStatus.OK, STAMP, STAMP, None,
                 ("城市/更新", "重点"))  # fmt: skip


def test_an_item_with_note_and_tags() -> None:
    assert to_item(ANN, DOC) == {
        "id": "urn:uuid:1a2b-3c",
        "type": "Annotation",
        "motivation": "commenting",
        "created": STAMP,
        "modified": STAMP,
        "body": [
            {"type": "TextualBody", "value": "要点", "format": "text/markdown",
             "purpose": "commenting"},
            {"type": "TextualBody", "value": "城市/更新", "purpose": "tagging"},
            {"type": "TextualBody", "value": "重点", "purpose": "tagging"},
        ],  # fmt: skip
        "target": {
            "source": "urn:sha256:ab12",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "城市更新", "prefix": "推进",
                 "suffix": "行动"},
                {"type": "TextPositionSelector", "start": 10, "end": 14},
            ],  # fmt: skip
        },
        "pizhu:document": {"id": 3, "title": "报告"},
        "pizhu:color": "blue",
        "pizhu:style": "underline",
        "pizhu:status": "ok",
        "pizhu:deleted": None,
    }


def test_a_plain_highlight_has_no_body() -> None:
    from dataclasses import replace

    item = to_item(replace(ANN, note="", tags=(), deleted=STAMP), DOC)
    assert item["body"] == [] and item["motivation"] == "highlighting"
    assert item["pizhu:deleted"] == STAMP


def test_the_collection() -> None:
    colors: list[dict[str, object]] = [{"key": "blue", "label": "数据"}]
    data = to_collection([DOC], [ANN], colors, STAMP, "pizhu 9")
    assert data == {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Pizhu annotations",
        "generator": "pizhu 9",
        "generated": STAMP,
        "total": 1,
        "pizhu:colors": colors,
        "pizhu:documents": [
            {"id": 3, "title": "报告", "sha256": "ab12", "source": "/src/报告.md", "tags": ["政策"]}
        ],
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": [to_item(ANN, DOC)]},
    }


def test_a_written_collection_reads_back() -> None:
    data = to_collection([DOC], [ANN], [{"key": "blue", "label": "数据"}], STAMP, "pizhu 9")
    colors, docs, (item,) = parse_collection(data)
    assert colors == [{"key": "blue", "label": "数据"}]
    assert docs == [DOC.as_json()]
    assert item == BackupItem(
        uuid="1a2b-3c", sha256="ab12", title="报告",
        anchor=Anchor(10, 14, "城市更新", "推进", "行动"),
        note="要点", tags=["城市/更新", "重点"], color="blue", style="underline",
        created=STAMP, updated=STAMP, deleted=None,
    )  # fmt: skip


def minimal(**fields: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "urn:uuid:u-1",
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "城市"}},
    }
    item.update(fields)
    return item


def test_a_minimal_item_gets_the_defaults() -> None:
    _, _, (item,) = parse_collection([minimal()])
    assert item == BackupItem("u-1", None, None, Anchor(0, 2, "城市", "", ""))
    assert (item.note, item.tags, item.color, item.style) == ("", [], "yellow", "highlight")
    assert (item.created, item.updated, item.deleted) == (None, None, None)


def test_optional_fields_of_an_item() -> None:
    target = {
        "source": "file:///x.md",
        "selector": [
            "not a selector",
            {"type": "TextPositionSelector", "start": 5},
            {"type": "TextQuoteSelector", "exact": "城市", "prefix": None, "suffix": "化"},
        ],
    }
    body = {"type": "TextualBody", "purpose": "commenting", "value": None}
    raw = minimal(id=" u-2 ", target=target, body=body, **{"pizhu:document": None})
    _, _, (item,) = parse_collection({"items": [raw], "pizhu:colors": "no", "pizhu:documents": [1]})
    assert item.uuid == "u-2" and item.sha256 is None and item.title is None
    assert item.anchor == Anchor(5, 7, "城市", "", "化")
    assert item.note == ""
    many = [
        {"purpose": "commenting", "value": "第一"},
        {"purpose": "commenting", "value": "第二"},
        {"purpose": "describing", "value": "不算"},
        {"purpose": "tagging", "value": "甲"},
    ]
    _, _, (item,) = parse_collection([minimal(body=many, **{"pizhu:document": {"title": "题"}})])
    assert (item.note, item.tags, item.title) == ("第一", ["甲"], "题")


def test_what_is_not_a_collection() -> None:
    for data in ("text", 5, None, {"first": []}, {"first": {"items": {}}}, {}):
        with pytest.raises(PizhuError) as error:
            parse_collection(data)
        assert str(error.value) == "not a Web Annotation collection (no items)"
    assert parse_collection({"items": []}) == ([], [], [])


def with_target(**target: Any) -> dict[str, Any]:
    return minimal(target=target)


def quote(**selector: Any) -> dict[str, Any]:
    return with_target(selector=[{"type": "TextQuoteSelector", **selector}])


def position(start: Any = 0, end: Any = 2) -> dict[str, Any]:
    return with_target(selector=[
        {"type": "TextQuoteSelector", "exact": "城市"},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("urn:uuid:x", "the annotation must be an object, not text"),
        (None, "the annotation must be an object, not null"),
        (minimal(target=[1]), '"target" must be an object, not a list [1]'),
        (with_target(selector=5), '"selector" must be a list of objects, not a number 5'),
        (with_target(selector=[]), 'the target has no "TextQuoteSelector"'),
        (quote(), '"exact" is missing'),
        (quote(exact=""), '"exact" is empty'),
        (quote(exact=True), '"exact" must be text, not true/false'),
        (quote(exact="\udcff"), '"exact" is not valid text (a lone surrogate)'),
        (quote(exact="城市", prefix={}), '"prefix" must be text, not an object'),
        (position(start="0"), '"start" must be a whole number, not text'),
        (position(start=False), '"start" must be a whole number, not true/false'),
        (position(start=1.5), '"start" must be a whole number, not a number 1.5'),
        (position(start=-1), '"start" is out of range (-1)'),
        (position(end=2**63), '"end" is out of range (9223372036854775808)'),
        (position(end=10**40), '"end" is out of range (10000000000000000000000000000…)'),
        (position(end=10**30), '"end" is out of range (10000000000000000000000000000…)'),
        (position(start=-(10**28)), '"start" is out of range (-10000000000000000000000000000)'),
        (minimal(body="注"), '"body" must be a list of objects, not text'),
        (minimal(body=[["注"]]), '"body" must be an object, not a list ["\\u6ce8"]'),
        (minimal(body=[{"purpose": "tagging"}]), '"value" is missing'),
        (minimal(body=[{"purpose": "commenting", "value": 1}]),
         '"value" must be text, not a number 1'),
        (minimal(id=None), '"id" is missing'),
        (minimal(id="urn:uuid: "), '"id" names no UUID'),
        (minimal(**{"pizhu:document": [1]}), '"pizhu:document" must be an object, not a list [1]'),
        (minimal(**{"pizhu:color": 1}), '"pizhu:color" must be text, not a number 1'),
        (minimal(**{"pizhu:style": []}), '"pizhu:style" must be text, not a list []'),
        (minimal(created="昨天"), "\"created\" is not a date and time: '昨天'"),
        (minimal(modified="x" * 50), f"\"modified\" is not a date and time: '{'x' * 40}'"),
        (minimal(**{"pizhu:deleted": 0}), '"pizhu:deleted" must be text, not a number 0'),
        (minimal(target={"source": 7, "selector": {"type": "TextQuoteSelector", "exact": "城"}}),
         '"source" must be text, not a number 7'),
    ],  # fmt: skip
)
def test_malformed_items_name_the_item_and_the_field(raw: Any, message: str) -> None:
    good = minimal()
    with pytest.raises(PizhuError) as error:
        parse_collection([good, copy.deepcopy(good), raw])
    assert str(error.value) == f"annotation 3 of the backup is malformed: {message}"


def test_the_largest_offset_sqlite_stores_is_accepted() -> None:
    _, _, (item,) = parse_collection([position(start=2**63 - 1, end=2**63 - 1)])
    assert item.anchor.start == item.anchor.end == 2**63 - 1


def test_a_number_too_long_to_print() -> None:
    import sys

    limit = sys.get_int_max_str_digits()
    if not limit:
        pytest.skip("this Python prints integers of any length")
    with pytest.raises(PizhuError) as error:
        parse_collection([position(end=10 ** (limit + 1))])
    assert str(error.value).endswith('"end" is out of range ((too long))')
