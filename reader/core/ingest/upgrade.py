"""Bringing documents imported by the first importer up to today's rules, in place.

Run once by a migration. Their text stays as it is (annotations point into it);
what was chosen about it is chosen again: the title, unless the user renamed the
document, the date, the script, and outline entries that started on an indent.
A user's rename cannot be told apart from an automatic title by a flag (there
was none), so a title the first importer could not have made is the user's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from reader.core.ingest.script import detect_script
from reader.core.ingest.titles import choose_title, clean_title, date_of

_OLD_MAX_TITLE = 60
_INDENT = " \t\u3000"


@dataclass(frozen=True)
class Upgrade:
    title: str
    user_titled: bool
    date: str
    script: str


def upgrade_details(title: str, text: str, source_path: str | None, first_heading: str) -> Upgrade:
    name = PurePath(source_path).name if source_path else ""
    paragraphs = text[:4000].split("\n\n")
    date, script = date_of(name, paragraphs), detect_script(text)
    automatic = title in _first_importer_titles(paragraphs, name, first_heading)
    if automatic or not clean_title(title):
        fresh = choose_title(heading=first_heading, filename=name, paragraphs=paragraphs)
        return Upgrade(fresh, False, date, script)
    return Upgrade(title, True, date, script)


def _first_importer_titles(paragraphs: list[str], name: str, first_heading: str) -> set[str]:
    """Every title the first importer could have given this text (its rules, kept here)."""
    titles = {first_heading[:_OLD_MAX_TITLE], PurePath(name).stem, "Untitled"}
    for part in paragraphs[:5]:
        first_line = part.split("\n", 1)[0].strip(" \t\u3000")
        if first_line.endswith(("：", ":")):
            continue
        if first_line and len(first_line) <= _OLD_MAX_TITLE:
            titles.add(first_line)
        if first_line:
            break
    return titles - {""}


def moved_outline_start(text: str, start: int, title: str) -> int | None:
    """An entry the first importer placed on the indent before its title: the title's start."""
    if text[start : start + len(title)] == title:
        return None
    lead = len(text[start : start + 8]) - len(text[start : start + 8].lstrip(_INDENT))
    if lead and text[start + lead : start + lead + len(title)] == title:
        return start + lead
    return None
