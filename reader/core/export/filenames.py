"""File names made from document titles that are safe on Linux, macOS and Windows.

Titles are arbitrary text ("2024/3 报告: 城市?"), and a folder export must never
write outside its folder or over another document's file.
"""

from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}  # fmt: skip
MAX_NAME_BYTES = 200  # below the 255-byte limit of common file systems, room for " (12)"


def safe_stem(title: str, fallback: str = "document") -> str:
    """A file name stem from ``title``: no separators, controls, reserved names or ``..``."""
    name = unicodedata.normalize("NFC", title)
    name = _FORBIDDEN.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    while name.encode("utf-8") and len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = name[:-1]
    name = name.rstrip(" .")
    if not name or set(name) <= {"_", "."}:
        name = fallback
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        name = "_" + name
    return name


def unique_name(stem: str, suffix: str, taken: set[str], tiebreak: str) -> str:
    """``stem + suffix``, or ``stem (tiebreak) + suffix`` if a (case-folded) name is taken."""
    for candidate in (f"{stem}{suffix}", f"{stem} ({tiebreak}){suffix}"):
        if candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate
    n = 2
    while (candidate := f"{stem} ({tiebreak}-{n}){suffix}").casefold() in taken:
        n += 1
    taken.add(candidate.casefold())
    return candidate
