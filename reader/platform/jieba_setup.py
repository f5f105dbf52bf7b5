"""Point jieba's dictionary cache at Pizhu's user cache dir.

jieba builds a prefix dictionary from ``dict.txt`` (about 4 s on the project VM) and
pickles it to ``<tmp>/jieba.cache``. The system temp dir is wiped on reboot (and
per-session on Windows and macOS), so a frozen app would rebuild it on most starts;
the user cache dir survives. Call :func:`configure_jieba` before the first cut.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.platform.paths import cache_dir


def jieba_cache_dir() -> Path:
    return cache_dir() / "jieba"


def configure_jieba(tokenizer: Any = None) -> Path:
    """Set ``tmp_dir`` on ``tokenizer`` (default: ``jieba.dt``); return the cache dir.

    Safe to call more than once. It only takes effect before the tokenizer's
    ``initialize()``; jieba keeps an already loaded dictionary in memory.
    """
    if tokenizer is None:
        import jieba  # importing jieba costs ~0.3 s: only when asked

        tokenizer = jieba.dt
    folder = jieba_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path(tokenizer.tmp_dir or "")  # unwritable cache: jieba's temp-dir default
    tokenizer.tmp_dir = str(folder)
    return folder


def dictionary_file() -> Path:
    """jieba's bundled main dictionary (the smoke test checks the frozen app has it)."""
    import jieba

    return Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
