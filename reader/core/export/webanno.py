"""Annotations as W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/).

A full backup: each annotation targets its document by content hash
(``urn:sha256:…``) with a ``TextQuoteSelector`` (exact, prefix, suffix) and a
``TextPositionSelector`` (start, end), so it can be placed again in a library whose
copy of the text differs. Note and tags are ``TextualBody`` bodies (purposes
``commenting`` and ``tagging``); what the model has no word for (colour key, style,
status, trash time, colour labels, document tags) lives under the ``pizhu:`` prefix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.core.anchoring import Anchor
from reader.core.annotations import Annotation
from reader.core.errors import PizhuError

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
        raw_items = None
    if not isinstance(raw_items, list):
        raise PizhuError("not a Web Annotation collection (no items)")
    return colors, docs, [_parse_item(raw, n) for n, raw in enumerate(raw_items, 1)]


def _list(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _parse_item(raw: Any, n: int) -> BackupItem:
    try:
        target = raw["target"]
        selectors = target["selector"]
        if isinstance(selectors, dict):
            selectors = [selectors]
        quote = next(s for s in selectors if s.get("type") == "TextQuoteSelector")
        position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), {})
        exact = str(quote["exact"])
        start = int(position.get("start", 0))
        end = int(position.get("end", start + len(exact)))
        source = str(target.get("source", ""))
        bodies = raw.get("body") or []
        if isinstance(bodies, dict):
            bodies = [bodies]
        notes = [b["value"] for b in bodies if b.get("purpose") == "commenting"]
        tags = [b["value"] for b in bodies if b.get("purpose") == "tagging"]
        document = raw.get("pizhu:document") or {}
        return BackupItem(
            uuid=str(raw["id"]).removeprefix("urn:uuid:"),
            sha256=source.removeprefix("urn:sha256:") if source.startswith("urn:sha256:") else None,
            title=document.get("title"),
            anchor=Anchor(
                start, end, exact, str(quote.get("prefix", "")), str(quote.get("suffix", ""))
            ),
            note=str(notes[0]) if notes else "",
            tags=[str(t) for t in tags],
            color=str(raw.get("pizhu:color") or "yellow"),
            style=str(raw.get("pizhu:style") or "highlight"),
            created=raw.get("created"),
            updated=raw.get("modified"),
            deleted=raw.get("pizhu:deleted"),
        )
    except (KeyError, TypeError, ValueError, StopIteration, AttributeError) as exc:
        raise PizhuError(f"annotation {n} of the backup is malformed ({exc!r})") from None
