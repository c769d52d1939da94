"""Importing candidates from .xlsx/.xls/.csv: choose a file → what its columns mean → preview
→ commit → result.

The column page shows the importer's suggestion (the mapping kept for files of this shape, else
the header texts') with each column's first cells; the user may change any meaning (序号 is a
row count unless set to the number). When another encoding also decodes a CSV, the preview
offers both readings to pick from. The importer reads and checks in the background; nothing
is written before the last page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ballotformat.messages import field_label
from desktop.core.registry import MAPPABLE
from desktop.core.services import Services
from desktop.core.tabular import IGNORE
from desktop.ui.background import run_in_background
from desktop.ui.feedback import messages_text
from desktop.ui.i18n import arg
from desktop.ui.import_frame import FilePage, ImportFrame, PreviewStatus
from desktop.ui.models.preview_model import COL_NAME, COL_PROBLEMS, ImportPreviewModel
from desktop.ui.tables import cell_text, keyed_widget, list_table

if TYPE_CHECKING:
    from desktop.core.registry import ColumnGuess, Importer, ImportPreview


class ColumnPage(QWizardPage):
    """What each column of the file is read as; a combo per column."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.guess: ColumnGuess | None = None
        self._generation = 0
        self.setTitle(self.tr("What the columns mean"))
        self.setSubTitle(self.tr("Check what each column is read as and change it where it is "
                                 "wrong; the choice is kept for the next file with the same "
                                 "headers."))
        self.status = PreviewStatus()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("First cells"), self.tr("Read as")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def meanings(self) -> list[tuple[str, str]]:
        labels = {"row_count": self.tr("row count (not imported)"),
                  IGNORE: self.tr("not imported")}
        return [(key, labels.get(key) or field_label(key)) for key in (*MAPPABLE, IGNORE)]

    def initializePage(self) -> None:
        self.guess = None
        self.completeChanged.emit()
        self.table.setRowCount(0)
        self.status.reading()
        importer, campaign_id = self.owner.importer(), self.owner.campaign_id
        path, encoding = self.owner.path(), self.owner.encoding
        self._generation += 1
        generation = self._generation
        run_in_background(lambda: importer.columns(campaign_id, path, encoding),
                          lambda guess: self.show_guess(guess, generation),
                          self.status.unreadable)

    def show_guess(self, guess: ColumnGuess, generation: int) -> None:
        if generation != self._generation:
            return
        self.guess = guess
        self.status.read(self.tr("As last time for files with these headers.")
                         if guess.origin == "saved" else
                         self.tr("Suggested from the header texts."))
        headers = [h for h in guess.headers if h]
        self.table.setRowCount(len(headers))
        for row, header in enumerate(headers):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            self.table.setItem(row, 1, QTableWidgetItem(guess.samples.get(header, "")))
            combo = QComboBox()
            for key, label in self.meanings():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(guess.mapping.get(header, IGNORE))))
            self.table.setCellWidget(row, 2, combo)
        self.table.resizeColumnToContents(0)
        self.completeChanged.emit()

    def combo(self, header: str) -> QComboBox:
        return keyed_widget(self.table, header, 2, QComboBox)

    def mapping(self) -> dict[str, str] | None:
        if self.guess is None:
            return None
        headers = (cell_text(self.table, row, 0) for row in range(self.table.rowCount()))
        return {header: str(self.combo(header).currentData()) for header in headers}

    def isComplete(self) -> bool:
        return self.guess is not None


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self._generation = 0
        self.setTitle(self.tr("Check the rows"))
        self.setSubTitle(self.tr("Rows in red have errors and stop the import; rows in amber "
                                 "have warnings and will be imported. Nothing is saved yet."))
        self.status = PreviewStatus()
        self.model = ImportPreviewModel(self)
        self.table = list_table(self.model, COL_PROBLEMS, fit_columns=False)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.create_missing = QCheckBox(self.tr("Create them along with the import"))
        self.create_missing.toggled.connect(self.run_preview)
        #: The encodings that decode the file, when more than one does.
        self.encoding = QComboBox()
        self.encoding.activated.connect(self.choose_encoding)
        self.encoding_row = QWidget()
        form = QFormLayout(self.encoding_row)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Read the file as:"), self.encoding)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.encoding_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.create_missing)

    def initializePage(self) -> None:
        self.create_missing.blockSignals(True)
        self.create_missing.setChecked(False)
        self.create_missing.blockSignals(False)
        self.encoding_row.hide()
        self.run_preview()

    def choose_encoding(self) -> None:
        self.owner.encoding = str(self.encoding.currentData())
        self.run_preview()

    def run_preview(self) -> None:
        self.owner.preview = None
        self.completeChanged.emit()
        self.status.reading()
        self.model.set_rows([])
        importer = self.owner.importer()
        campaign_id, path = self.owner.campaign_id, self.owner.path()
        create = self.create_missing.isChecked()
        mapping, encoding = self.owner.column_page.mapping(), self.owner.encoding
        self._generation += 1
        generation = self._generation
        run_in_background(lambda: importer.preview(campaign_id, path, create_missing=create,
                                                   mapping=mapping, encoding=encoding),
                          lambda preview: self.show_preview(preview, generation),
                          self.status.unreadable, owner=self)

    def show_preview(self, preview: ImportPreview, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return  # an older preview, overtaken by a newer one
        self.owner.preview = preview
        self.model.set_rows(list(preview.rows))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().resizeSection(COL_NAME, 140)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_PROBLEMS, QHeaderView.ResizeMode.Stretch)
        errors, warnings = list(preview.errors), list(preview.warnings)
        self.status.read(arg(self.tr("%1 rows read: %2 errors, %3 warnings."),
                             len(preview.rows), len(errors), len(warnings)))
        # The check box below says what the CLI hint says.
        notes = [m for m in preview.file_messages if m.code != "create_missing_hint"]
        self.notes.setText(messages_text(notes))
        self.notes.setVisible(bool(notes))
        if preview.alternatives:
            self.encoding.clear()
            for encoding in (preview.encoding, *(e for e, _ in preview.alternatives)):
                self.encoding.addItem(str(encoding), encoding)
            self.encoding_row.show()
        missing = bool(preview.missing_categories or preview.missing_units)
        self.create_missing.setVisible(missing or self.create_missing.isChecked())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        preview = self.owner.preview
        return preview is not None and bool(preview.ok)


