"""Pieces every room uses: the action registry, undo, background work, theme, resources."""
