"""Choosing a document's title and date when the user has not given them.

Real reports open with formulas (``各位代表：``, ``现在，我代表国务院，向大会…``), and real
files are called ``新建文本文档.txt`` or a hash, so each source of a title is tried in
order of trust and the junk of each is recognised rather than shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePath

from reader.core.ingest.headings import chinese_heading_rank

MAX_TITLE_CHARS = 60  # a title guessed from a line of text: longer is a sentence
MAX_GIVEN_TITLE_CHARS = 300  # a title the file or the user gives: official titles run long

_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs"}
_JUNK_STEMS = re.compile(
    r"""^(?:
        新建(?:\s*(?:文本文档|microsoft\s*(?:word|office\s*word)?\s*文档|文档))?(?:\s*\(\d+\))?
      | (?:untitled|document|doc|文档|未命名|无标题|新文档|附件|copy|scan|img|image|download|index
         |article|file|page|report|报告|default)[\s_\-]*\d*(?:\s*\(\d+\))?
      | [0-9a-f]{8,}(?:[_\-][0-9a-f]{4,})*
      | \d+(?:[_\-]+[0-9a-f]{6,})?
      | [\d\s_\-.]+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_HASHLIKE = re.compile(r"^[\W\d_]*(?:[0-9a-fA-F]{8,}[\W_]*)*$")
_FILENAME_PREFIX = re.compile(r"^(?:\d{1,4}|None|null)[_\-\s.]+(?=\S)", re.IGNORECASE)
_WORD_PREFIX = re.compile(r"^(?:Microsoft\s+(?:Word|PowerPoint)\s*-\s*)", re.IGNORECASE)
_OFFICE_SUFFIX = re.compile(r"\.(?:docx?|pdf|txt|wps|pptx?)$", re.IGNORECASE)
_PATH_LIKE = re.compile(r"^[A-Za-z]:[\\/]|^/(?:tmp|home|Users|var)/|[\\/][^\\/]*[\\/]|~\d")
_FILE_NAME = re.compile(r"^[\w.\-~ ]+\.[A-Za-z][A-Za-z0-9]{1,4}$")
_JUNK_META = re.compile(
    r"^[\[【(（]?(?:untitled|无标题|未命名|document\s*\d*|文档\s*\d*|title|标题|文档标题|none|null"
    r"|type the document title|键入文档标题|请输入标题|附件\s*\d*)[\]】)）]?$",
    re.I,
)
# Salutations and opening formulas: a speech's first lines, never its title.
_OPENING = re.compile(
    r"""^(?:
        [^，。！？]{1,12}[：:！!]$
      | 现在[，,]\s*我(?:代表|受)
      | 我(?:代表|受)
      | 受[^，。]{1,20}委托
      | (?:各位|同志们|女士们|先生们|朋友们|亲爱的)
      | [—－-]{1,2}                      # ——2024年3月5日在…: the occasion, under the title
      | 附件\s*\d*\s*[：:]?$
      | 本模板 | 本作品 | 来源[：:] | 责任编辑 | 版权所有   # Wikisource and news boilerplate
      | (?i:public\ domain|this\ work\ is)
    )""",
    re.VERBOSE,
)
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?!\d)")


_NAME_SEPARATORS = re.compile(r"[;；,，、\n]")


def split_names(value: str) -> list[str]:
    """``张三；李四, 王五`` → three names: the separators people type in a list of names."""
    names = (name.strip() for name in _NAME_SEPARATORS.split(value))
    return list(dict.fromkeys(name for name in names if name))


def clean_title(value: str, limit: int = MAX_TITLE_CHARS) -> str:
    """One line, no zero-width or control characters, at most ``limit`` characters."""
    kept = "".join(
        " " if ch in "\t\n\r\u3000" else ch
        for ch in value
        if unicodedata.category(ch) not in _INVISIBLE or ch in "\t\n\r"
    )
    # A file name that is not UTF-8 arrives with lone surrogates: keep it readable, storable.
    kept = kept.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\ufffd", "")
    text = re.sub(r"\s+", " ", kept).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def title_from_metadata(value: str) -> str:
    """The title a file declares, unless it is a writer's leftover (a temp path, a file name)."""
    text = clean_title(
        _OFFICE_SUFFIX.sub("", _WORD_PREFIX.sub("", value.strip())), MAX_GIVEN_TITLE_CHARS
    )
    if _JUNK_META.match(text) or _PATH_LIKE.search(text) or _FILE_NAME.match(text):
        return ""
    return text


