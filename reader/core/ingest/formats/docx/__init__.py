"""Word .docx: paragraphs, headings, lists, tables and notes, in reading order.

The package is read with :mod:`zipfile` and :mod:`lxml` directly rather than through
python-docx's ``Document()``: python-docx refuses a whole file over one dangling
relationship (``KeyError: There is no item named 'word/NULL'``, a known problem of
files from some Word add-ins and converters), refuses ``.docm``/``.dotx`` content
types, unpacks every part (images included) into memory, and exposes neither notes,
list numbers, field codes nor revisions, so the body would be walked as raw XML
anyway. Only the XML parts that carry text are unpacked, each under a size limit
and all of them under one budget (:mod:`.package`).

Choices that shape the canonical text:

* Body order is kept: paragraphs, tables and text boxes come out where they occur.
  A text box's paragraphs follow the paragraph that anchors it; of an
  ``mc:AlternateContent`` only one branch is read, so a box never appears twice.
* Line breaks inside a paragraph (``w:br``, ``w:cr``) are judged like the stray
  breaks of a text file (:func:`reader.core.ingest.reflow.join_lines`): a break
  inside a sentence (text pasted from a PDF) joins with nothing between CJK and a
  space between Latin words; a break after a sentence, in an address or a verse
  stays a ``\\n``. A heading is always one line.
* A list item starts with its marker as Word shows it (``一、``, ``（1）``, ``1.2``,
  ``•``), computed from numbering.xml within Word's limits (:mod:`.numbering`); a
  marker that ends in full-width punctuation or is an enclosed number (``①``) is
  followed by nothing, any other by one space.
* A table is one verbatim block: a row per line, cells separated by a tab, a merged
  cell written once (the places it covers are empty cells, so columns stay aligned;
  a row may therefore start with a tab). A table of one column is a layout frame
  (Chinese templates box whole documents in one): its content is read as body text.
* Footnote and endnote references become ``[1]``, ``[2]``… in order of reference
  (endnotes count ``[i]``, ``[ii]``… when the file has both kinds, as Word does).
  The notes follow the body under a heading: ``注释`` when there is one kind,
  ``脚注`` and ``尾注`` when there are both (Word's own names for them). It is an
  outline heading only if the body has headings, or it would become the title.
* The core properties' title is the document's title as the file states it; junk
  titles are recognised where every format's are (:mod:`reader.core.ingest.titles`).
  Keywords are not made tags (:mod:`.properties`).
* Deleted revisions, field codes, hidden text, ruby (pinyin) annotations, headers,
  footers and comments are left out; inserted revisions and field results are kept.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from reader.core.ingest import sniff
from reader.core.ingest.formats import html, mhtml
from reader.core.ingest.formats.docx.body import Reader
from reader.core.ingest.formats.docx.notes import Notes, read_notes
from reader.core.ingest.formats.docx.numbering import Numbering, format_number
from reader.core.ingest.formats.docx.package import (
    DOC_REASON,
    Package,
    damage,
    doc_reason,
    docx_reason,
)
from reader.core.ingest.formats.docx.properties import metadata
from reader.core.ingest.formats.docx.styles import Styles
from reader.core.ingest.formats.docx.wordml import W_BODY, W_DOCUMENT, W_ENDNOTE, W_FOOTNOTE
from reader.core.ingest.model import Block, Extracted, FormatError

__all__ = ["DOC_REASON", "extract", "extract_doc", "format_number"]


def extract(data: bytes, filename: str) -> Extracted:
    """A Word .docx (also .docm, .dotx, Strict OOXML) as blocks and metadata.

    Every failure is a :class:`FormatError` with a one-line reason. ``filename``
    is not needed: the registry passes it to every extractor.
    """
    try:
        return _extract(data)
    except FormatError:
        raise
    except RecursionError:
        raise FormatError("cannot read this .docx file: its XML is nested too deeply") from None
    except MemoryError:
        raise FormatError("this .docx file is too large to import (out of memory)") from None
    except Exception as exc:  # an input nobody foresaw: still a reason, never a crash
        raise FormatError(
            f"cannot read this .docx file ({type(exc).__name__}: {damage(exc)})"
        ) from exc


def extract_doc(data: bytes, filename: str) -> Extracted:
    """A ``.doc`` file: a .docx under the old name is read; anything else is explained."""
    if data[:2] == b"PK":
        return extract(data, filename)
    if not data:
        raise FormatError("empty file")
    # Government sites serve web pages saved by Word ("single file web page") as .doc.
    found = sniff.kind(data)
    if found == "html":
        return html.extract(data, filename)
    if found == "mhtml":
        return mhtml.extract(data, filename)
    raise FormatError(doc_reason(data))


def _extract(data: bytes) -> Extracted:
    if not data:
        raise FormatError("empty file")
    if data[:2] != b"PK":
        raise FormatError(docx_reason(data))
    pkg = Package(data)
    main = pkg.main_part()
    blob = pkg.read(main) or b""
    root = pkg.parse(main, blob)
    if root.tag != W_DOCUMENT:
        what = etree.QName(root).localname
        raise FormatError(f"not a Word .docx file: its main part is <{what}>, not a document")
    rels = pkg.relationships(main)
    if rels is None:  # no relationships part: guess the usual names
        folder = posixpath.dirname(main)
        rels = {k: posixpath.join(folder, f"{k}.xml") for k in ("styles", "numbering")}
        rels |= {k: posixpath.join(folder, f"{k}.xml") for k in ("footnotes", "endnotes")}
    styles = Styles(pkg.optional_xml(rels.get("styles")))
    numbering = Numbering(pkg.optional_xml(rels.get("numbering")), styles)
    notes = Notes(
        read_notes(pkg.optional_xml(rels.get("footnotes")), W_FOOTNOTE),
        read_notes(pkg.optional_xml(rels.get("endnotes")), W_ENDNOTE),
    )
    # Hidden text is rare; not looking for it saves a third of the walk through the runs.
    may_hide = styles.any_hidden or b"vanish" in blob
    reader = Reader(styles, numbering, notes, may_hide)
    blocks: list[Block] = []
    body = root.find(W_BODY)
    if body is not None:
        reader.container(body, blocks)
    blocks += reader.note_blocks(headed=any(b.heading for b in blocks))
    return Extracted(blocks, metadata(pkg), encoding="docx")
