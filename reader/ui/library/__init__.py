"""The library tree and what acts on documents and collections."""