def title_from_filename(filename: str) -> str:
    """The file's name when it says something (not ``新建文本文档``, a hash or a number)."""
    stem = PurePath(filename).stem if filename else ""
    stem = _FILENAME_PREFIX.sub("", stem.strip())
    if not stem or _JUNK_STEMS.match(stem.strip()) or (stem.isascii() and len(stem) < 3):
        return ""
    return clean_title(stem.replace("_", " "))


def is_opening_formula(line: str) -> bool:
    return bool(_OPENING.match(line.strip(" \t\u3000")))


def title_from_text(paragraphs: Iterable[str]) -> str:
    """The first short line that is not a salutation or an opening formula."""
    for seen, paragraph in enumerate(paragraphs):
        if seen >= 12:
            break
        line = clean_title(paragraph.split("\n", 1)[0]) if paragraph else ""
        raw_len = len(paragraph.split("\n", 1)[0].strip())
        if not line or is_opening_formula(line) or chinese_heading_rank(line) is not None:
            continue  # a section heading (一、…) names a part, not the document
        if raw_len <= MAX_TITLE_CHARS:
            return line
    return ""


def _first_line(paragraphs: Iterable[str]) -> str:
    """The opening line, shortened: better than a file name that is a hash."""
    lines = [clean_title(p.split("\n", 1)[0]) for p in paragraphs if p.strip()]
    return next((line for line in lines if not is_opening_formula(line)), "")


def choose_title(
    *, metadata: str = "", heading: str = "", filename: str = "", paragraphs: Iterable[str] = ()
) -> str:
    """Metadata title, first heading, descriptive file name, first short line: never blank."""
    for candidate in (
        title_from_metadata(metadata),
        clean_title(heading, MAX_GIVEN_TITLE_CHARS),
        title_from_filename(filename),
    ):
        if candidate:
            return candidate
    paragraphs = list(paragraphs)
    stem = clean_title(PurePath(filename).stem)
    worded = stem if not _HASHLIKE.match(stem) else ""  # 报告 2024 says more than a hash
    return title_from_text(paragraphs) or worded or _first_line(paragraphs) or stem or "Untitled"


def date_of(filename: str, paragraphs: list[str]) -> str:
    """A document's date from its opening lines, or its file name (``2024年….txt``).

    The text's date wins when it agrees with the file name's year: it is the
    more precise (``——2024年3月5日在第十四届…``).
    """
    in_name = find_date(filename)
    in_text = find_date("\n".join(paragraphs[:8])[:600])
    return in_text if in_text.startswith(in_name) else in_name


def find_date(*sources: str) -> str:
    """The first plausible date (``2024-03-05``, ``2024-03`` or ``2024``) in the sources."""
    for source in sources:
        if not source:
            continue
        for pattern in (_DATE_CN, _DATE_ISO):
            for m in pattern.finditer(source):
                if (found := _iso(*m.groups())) is not None:
                    return found
    return ""


def _iso(year: str, month: str | None, day: str | None) -> str | None:
    y = int(year)
    if not 1800 <= y <= 2200:
        return None
    if not month:
        return f"{y:04d}"
    m = int(month)
    if not 1 <= m <= 12:
        return f"{y:04d}"
    if not day or not 1 <= int(day) <= 31:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{int(day):02d}"


def normalise_date(value: str) -> str:
    """A metadata date (``2024-03-05T10:00:00Z``, ``D:20240305``, ``2024年3月``) as ISO."""
    value = value.strip()
    if m := re.match(r"^D:(\d{4})(\d{2})?(\d{2})?", value):
        return _iso(*m.groups()) or ""
    if re.fullmatch(r"\d{4}", value):
        return _iso(value, None, None) or ""
    return find_date(value)


_USER_DATE = re.compile(
    r"(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月)?)?\s*年?"
)


def parse_user_date(value: str) -> str | None:
    """A date typed by the user, all of it: ``2024``, ``2024-03``, ``2024年3月5日`` …; else None.

    Stricter than :func:`normalise_date`: ``2024-08-25 next week`` is a typo, not August.
    """
    m = _USER_DATE.fullmatch(value.strip())
    if m is None:
        return None
    year, month, day = m.groups()
    if (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
        return None
    return _iso(year, month, day)
