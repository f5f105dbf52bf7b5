"""Export scopes: what each filter requires, which combinations are refused, local dates."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from reader.core.annotate.annotations import Annotation, AnnotationStatus
from reader.core.export.scope import ExportScope, local_date, parse_date
from reader.errors import UsageError

ANN = Annotation(7, "u", 1, 0, 2, "引文", "", "", "yellow", "highlight", "", AnnotationStatus.OK,
                 "2024-03-05T20:00:00+00:00", "2024-03-05T20:00:00+00:00", None)  # fmt: skip


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time UTC+8: 20:00 UTC on 5 March is already 6 March there."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "scope",
    [
        ExportScope(doc_ids=(1,)),
        ExportScope(tag="城市"),
        ExportScope(all=True),
        ExportScope(annotation_ids=(3,)),
        ExportScope(color="blue"),
        ExportScope(since=date(2024, 1, 1)),
        ExportScope(until=date(2024, 1, 1)),
        ExportScope(collection_id=0),
        ExportScope(since=date(2024, 1, 1), until=date(2024, 1, 1)),
    ],
)
def test_any_one_filter_is_enough(scope: ExportScope) -> None:
    scope.check()


def test_no_filter_says_what_to_give() -> None:
    with pytest.raises(UsageError) as error:
        ExportScope().check()
    assert str(error.value) == (
        "say what to export: DOC..., --tag T, --collection C, --annotation ID or --all"
    )


def test_all_with_documents_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        ExportScope(doc_ids=(1,), all=True).check()
    assert str(error.value) == "--all exports every document; do not also name documents"
    ExportScope(tag="城市", all=True).check()


def test_a_backwards_date_range_names_both_ends() -> None:
    with pytest.raises(UsageError) as error:
        ExportScope(since=date(2024, 3, 5), until=date(2024, 3, 4)).check()
    assert str(error.value) == "the date range ends (2024-03-04) before it starts (2024-03-05)"


@pytest.mark.parametrize(
    ("scope", "narrows"),
    [
        (ExportScope(), False),
        (ExportScope(doc_ids=(1,), tag="城市", all=True), False),
        (ExportScope(annotation_ids=(3,)), True),
        (ExportScope(color="blue"), True),
        (ExportScope(since=date(2024, 1, 1)), True),
        (ExportScope(until=date(2024, 1, 1)), True),
        (ExportScope(collection_id=0), True),
    ],
)
def test_narrows(scope: ExportScope, narrows: bool) -> None:
    assert scope.narrows is narrows


def test_keeps_selected_annotations_only() -> None:
    assert ExportScope(annotation_ids=(7, 8)).keeps(ANN)
    assert not ExportScope(annotation_ids=(8,)).keeps(ANN)
    assert ExportScope(tag="x").keeps(ANN)


def test_keeps_by_the_local_day_inclusive(shanghai: None) -> None:
    day = date(2024, 3, 6)  # in Shanghai; 5 March in UTC
    assert ExportScope(since=day, until=day).keeps(ANN)
    assert ExportScope(since=day).keeps(ANN) and ExportScope(until=day).keeps(ANN)
    assert not ExportScope(since=date(2024, 3, 7)).keeps(ANN)
    assert not ExportScope(until=date(2024, 3, 5)).keeps(ANN)
    assert not ExportScope(annotation_ids=(8,), since=day).keeps(ANN)


def test_local_date(shanghai: None) -> None:
    assert local_date("2024-03-05T20:00:00+00:00") == date(2024, 3, 6)
    assert local_date("2024-03-05T15:59:59+00:00") == date(2024, 3, 5)
    assert local_date("2024-03-05T23:30:00") == date(2024, 3, 5)  # no zone: already local
    naive = replace(ANN, created="2024-03-05T23:30:00")
    assert ExportScope(until=date(2024, 3, 5)).keeps(naive)


def test_a_stamp_without_a_zone_keeps_its_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """00:30 on the day Chile moves its clocks from midnight to 01:00 does not exist
    there; a stamp with no zone is still that day, not 23:30 the day before."""
    monkeypatch.setenv("TZ", "America/Santiago")
    time.tzset()
    try:
        assert local_date("2000-10-15T00:30:00") == date(2000, 10, 15)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_parse_date() -> None:
    assert parse_date(" 2024-03-05\n") == date(2024, 3, 5)
    with pytest.raises(UsageError) as error:
        parse_date("5 March 2024, a Tuesday, in the afternoon")
    assert str(error.value) == "not a date (YYYY-MM-DD): '5 March 2024, a Tuesday, in the afternoo'"
