"""The shared table helpers: a narrow column still shows its whole heading."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from desktop.ui.i18n import install_language
from desktop.ui.models.ballot_models import ReconciliationModel
from desktop.ui.tables import list_table, set_widths

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
