"""Which annotations an export holds: a set of filters that combine (all must hold).

The same scope serves the CLI (``pizhu export``), the export dialog and the notes sync,
so "tag 城市 in the 2020s collection, blue, this week" means one thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reader.core.annotate.annotations import Annotation
from reader.errors import UsageError


@dataclass(frozen=True)
class ExportScope:
    """Documents, a selection of annotation ids, a tag (with the tags below it), a colour,
    a date range of creation (local dates, inclusive), a collection (with its
    sub-collections), or ``all``: the whole library. Given filters combine."""

    doc_ids: tuple[int, ...] = ()
    tag: str | None = None
    all: bool = False
    annotation_ids: tuple[int, ...] = ()
    color: str | None = None
    since: date | None = None
    until: date | None = None
    collection_id: int | None = None

    def check(self) -> None:
        if not (self.doc_ids or self.tag or self.all or self.narrows):
            raise UsageError(
                "say what to export: DOC..., --tag T, --collection C, --annotation ID or --all"
            )
        if self.all and self.doc_ids:
            raise UsageError("--all exports every document; do not also name documents")
        if self.since and self.until and self.since > self.until:
            raise UsageError(f"the date range ends ({self.until}) before it starts ({self.since})")

    @property
    def narrows(self) -> bool:
        """True when a filter beyond documents and tag is given (selection, colour, …)."""
        return bool(
            self.annotation_ids
            or self.color
            or self.since
            or self.until
            or self.collection_id is not None
        )

    def keeps(self, ann: Annotation) -> bool:
        """Whether ``ann`` passes the filters the annotation query cannot express."""
        if self.annotation_ids and ann.id not in self.annotation_ids:
            return False
        if self.since or self.until:
            day = local_date(ann.created)
            if self.since and day < self.since:
                return False
            if self.until and day > self.until:
                return False
        return True


def local_date(stamp: str) -> date:
    """The local calendar day of an ISO timestamp (stored in UTC): "this week" is the
    user's week."""
    moment = datetime.fromisoformat(stamp)
    return (moment.astimezone() if moment.tzinfo else moment).date()


def parse_date(text: str) -> date:
    """``2024-03-05`` as a date; a usage error names the value otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"not a date (YYYY-MM-DD): {text[:40]!r}") from None
