"""A Whoosh segment writer without Whoosh's posting pool.

Whoosh's ``SegmentWriter`` sends every posting through a pure-Python pool: a
tuple per posting, a sort of all of them (spilled to pickled runs on disk past
``limitmb``), then ``add_postings`` one posting at a time. For the ``grams``
field that is every distinct character and pair of every 16 K chunk, about
190,000 postings per megabyte of (CJK) text, and it was most of a build.

:class:`BulkWriter` keeps the segment's postings as what they are, one list of
document numbers per term, filled straight from each chunk's gram set, and
writes each list at once when the segment is flushed: terms in sorted order,
each posting list cut into Whoosh's blocks in a few C-level operations (the
codec's ``BulkPostingsWriter``, in :mod:`reader.core.search.analysis`). The
files are Whoosh's own format (W3 codec: the same blocks, term infos and
per-document columns), so the searcher reads them through Whoosh's reader APIs
unchanged, and Whoosh's merges and deletions work on them as on any segment.
Memory is one list entry per posting of the segment (bounded by the indexer's
batch size), never a disk spill.
"""

from __future__ import annotations

import struct
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from hashlib import md5
from pathlib import Path
from typing import Any

from whoosh.filedb.filetables import md5_hash
from whoosh.system import pack_uint, pack_ushort, unpack_uint
from whoosh.writing import SegmentWriter

from reader.core.search.analysis import BulkPostingsWriter, GramField, WordField
from reader.core.search.chunkfile import chunk_file, write_rows
from reader.core.search.chunks import Chunk
from reader.core.search.signatures import signature_file, write_signatures

Postings = tuple[list[int], list[float], list[bytes]]  # ids, weights, encoded values


class PostingTable:
    """The postings of one segment: term -> ascending document numbers, per field.

    Gram and word fields are keyed by the term as a str (encoding each distinct
    term once at write time is cheaper than encoding every posting); words keep
    their counts beside the ids. Other fields are keyed by the term's bytes, with
    weights and values as Whoosh's field gives them.
    """

    def __init__(self) -> None:
        self.grams: dict[str, defaultdict[str, list[int]]] = {}
        self.words: dict[str, dict[str, tuple[list[int], list[int]]]] = {}
        self.terms: dict[str, dict[bytes, Postings]] = {}

    def add_grams(self, fieldname: str, docnum: int, found: Iterable[str]) -> None:
        """Add ``docnum`` to the list of every gram in ``found`` (a set: no repeats).

        The loop body is two C calls (measured fastest of the pure-Python ways).
        """
        lists = self.grams.get(fieldname)
        if lists is None:
            lists = self.grams[fieldname] = defaultdict(list)
        get = lists.__getitem__
        append = list.append
        for gram in found:
            append(get(gram), docnum)

    def add_words(self, fieldname: str, docnum: int, counts: Mapping[str, int]) -> int:
        """Add one document's word counts; returns its length (the sum of counts)."""
        table = self.words.setdefault(fieldname, {})
        get = table.get
        for word, freq in counts.items():
            postings = get(word)
            if postings is None:
                table[word] = ([docnum], [freq])
            else:
                postings[0].append(docnum)
                postings[1].append(freq)
        return sum(counts.values())

    def add_items(
        self, fieldname: str, docnum: int, items: Iterable[tuple[bytes, int, float, bytes]]
    ) -> int:
        """Add Whoosh ``(term, freq, weight, value)`` items; returns the sum of freqs."""
        table = self.terms.setdefault(fieldname, {})
        length = 0
        for btext, freq, weight, vbytes in items:
            self.add(table, btext, docnum, weight, vbytes)
            length += freq
        return length

    @staticmethod
    def add(table: dict[bytes, Postings], btext: bytes, docnum: int, weight: float,
            vbytes: bytes) -> None:
        postings = table.get(btext)
        if postings is None:
            postings = table[btext] = ([], [], [])
        postings[0].append(docnum)
        postings[1].append(weight)
        if vbytes:  # as Whoosh's postings writer: empty values are not kept
            postings[2].append(vbytes)

    def fieldnames(self) -> list[str]:
        return sorted(set(self.grams) | set(self.words) | set(self.terms))

    def sorted_postings(
        self, fieldname: str
    ) -> Iterator[tuple[bytes, Sequence[int], Sequence[float] | None, Sequence[bytes]]]:
        """(term bytes, ids, weights or None for all 1.0, values) in term order.

        Code-point order of the str keys is the byte order of their UTF-8.
        """
        if fieldname in self.grams:
            gram_table = self.grams[fieldname]
            for gram in sorted(gram_table):
                yield gram.encode("utf-8"), gram_table[gram], None, ()
        elif fieldname in self.words:
            word_table = self.words[fieldname]
            for word in sorted(word_table):
                ids, freqs = word_table[word]
                # WordField's weight and value: the count, as a float and packed
                yield word.encode("utf-8"), ids, freqs, list(map(pack_uint, freqs))
        else:
            table = self.terms.get(fieldname, {})
            for btext in sorted(table):
                ids, weights, values = table[btext]
                yield btext, ids, weights, values

    def cleanup(self) -> None:
        """Whoosh's writer calls this on its pool when it closes."""
        self.grams.clear()
        self.words.clear()
        self.terms.clear()


