"""``lookup``: a word, or the word at an offset of a document, in CC-CEDICT.

``pizhu lookup WORD [--json]`` looks a headword up (simplified or traditional);
``pizhu lookup --doc DOC --at OFFSET [--json]`` finds the word at that code-point offset
of the document's canonical text the way the reader's pop-up does. An unknown word is
not an error (``"entries": []``, exit 0): the answer is that CC-CEDICT lacks it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli import argtypes
from reader.cli.options import JSON
from reader.cli.output import print_json, shown
from reader.core.dictionary import Dictionary, Entry, Lookup
from reader.core.library import Library
from reader.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lookup",
        help="look a word up in the dictionary (CC-CEDICT), or the word at an offset",
        description="Look WORD up, or the word at OFFSET of document DOC's canonical text.",
        parents=[JSON],
    )
    p.add_argument("word", nargs="?", metavar="WORD", help="simplified or traditional")
    p.add_argument("--doc", type=argtypes.doc_id, metavar="DOC", help="a document id")
    p.add_argument("--at", type=argtypes.offset, metavar="OFFSET", help="with --doc")
    p.set_defaults(handler=cmd_lookup)


def load_dictionary(*, warm: bool) -> Dictionary:
    """The dictionary from the user cache dir (tests replace this with a shared one)."""
    return Dictionary.load(warm=warm)


def cmd_lookup(args: argparse.Namespace, data_dir: Path) -> int:
    word = _checked_request(args)
    if word is None:  # the offset is checked before the (slow) dictionary loads
        text = _document_text(data_dir, args.doc, args.at)
        dictionary = load_dictionary(warm=False)
        found = dictionary.lookup_at(text, args.at)
    else:
        dictionary = load_dictionary(warm=False)
        found = dictionary.lookup(word)
    if args.json:
        print_json(found.as_json())
    else:
        _print_human(found, dictionary, at=args.at)
    return 0


def _checked_request(args: argparse.Namespace) -> str | None:
    """The word to look up, or ``None`` for ``--doc --at``; a malformed mix is a UsageError."""
    if args.word is not None and (args.doc is not None or args.at is not None):
        raise UsageError("lookup takes either WORD or --doc DOC --at OFFSET, not both")
    if args.word is None:
        if args.doc is None and args.at is None:
            raise UsageError("lookup needs a WORD, or --doc DOC --at OFFSET")
        if args.doc is None:
            raise UsageError("--at needs --doc DOC (the document the offset is in)")
        if args.at is None:
            raise UsageError("--doc needs --at OFFSET (where the word is)")
        return None
    if not args.word.strip():
        raise UsageError("the word to look up is empty")
    return str(args.word.strip())


def _document_text(data_dir: Path, doc: int, at: int) -> str:
    """The canonical text, checked to have an offset ``at`` (before the dictionary loads)."""
    library = Library.open(data_dir)
    try:
        text = library.documents.text(doc)
    finally:
        library.close()
    if at >= len(text):
        last = f"offsets 0 to {len(text) - 1}" if text else "no offsets"
        raise UsageError(
            f"offset {at} is out of range: document {doc} has {len(text)} characters ({last})"
        )
    return text


def _print_human(found: Lookup, dictionary: Dictionary, *, at: int | None) -> None:
    """Headwords, pinyin and numbered definitions; then the characters' entries."""
    if found.span is None and at is not None:
        print(f"no word at offset {at} (whitespace or punctuation)")
        return
    where = f"  @{found.span[0]}-{found.span[1]}" if found.span else ""
    if found.entries:
        if where:  # the word found at the offset, and where it is
            print(shown(f"{found.query}{where}"))
        for entry in found.entries:
            _print_entry(entry)
    else:
        reading = dictionary.pinyin_of(found.query)
        print(shown(f"{found.query}{where}  {reading}  (not in CC-CEDICT)"))
    if len(found.query) > 1 and found.characters:
        print("\ncharacters:")
        for entry in found.characters:
            _print_entry(entry)


def _print_entry(entry: Entry) -> None:
    forms = entry.simplified
    if entry.traditional != entry.simplified:
        forms += f" ({entry.traditional})"
    print(shown(f"{forms}  {entry.pinyin}"))
    for number, definition in enumerate(entry.definitions, 1):
        print(shown(f"  {number}. {definition}"))
    if not entry.definitions:
        print("  (no definition)")
