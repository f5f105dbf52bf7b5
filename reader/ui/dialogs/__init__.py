"""Dialogs that belong to no single room."""
