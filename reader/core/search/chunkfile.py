"""Each segment's chunk table in a file of its own, beside Whoosh's segment files.

Opening a searcher needs every chunk's place (document, offsets, bytes, digest),
which the index keeps as stored fields: Whoosh unpickles one dictionary per entry,
about 40 microseconds each, so 0.15 s of the first query at 100 MB of library and
ten times that at 1 GB. The bulk writer also writes the same rows as one packed
file per segment, ``<segment id>.pzchunks``, which reads in one call.

The file is named like a segment file, so Whoosh deletes it with its segment and
the manifest records (and checks) it like the others. It holds a CRC-32 of itself
and the segment's entry count; anything unexpected (missing, damaged, a segment
Whoosh wrote by merging) answers None, and the caller reads the stored fields.
"""

from __future__ import annotations

import contextlib
import struct
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.core.search.chunks import Chunk

EXTENSION = ".pzchunks"
MAGIC = b"pizhu-chunks-1\n"
_COUNT = struct.Struct("<I")
_ROW = struct.Struct("<IqIQQQQ24s")  # local docnum, doc id, seq, start, end, byte, size, digest
_CRC = struct.Struct("<I")

Row = tuple[int, Chunk]  # (docnum in the segment, chunk)


def chunk_file(folder: Path, segment_id: str) -> Path:
    return folder / f"{segment_id}{EXTENSION}"


def encode_rows(rows: Sequence[Row]) -> bytes | None:
    """The file's bytes; None if a digest does not fit (1 to 24 ASCII characters)."""
    if not all(0 < len(c.digest) <= 24 and c.digest.isascii() and "\0" not in c.digest
               for _, c in rows):
        return None
    body = b"".join([
        MAGIC, _COUNT.pack(len(rows)),
        *(_ROW.pack(docnum, c.doc_id, c.seq, c.start, c.end, c.byte, c.size,
                    c.digest.encode("ascii")) for docnum, c in rows),
    ])  # fmt: skip
    return body + _CRC.pack(zlib.crc32(body))


def write_rows(path: Path, rows: Sequence[Row]) -> bool:
    """Write the file; False, and no file, when the rows cannot be encoded or written
    (a full disk): the file only saves time, the stored fields hold the same rows."""
    data = encode_rows(rows)
    return data is not None and write_or_nothing(path, [data])


def write_or_nothing(path: Path, pieces: Iterable[bytes | memoryview]) -> bool:
    """Write ``pieces`` to ``path``; on an error (a full disk) remove what was written and
    say False: the files beside the segments only save time, so none beats a partial one."""
    try:
        with path.open("wb") as out:
            for piece in pieces:
                out.write(piece)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return False
    return True


def read_rows(path: Path, entries: int) -> list[Row] | None:
    """The rows of a segment of ``entries`` entries (deleted ones included); None when
    the file is missing or is not exactly what was written for such a segment."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + _COUNT.size
    if len(data) != head + entries * _ROW.size + _CRC.size or not data.startswith(MAGIC):
        return None
    if _COUNT.unpack_from(data, len(MAGIC))[0] != entries:
        return None
    if zlib.crc32(memoryview(data)[: -_CRC.size]) != _CRC.unpack_from(data, len(data) - 4)[0]:
        return None
    rows: list[Row] = []
    for docnum, doc_id, seq, start, end, byte, size, digest in _ROW.iter_unpack(
        memoryview(data)[head : -_CRC.size]
    ):
        try:
            text = digest.rstrip(b"\0").decode("ascii")
        except UnicodeDecodeError:
            return None
        rows.append((docnum, Chunk(doc_id, seq, start, end, byte, size, text)))
    if [docnum for docnum, _ in rows] != list(range(entries)):
        return None
    return rows
