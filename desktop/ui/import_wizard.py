"""Importing candidates from .xlsx/.csv: choose a file → preview → commit → result.

The importer reads and checks in the background; nothing is written before the last page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.services import Services
from desktop.ui.background import run_in_background
from desktop.ui.feedback import background_failure, messages_text
from desktop.ui.i18n import arg
from desktop.ui.models.preview_model import COL_NAME, COL_PROBLEMS, ImportPreviewModel

if TYPE_CHECKING:
    from desktop.core.importing import Importer, ImportPreview, ImportResult

TABLE_SUFFIXES = (".xlsx", ".csv")


class FilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx) or a CSV file with one candidate "
                                 "per row and a header row (奖项, 推荐单位, 姓名…)."))
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        self.path.textChanged.connect(self.completeChanged)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch()

    def browse(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in TABLE_SUFFIXES)
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file"), "", arg(self.tr("Tables (%1)"), patterns))
        if name:
            self.path.setText(name)

    def isComplete(self) -> bool:
        return Path(self.path.text().strip()).is_file()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self._generation = 0
        self.setTitle(self.tr("Check the rows"))
        self.setSubTitle(self.tr("Rows in red have errors and stop the import; rows in amber "
                                 "have warnings and will be imported. Nothing is saved yet."))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_PROBLEMS, QHeaderView.ResizeMode.Stretch)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.create_missing = QCheckBox(self.tr("Create them along with the import"))
        self.create_missing.toggled.connect(self.run_preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.create_missing)

    def initializePage(self) -> None:
        self.create_missing.blockSignals(True)
        self.create_missing.setChecked(False)
        self.create_missing.blockSignals(False)
        self.run_preview()

    def run_preview(self) -> None:
        self.owner.preview = None
        self.completeChanged.emit()
        self.status.setText(self.tr("Reading the file…"))
        self.model.set_rows([])
        importer = self.owner.importer()
        campaign_id, path = self.owner.campaign_id, self.owner.path()
        create = self.create_missing.isChecked()
        self._generation += 1
        generation = self._generation
        run_in_background(lambda: importer.preview(campaign_id, path, create_missing=create),
                          lambda preview: self.show_preview(preview, generation),
                          self.preview_failed)

    def preview_failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("The file cannot be read."))
        background_failure(self)(exc)

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
        self.status.setText(arg(self.tr("%1 rows read: %2 errors, %3 warnings."),
                                len(preview.rows), len(errors), len(warnings)))
        # The check box below says what the CLI hint says.
        notes = [m for m in preview.file_messages if m.code != "create_missing_hint"]
        self.notes.setText(messages_text(notes))
        self.notes.setVisible(bool(notes))
        missing = bool(preview.missing_categories or preview.missing_units)
        self.create_missing.setVisible(missing or self.create_missing.isChecked())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        preview = self.owner.preview
        return preview is not None and bool(preview.ok)


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Import"))
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addStretch()

    def initializePage(self) -> None:
        self.label.setText(self.tr("Importing…"))
        importer, preview = self.owner.importer(), self.owner.preview
        create = self.owner.preview_page.create_missing.isChecked()
        run_in_background(lambda: importer.commit(preview, create), self.show_result,
                          background_failure(self))

    def show_result(self, result: ImportResult) -> None:
        self.owner.result_info = result
        text = result.message.text()
        if result.warnings:
            text += "\n\n" + messages_text(list(result.warnings))
        self.label.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.owner.result_info is not None


class ImportWizard(QWizard):
    def __init__(self, services: Services, campaign_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.campaign_id = campaign_id
        self.preview: ImportPreview | None = None
        self.result_info: ImportResult | None = None
        self.setWindowTitle(QCoreApplication.translate("ImportWizard", "Import candidates"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page in (self.file_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage)
        self.resize(900, 600)

    def path(self) -> Path:
        return Path(self.file_page.path.text().strip())

    def importer(self) -> Importer:
        return self.services.importer
