"""Where the library lives.

Precedence: explicit ``--data-dir`` > ``PIZHU_DATA_DIR`` > platformdirs' user data dir.
Tests always pass a temporary dir so they never touch the user's real library.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

from reader.errors import PizhuError

ENV_DATA_DIR = "PIZHU_DATA_DIR"
LIBRARY_FILE = "library.sqlite3"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the data dir to use, without creating it."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def default_data_dir() -> Path:
    """The platform's user data dir (``~/.local/share/pizhu`` on Linux)."""
    return Path(user_data_dir("pizhu", appauthor=False))


def ensure_data_dir(path: Path) -> Path:
    """Create the data dir if needed; fail with a clear message if it cannot be used."""
    if path.exists() and not path.is_dir():
        raise PizhuError(f"data dir {path} exists but is not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PizhuError(f"cannot create data dir {path}: {exc.strerror or exc}") from exc
    if not os.access(path, os.W_OK):
        raise PizhuError(f"data dir {path} is not writable")
    return path


def library_path(data_dir: Path) -> Path:
    return data_dir / LIBRARY_FILE


def cache_dir() -> Path:
    """Per-user cache (jieba's dictionary cache, the default library's search index)."""
    return Path(user_cache_dir("pizhu", appauthor=False))


SEARCH_INDEX_DIRNAME = "index"


def search_index_dir(data_dir: Path) -> Path:
    """Where the search index of the library in ``data_dir`` lives: it is a cache.

    The default library's goes to the user cache dir (``$XDG_CACHE_HOME/pizhu/index``),
    which backups skip and the system may clean; any other library (``--data-dir``,
    ``PIZHU_DATA_DIR``) keeps it beside itself, so that two libraries never share one.
    """
    if _same_dir(data_dir, default_data_dir()):
        return cache_dir() / SEARCH_INDEX_DIRNAME
    return data_dir / SEARCH_INDEX_DIRNAME


def legacy_search_index_dir(data_dir: Path) -> Path | None:
    """Where an older Pizhu kept the index when that is no longer the place (or None)."""
    old = data_dir / SEARCH_INDEX_DIRNAME
    return None if _same_dir(old, search_index_dir(data_dir)) else old


def _same_dir(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return a == b
