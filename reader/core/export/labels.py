"""Words an export prints that depend on its language: colour labels, headings, links.

A colour whose label is still one of Pizhu's defaults (``黄色``, ``Yellow``) prints in
the export's language; a label the user chose (``重点``) is theirs and prints as it is,
whatever the language: it is a word they picked, not one Pizhu translated.
"""

from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"  # the library's default labels are Chinese; today's exports too

DEFAULT_LABELS: dict[str, dict[str, str]] = {  # fmt: skip
    "zh": {"yellow": "黄色", "green": "绿色", "blue": "蓝色", "pink": "粉色", "purple": "紫色"},
    "en": {
        "yellow": "Yellow", "green": "Green", "blue": "Blue", "pink": "Pink", "purple": "Purple",
    },
}

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "orphaned": "未能定位的批注 (orphaned)",
        "annotations": "批注",
        "page": "p.",
        "start": "开头",
        "highlight": "高亮",
        "underline": "下划线",
        "note": "笔记",
    },
    "en": {
        "orphaned": "未能定位的批注 (orphaned)",
        "annotations": "Annotations",
        "page": "p.",
        "start": "Beginning",
        "highlight": "Highlight",
        "underline": "Underline",
        "note": "Note",
    },
}


def check_language(lang: str) -> str:
    """``lang`` if Pizhu can export in it; ``zh_CN`` and ``en_GB`` count as ``zh``, ``en``."""
    short = lang.replace("-", "_").split("_", 1)[0].lower()
    if short not in LANGUAGES:
        raise ValueError(f"unknown export language {lang!r} (choose from {', '.join(LANGUAGES)})")
    return short


def labels_in(labels: dict[str, str], lang: str) -> dict[str, str]:
    """The library's colour labels as an export in ``lang`` prints them."""
    wanted = DEFAULT_LABELS[check_language(lang)]
    return {key: wanted[key] if _is_default(key, label) else label for key, label in labels.items()}


def _is_default(key: str, label: str) -> bool:
    return key in DEFAULT_LABELS[DEFAULT_LANGUAGE] and any(
        table.get(key) == label for table in DEFAULT_LABELS.values()
    )


def words(lang: str) -> dict[str, str]:
    return WORDS[check_language(lang)]
