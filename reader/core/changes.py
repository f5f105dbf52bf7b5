"""What a service call changed, so views refresh only what they show (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    documents: set[int] = field(default_factory=set)
    collections: bool = False
    annotations: set[int] = field(default_factory=set)  # document ids whose annotations changed
    tags: bool = False
    progress: set[int] = field(default_factory=set)
    colors: bool = False  # palette labels changed: repaint legends and exports
    words: bool = False  # the word list changed (kept, deleted, restored words)
    stats: bool = False  # reading time was recorded: redraw the statistics
    bookmarks: bool = False  # a bookmark was added, renamed or deleted

    def merge(self, other: Changes) -> Changes:
        self.documents |= other.documents
        self.collections |= other.collections
        self.annotations |= other.annotations
        self.tags |= other.tags
        self.progress |= other.progress
        self.colors |= other.colors
        self.words |= other.words
        self.stats |= other.stats
        self.bookmarks |= other.bookmarks
        return self

    def __bool__(self) -> bool:
        return bool(
            self.documents
            or self.collections
            or self.annotations
            or self.tags
            or self.progress
            or self.colors
            or self.words
            or self.stats
            or self.bookmarks
        )
