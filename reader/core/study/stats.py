"""Reading statistics: time spent reading and characters read, per document and day.

Time counts only while the reader is actually reading: the window is active and the
reader moved (scrolled, paged, moved the cursor) within the last
:data:`IDLE_SECONDS`. The GUI feeds an :class:`ActivityClock` from a timer and from
every move, and records each :class:`Sample` it returns with
:meth:`ReadingStats.record`, which adds it to the document's row for that local
day. Annotations made per day come from the annotations themselves, so they need no
bookkeeping of their own::

    clock = ActivityClock()
    sample = clock.tick(time.monotonic(), window.isActiveWindow(), reader.first_visible)
    if sample:
        changes = stats.record(doc_id, sample.seconds, sample.chars_read)
    stats.per_day(28)          # every day of the last four weeks, oldest first
    stats.per_document()       # most time first
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta

from sqlite_utils import Database

from reader.core.changes import Changes
from reader.core.storage.db import transaction
from reader.errors import NotFoundError, UsageError

IDLE_SECONDS = 120.0
"""After this long without a move the reader is taken to be away: time stops counting."""
FLUSH_SECONDS = 30.0
"""How often the clock hands over a sample: little is lost if the app is killed, and
the library is written twice a minute at most."""
MAX_STEP_CHARS = 5_000
"""A forward move longer than this (a few screens) is a jump, not reading: not counted."""
SECONDS_PER_DAY = 24 * 60 * 60
MAX_DAYS = 3_660  # ten years of bars is already more than a chart shows


@dataclass(frozen=True)
class Sample:
    """Reading to add to the current document: whole seconds and characters."""

    seconds: int
    chars_read: int


class ActivityClock:
    """Counts active reading time and forward progress for one open document.

    Call :meth:`tick` from a timer (every few seconds) and on every move, with a
    monotonic time; call it too when the window is activated or deactivated. The
    state a tick reports holds until the next one: an interval counts when the
    window was active at its start, and only up to :data:`IDLE_SECONDS` after the
    last move (or the window becoming active): a reader who walked away for ten
    minutes adds two.
    Characters read are how far the position passed its furthest point so far, so
    going back and reading again adds nothing, and a jump further than
    ``max_step_chars`` only moves the furthest point. Fractions of seconds carry over
    to the next sample.
    """

    def __init__(
        self,
        *,
        idle_seconds: float = IDLE_SECONDS,
        flush_seconds: float = FLUSH_SECONDS,
        max_step_chars: int = MAX_STEP_CHARS,
    ) -> None:
        self.idle_seconds = idle_seconds
        self.flush_seconds = flush_seconds
        self.max_step_chars = max_step_chars
        self._last_tick: float | None = None
        self._was_active = False
        self._last_activity = 0.0
        self._last_flush = 0.0
        self._position = 0
        self._furthest = 0
        self._seconds = 0.0
        self._chars = 0

    def tick(self, now: float, active: bool, position: int) -> Sample | None:
        """Note the state at ``now``; every ``flush_seconds`` returns what to record."""
        if self._last_tick is None or now < self._last_tick:  # the first tick, or time ran back
            self._start(now, active, position)
            return None
        if self._was_active:  # the state last reported held until now
            self._seconds += self._counted(self._last_tick, now)
        if position != self._position or (active and not self._was_active):
            self._last_activity = now
        self._advance(position)
        self._last_tick, self._was_active = now, active
        if now - self._last_flush >= self.flush_seconds:
            self._last_flush = now
            return self._take(final=False)
        return None

    def jump(self, position: int) -> None:
        """The reader was taken to ``position`` (outline, search hit, link): start
        counting characters from there, without counting the jump (the next tick
        still sees a move, so it counts as activity)."""
        self._furthest = position

    def flush(self) -> Sample | None:
        """What is still pending (rounded), e.g. when the document closes or the app quits."""
        return self._take(final=True)

    def _start(self, now: float, active: bool, position: int) -> None:
        self._last_tick, self._was_active = now, active
        self._last_activity = self._last_flush = now
        self._position = self._furthest = position

    def _counted(self, since: float, now: float) -> float:
        """The part of ``(since, now]`` before the reader went idle."""
        return max(0.0, min(now, self._last_activity + self.idle_seconds) - since)

    def _advance(self, position: int) -> None:
        step = position - self._furthest
        if 0 < step <= self.max_step_chars:
            self._chars += step
        self._position = position
        self._furthest = max(self._furthest, position)

    def _take(self, *, final: bool) -> Sample | None:
        seconds = round(self._seconds) if final else int(self._seconds + 1e-6)
        self._seconds = 0.0 if final else max(0.0, self._seconds - seconds)
        chars, self._chars = self._chars, 0
        return Sample(seconds, chars) if seconds or chars else None


@dataclass(frozen=True)
class DayTotal:
    day: str  # local date, YYYY-MM-DD
    seconds: int
    chars_read: int
    annotations: int  # annotations made that day (still in the library, not in the trash)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class DocTotal:
    doc_id: int
    title: str
    seconds: int
    chars_read: int
    annotations: int  # live annotations of the document
    last_read: str | None  # the last local day with reading time; None: only annotated

    def as_json(self) -> dict[str, object]:
        return asdict(self)


class ReadingStats:
    """``record`` reading time; ``per_day``, ``per_document`` and ``totals`` for views."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record(
        self, doc_id: int, seconds: int, chars_read: int, day: date | None = None
    ) -> Changes:
        """Add ``seconds`` and ``chars_read`` to ``doc_id``'s row for ``day`` (today)."""
        _check_amount(seconds, "seconds", SECONDS_PER_DAY)
        _check_amount(chars_read, "characters read", 2**62)
        stamp = (day or date.today()).isoformat()
        with transaction(self.db):
            if self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is None:
                raise NotFoundError(f"no document with id {doc_id}")
            if not seconds and not chars_read:
                return Changes()
            self.db.execute(
                "INSERT INTO reading_time (doc_id, day, seconds, chars_read) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(doc_id, day) DO UPDATE SET seconds = seconds + excluded.seconds,"
                " chars_read = chars_read + excluded.chars_read",
                [doc_id, stamp, seconds, chars_read],
            )
        return Changes(stats=True)

    def per_day(self, days: int = 28, today: date | None = None) -> list[DayTotal]:
        """Every day of the ``days`` up to ``today``, oldest first, days without reading
        included (a chart needs its gaps)."""
        if not 1 <= days <= MAX_DAYS:
            raise UsageError(f"the number of days must be from 1 to {MAX_DAYS}, not {days}")
        last = today or date.today()
        first = last - timedelta(days=days - 1)
        reading = {
            day: (int(seconds), int(chars))
            for day, seconds, chars in self.db.execute(
                "SELECT day, sum(seconds), sum(chars_read) FROM reading_time"
                " WHERE day BETWEEN ? AND ? GROUP BY day",
                [first.isoformat(), last.isoformat()],
            ).fetchall()
        }
        made = self._annotations_per_day(first, last)
        result = []
        for n in range(days):
            day = (first + timedelta(days=n)).isoformat()
            seconds, chars = reading.get(day, (0, 0))
            result.append(DayTotal(day, seconds, chars, made.get(day, 0)))
        return result

    def per_document(self) -> list[DocTotal]:
        """Documents read or annotated: most reading time first, then most annotations."""
        rows = self.db.execute(
            "SELECT d.id, d.title, ifnull(r.seconds, 0), ifnull(r.chars, 0), ifnull(a.n, 0),"
            " r.last_day FROM documents d"
            " LEFT JOIN (SELECT doc_id, sum(seconds) AS seconds, sum(chars_read) AS chars,"
            "   max(day) AS last_day FROM reading_time GROUP BY doc_id) r ON r.doc_id = d.id"
            " LEFT JOIN (SELECT doc_id, count(*) AS n FROM annotations"
            "   WHERE deleted_at IS NULL GROUP BY doc_id) a ON a.doc_id = d.id"
            " WHERE r.doc_id IS NOT NULL OR a.doc_id IS NOT NULL"
            " ORDER BY 3 DESC, 5 DESC, 4 DESC, d.id"
        ).fetchall()
        return [DocTotal(*row) for row in rows]

    def totals(self) -> dict[str, int]:
        """All-time sums: what a summary line above the charts shows."""
        seconds, chars, documents, days = self.db.execute(
            "SELECT ifnull(sum(seconds), 0), ifnull(sum(chars_read), 0),"
            " count(DISTINCT doc_id), count(DISTINCT day) FROM reading_time"
        ).fetchone()
        annotations = self.db.execute(
            "SELECT count(*) FROM annotations WHERE deleted_at IS NULL"
        ).fetchone()[0]
        words = self.db.execute("SELECT count(*) FROM words").fetchone()[0]
        return {
            "seconds": int(seconds),
            "chars_read": int(chars),
            "annotations": int(annotations),
            "words": int(words),
            "documents_read": int(documents),
            "days_read": int(days),
        }

    def _annotations_per_day(self, first: date, last: date) -> dict[str, int]:
        """Live annotations by the local day they were made.

        Stamps are UTC, and a local day can begin up to 14 hours either side of UTC
        midnight: rows a day either side of the window are read, then bucketed by
        their local date.
        """
        counts: dict[str, int] = {}
        for (stamp,) in self.db.execute(
            "SELECT created_at FROM annotations WHERE deleted_at IS NULL"
            " AND created_at >= ? AND created_at < ?",
            [(first - timedelta(days=1)).isoformat(), (last + timedelta(days=2)).isoformat()],
        ).fetchall():
            day = local_day(stamp)
            if day is not None and first <= day <= last:
                counts[day.isoformat()] = counts.get(day.isoformat(), 0) + 1
        return counts


def local_day(stamp: str) -> date | None:
    """The local calendar day of an ISO 8601 stamp (naive ones are UTC, as we write them);
    ``None`` for one that cannot be read."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


def _check_amount(value: int, what: str, maximum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise UsageError(f"{what} must be a whole number from 0 to {maximum}, not {value!r}")
