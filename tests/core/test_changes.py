"""Changes records: merging keeps every kind of change, and stores report theirs."""

from __future__ import annotations

from dataclasses import fields

from reader.core.changes import Changes


def _one_of_each() -> list[Changes]:
    """A Changes with only that field set, for every field (a new field is covered too)."""
    samples = []
    for f in fields(Changes):
        empty = getattr(Changes(), f.name)
        value: object = {7} if isinstance(empty, set) else True
        samples.append(Changes(**{f.name: value}))
    return samples


def test_merge_keeps_every_field() -> None:
    for single in _one_of_each():
        merged = Changes().merge(single)
        assert merged == single, f"merge dropped {single}"
        assert merged
        assert Changes(documents={1}).merge(single).documents >= {1}


def test_merge_keeps_tags() -> None:
    merged = Changes(annotations={3}).merge(Changes(tags=True))
    assert merged.tags
    assert merged.annotations == {3}


def test_merge_unions_the_ids() -> None:
    merged = Changes(documents={1}, progress={4}).merge(Changes(documents={2}, annotations={5}))
    assert merged.documents == {1, 2}
    assert merged.progress == {4}
    assert merged.annotations == {5}


def test_an_empty_record_is_false_and_every_field_makes_it_true() -> None:
    assert not Changes()
    assert all(_one_of_each())


def test_merging_nothing_new_keeps_what_was_already_changed() -> None:
    """A later step that changed nothing must not wipe the flags an earlier step set."""
    for single in _one_of_each():
        before = Changes(**{f.name: getattr(single, f.name) for f in fields(Changes)})
        assert single.merge(Changes()) == before, f"merge lost {before}"


def test_merging_two_changes_of_the_same_kind_keeps_both() -> None:
    merged = Changes(documents={1}, annotations={1}, progress={1}).merge(
        Changes(documents={2}, annotations={2}, progress={2})
    )
    assert (merged.documents, merged.annotations, merged.progress) == ({1, 2}, {1, 2}, {1, 2})
