"""The word list: words kept while reading, with the sentence they came from.

One row per word. Keeping a word again changes nothing (the first sentence is the
one worth remembering: where the word was first met) and returns an empty
:class:`~reader.core.changes.Changes`, which is how a caller tells "kept" from
"already in the word list". Deleting returns the deleted rows, and
:meth:`WordList.restore` puts them back with their ids and dates: that pair is the
GUI's undo. Offsets are code points into the canonical text, like annotation
offsets, and follow the text when a document is re-imported with changes::

    words = WordList(db)
    entry, changes = words.keep("京津冀", pinyin="jīng jīn jì", definition="…",
                                doc_id=3, start=120, end=123, sentence="推动京津冀协同发展。")
    words.list(text_filter="jing")            # newest first; pinyin matched without tones
    gone, changes = words.delete([entry.id])
    changes = words.restore(gone)             # undo
    words.export_tsv(Path("words.tsv"))       # for Anki: word, pinyin, definition, sentence
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlite_utils import Database

from reader.core.annotate.anchoring import OffsetMap
from reader.core.annotate.annotations import Annotation, AnnotationService
from reader.core.changes import Changes
from reader.core.storage.db import now_iso, transaction
from reader.core.storage.validation import clean_text
from reader.errors import NotFoundError, UsageError

NEW_WORD_TAG = "生词"
"""The tag of the annotation "Keep it" may make, unless the user picks another."""

MAX_WORD_CHARS = 200  # a 成语 or a phrase, not a paragraph
MAX_FIELD_CHARS = 2_000
SENTENCE_CHARS = 200
"""The longest sentence kept: text without punctuation would otherwise give a page."""

ANKI_HEADER = ("#separator:tab", "#html:false", "#columns:word\tpinyin\tdefinition\tsentence")
"""Anki's file headers (2.1.55+; older versions skip ``#`` lines as comments): the
separator is not guessed, fields are plain text (Anki escapes ``<`` and ``&``), and
the import dialog names the columns."""

_COLUMNS = "id, word, pinyin, definition, doc_id, start, end, sentence, created_at"
_SENTENCE_ENDS = "。！？!?\n"
_CLOSERS = "”’」』）)》〉】\"'"
_LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


@dataclass(frozen=True)
class WordEntry:
    id: int
    word: str
    pinyin: str
    definition: str
    doc_id: int | None  # None: kept without a document, or the document was deleted
    start: int | None  # code points into the canonical text; None: no place (or lost)
    end: int | None
    sentence: str
    created_at: str  # UTC ISO 8601, like every stamp in the library

    def as_json(self) -> dict[str, object]:
        return asdict(self)


WordEntries = list[WordEntry]
"""Spelled so because inside :class:`WordList` the name ``list`` is its method."""


class WordList:
    """Keep, list, delete (and undo), export; keeps offsets in step with re-imports."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- writing ----------------------------------------------------------------------

    def keep(
        self,
        word: str,
        *,
        pinyin: str = "",
        definition: str = "",
        doc_id: int | None = None,
        start: int | None = None,
        end: int | None = None,
        sentence: str = "",
    ) -> tuple[WordEntry, Changes]:
        """Add ``word``; if it is already in the list, return that entry and no changes."""
        word = clean_text(word.strip(), "the word", multiline=False, limit=MAX_WORD_CHARS)
        if not word:
            raise UsageError("the word is empty")
        pinyin = clean_text(_one_line(pinyin), "the pinyin", limit=MAX_FIELD_CHARS)
        definition = clean_text(definition.strip(), "the definition", limit=MAX_FIELD_CHARS)
        sentence = clean_text(_one_line(sentence), "the sentence", limit=MAX_FIELD_CHARS)
        with transaction(self.db):
            self._check_place(doc_id, start, end)
            cursor = self.db.execute(
                "INSERT INTO words (word, pinyin, definition, doc_id, start, end, sentence,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(word) DO NOTHING",
                [word, pinyin, definition, doc_id, start, end, sentence, now_iso()],
            )
            added = cursor.rowcount == 1
            entry = self.find(word)
        assert entry is not None  # inserted, or there before
        return entry, Changes(words=added)

    def delete(self, ids: Iterable[int]) -> tuple[WordEntries, Changes]:
        """Delete the words ``ids`` (all or none); returns them for :meth:`restore`."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return [], Changes()
        with transaction(self.db):
            entries = self._by_ids(wanted)
            missing = sorted(set(wanted) - {e.id for e in entries})
            if missing:
                shown = ", ".join(str(i) for i in missing)
                raise NotFoundError(f"no word with id {shown} in the word list")
            self.db.execute(
                f"DELETE FROM words WHERE id IN ({','.join('?' * len(wanted))})", wanted
            )
        return entries, Changes(words=bool(entries))

    def restore(self, entries: Iterable[WordEntry]) -> Changes:
        """Put deleted entries back as they were (the undo of :meth:`delete`).

        An entry whose word was kept again meanwhile is left out (the list holds one
        row per word); one whose document was deleted meanwhile comes back unlinked,
        and one whose span no longer fits its document's text, without its place.
        """
        restored = 0
        with transaction(self.db):
            for entry in entries:
                doc_id, start, end = entry.doc_id, entry.start, entry.end
                chars = None if doc_id is None else self._document_chars(doc_id)
                if chars is None:
                    doc_id = None
                if chars is None or (end is not None and end > chars):
                    start = end = None
                cursor = self.db.execute(
                    f"INSERT OR IGNORE INTO words ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [entry.id, entry.word, entry.pinyin, entry.definition, doc_id, start, end,
                     entry.sentence, entry.created_at],
                )  # fmt: skip
                restored += cursor.rowcount
        return Changes(words=restored > 0)

    def document_changed(self, doc_id: int, old_text: str, new_text: str) -> dict[str, int]:
        """Importer listener: carry the words' offsets through the edit; reports nothing.

        A span that no longer holds text after the edit loses its place (the link to
        the document stays).
        """
        rows = self.db.execute(
            "SELECT id, start, end FROM words WHERE doc_id = ? AND start IS NOT NULL", [doc_id]
        ).fetchall()
        if not rows:
            return {}
        mapping = OffsetMap(old_text, new_text)
        for word_id, start, end in rows:
            new_start = min(mapping.map(int(start)), len(new_text))
            new_end = min(mapping.map(int(end)), len(new_text))
            place = (new_start, new_end) if new_start < new_end else (None, None)
            self.db.execute("UPDATE words SET start = ?, end = ? WHERE id = ?", [*place, word_id])
        return {}

    # -- reading ----------------------------------------------------------------------

    def get(self, word_id: int) -> WordEntry:
        found = self._by_ids([word_id])
        if not found:
            raise NotFoundError(f"no word with id {word_id} in the word list")
        return found[0]

    def find(self, word: str) -> WordEntry | None:
        """The entry of ``word`` (exactly as kept, surrounding blanks aside), if any."""
        rows = self._select("word = ?", [word.strip()])
        return rows[0] if rows else None

    def list(self, *, text_filter: str = "", doc_id: int | None = None) -> WordEntries:
        """Newest first. ``text_filter`` matches word, definition and sentence (ignoring
        case) and pinyin without tones, spaces or case (``jingjin`` finds jīng jīn jì)."""
        where, params = ("doc_id = ?", [doc_id]) if doc_id is not None else ("1", [])
        entries = self._select(where, params, order="created_at DESC, id DESC")
        needle = text_filter.strip()
        if not needle:
            return entries
        return [e for e in entries if _matches(e, needle.casefold(), pinyin_key(needle))]

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM words").fetchone()[0])

    # -- export -----------------------------------------------------------------------

    def export_tsv(self, path: Path, entries: Sequence[WordEntry] | None = None) -> int:
        """Write ``entries`` for Anki, in their order; returns how many.

        The default is the whole list oldest first, since Anki introduces new cards in
        import order. UTF-8 without a BOM (Anki would not see its headers after one).
        The file is replaced in one step; a folder or a missing parent folder is
        refused with one line.
        """
        from reader.core.export.service import write_atomic  # export pulls in its formats

        if entries is None:
            entries = self._select("1", [], order="created_at, id")
        write_atomic(Path(path), tsv_text(entries))
        return len(entries)

    # -- helpers ----------------------------------------------------------------------

    def _check_place(self, doc_id: int | None, start: int | None, end: int | None) -> None:
        if (start is None) != (end is None):
            raise UsageError("a word's start and end go together")
        if doc_id is None:
            if start is not None:
                raise UsageError("a word's place needs its document")
            return
        chars = self._document_chars(doc_id)
        if chars is None:
            raise NotFoundError(f"no document with id {doc_id}")
        if start is not None and end is not None and not 0 <= start < end <= chars:
            raise UsageError(
                f"span {start}..{end} is empty or outside document {doc_id} (0..{chars})"
            )

    def _document_chars(self, doc_id: int) -> int | None:
        """The length of the document's text; ``None`` if there is no such document."""
        row = self.db.execute("SELECT chars FROM documents WHERE id = ?", [doc_id]).fetchone()
        return None if row is None else int(row[0])

    def _by_ids(self, ids: Sequence[int]) -> WordEntries:
        if not ids:
            return []
        return self._select(f"id IN ({','.join('?' * len(ids))})", list(ids), order="id")

    def _select(self, where: str, params: Sequence[object], order: str = "id") -> WordEntries:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM words WHERE {where} ORDER BY {order}", list(params)
        ).fetchall()
        return [WordEntry(*row) for row in rows]


