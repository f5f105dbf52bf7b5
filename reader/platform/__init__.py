"""Qt-free plumbing that is not the domain: data and cache dirs, bundled resources,
settings.json, jieba set-up, the desktop entry. Imports nothing else of ``reader``
but ``reader.errors``."""
