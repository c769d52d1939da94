"""Qt item models over the core's frozen data; each is testable without a window."""

import datetime as dt

from PySide6.QtCore import Qt

#: The role every model of this package answers with the domain object of a row.
ObjectRole = Qt.ItemDataRole.UserRole + 1
#: The value to sort a column by (numbers as numbers, empty last).
SortRole = Qt.ItemDataRole.UserRole + 2
#: How a moment is shown: the date and the minute, in the user's local time.
MINUTE_FORMAT = "%Y-%m-%d %H:%M"
#: To the second, where entries follow each other closely (the audit log).
SECOND_FORMAT = "%Y-%m-%d %H:%M:%S"
#: The time of day alone, for what happened moments ago (when results were computed).
CLOCK_FORMAT = "%H:%M:%S"


def local_time(moment: dt.datetime | None, fmt: str = MINUTE_FORMAT) -> str:
    """A stored moment (the core keeps UTC) in the user's local time; "" for none."""
    return "" if moment is None else moment.astimezone().strftime(fmt)
