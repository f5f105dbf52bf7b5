"""Annotations and what hangs on them: anchoring, tags, colours, progress."""