def keep_word(
    words: WordList,
    annotations: AnnotationService,
    word: str,
    *,
    pinyin: str = "",
    definition: str = "",
    doc_id: int | None = None,
    start: int | None = None,
    end: int | None = None,
    sentence: str = "",
    annotate: bool = False,
    tag: str = NEW_WORD_TAG,
    color: str = "yellow",
) -> tuple[WordEntry, Annotation | None, Changes]:
    """Keep it, in one step: add the word and, if ``annotate``, mark its place with the
    definition as the note (tagged ``生词`` unless told otherwise).

    One transaction for both. The annotation is made even when the word was kept
    before (this is another place it occurs), but not twice on the same span with
    the same tag, so pressing the key again changes nothing.
    """
    with transaction(words.db):
        entry, changes = words.keep(
            word, pinyin=pinyin, definition=definition, doc_id=doc_id, start=start, end=end,
            sentence=sentence,
        )  # fmt: skip
        if not annotate:
            return entry, None, changes
        if doc_id is None or start is None or end is None:
            raise UsageError("an annotation for the word needs its document and place")
        if _already_marked(annotations, doc_id, start, end, tag):
            return entry, None, changes
        ann, made = annotations.create(
            doc_id, start, end, color=color, note=definition, tags=[tag] if tag else []
        )
    return entry, ann, changes.merge(made)


