"""Qt item models over the core's frozen data; each is testable without a window."""

from PySide6.QtCore import Qt

#: The role every model of this package answers with the domain object of a row.
ObjectRole = Qt.ItemDataRole.UserRole + 1
#: The value to sort a column by (numbers as numbers, empty last).
SortRole = Qt.ItemDataRole.UserRole + 2
