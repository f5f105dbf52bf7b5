"""Ingest: every file format becomes one canonical text, an outline, pages and metadata.

Each format module in :mod:`reader.core.ingest.formats` turns bytes into an
:class:`~reader.core.ingest.model.Extracted` (paragraph blocks plus what the
file says about itself); :func:`~reader.core.ingest.render.render` turns that
into the :class:`~reader.core.ingest.model.ParsedDocument` the library stores.
Nothing downstream knows which format a document came from.
"""
