"""The Annotations workspace (Ctrl+Shift+A): every annotation of the library in one list."""
