"""Canonical texts beside the index, read a window at a time (for snippets).

A snippet is 72 characters of the original text around a match. SQLite's
``substr`` reads the whole text to cut them (a report is 50 KB to 1 MB), so a page
of 30 hits read megabytes. Beside each folded copy the indexer writes the
canonical text in blocks of :data:`BLOCK_CHARS` code points, with a table of the
blocks' UTF-8 offsets and CRC-32s, so a window costs one seek, a read of a few
kilobytes and a check of only those bytes.

File: ``pizhu-original-1\\n``, the block count (uint32), count + 1 body offsets
(uint64), count CRC-32s (uint32), then the body (UTF-8, surrogates passed),
all little-endian. Anything unexpected (missing file, damage) answers None and
the caller asks SQLite.
"""

from __future__ import annotations

import operator
import os
import struct
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path

from reader.core.search.lru import SizedLRU

MAGIC = b"pizhu-original-1\n"
BLOCK_CHARS = 1024
_COUNT = struct.Struct("<I")
_TABLE = len(MAGIC) + _COUNT.size  # where the offsets begin
_HAS_PREAD = hasattr(os, "pread")
TABLES_BUDGET_BYTES = 4_000_000
"""Block tables kept (12 bytes a block of 1,024 characters): every table of a 300 MB
library."""


def encode_original(text: str) -> bytes:
    blocks = [
        text[start : start + BLOCK_CHARS].encode("utf-8", "surrogatepass")
        for start in range(0, len(text), BLOCK_CHARS)
    ]
    offsets = array("Q", [0])
    for block in blocks:
        offsets.append(offsets[-1] + len(block))
    crcs = array("I", [zlib.crc32(block) for block in blocks])
    if array("I").itemsize != 4 or array("Q").itemsize != 8:  # pragma: no cover
        raise RuntimeError("unexpected C type sizes")
    return b"".join([MAGIC, _COUNT.pack(len(blocks)), _little(offsets), _little(crcs), *blocks])


def read_window(path: Path | str, start: int, end: int) -> str | None:
    """Code points ``[start, end)`` of the text in ``path``; None when it cannot be read
    or is not what was written (a damaged block fails its CRC)."""
    if end <= start:
        return ""
    first = start // BLOCK_CHARS
    blocks = read_blocks(path, first, (end - 1) // BLOCK_CHARS)
    if blocks is None:
        return None
    base = first * BLOCK_CHARS
    return "".join(blocks)[start - base : end - base]


@dataclass(frozen=True, slots=True)
class BlockTable:
    """Where each block of one file's body starts (UTF-8 bytes, one more than there are
    blocks) and each block's CRC-32."""

    body: int  # the body's offset in the file
    offsets: array[int]
    crcs: array[int]


class BlockTables:
    """Files' block tables, kept by path, within a byte budget.

    A snippet read the header and the table before its blocks: three reads and a
    ``fstat`` besides the one that matters, for each of a page's 30 snippets. A file
    is named after the version of the text it holds and never rewritten otherwise, so
    a kept table stays right; a block that is damaged later still fails its CRC.
    """

    def __init__(self, budget: int = TABLES_BUDGET_BYTES) -> None:
        self._items: SizedLRU[str, BlockTable] = SizedLRU(budget)

    def get(self, path: str) -> BlockTable | None:
        return self._items.get(path)

    def put(self, path: str, table: BlockTable) -> None:
        self._items.put(path, table, 12 * len(table.crcs) + 100)

    def clear(self) -> None:
        self._items.clear()


def read_blocks(
    path: Path | str, first: int, last: int, tables: BlockTables | None = None
) -> list[str] | None:
    """Blocks ``first`` to ``last`` (fewer if the text ends before) of the text in
    ``path``, each checked against its CRC; None when they cannot be read or are damaged.

    Positioned reads on a raw descriptor (a buffered file object and its seeks cost
    several times more); with ``tables`` a file's table is read once.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        table = tables.get(name) if tables is not None else None
        if table is None:
            table = _read_table(fd)
            if table is None:
                return None
            if tables is not None:
                tables.put(name, table)
        offsets, crcs = table.offsets, table.crcs
        last = min(last, len(crcs) - 1)
        if first > last:
            return None
        lo, hi = offsets[first], offsets[last + 1]
        data = pread(fd, hi - lo, table.body + lo)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) != hi - lo:  # cut short since its table was read
        return None
    blocks = []
    for n in range(first, last + 1):
        block = data[offsets[n] - lo : offsets[n + 1] - lo]
        if zlib.crc32(block) != crcs[n]:
            return None
        try:
            blocks.append(block.decode("utf-8", "surrogatepass"))
        except UnicodeDecodeError:
            return None
    return blocks


def _read_table(fd: int) -> BlockTable | None:
    """The file's block table, or None when it is not a sound one (no huge or negative
    read comes of a damaged table)."""
    size = os.fstat(fd).st_size
    head = pread(fd, _TABLE, 0)
    if len(head) != _TABLE or head[: len(MAGIC)] != MAGIC:
        return None
    count = _COUNT.unpack_from(head, len(MAGIC))[0]
    body = _TABLE + 8 * (count + 1) + 4 * count
    if body > size:
        return None
    raw = pread(fd, body - _TABLE, _TABLE)
    offsets = _unpack("Q", raw[: 8 * (count + 1)])
    crcs = _unpack("I", raw[8 * (count + 1) :])
    if offsets is None or crcs is None or len(offsets) != count + 1 or len(crcs) != count \
            or offsets[0] != 0 or body + offsets[-1] > size \
            or any(map(operator.gt, offsets, offsets[1:])):
        return None
    return BlockTable(body, offsets, crcs)


def _little(values: array) -> bytes:
    if struct.pack("=H", 1) != struct.pack("<H", 1):  # pragma: no cover (big-endian)
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def pread(fd: int, count: int, offset: int) -> bytes:
    """``os.pread`` where there is one (not on Windows: a seek and a read there)."""
    if _HAS_PREAD:
        return os.pread(fd, count, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, count)


def _unpack(typecode: str, data: bytes) -> array | None:
    """Little-endian values of ``typecode`` in ``data``; None if it is cut short."""
    values = array(typecode)
    if len(data) % values.itemsize:
        return None
    values.frombytes(data)
    if struct.pack("=H", 1) != struct.pack("<H", 1):  # pragma: no cover (big-endian)
        values.byteswap()
    return values
