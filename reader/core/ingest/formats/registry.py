"""Which file suffix is which format, and which extractor reads it.

Extractor modules load on first use: a text-only import never pays for pdfium
or lxml. ``keep_original`` formats are copied into the data dir, because their
canonical text is an extraction and the user may want the file as it was.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from reader.core.ingest.model import Extracted


@dataclass(frozen=True)
class Format:
    name: str  # stored in documents.format
    suffixes: tuple[str, ...]
    module: str  # under reader.core.ingest.formats
    function: str = "extract"
    keep_original: bool = True

    def extractor(self) -> Callable[[bytes, str], Extracted]:
        module = importlib.import_module(f"reader.core.ingest.formats.{self.module}")
        return getattr(module, self.function)


FORMATS: tuple[Format, ...] = (
    Format("text", (".txt", ".text"), "textfile", "extract_plain", keep_original=False),
    Format("markdown", (".md", ".markdown"), "textfile", "extract_markdown", keep_original=False),
    Format("pdf", (".pdf",), "pdf"),
    Format("docx", (".docx",), "docx"),
    Format("doc", (".doc",), "docx", "extract_doc"),
    Format("html", (".html", ".htm", ".xhtml"), "html"),
    Format("mhtml", (".mhtml", ".mht"), "mhtml"),
    Format("epub", (".epub",), "epub"),
)
_BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}


def format_for(path: PurePath) -> Format | None:
    return _BY_SUFFIX.get(path.suffix.lower())


def supported_suffixes() -> list[str]:
    return sorted(_BY_SUFFIX)
