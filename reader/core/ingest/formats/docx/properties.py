"""docProps/core.xml: title, authors, date and language.

The title is handed on as the file states it; :func:`reader.core.ingest.titles.title_from_metadata`
judges it, as it does every format's. Keywords are not kept: people type anything
there (``2024/03/05``, a list of phrases), and they are no tags the user chose.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime

from reader.core.ingest.formats.docx.package import Package
from reader.core.ingest.formats.docx.wordml import DC, DCTERMS
from reader.core.ingest.model import Metadata
from reader.core.ingest.titles import normalise_date, split_names

# Names Windows or a generator put in dc:creator, which no person wrote.
_JUNK_AUTHORS = frozenset(
    {
        "administrator", "admin", "user", "owner", "author", "unknown", "作者", "未知",
        "微软用户", "微软中国", "microsoft", "microsoft office user", "microsoft office 用户",
        "windows user", "windows 用户", "python-docx", "lenovo", "dell", "hp", "asus",
        "acer", "pc", "china", "中国", "雨林木风", "番茄花园", "系统之家", "深度技术",
        "ylmf", "deepin",
    }
)  # fmt: skip
_JUNK_AUTHOR = re.compile(r"^(?:user|desktop|laptop|win|pc|admin)-[0-9a-z]+$", re.IGNORECASE)
# python-docx's default.docx carries this stamp into every file made from it.
_PYTHON_DOCX_TEMPLATE_DATE = "2013-12-23T23:15:00Z"


def _authors(value: str) -> list[str]:
    return [
        name
        for name in split_names(value)
        if name.lower() not in _JUNK_AUTHORS and not _JUNK_AUTHOR.match(name)
    ]


def _iso_date(value: str) -> str:
    """A W3CDTF timestamp as the date on the reader's clock (the author's, usually)."""
    value = value.strip()
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return normalise_date(value)
    if not 1980 <= moment.year <= 2200:  # 1601/1899/1900: a zero date, not a date
        return ""
    if moment.tzinfo is not None:
        with contextlib.suppress(OverflowError, OSError, ValueError):
            moment = moment.astimezone()
    return moment.date().isoformat()


def metadata(pkg: Package) -> Metadata:
    core_name = (pkg.relationships("") or {}).get("core-properties") or "docProps/core.xml"
    root = pkg.optional_xml(core_name)
    if root is None:
        return Metadata()

    def text(tag: str) -> str:
        el = root.find(tag)
        return " ".join("".join(el.itertext()).split()) if el is not None else ""

    def date(tag: str) -> str:
        value = text(tag)
        return "" if value == _PYTHON_DOCX_TEMPLATE_DATE else _iso_date(value)

    return Metadata(
        title=text(f"{DC}title"),
        authors=_authors(text(f"{DC}creator")),
        date=date(f"{DCTERMS}created") or date(f"{DCTERMS}modified"),
        language=text(f"{DC}language"),
    )
