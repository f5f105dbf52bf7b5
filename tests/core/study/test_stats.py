"""Reading statistics from synthetic activity: the clock's timelines, then the sums."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from reader.core.changes import Changes
from reader.core.library import Library
from reader.core.storage.db import transaction
from reader.core.study.stats import (
    FLUSH_SECONDS,
    IDLE_SECONDS,
    ActivityClock,
    DayTotal,
    DocTotal,
    Sample,
    local_day,
)
from reader.errors import NotFoundError, UsageError

TODAY = date(2024, 3, 10)


def _run(clock: ActivityClock, timeline: list[tuple[float, bool, int]]) -> list[Sample]:
    """Feed ``(time, active, position)`` ticks; the samples returned, then what is pending."""
    samples = [s for t, active, pos in timeline if (s := clock.tick(t, active, pos))]
    rest = clock.flush()
    return samples + ([rest] if rest else [])


def _reading(start: float, end: float, step: float, position: int, speed: int):
    """Ticks every ``step`` seconds, moving ``speed`` characters each time."""
    ticks = []
    t = start
    while t <= end:
        ticks.append((t, True, position))
        t, position = t + step, position + speed
    return ticks


# -- the clock -------------------------------------------------------------------------


def test_steady_reading_is_counted_and_handed_over_every_half_minute() -> None:
    clock = ActivityClock()
    samples = _run(clock, _reading(1000, 1090, 5, 0, 40))  # 90 s, 40 characters per tick
    assert samples == [Sample(30, 240), Sample(30, 240), Sample(30, 240)]
    assert FLUSH_SECONDS == 30


def test_idle_minutes_are_not_counted() -> None:
    clock = ActivityClock()
    timeline = _reading(0, 60, 10, 0, 100)  # reads for a minute, last move at t=60
    timeline += [(t, True, 600) for t in range(70, 600, 10)]  # then sits still for 9 minutes
    timeline += [(600, True, 700), (610, True, 800)]  # and reads on
    samples = _run(clock, timeline)
    # 60 s reading, then IDLE_SECONDS more (it may be a long page), then 10 s after the move
    assert sum(s.seconds for s in samples) == 60 + IDLE_SECONDS + 10
    assert sum(s.chars_read for s in samples) == 800


def test_time_counts_up_to_the_idle_limit_even_between_sparse_ticks() -> None:
    """A GUI that ticks only on moves: a 5-minute gap adds two minutes."""
    samples = _run(ActivityClock(), [(0, True, 0), (300, True, 50), (310, True, 90)])
    assert sum(s.seconds for s in samples) == IDLE_SECONDS + 10
    assert sum(s.chars_read for s in samples) == 90


def test_an_inactive_window_is_not_counted_and_activation_restarts_the_clock() -> None:
    timeline = [(0, True, 0), (20, True, 100)]  # 20 s reading
    timeline += [(21, False, 100), (500, False, 100)]  # another window for 8 minutes
    timeline += [(500, True, 100), (550, True, 100)]  # back, reading the same page: 50 s
    samples = _run(ActivityClock(), timeline)
    # the second until the deactivation was seen counts; the 8 minutes do not
    assert sum(s.seconds for s in samples) == 20 + 1 + 50


def test_reading_back_again_adds_no_characters() -> None:
    timeline = [(0, True, 0), (5, True, 300), (10, True, 100), (15, True, 250), (20, True, 400)]
    samples = _run(ActivityClock(), timeline)
    assert sum(s.chars_read for s in samples) == 400  # the furthest point, once


def test_a_jump_is_not_reading() -> None:
    clock = ActivityClock(max_step_chars=1000)
    timeline = [(0, True, 0), (5, True, 200), (10, True, 50_000), (15, True, 50_300)]
    assert sum(s.chars_read for s in _run(clock, timeline)) == 500
    clock = ActivityClock()
    clock.tick(0, True, 0)
    clock.tick(5, True, 200)
    clock.jump(3000)  # the outline took the reader there (under the step limit)
    clock.tick(6, True, 3000)
    clock.tick(10, True, 3100)
    assert clock.flush() == Sample(10, 300)


def test_fractions_of_seconds_carry_over_and_flush_rounds_the_rest() -> None:
    clock = ActivityClock()
    ticks = [(0.0, True, 0), (10.4, True, 1), (20.8, True, 2), (31.2, True, 3)]
    assert [clock.tick(*t) for t in ticks] == [None, None, None, Sample(31, 3)]
    assert clock.tick(40.0, True, 4) is None
    assert clock.flush() == Sample(9, 1)  # 0.2 carried + 8.8
    assert clock.flush() is None


def test_nothing_to_record_gives_no_sample() -> None:
    clock = ActivityClock()
    assert _run(clock, [(t, False, 0) for t in range(0, 100, 10)]) == []


def test_time_running_backwards_starts_again() -> None:
    clock = ActivityClock()
    clock.tick(1000, True, 0)
    clock.tick(1010, True, 50)
    clock.tick(5, True, 60)  # the clock was reset: a new start, nothing lost so far
    clock.tick(15, True, 80)
    assert clock.flush() == Sample(20, 70)


# -- recording -------------------------------------------------------------------------


def test_record_adds_to_the_days_row(library: Library, add_doc) -> None:
    doc = add_doc()
    assert library.stats.record(doc, 30, 200, TODAY) == Changes(stats=True)
    library.stats.record(doc, 45, 100, TODAY)
    library.stats.record(doc, 10, 0, TODAY - timedelta(days=1))
    rows = library.db.execute(
        "SELECT day, seconds, chars_read FROM reading_time ORDER BY day"
    ).fetchall()
    assert rows == [("2024-03-09", 10, 0), ("2024-03-10", 75, 300)]


def test_record_defaults_to_today(library: Library, add_doc) -> None:
    doc = add_doc()
    library.stats.record(doc, 5, 1)
    assert library.stats.per_day(1)[0].seconds == 5


def test_record_checks_its_arguments(library: Library, add_doc) -> None:
    doc = add_doc()
    with pytest.raises(NotFoundError):
        library.stats.record(999, 30, 0)
    for seconds, chars in ((-1, 0), (0, -5), (True, 0), (1.5, 0), (10**9, 0)):
        with pytest.raises(UsageError):
            library.stats.record(doc, seconds, chars)  # type: ignore[arg-type]
    assert library.stats.record(doc, 0, 0) == Changes()  # nothing to add, nothing written
    assert library.db.execute("SELECT count(*) FROM reading_time").fetchone()[0] == 0


def test_record_joins_the_callers_transaction(library: Library, add_doc) -> None:
    doc = add_doc()
    with pytest.raises(RuntimeError), transaction(library.db):
        library.stats.record(doc, 30, 10)
        raise RuntimeError("later failure")
    assert library.stats.totals()["seconds"] == 0


# -- per day ---------------------------------------------------------------------------


def _local_noon_utc(day: date, hour: int = 12, minute: int = 0) -> str:
    """The UTC stamp (as the library writes it) of a local time on ``day``."""
    local = datetime(day.year, day.month, day.day, hour, minute).astimezone()
    return local.astimezone(UTC).isoformat(timespec="seconds")


def _annotate(library: Library, doc: int, stamp: str, *, trashed: bool = False) -> None:
    ann, _ = library.annotations.create_from_quote(doc, "京津冀")
    library.db.execute("UPDATE annotations SET created_at = ? WHERE id = ?", [stamp, ann.id])
    if trashed:
        library.annotations.delete(ann.id)


def test_per_day_has_every_day_of_the_window_oldest_first(library: Library, add_doc) -> None:
    doc = add_doc()
    library.stats.record(doc, 600, 1500, TODAY)
    library.stats.record(doc, 120, 300, TODAY - timedelta(days=3))
    library.stats.record(doc, 999, 999, TODAY - timedelta(days=7))  # outside the window
    library.stats.record(doc, 999, 999, TODAY + timedelta(days=1))  # after "today"
    days = library.stats.per_day(7, today=TODAY)
    assert [d.day for d in days] == [f"2024-03-{n:02d}" for n in range(4, 11)]
    assert days[-1] == DayTotal("2024-03-10", 600, 1500, 0)
    assert days[3] == DayTotal("2024-03-07", 120, 300, 0)
    assert [d.seconds for d in days] == [0, 0, 0, 120, 0, 0, 600]
    assert days[0].as_json() == {"day": "2024-03-04", "seconds": 0, "chars_read": 0,
                                 "annotations": 0}  # fmt: skip


def test_per_day_counts_the_annotations_made_each_day(library: Library, add_doc) -> None:
    doc = add_doc()
    _annotate(library, doc, _local_noon_utc(TODAY))
    _annotate(library, doc, _local_noon_utc(TODAY, 0, 5))  # just after local midnight
    _annotate(library, doc, _local_noon_utc(TODAY - timedelta(days=1), 23, 55))
    _annotate(library, doc, _local_noon_utc(TODAY - timedelta(days=1)), trashed=True)
    _annotate(library, doc, _local_noon_utc(TODAY - timedelta(days=30)))
    days = library.stats.per_day(3, today=TODAY)
    assert [(d.day, d.annotations) for d in days] == [
        ("2024-03-08", 0),
        ("2024-03-09", 1),  # the one in the trash is not counted
        ("2024-03-10", 2),
    ]


@pytest.fixture(params=["XST-8", "YST+5"])  # POSIX zones (no tz database needed): UTC+8, UTC-5
def local_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_days_are_local_days(library: Library, add_doc, local_zone: str) -> None:
    """At 07:30 in Beijing it is still yesterday in UTC; in New York 20:00 is tomorrow."""
    doc = add_doc()
    early = "2024-03-09T23:30:00+00:00" if local_zone == "XST-8" else "2024-03-10T01:00:00+00:00"
    _annotate(library, doc, early)
    expected = "2024-03-10" if local_zone == "XST-8" else "2024-03-09"
    assert local_day(early) == date.fromisoformat(expected)
    counted = {d.day: d.annotations for d in library.stats.per_day(3, today=TODAY)}
    assert counted[expected] == 1
    assert sum(counted.values()) == 1


def test_local_day_of_odd_stamps() -> None:
    assert local_day("not a date") is None
    assert (
        local_day("2024-03-10T12:00:00Z")
        == datetime(2024, 3, 10, 12, tzinfo=UTC).astimezone().date()
    )
    assert local_day("2024-03-10T12:00:00") == local_day("2024-03-10T12:00:00+00:00")


def test_per_day_checks_the_window() -> None:
    from reader.core.study.stats import ReadingStats

    stats = ReadingStats(None)  # type: ignore[arg-type]  # refused before any query
    for days in (0, -1, 10**6):
        with pytest.raises(UsageError, match="number of days"):
            stats.per_day(days)


# -- per document and totals -----------------------------------------------------------


def test_per_document_most_time_first(library: Library, add_doc) -> None:
    a = add_doc()
    b = add_doc("# 第二篇\n\n京津冀协同发展。\n", "b.md")
    c = add_doc("# 第三篇\n\n京津冀。\n", "c.md")
    add_doc("# 未读\n\n没有读过。\n", "d.md")  # neither read nor annotated: not listed
    library.stats.record(a, 60, 500, TODAY - timedelta(days=2))
    library.stats.record(b, 300, 800, TODAY - timedelta(days=5))
    library.stats.record(b, 30, 100, TODAY - timedelta(days=1))
    _annotate(library, c, _local_noon_utc(TODAY))
    _annotate(library, a, _local_noon_utc(TODAY))
    _annotate(library, a, _local_noon_utc(TODAY), trashed=True)
    assert library.stats.per_document() == [
        DocTotal(b, "第二篇", 330, 900, 0, "2024-03-09"),
        DocTotal(a, "区域发展报告", 60, 500, 1, "2024-03-08"),
        DocTotal(c, "第三篇", 0, 0, 1, None),
    ]
    assert library.stats.totals() == {
        "seconds": 390,
        "chars_read": 1400,
        "annotations": 2,
        "words": 0,
        "documents_read": 2,
        "days_read": 3,
    }


def test_deleting_a_document_takes_its_reading_time_along(library: Library, add_doc) -> None:
    a = add_doc()
    b = add_doc("# 第二篇\n\n京津冀协同发展。\n", "b.md")
    library.stats.record(a, 60, 500, TODAY)
    library.stats.record(b, 40, 100, TODAY)
    _annotate(library, a, _local_noon_utc(TODAY))
    library.words.keep("京津冀", doc_id=a)
    with transaction(library.db):
        library.documents.delete(a)
    assert [d.doc_id for d in library.stats.per_document()] == [b]
    assert library.stats.per_day(1, today=TODAY) == [DayTotal("2024-03-10", 40, 100, 0)]
    assert library.stats.totals()["words"] == 1  # the word list keeps its words


def test_a_clock_feeds_the_statistics(library: Library, add_doc) -> None:
    """End to end: a synthetic session with a coffee break, recorded as the GUI would."""
    doc = add_doc()
    clock = ActivityClock()
    timeline = _reading(0, 120, 5, 0, 25)  # two minutes of reading
    timeline += [(t, False, 600) for t in range(125, 900, 25)]  # window in the background
    timeline += _reading(900, 960, 5, 600, 25)  # one more minute
    for sample in _run(clock, timeline):
        library.stats.record(doc, sample.seconds, sample.chars_read, TODAY)
    [day] = library.stats.per_day(1, today=TODAY)
    assert day.seconds == 120 + 5 + 60  # until the deactivation was seen, then the last minute
    assert day.chars_read == 600 + 300
