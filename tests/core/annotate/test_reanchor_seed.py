"""Re-anchoring on real text: 60 random annotations (plus two aimed at the edits) on the
head of seed 003, then real edits: paragraphs inserted at the top, the longest paragraph
deleted, the next longest lightly reworded."""

from __future__ import annotations

import random

from tests.conftest import FIXTURES

SEED = (FIXTURES / "seed003_head.txt").read_text(encoding="utf-8")
INSERT = "（编者按：本文根据会议材料整理，有删节。）\n\n新增的第二段说明文字。\n\n"


def test_real_edits_keep_every_annotation_on_its_words(library, add_doc, reimport) -> None:
    doc = add_doc(SEED, "seed.txt")
    text = library.documents.text(doc)
    rng = random.Random(3)
    anns = []
    while len(anns) < 60:
        start = rng.randrange(0, len(text) - 30)
        end = start + rng.randrange(4, 30)
        if text[start:end].strip():
            anns.append(library.annotations.create(doc, start, end)[0])
    paragraphs = sorted(SEED.split("\n\n"), key=len)
    victim, reworded = paragraphs[-1], paragraphs[-2]  # deleted, lightly reworded
    inside = text.index(victim[100:130])
    lost = library.annotations.create(doc, inside, inside + 30)[0]
    de = reworded.index("的")
    touched = library.annotations.create_from_quote(doc, reworded[de - 10 : de + 10])[0]
    edited = SEED.replace(victim + "\n\n", "", 1)
    edited = edited.replace(reworded, reworded.replace("的", "之", 1), 1)
    first_heading = edited.index("\n\n", edited.index("# ")) + 2
    edited = edited[:first_heading] + INSERT + edited[first_heading:]
    result = reimport(edited, "seed.txt")
    new_text = library.documents.text(doc)
    after = {a.id: a for a in library.annotations.list_for_document(doc)}
    assert len(after) == 62
    assert after[lost.id].orphaned
    assert after[touched.id].quote == touched.quote.replace("的", "之", 1)
    victim_canonical = " ".join(victim.split())
    orphaned = [a for a in after.values() if a.orphaned]
    for ann in anns:
        now = after[ann.id]
        if now.orphaned:
            # Only words that lived (mostly) in the deleted paragraph may be lost.
            assert any(part in victim_canonical for part in (ann.quote[:4], ann.quote[-4:]))
            continue
        assert new_text[now.start : now.end] == now.quote
        if now.quote == ann.quote:
            assert new_text.count(now.quote) == 1 or now.prefix[-8:] == ann.prefix[-8:]
    assert result.details is not None
    assert sum(result.details.values()) >= 55  # nearly everything sits after the insert
    assert 1 <= result.details["orphaned"] <= 6, result.details
    assert result.details["changed"] >= 1
    assert result.details["orphaned"] == len(orphaned)
