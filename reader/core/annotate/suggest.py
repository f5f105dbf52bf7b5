"""Suggested tags for a highlighted passage: jieba keywords plus matching existing tags.

``jieba.analyse`` costs about half a second to import, so it is imported here, on
first use, and the GUI calls this off the GUI thread.
"""

from __future__ import annotations

from typing import cast

# Words of the officialese every report is made of: never a useful tag on their own.
# fmt: off
FILLER_WORDS = frozenset((
    "加快", "加强", "加大", "推进", "推动", "促进", "进一步", "深入",
    "全面", "重大", "重要", "重点", "坚持", "积极", "不断", "大力",
    "切实", "着力", "持续", "扎实", "有效", "努力", "必须", "要求",
    "提高", "提升", "实施", "完善", "健全", "强化", "落实", "贯彻",
    "做好", "工作", "方面", "问题", "情况", "同志", "主要", "一批",
    "更加", "坚决", "有力", "进行", "开展", "取得", "实现", "具有",
    "统筹", "把握", "围绕", "聚焦", "巩固", "扩大", "深化", "发展",
    "建设", "领导", "全体", "会议", "我们", "各级",
))
# fmt: on


def is_filler(word: str) -> bool:
    return word in FILLER_WORDS


def suggest_tags(passage: str, paragraph: str, known: list[str], limit: int = 6) -> list[str]:
    """Existing tags whose last segment occurs in the text first, then new keywords."""
    text = f"{passage}\n{paragraph}"
    picked: list[str] = []
    for tag in known:
        leaf = tag.rsplit("/", 1)[-1]
        if leaf and leaf in text and tag not in picked:
            picked.append(tag)
    import jieba.analyse  # deliberately lazy

    from reader.platform.jieba_setup import configure_jieba

    configure_jieba()  # cache in the user cache dir, not the (wiped) temp dir

    # The passage counts double: it is what the user chose.
    keywords = cast(  # words only: no withWeight, so no (word, weight) pairs
        list[str], jieba.analyse.extract_tags(f"{passage}\n{passage}\n{paragraph}", topK=limit * 4)
    )
    for word in keywords:
        if len(word) >= 2 and not word.isdigit() and not is_filler(word) and word not in picked:
            picked.append(word)
    return picked[:limit]
