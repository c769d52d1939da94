"""The shared table helpers: a narrow column still shows its whole heading; a long list's
columns fit its first rows."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.i18n import install_language
from desktop.ui.models.ballot_models import ReconciliationModel
from desktop.ui.tables import FIT_ROWS, list_table, set_widths

NARROW_PX = 10


def test_a_narrow_column_is_as_wide_as_its_heading(qtbot: QtBot) -> None:
    try:
        for language in ("en", "zh_CN"):
            install_language(language)
            model = ReconciliationModel()
            table = list_table(model, ReconciliationModel.COL_BOX, fit_columns=False)
            qtbot.addWidget(table)
            columns = range(ReconciliationModel.COL_PRINTED, ReconciliationModel.COLUMN_COUNT)
            set_widths(table, dict.fromkeys(columns, NARROW_PX))
            header = table.horizontalHeader()
            metrics = QFontMetrics(header.font())
            for column in columns:
                text = str(model.headerData(column, header.orientation()))
                assert header.sectionSize(column) > metrics.horizontalAdvance(text), text
    finally:
        install_language("zh_CN")


def column_width(qtbot: QtBot, wide_row: int) -> tuple[int, int]:
    """The fitted width of a one-column list of ``FIT_ROWS * 3`` short rows with one long row
    at ``wide_row``, and the width of the long text."""
    model = QStandardItemModel()
    long_text = "宽" * 60
    for row in range(FIT_ROWS * 3):
        model.appendRow(QStandardItem(long_text if row == wide_row else "1"))
    table = list_table(model)
    qtbot.addWidget(table)
    table.resize(2000, 400)
    table.show()
    QApplication.processEvents()
    return (table.horizontalHeader().sectionSize(0),
            QFontMetrics(table.font()).horizontalAdvance(long_text))


def test_columns_fit_their_first_rows_only(qtbot: QtBot) -> None:
    """Columns fit the first ``FIT_ROWS`` rows: Qt's own 1,000 rows, measured again on every
    layout change, took half a second to show a review queue of 3,000 sheets."""
    width, text = column_width(qtbot, 1)
    assert width >= text, "a long cell among the first rows widens its column"
    width, text = column_width(qtbot, FIT_ROWS * 2)
    assert width < text, "one further down does not"
