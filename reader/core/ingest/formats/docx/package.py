"""The OPC (ZIP) package: its parts under size limits, and what a file that is not
a .docx really is."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from urllib.parse import unquote

from lxml import etree

from reader.core.ingest import sniff
from reader.core.ingest.formats.docx.wordml import REL, STRICT_NAMESPACES, Element
from reader.core.ingest.model import FormatError

_MB = 1024 * 1024
# Uncompressed, from the ZIP headers, before anything is unpacked (zipfile never
# returns more than the header says): a larger part or file is damaged or a bomb.
MAX_PART_BYTES = 200 * _MB
MAX_TOTAL_BYTES = 512 * _MB  # summed over the parts read
MAX_ENTRIES = 10_000  # Word writes a few dozen; images and embeddings add hundreds

_DOCX_REASONS = {
    "encrypted": "password-protected Word file; remove the password and save again",
    "doc": "old binary Word .doc format; save it as .docx in Word or WPS",
    "xls": "not a Word .docx file: it is an old Excel .xls workbook",
    "ppt": "not a Word .docx file: it is an old PowerPoint .ppt presentation",
    "ole": "not a Word .docx file: it is an old Office compound file of another kind",
    "rtf": "not a Word .docx file: it is an RTF document; save it as .docx in Word or WPS",
    "pdf": "not a Word .docx file: it is a PDF; rename it to .pdf to import it",
    "html": "not a Word .docx file: it is a web page (HTML); rename it to .html to import it",
    "mhtml": "not a Word .docx file: it is a web page (MHTML); rename it to .mht to import it",
    "wordxml": "not a Word .docx file: it is Word XML; save it as .docx in Word or WPS",
    "text": "not a Word .docx file (not a ZIP archive)",
    "unknown": "not a Word .docx file (not a ZIP archive)",
}
DOC_REASON = (
    "old binary Word .doc format is not supported; "
    "save it as .docx (Word: File ▸ Save As; WPS: 另存为)"
)
_DOC_REASONS = {
    "encrypted": "password-protected Word file; remove the password and save again",
    "doc": DOC_REASON,
    "ole": DOC_REASON,
    "xls": "this .doc file is really an old Excel .xls workbook, not a Word document",
    "ppt": "this .doc file is really an old PowerPoint .ppt presentation, not a Word document",
    "rtf": "this .doc file is really an RTF document; open it in Word or WPS and save it as .docx",
    "pdf": "this .doc file is really a PDF; rename it to .pdf to import it",
    "html": "this .doc file is really a web page (HTML); rename it to .html to import it, "
    "or save it as .docx in Word or WPS",
    "mhtml": "this .doc file is really a web page (MHTML); rename it to .mht to import it, "
    "or save it as .docx in Word or WPS",
    "wordxml": "this .doc file is really Word XML; open it in Word or WPS and save it as .docx",
    "text": "this .doc file is really plain text; rename it to .txt to import it",
}


def docx_reason(data: bytes) -> str:
    """Why ``data``, which is not a ZIP archive, is no .docx: what it really is."""
    key = sniff.kind(data)
    return _DOCX_REASONS.get(key) or f"not a Word .docx file: it is {sniff.WORDS[key]}"


def doc_reason(data: bytes) -> str:
    """Why a ``.doc`` file that is not a ZIP archive cannot be read."""
    key = sniff.kind(data)
    if key in _DOC_REASONS:
        return _DOC_REASONS[key]
    if key == "unknown":
        return DOC_REASON
    return f"this .doc file is really {sniff.WORDS[key]}, not a Word document"


def damage(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class TooLarge(FormatError):
    """Over a size limit: refused even where a damaged part would be skipped."""


class Package:
    """The parts of an OPC (ZIP) package, looked up the way Word does: case-blind."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise FormatError(
                "damaged or incomplete .docx file (the ZIP archive is truncated or corrupt)"
            ) from exc
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise TooLarge(
                f"this .docx file holds more than {MAX_ENTRIES} files "
                "(a damaged file or a ZIP bomb)"
            )
        self._entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self._entries.setdefault(info.filename.replace("\\", "/").lower(), info)
        self._unpacked = 0  # bytes the parts read so far may unpack to
        # Parsers are not shared: imports may run in several threads at once.
        self._parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=True,  # the size limits bound the cost instead
            remove_comments=True,
            remove_pis=True,
        )

    def has(self, name: str) -> bool:
        return name.lower() in self._entries

    def read(self, name: str) -> bytes | None:
        info = self._entries.get(name.lower())
        if info is None:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise TooLarge(
                f"{name} is {info.file_size // _MB} MB uncompressed, more than the "
                f"{MAX_PART_BYTES // _MB} MB allowed (a damaged file or a ZIP bomb)"
            )
        self._unpacked += info.file_size
        if self._unpacked > MAX_TOTAL_BYTES:
            raise TooLarge(
                f"this .docx file is more than {MAX_TOTAL_BYTES // _MB} MB uncompressed "
                "(a damaged file or a ZIP bomb)"
            )
        if info.flag_bits & 0x1:
            raise FormatError(f"damaged .docx file: {name} is encrypted inside the ZIP archive")
        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise FormatError(
                f"damaged .docx file: {name} cannot be unpacked ({damage(exc)})"
            ) from exc

    def xml(self, name: str) -> Element | None:
        """The part's root element, or None if the package has no such part."""
        blob = self.read(name)
        return None if blob is None else self.parse(name, blob)

    def parse(self, name: str, blob: bytes) -> Element:
        if b"purl.oclc.org/ooxml/" in blob[:8192]:
            for strict, transitional in STRICT_NAMESPACES:
                blob = blob.replace(strict, transitional)
        try:
            return etree.fromstring(blob, self._parser)
        except etree.XMLSyntaxError as exc:
            raise FormatError(
                f"damaged .docx file: {name} is not well-formed XML (line {exc.lineno})"
            ) from exc
        except ValueError as exc:  # lxml's refusal of some inputs, e.g. an empty part
            raise FormatError(f"damaged .docx file: {name} is not XML ({damage(exc)})") from exc

    def optional_xml(self, name: str | None) -> Element | None:
        """A part that only refines the text (styles, numbering, notes, properties).

        A damaged one is ignored rather than costing the user the whole document;
        only the size limits still apply.
        """
        if not name:
            return None
        try:
            return self.xml(name)
        except TooLarge:
            raise
        except FormatError:
            return None

    def relationships(self, source: str) -> dict[str, str] | None:
        """Relationship type (its last word: ``styles``) → target part; None if no rels."""
        folder, base = posixpath.split(source)
        rels = self.optional_xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if rels is None:
            return None
        targets: dict[str, str] = {}
        for rel in rels.iter(f"{REL}Relationship"):
            target, kind = rel.get("Target") or "", rel.get("Type") or ""
            if not target or rel.get("TargetMode") == "External":
                continue
            target = unquote(target).replace("\\", "/")
            path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            targets.setdefault(kind.rstrip("/").rsplit("/", 1)[-1], posixpath.normpath(path))
        return targets

    def main_part(self) -> str:
        """The main document part, or a FormatError that says what the archive is."""
        main = (self.relationships("") or {}).get("officeDocument")
        if main and self.has(main):
            return main
        if self.has("word/document.xml"):
            return "word/document.xml"
        mimetype = (self.read("mimetype") or b"")[:100] if self.has("mimetype") else b""
        kind = sniff.zip_kind(self._entries, mimetype.strip())
        if kind == "odt":
            raise FormatError(
                f"not a Word .docx file: it is {sniff.WORDS[kind]}; "
                "save it as .docx in WPS or LibreOffice"
            )
        if kind not in ("zip", "docx"):
            raise FormatError(f"not a Word .docx file: it is {sniff.WORDS[kind]}")
        raise FormatError("not a Word .docx file: a ZIP archive with no word/document.xml inside")
