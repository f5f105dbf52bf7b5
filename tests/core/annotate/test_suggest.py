"""Suggested tags: keywords of the passage, never the filler words of every report."""

from reader.core.annotate.suggest import FILLER_WORDS, suggest_tags

PARAGRAPH = (
    "坚持稳中求进、以进促稳，加快科技创新、产业焕新、城市更新，进一步全面深化改革，"
    "推进京津冀协同发展取得重大进展，加强生态环境保护。"
)


def test_fillers_are_never_suggested_and_known_tags_come_first() -> None:
    tags = suggest_tags("加快科技创新、产业焕新、城市更新", PARAGRAPH, ["区域/京津冀", "城市/更新"])
    assert tags[:2] == ["区域/京津冀", "城市/更新"]  # known tags whose last segment occurs
    assert not {"加快", "重大", "进一步", "加强", "推进"} & set(tags)
    assert not FILLER_WORDS & set(tags[2:])
    assert any(t in tags for t in ("科技创新", "焕新", "城市更新", "产业"))
