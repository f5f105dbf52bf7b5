"""Exceptions that carry a message fit to show a user as one line.

Storage failures the user can act on (another writer holds the library, the disk is
full) arrive as ``sqlite3.OperationalError`` or ``OSError``; :func:`library_error`
turns them into :class:`PizhuError` subclasses, so the CLI and the window show the
same sentence instead of a traceback.
"""

from __future__ import annotations

import errno
import sqlite3

_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


class PizhuError(Exception):
    """A failure the user can understand and act on (exit code 1)."""


class UsageError(PizhuError):
    """The user asked for something malformed (exit code 2)."""


class NotFoundError(PizhuError):
    """A document, collection or other object id does not exist."""


class LibraryBusyError(PizhuError):
    """Another process held the write lock for longer than the busy timeout."""

    def __init__(self, message: str = "the library is busy (another Pizhu is writing); try again"):
        super().__init__(message)


class DiskFullError(PizhuError):
    """A write ran out of space; the transaction was rolled back."""

    def __init__(self, message: str = "the disk is full; nothing was changed") -> None:
        super().__init__(message)


def library_error(exc: BaseException) -> PizhuError | None:
    """The user-facing error for a storage failure, or ``None`` if ``exc`` is something else.

    The SQLite error code decides; the message is matched too, because errors raised
    by libraries on top of ``sqlite3`` may carry only that.
    """
    if isinstance(exc, OSError):
        return DiskFullError() if exc.errno in _DISK_FULL_ERRNOS else None
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF  # primary of an extended code
    message = str(exc).lower()
    if code == sqlite3.SQLITE_FULL or "disk is full" in message:
        return DiskFullError()
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in message:
        return LibraryBusyError()
    return None
