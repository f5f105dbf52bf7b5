"""Annotations as W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/).

A full backup: each annotation targets its document by content hash
(``urn:sha256:…``) with a ``TextQuoteSelector`` (exact, prefix, suffix) and a
``TextPositionSelector`` (start, end), so it can be placed again in a library whose
copy of the text differs. Note and tags are ``TextualBody`` bodies (purposes
``commenting`` and ``tagging``); what the model has no word for (colour key, style,
status, trash time, colour labels, document tags) lives under the ``pizhu:`` prefix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reader.core.annotate.anchoring import Anchor
from reader.core.annotate.annotations import Annotation
from reader.core.storage.db import SQLITE_INT_MAX
from reader.errors import PizhuError

CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"pizhu": "urn:pizhu:"}]


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    title: str
    sha256: str
    source: str | None
    tags: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "sha256": self.sha256,
            "source": self.source,
            "tags": list(self.tags),
        }


@dataclass
class BackupItem:
    """One annotation read back from a backup, before it is matched to a document."""

    uuid: str
    sha256: str | None
    title: str | None
    anchor: Anchor
    note: str = ""
    tags: list[str] = field(default_factory=list)
    color: str = "yellow"
    style: str = "highlight"
    created: str | None = None
    updated: str | None = None
    deleted: str | None = None


def to_item(ann: Annotation, doc: DocumentRecord) -> dict[str, object]:
    body: list[dict[str, str]] = []
    if ann.note:
        body.append(
            {
                "type": "TextualBody",
                "value": ann.note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in ann.tags]
    return {
        "id": f"urn:uuid:{ann.uuid}",
        "type": "Annotation",
        "motivation": "commenting" if ann.note else "highlighting",
        "created": ann.created,
        "modified": ann.updated,
        "body": body,
        "target": {
            "source": f"urn:sha256:{doc.sha256}",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": ann.quote,
                    "prefix": ann.prefix,
                    "suffix": ann.suffix,
                },
                {"type": "TextPositionSelector", "start": ann.start, "end": ann.end},
            ],
        },
        "pizhu:document": {"id": doc.id, "title": doc.title},
        "pizhu:color": ann.color,
        "pizhu:style": ann.style,
        "pizhu:status": ann.status,
        "pizhu:deleted": ann.deleted,
    }


def to_collection(
    docs: list[DocumentRecord],
    annotations: list[Annotation],
    colors: list[dict[str, object]],
    generated: str,
    generator: str,
) -> dict[str, object]:
    by_id = {doc.id: doc for doc in docs}
    items = [to_item(ann, by_id[ann.doc_id]) for ann in annotations]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Pizhu annotations",
        "generator": generator,
        "generated": generated,
        "total": len(items),
        "pizhu:colors": colors,
        "pizhu:documents": [doc.as_json() for doc in docs],
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def parse_collection(
    data: Any,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[BackupItem]]:
    """(colours, documents, items) of a backup; raises :class:`PizhuError` if malformed."""
    if isinstance(data, list):
        raw_items, colors, docs = data, [], []
    elif isinstance(data, dict):
        page = data.get("first", data)
        raw_items = page.get("items") if isinstance(page, dict) else None
        colors = _list(data.get("pizhu:colors"))
        docs = _list(data.get("pizhu:documents"))
    else:
        raw_items, colors, docs = None, [], []
    if not isinstance(raw_items, list):
        raise PizhuError("not a Web Annotation collection (no items)")
    return colors, docs, [_parse_item(raw, n) for n, raw in enumerate(raw_items, 1)]


def _list(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


class _Malformed(PizhuError):
    """One field of one backup item is missing or of the wrong type."""


def _parse_item(raw: Any, n: int) -> BackupItem:
    """Read item ``n`` (1-based) of a backup, checking every field before it is used.

    A backup is a file from anywhere: a list where text belongs would reach SQLite as
    a ``ProgrammingError``, an empty quote would be restored as an empty orphan. The
    message names the item and the field, so the file can be fixed.
    """
    try:
        item = _object(raw, "the annotation")
        target = _object(item.get("target"), "target")
        quote, position = _selectors(target.get("selector"))
        exact = _required_text(quote, "exact")
        start = _offset(position, "start", 0)
        end = _offset(position, "end", start + len(exact))
        source = _text(target, "source") or ""
        notes, tags = _bodies(item.get("body"))
        document = _object(item.get("pizhu:document") or {}, "pizhu:document")
        return BackupItem(
            uuid=_uuid(item),
            sha256=source.removeprefix("urn:sha256:") if source.startswith("urn:sha256:") else None,
            title=_text(document, "title"),
            anchor=Anchor(
                start, end, exact, _text(quote, "prefix") or "", _text(quote, "suffix") or ""
            ),
            note=notes[0] if notes else "",
            tags=tags,
            color=_text(item, "pizhu:color") or "yellow",
            style=_text(item, "pizhu:style") or "highlight",
            created=_timestamp(item, "created"),
            updated=_timestamp(item, "modified"),
            deleted=_timestamp(item, "pizhu:deleted"),
        )
    except _Malformed as exc:
        raise PizhuError(f"annotation {n} of the backup is malformed: {exc}") from None


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Malformed(f"{_field(what)} must be an object, not {_kind(value)}")
    return value


def _selectors(value: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the TextQuoteSelector, the TextPositionSelector or ``{}``) of a target."""
    selectors = [value] if isinstance(value, dict) else value
    if not isinstance(selectors, list):
        raise _Malformed(f'"selector" must be a list of objects, not {_kind(value)}')
    found = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    if "TextQuoteSelector" not in found:
        raise _Malformed('the target has no "TextQuoteSelector"')
    return found["TextQuoteSelector"], found.get("TextPositionSelector", {})


