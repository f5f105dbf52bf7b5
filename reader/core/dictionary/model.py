"""What a lookup returns: the pop-up and ``pizhu lookup --json`` show exactly these."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT entry (or, for a character CC-CEDICT lacks, its pypinyin reading)."""

    simplified: str
    traditional: str
    pinyin: str
    """Tone marks, syllables separated by spaces: ``jīng jīn jì``; proper nouns capitalised."""
    definitions: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Lookup:
    """A word's entries and, for the pop-up's lower part, its characters' entries."""

    query: str
    span: tuple[int, int] | None
    """Where ``query`` is in the canonical text, when it was looked up at an offset."""
    entries: list[Entry]
    """The word's entries, most useful first (``[]`` when CC-CEDICT lacks the word)."""
    characters: list[Entry]
    """The entries of each distinct character of the word, in the word's order."""

    @property
    def found(self) -> bool:
        return bool(self.entries)

    def as_json(self) -> dict[str, object]:
        """The CLI's JSON: ``characters`` are left out (the pop-up's business)."""
        return {
            "query": self.query,
            "span": list(self.span) if self.span is not None else None,
            "entries": [entry.as_json() for entry in self.entries],
        }
