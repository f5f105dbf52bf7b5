"""What a file really is, by its bytes: for reasons such as "a .pdf that is a ZIP".

:func:`kind` names the type with a short key (``"pdf"``, ``"docx"``, ``"html"``);
:data:`WORDS` says it for a message (``"a PDF document"``). Importers that refuse a
file build their reason from these, so every format tells the same story.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Collection

WORDS = {
    "pdf": "a PDF document",
    "zip": "a ZIP archive",
    "docx": "a Word .docx document",
    "epub": "an EPUB e-book",
    "xlsx": "an Excel .xlsx workbook",
    "pptx": "a PowerPoint .pptx presentation",
    "odt": "an OpenDocument text (.odt)",
    "odf": "an OpenDocument file",
    "ofd": "an OFD document (the Chinese fixed-layout format)",
    "pages": "an Apple Pages document",
    "ole": "an old Office or other OLE file",
    "encrypted": "a password-protected Office file",
    "doc": "an old Word .doc document",
    "xls": "an old Excel .xls workbook",
    "ppt": "an old PowerPoint .ppt presentation",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "program": "a program",
    "gzip": "a gzip archive",
    "rar": "a RAR archive",
    "7z": "a 7-Zip archive",
    "rtf": "an RTF document",
    "mhtml": "a MIME (MHTML) file",
    "wordxml": "a Word XML document",
    "html": "an HTML page",
    "xml": "an XML file",
    "json": "a JSON file",
    "text": "a text file",
    "unknown": "not a recognised file type",
}
ZIP_KINDS = frozenset({"zip", "docx", "epub", "xlsx", "pptx", "odt", "odf", "ofd", "pages"})
OLE_KINDS = frozenset({"ole", "encrypted", "doc", "xls", "ppt"})
# Binary data, never text to decode (RTF has a signature but is text).
BINARY = ZIP_KINDS | OLE_KINDS | {"pdf", "png", "jpeg", "gif", "program", "gzip", "rar", "7z"}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC = (  # exact first bytes
    (b"PK\x03\x04", "zip"),
    (_OLE_MAGIC, "ole"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"\x7fELF", "program"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
)
_SIGNATURES = ((b"%pdf-", "pdf"), (b"{\\rtf", "rtf"))  # after a BOM or blanks, in any case
_OLE_STREAMS = (  # stream names in the compound file's directory, most telling first
    ("EncryptedPackage", "encrypted"),
    ("WordDocument", "doc"),
    ("Workbook", "xls"),
    ("PowerPoint Document", "ppt"),
)
_ZIP_MEMBERS = (  # (a member that gives the archive away, what the archive is)
    ("word/document.xml", "docx"),
    ("meta-inf/container.xml", "epub"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
    ("ofd.xml", "ofd"),
    ("content.xml", "odf"),
    ("index/document.iwa", "pages"),
)
_MIMETYPES = (  # the ``mimetype`` member EPUB and OpenDocument archives open with
    (b"application/epub", "epub"),
    (b"application/vnd.oasis.opendocument.text", "odt"),
    (b"application/vnd.oasis.opendocument", "odf"),
)
# Word 2003 XML and flat OPC; Word's HTML names "Word.Document" too, so that is no sign.
_WORD_XML = (b"<?mso-application", b"<w:worddocument", b"<pkg:package")
_JSON_START = re.compile(rb'^(?:\{\s*["}]|\[\s*[\[{"\]])')


def kind(data: bytes) -> str:
    """What ``data`` is, as a key of :data:`WORDS`; ``"unknown"`` when nothing fits."""
    return signature_kind(data) or _text_kind(data)


def binary_kind(data: bytes) -> str:
    """What a file with a signature is (``"a PDF document"``); ``""`` if it has none."""
    key = signature_kind(data)
    return WORDS[key] if key else ""


def describe(data: bytes) -> str:
    """A few words for what ``data`` looks like (``"a ZIP archive"``, ``"an HTML page"``)."""
    return WORDS[kind(data)]


def zip_kind(names: Collection[str], mimetype: bytes = b"") -> str:
    """What a ZIP archive holds, by its lower-case member names and ``mimetype`` member."""
    for prefix, key in _MIMETYPES:
        if mimetype.startswith(prefix):
            return key
    return next((key for name, key in _ZIP_MEMBERS if name in names), "zip")


def signature_kind(data: bytes) -> str:
    """The key of a file with a signature (magic bytes, ``%PDF-``, ``{\\rtf``); ``""`` if none."""
    for magic, key in _MAGIC:
        if data.startswith(magic):
            if key == "zip":
                return _archive_kind(data)
            if key == "ole":
                return _ole_kind(data)
            return key
    head = _head(data)
    return next((key for signature, key in _SIGNATURES if head.startswith(signature)), "")


def _head(data: bytes) -> bytes:
    return data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()


def _ole_kind(data: bytes) -> str:
    """Which Office program wrote a compound file, by the streams its directory names."""
    found = (key for name, key in _OLE_STREAMS if name.encode("utf-16-le") in data)
    return next(found, "ole")


def _archive_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {i.filename.replace("\\", "/").lower(): i for i in archive.infolist()}
            info = infos.get("mimetype")
            mimetype = archive.read(info)[:100] if info and info.file_size <= 1024 else b""
    except Exception:  # a damaged archive is still a ZIP archive; sniffing never fails
        return "zip"
    return zip_kind(infos, mimetype.strip())


def _text_kind(data: bytes) -> str:
    head = _head(data)
    markup = head.startswith(b"<")
    if not markup and (
        head.startswith(b"mime-version:")
        or b"\nmime-version:" in head[:1024]
        or b"multipart/related" in head[:1024]
    ):
        return "mhtml"  # a saved web page; Word's "single file web page" is often a .doc
    if any(sign in head for sign in _WORD_XML):
        return "wordxml"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    if head.startswith(b"<?xml"):
        return "xml"
    if _JSON_START.match(head):
        return "json"
    if b"\x00" not in data[:4096] and _decodes_as_text(data[:8192]):
        return "text"
    return "unknown"


def _decodes_as_text(sample: bytes) -> bool:
    for codec in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False
