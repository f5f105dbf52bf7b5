"""Studying what one reads: the word list and reading statistics (issue 15).

:class:`~reader.core.study.words.WordList` keeps words met while reading, with the
sentence they came from, and exports them for Anki;
:class:`~reader.core.study.stats.ReadingStats` adds up reading time and characters
read per document and day, fed by the GUI's :class:`~reader.core.study.stats.ActivityClock`.
Both are Qt-free and, like every store, write inside the caller's transaction.
"""

from __future__ import annotations

from reader.core.study.stats import (
    ActivityClock,
    DayTotal,
    DocTotal,
    ReadingStats,
    Sample,
)
from reader.core.study.words import NEW_WORD_TAG, WordEntry, WordList, keep_word, sentence_around

__all__ = [
    "NEW_WORD_TAG",
    "ActivityClock",
    "DayTotal",
    "DocTotal",
    "ReadingStats",
    "Sample",
    "WordEntry",
    "WordList",
    "keep_word",
    "sentence_around",
]
