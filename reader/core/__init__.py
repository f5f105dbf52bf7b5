"""Qt-free core: storage, import, text processing. Never import PySide6 here."""