def _already_marked(
    annotations: AnnotationService, doc_id: int, start: int, end: int, tag: str
) -> bool:
    return any(
        a.start == start and a.end == end and (not tag or tag in a.tags)
        for a in annotations.in_range(doc_id, start, end)
    )


_CLAUSE_MARKS = set("，、；：,;: \u3000")


def sentence_around(text: str, start: int, end: int, limit: int = SENTENCE_CHARS) -> str:
    """The sentence of ``text`` holding ``[start, end)``, on one line.

    A sentence runs from after the previous 。！？!? or line break to the next one
    (closing quotes included); one longer than ``limit`` is cut around the span.
    """
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
    right = min((i for i in (text.find(m, end) for m in _SENTENCE_ENDS) if i >= 0), default=-1)
    right = len(text) if right < 0 else right + (text[right] != "\n")
    while right < len(text) and text[right] in _CLOSERS:
        right += 1
    while left < start and text[left] in _CLOSERS:  # the previous sentence's closing quote
        left += 1
    if right - left > limit:
        half = max(0, (limit - (end - start)) // 2)
        left, right = max(left, start - half), min(right, end + half)
        while left < start and text[left] in _CLAUSE_MARKS:  # a cut leaves no leading ，
            left += 1
    return _one_line(text[left:right])


def pinyin_key(text: str) -> str:
    """``text`` without tone marks, tone numbers, spaces or case: ``Jīng jīn jì`` →
    ``jingjinji``, and ``lü4`` → ``lu``, so a filter typed without tones still finds it."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if "a" <= c <= "z")


def _matches(entry: WordEntry, needle: str, needle_key: str) -> bool:
    fields = (entry.word, entry.definition, entry.sentence, entry.pinyin)
    if any(needle in field.casefold() for field in fields):
        return True
    return bool(needle_key) and needle_key in pinyin_key(entry.pinyin)


def tsv_text(entries: Iterable[WordEntry]) -> str:
    """The Anki file: headers, then one line per word (word, pinyin, definition, sentence)."""
    lines: list[str] = list(ANKI_HEADER)
    for e in entries:
        lines.append("\t".join(tsv_field(v) for v in (e.word, e.pinyin, e.definition, e.sentence)))
    return "\n".join(lines) + "\n"


def tsv_field(value: str) -> str:
    """One field on one line: tabs and line breaks become a space.

    Anki reads the file as CSV: a field with a ``"`` is quoted (quotes doubled), and
    so is one starting with ``#``, which would otherwise make its line a comment.
    """
    flat = _one_line(value)
    if '"' in flat or flat.startswith("#"):
        return '"' + flat.replace('"', '""') + '"'
    return flat


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text).strip()