def _bodies(value: Any) -> tuple[list[str], list[str]]:
    """(notes, tags) from the ``body``: TextualBody values by purpose."""
    bodies = [value] if isinstance(value, dict) else (value or [])
    if not isinstance(bodies, list):
        raise _Malformed(f'"body" must be a list of objects, not {_kind(value)}')
    notes: list[str] = []
    tags: list[str] = []
    for body in bodies:
        body = _object(body, "body")
        purpose = body.get("purpose")
        if purpose == "commenting":
            notes.append(_text(body, "value") or "")
        elif purpose == "tagging":
            tags.append(_required_text(body, "value"))
    return notes, tags


def _text(obj: dict[str, Any], key: str) -> str | None:
    """``obj[key]`` if it is text, ``None`` if absent or null."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Malformed(f"{_field(key)} must be text, not {_kind(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Malformed(f"{_field(key)} is not valid text (a lone surrogate)") from None
    return value


def _required_text(obj: dict[str, Any], key: str) -> str:
    value = _text(obj, key)
    if value is None:
        raise _Malformed(f"{_field(key)} is missing")
    if not value:
        raise _Malformed(f"{_field(key)} is empty")
    return value


def _uuid(item: dict[str, Any]) -> str:
    uuid = _required_text(item, "id").strip().removeprefix("urn:uuid:")
    if not uuid:
        raise _Malformed('"id" names no UUID')
    return uuid


def _offset(obj: dict[str, Any], key: str, default: int) -> int:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Malformed(f"{_field(key)} must be a whole number, not {_kind(value)}")
    if not 0 <= value <= SQLITE_INT_MAX:
        raise _Malformed(f"{_field(key)} is out of range ({_short(value)})")
    return value


def _timestamp(obj: dict[str, Any], key: str) -> str | None:
    """An ISO 8601 date and time, as Pizhu writes them (``None``: not set)."""
    value = _text(obj, key)
    if value is None:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise _Malformed(f"{_field(key)} is not a date and time: {value[:40]!r}") from None
    return value


def _field(key: str) -> str:
    return key if key.startswith("the ") else f'"{key}"'


def _kind(value: Any) -> str:
    """How a JSON value is described in a message: its type, with lists and numbers shown."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    return f"{'a list' if isinstance(value, list) else 'a number'} {_short(value)}"


def _short(value: Any) -> str:
    try:
        text = json.dumps(value)
    except ValueError:  # an integer too long to print
        return "(too long)"
    return text if len(text) <= 30 else text[:29] + "…"
