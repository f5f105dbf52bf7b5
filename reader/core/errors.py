"""Exceptions that carry a message fit to show a user as one line."""


class PizhuError(Exception):
    """A failure the user can understand and act on (exit code 1)."""


class UsageError(PizhuError):
    """The user asked for something malformed (exit code 2)."""


class NotFoundError(PizhuError):
    """A document, collection or other object id does not exist."""
