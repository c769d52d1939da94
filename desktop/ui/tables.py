"""How every list in BallotDesk looks and selects, in one place instead of one copy per page.

Whole rows are selected, rows alternate in colour, text does not wrap, there is no row-number
column and every page has the same row height. Whether a cell can be edited is the model's
answer (``flags()``), not the view's: only the expert matrix says yes.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

#: One line of the UI font with room above and below; the same on every page so they line up.
ROW_HEIGHT_PX = 26
#: Rows a column that fits its contents is measured on (Qt's default is 1000, which it
#: measures again on every layout change: a review queue of 3,000 sheets at 100,000 recorded
#: took half a second to show). Rows further down are as wide as these in every list here.
FIT_ROWS = 100

Selection = QAbstractItemView.SelectionMode


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
