"""Studying in the window: the Words view, the Statistics view, reading-time tracking."""