class BulkWriter(SegmentWriter):
    """A ``SegmentWriter`` whose postings go to a :class:`PostingTable`, not Whoosh's pool.

    Everything else is Whoosh's: the per-document writer (stored fields, lengths),
    deletions, the merge policies (a merged segment's postings are added to the
    table), the compound segment file and the TOC. It needs ``FastCodec`` (whose
    postings writer takes whole lists); schemas with term vectors or spelling
    fields are not supported (ours has neither).
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool.cleanup()  # Whoosh's pool, created by the base class, is never used
        self.pool = PostingTable()
        self.extra_segments: list[Any] = []  # written by worker processes: listed at commit
        # The segment's chunk table, for its chunk file; None once an entry came from
        # elsewhere (a merged segment's) or had no chunk: then there is no file.
        self._chunk_rows: list[tuple[int, Chunk]] | None = []
        self._signatures: list[bytes | None] = []  # of the same entries (signatures.py)
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"BulkWriter cannot write field {name!r} (vectors/spelling)")

    @property
    def table(self) -> PostingTable:
        return self.pool

    def add_document(self, **fields: Any) -> None:
        """Whoosh's ``add_document`` for our field types, postings into the table."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        table = self.table
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if isinstance(field, GramField):
                    table.add_grams(fieldname, docnum, GramField.grams_of(value))
                elif isinstance(field, WordField):
                    length = table.add_words(fieldname, docnum, field.counts(value))
                elif field.indexed:
                    freq_sum = table.add_items(fieldname, docnum, field.index(value))
                    length = freq_sum if field.scorable else 0
                stored = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, stored if field.stored else None,
                                       length)
                if field.column_type and stored is not None:
                    perdocwriter.add_column_value(fieldname, field.column_type,
                                                  field.to_column_value(stored))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self._note_chunk(docnum, fields)
        self.docnum += 1

    def _note_chunk(self, docnum: int, fields: dict[str, Any]) -> None:
        rows = self._chunk_rows
        if rows is None:
            return
        chunk, doc_id = fields.get("chunk"), str(fields.get("doc_id"))
        if not isinstance(chunk, tuple) or len(chunk) != 6 or not doc_id.isdigit():
            self._chunk_rows = None
            return
        rows.append((docnum, Chunk(int(doc_id), *chunk)))
        found = fields.get("_signature")
        self._signatures.append(found if isinstance(found, bytes) else None)

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        """A merged segment's postings (Whoosh's merge policies call this)."""
        self._chunk_rows = None  # its entries' stored fields are copied by Whoosh
        table = self.table
        kinds = {name: type(field) for name, field in self.schema.items()}
        for fieldname, btext, docnum, weight, vbytes in self._process_posts(
            reader.iter_postings(), startdoc, docmap
        ):
            kind = kinds[fieldname]
            if kind is GramField:
                table.add_grams(fieldname, docnum, (btext.decode("utf-8"),))
            elif kind is WordField:
                table.add_words(fieldname, docnum, {btext.decode("utf-8"): unpack_uint(vbytes)[0]})
            else:
                table.add(table.terms.setdefault(fieldname, {}), btext, docnum, weight,
                          vbytes)

    def _finalize_segment(self) -> Any:
        """Whoosh's, then the segment's chunk and signature files (after the compound file
        is made, which would otherwise take them in)."""
        segment = super()._finalize_segment()
        if self._chunk_rows is not None and len(self._chunk_rows) == segment.doc_count_all():
            folder = Path(self.storage.folder)
            write_rows(chunk_file(folder, segment.segment_id()), self._chunk_rows)
            write_signatures(signature_file(folder, segment.segment_id()), self._signatures)
        return segment

    def _commit_toc(self, segments: list[Any]) -> None:
        super()._commit_toc(segments + self.extra_segments)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        table = self.table
        for fieldname in table.fieldnames():
            field = self.schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            postwriter = fieldwriter._postwriter
            assert isinstance(postwriter, BulkPostingsWriter)  # FastCodec's postings writer
            prefix = pack_ushort(fieldwriter._fieldid)
            inlined_terms: list[tuple[bytes, bytes]] = []  # what finish_term would add
            for btext, ids, weights, values in table.sorted_postings(fieldname):
                inlined = postwriter.inlined_info(ids, weights, values)
                if inlined is not None:
                    inlined_terms.append((prefix + btext, inlined))
                    continue
                add_terms(fieldwriter._tindex, inlined_terms)  # keys stay in order
                inlined_terms.clear()
                fieldwriter.start_term(btext)
                postwriter.add_all(ids, weights, values)
                fieldwriter.finish_term()
            add_terms(fieldwriter._tindex, inlined_terms)
            fieldwriter.finish_field()
        fieldwriter.close()
        table.cleanup()


_LENGTHS = struct.Struct("!ii")  # Whoosh's HashWriter: key and value lengths


def add_terms(tindex: Any, items: list[tuple[bytes, bytes]]) -> None:
    """``OrderedHashWriter.add`` of each sorted (key, value), in one write: the same bytes
    and bookkeeping without three small writes per term (an update adds ~80,000 terms)."""
    if not items:
        return
    if items[0][0] <= tindex.lastkey:
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{items[0][0]!r}")
    dbfile = tindex.dbfile
    position = dbfile.tell()
    buckets, lengths = tindex.buckets, _LENGTHS.pack
    if tindex.hashfn is md5_hash:  # Whoosh's (the digest's low 32 bits), minus its hex trip
        hashes = [int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")
                  for key, _ in items]
    else:
        hashes = [tindex.hashfn(key) for key, _ in items]
    positions: list[int] = []
    parts: list[bytes] = []
    for (key, value), hashed in zip(items, hashes, strict=True):
        positions.append(position)
        buckets[hashed & 255].append((hashed, position))
        parts += (lengths(len(key), len(value)), key, value)
        position += _LENGTHS.size + len(key) + len(value)
    dbfile.write(b"".join(parts))
    tindex.index.extend(positions)
    tindex.lastkey = items[-1][0]
