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

import os
import struct
import zlib
from array import array
from pathlib import Path

MAGIC = b"pizhu-original-1\n"
BLOCK_CHARS = 1024
_COUNT = struct.Struct("<I")
_TABLE = len(MAGIC) + _COUNT.size  # where the offsets begin
_HAS_PREAD = hasattr(os, "pread")


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


def read_window(path: Path, start: int, end: int) -> str | None:
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


def read_blocks(path: Path, first: int, last: int) -> list[str] | None:
    """Blocks ``first`` to ``last`` (fewer if the text ends before) of the text in
    ``path``, each checked against its CRC; None when they cannot be read or are damaged.

    A page of hits cuts 30 snippets, so this is three positioned reads on a raw
    descriptor (a buffered file object and its seeks cost several times more).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        size = os.fstat(fd).st_size
        head = pread(fd, _TABLE, 0)
        if len(head) != _TABLE or head[: len(MAGIC)] != MAGIC:
            return None
        count = _COUNT.unpack_from(head, len(MAGIC))[0]
        last = min(last, count - 1)
        if first > last:
            return None
        body = _TABLE + 8 * (count + 1) + 4 * count
        if body > size:
            return None
        offsets = _unpack("Q", pread(fd, 8 * (last - first + 2), _TABLE + 8 * first))
        crcs = _unpack("I", pread(fd, 4 * (last - first + 1),
                                    _TABLE + 8 * (count + 1) + 4 * first))
        if offsets is None or crcs is None or len(offsets) != last - first + 2 \
                or len(crcs) != last - first + 1 or offsets[-1] < offsets[0] \
                or body + offsets[-1] > size:  # a damaged table: no huge or negative read
            return None
        data = pread(fd, offsets[-1] - offsets[0], body + offsets[0])
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) != offsets[-1] - offsets[0]:
        return None
    blocks = []
    for n, crc in enumerate(crcs):
        block = data[offsets[n] - offsets[0] : offsets[n + 1] - offsets[0]]
        if zlib.crc32(block) != crc:
            return None
        try:
            blocks.append(block.decode("utf-8", "surrogatepass"))
        except UnicodeDecodeError:
            return None
    return blocks


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
