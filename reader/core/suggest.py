"""Suggested tags for a highlighted passage: jieba keywords plus matching existing tags.

``jieba.analyse`` costs about half a second to import, so it is imported here, on
first use, and the GUI calls this off the GUI thread.
"""

from __future__ import annotations


def suggest_tags(passage: str, paragraph: str, known: list[str], limit: int = 6) -> list[str]:
    """Existing tags whose last segment occurs in the text first, then new keywords."""
    text = f"{passage}\n{paragraph}"
    picked: list[str] = []
    for tag in known:
        leaf = tag.rsplit("/", 1)[-1]
        if leaf and leaf in text and tag not in picked:
            picked.append(tag)
    import jieba.analyse  # noqa: PLC0415  (deliberately lazy)

    # The passage counts double: it is what the user chose.
    keywords = jieba.analyse.extract_tags(f"{passage}\n{passage}\n{paragraph}", topK=limit * 2)
    for word in keywords:
        if len(word) >= 2 and not word.isdigit() and word not in picked:
            picked.append(word)
    return picked[:limit]
