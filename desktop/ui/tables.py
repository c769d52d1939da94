"""How every list in BallotDesk looks and selects, in one place instead of one copy per page.

Whole rows are selected, rows alternate in colour, text does not wrap, there is no row-number
column and every page has the same row height. Whether a cell can be edited is the model's
answer (``flags()``), not the view's: only the expert matrix says yes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QWidget

#: One line of the UI font with room above and below; the same on every page so they line up.
ROW_HEIGHT_PX = 26
#: Rows a column that fits its contents is measured on (Qt's default is 1000, which it
#: measures again on every layout change: a review queue of 3,000 sheets at 100,000 recorded
#: took half a second to show). Rows further down are as wide as these in every list here.
FIT_ROWS = 100

Selection = QAbstractItemView.SelectionMode
W = TypeVar("W", bound=QWidget)


def list_table(model: QAbstractItemModel, stretch: int | None = None, *,
               fit_columns: bool = True, selection: Selection = Selection.SingleSelection,
               row_height: int = ROW_HEIGHT_PX) -> QTableView:
    """A table of ``model``'s rows. Columns fit their contents (``fit_columns``) and the
    ``stretch`` column takes the width left over."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    header = table.horizontalHeader()
    if fit_columns:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(FIT_ROWS)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def set_widths(table: QTableView, widths: Mapping[int, int]) -> None:
    """Give columns their widths (px), each at least as wide as its own header text needs in
    the current language: a narrow figure column never cuts its heading ("Not returned")."""
    header = table.horizontalHeader()
    for column, width in widths.items():
        header.resizeSection(column, max(width, header.sectionSizeHint(column)))


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """A cell's text; a cell without an item reads as ""."""
    item = table.item(row, column)
    return "" if item is None else item.text()


def keyed_widget(table: QTableWidget, key: str, column: int, kind: type[W]) -> W:
    """The ``kind`` widget in ``column`` of the row whose first cell reads ``key`` (the import
    wizards' tables: a file's column or value first, the user's choice for it beside)."""
    for row in range(table.rowCount()):
        if cell_text(table, row, 0) == key:
            widget = table.cellWidget(row, column)
            if not isinstance(widget, kind):
                raise TypeError(f"row {key!r}, column {column} holds {widget!r}, not {kind}")
            return widget
    raise KeyError(key)
