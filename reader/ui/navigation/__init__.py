"""Back/forward through the places jumps left (history), and bookmarks (Ctrl+D)."""