class ImportWizard(ImportFrame):
    def __init__(self, services: Services, campaign_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, campaign_id, parent)
        self.preview: ImportPreview | None = None
        #: The encoding the user picked for a text file; None: the one detected.
        self.encoding: str | None = None
        self.setWindowTitle(QCoreApplication.translate("ImportWizard", "Import candidates"))
        self.column_page = ColumnPage(self)
        self.preview_page = PreviewPage(self)
        self.add_pages(FilePage(self), self.column_page, self.preview_page)
        self.file_page.path.textChanged.connect(self._new_file)
        self.file_page.setSubTitle(QCoreApplication.translate(
            "ImportWizard", "An Excel workbook (.xlsx, .xls) or a CSV file with one candidate "
            "per row and a header row (奖项, 推荐单位, 姓名…)."))
        self.resize(900, 600)

    def _new_file(self) -> None:
        self.encoding = None

    def importer(self) -> Importer:
        return self.services.importer

    def commit_work(self) -> Callable[[], str]:
        importer, preview = self.importer(), self.preview
        assert preview is not None  # the preview page is complete only with a preview
        create = self.preview_page.create_missing.isChecked()

        def work() -> str:
            result = importer.commit(preview, create)
            text = result.message.text()
            if result.warnings:
                text += "\n\n" + messages_text(list(result.warnings))
            return text

        return work
