"""Small Qt-free text helpers that keep Pizhu's one coordinate system.

Everything here maps a text to a text of the same length in code points, so an offset
into the result is the same offset into the canonical text (docs/architecture.md).
"""
