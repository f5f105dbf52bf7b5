"""Annotation tools: selection toolbar, note and tag editors, the per-document panel."""
