"""A browser's back and forward, for places in the library (document id + offset).

Kept free of Qt so its rules are tested directly: a jump records where the reader
*was* (:meth:`History.leaving`); going back records where it is, so forward can
return. A new jump after going back drops the forward places, as browsers do.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PLACES = 100
NEAR = 40
"""Two places of one document this close (in characters) are the same place: a jump
to the annotation one is already reading records nothing."""


@dataclass(frozen=True)
class Place:
    doc_id: int
    offset: int

    def near(self, other: Place | None) -> bool:
        return (
            other is not None
            and other.doc_id == self.doc_id
            and abs(other.offset - self.offset) <= NEAR
        )


class History:
    def __init__(self, limit: int = MAX_PLACES) -> None:
        self.limit = limit
        self.back: list[Place] = []
        self.forward: list[Place] = []

    def leaving(self, here: Place | None) -> bool:
        """A jump is about to leave ``here``; True if it was recorded."""
        if here is None or (self.back and here.near(self.back[-1])):
            return False
        self.back.append(here)
        del self.back[: -self.limit]
        self.forward.clear()
        return True

    def go_back(self, here: Place | None) -> Place | None:
        """The place to return to (None: nothing to go back to); ``here`` becomes forward."""
        return self._step(self.back, self.forward, here)

    def go_forward(self, here: Place | None) -> Place | None:
        return self._step(self.forward, self.back, here)

    def forget_document(self, doc_id: int) -> None:
        """A deleted document's places go (going back must never open nothing)."""
        self.back = [p for p in self.back if p.doc_id != doc_id]
        self.forward = [p for p in self.forward if p.doc_id != doc_id]

    @staticmethod
    def _step(source: list[Place], target: list[Place], here: Place | None) -> Place | None:
        while source and here is not None and source[-1].near(here):
            source.pop()  # already there: one press should move
        if not source:
            return None
        if here is not None:
            target.append(here)
        return source.pop()
