"""The size and SHA-256 of every Whoosh file of the last commit.

Whoosh keeps no checksums: a truncated compound segment fails to open, but a
changed byte can open and answer from garbage. After every commit, still holding
the writer lock, the indexer records each file of the new generation (its TOC and
its segments) in ``pizhu-manifest.json``, written atomically. So whenever the
lock is free, the manifest describes the latest generation exactly, and any
difference is damage.

Sizes are compared whenever an index is opened (a ``stat`` per file: free);
SHA-256 only by ``pizhu check``. Segment files never change once written (each
has a random name), so a commit hashes only the files that are new.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from reader.core.search.integrity import MISSING, CacheDamage, file_sha256

MANIFEST_FILE = "pizhu-manifest.json"
INDEX_NAME = "MAIN"  # Whoosh's default index name: files _MAIN_<gen>.toc, MAIN_<segid>.*
_TOC_NAME = re.compile(rf"^_{INDEX_NAME}_([0-9]+)\.toc$")
_SEGMENT_NAME = re.compile(rf"^({INDEX_NAME}_[0-9a-z]+)\.[A-Za-z0-9_.]+$")


@dataclass(frozen=True)
class Manifest:
    generation: int
    files: dict[str, tuple[int, str]]  # file name -> (size, sha256)


def latest_generation(names: Iterable[str]) -> int:
    """The generation Whoosh opens (its newest TOC), -1 when there is none."""
    found = [int(m.group(1)) for m in map(_TOC_NAME.match, names) if m]
    return max(found, default=-1)


def manifest_path(index_dir: Path) -> Path:
    return index_dir / MANIFEST_FILE


def read_manifest(index_dir: Path) -> Manifest:
    """The recorded manifest; :class:`CacheDamage` when it is missing or unreadable."""
    path = manifest_path(index_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = {str(name): (int(size), str(digest)) for name, (size, digest) in
                 data["files"].items()}
        return Manifest(int(data["generation"]), files)
    except FileNotFoundError:
        raise CacheDamage(path, MISSING) from None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        raise CacheDamage(path, "unreadable") from None


def record_manifest(index_dir: Path) -> Manifest:
    """Describe the latest generation; call right after a commit, under the writer lock."""
    toc = TOC.read(FileStorage(str(index_dir)), INDEX_NAME)
    segments = {segment.segment_id() for segment in toc.segments}
    names = [f"_{INDEX_NAME}_{toc.generation}.toc"] + sorted(
        name for name in os.listdir(index_dir)
        if (m := _SEGMENT_NAME.match(name)) and m.group(1) in segments
    )
    try:
        previous = read_manifest(index_dir).files
    except CacheDamage:
        previous = {}
    files = {}
    for name in names:
        size = (index_dir / name).stat().st_size
        known = previous.get(name)
        files[name] = known if known and known[0] == size else (size, file_sha256(index_dir / name))
    manifest = Manifest(toc.generation, files)
    _write_atomically(manifest_path(index_dir), {"generation": manifest.generation,
                                                 "files": manifest.files})
    return manifest


def damaged_files(index_dir: Path, manifest: Manifest, *, full: bool) -> list[CacheDamage]:
    """Files of ``manifest`` that are missing or differ in size (and, if ``full``, SHA-256)."""
    damage = []
    for name, (size, digest) in manifest.files.items():
        path = index_dir / name
        try:
            actual = path.stat().st_size
            if actual != size:
                damage.append(CacheDamage(path, f"size {actual} bytes, expected {size}"))
            elif full and file_sha256(path) != digest:
                damage.append(CacheDamage(path, "checksum mismatch"))
        except FileNotFoundError:
            damage.append(CacheDamage(path, MISSING))
        except OSError as exc:
            damage.append(CacheDamage(path, f"cannot be read ({exc.strerror})"))
    return damage


def _write_atomically(path: Path, data: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(path)
