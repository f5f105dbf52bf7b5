"""QDate to ``datetime.date``, typed.

``QDate.toPython()`` is declared to return ``object`` in PySide6's stubs; building the
date from its parts gives the checker a real ``date`` without a cast.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def py_date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())
