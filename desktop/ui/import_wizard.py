"""Importing candidates from .xlsx/.csv: choose a file → preview → commit → result.

The importer reads and checks in the background; nothing is written before the last page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.core.services import Services
from desktop.ui.background import run_in_background
from desktop.ui.feedback import messages_text
from desktop.ui.i18n import arg
from desktop.ui.import_frame import FilePage, ImportFrame, PreviewStatus
from desktop.ui.models.preview_model import COL_NAME, COL_PROBLEMS, ImportPreviewModel
from desktop.ui.tables import list_table

if TYPE_CHECKING:
    from desktop.core.importing import Importer, ImportPreview


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
        self.status.reading()
        self.model.set_rows([])
        importer = self.owner.importer()
        campaign_id, path = self.owner.campaign_id, self.owner.path()
        create = self.create_missing.isChecked()
        self._generation += 1
        generation = self._generation
        run_in_background(lambda: importer.preview(campaign_id, path, create_missing=create),
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
        self.setWindowTitle(QCoreApplication.translate("ImportWizard", "Import candidates"))
        self.preview_page = PreviewPage(self)
        self.add_pages(FilePage(self), self.preview_page)
        self.file_page.setSubTitle(QCoreApplication.translate(
            "ImportWizard", "An Excel workbook (.xlsx) or a CSV file with one candidate per row "
            "and a header row (奖项, 推荐单位, 姓名…)."))
        self.resize(900, 600)

    def importer(self) -> Importer:
        return self.services.importer

    def commit_work(self) -> Callable[[], str]:
        importer, preview = self.importer(), self.preview
        create = self.preview_page.create_missing.isChecked()

        def work() -> str:
            result = importer.commit(preview, create)
            text = result.message.text()
            if result.warnings:
                text += "\n\n" + messages_text(list(result.warnings))
            return text

        return work
