"""What the candidates page's actions do: dialogs in, service calls, results shown."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ballotformat.messages import info, list_separator
from desktop.core.enums import CandidateStatus
from desktop.ui.background import run_in_background
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.candidate_dialog import CandidateDialog
from desktop.ui.dialogs.registry_dialogs import StatusDialog
from desktop.ui.feedback import background_failure, run_checked
from desktop.ui.i18n import arg
from desktop.ui.pages.base import PageView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from desktop.core.registry import CandidateInfo


class CandidatesView(PageView, Protocol):
    """What the controller asks of the candidates page (CandidatesPage implements it)."""

    category_filter: QComboBox

    def selected(self) -> list[CandidateInfo]: ...


class CandidatesController(QObject):
    def __init__(self, page: CandidatesView, context: CampaignContext) -> None:
        super().__init__(page.widget())
        self.page = page
        #: What dialogs and messages open over.
        self.widget = page.widget()
        self.context = context
        self.services = context.services

    def add(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        if not self.services.registry.list_categories(campaign_id):
            QMessageBox.information(self.widget, self.tr("New candidate"), self.tr(
                "Add an award category on the campaign page first."))
            return
        if CandidateDialog(self.services, campaign_id, parent=self.widget).exec():
            self.context.changed()

    def edit(self) -> None:
        selected = self.page.selected()
        campaign_id = self.context.campaign_id
        if len(selected) != 1 or campaign_id is None:
            return
        current = self.services.candidates.get(selected[0].id)
        if CandidateDialog(self.services, campaign_id, current, parent=self.widget).exec():
            self.context.changed()

    def delete(self) -> None:
        selected = self.page.selected()
        if not selected:
            return
        names = (list_separator().join(c.name for c in selected[:5])
                 + ("…" if len(selected) > 5 else ""))
        answer = QMessageBox.question(
            self.widget, self.tr("Delete candidates"),
            arg(self.tr("Delete %n candidate(s): %1?", "", len(selected)), names))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.services.candidates.delete([c.id for c in selected])
        self.context.changed()

    def change_status(self, status: CandidateStatus) -> None:
        selected = self.page.selected()
        if not selected:
            return
        dialog = StatusDialog(status, len(selected), parent=self.widget)
        if not dialog.exec():
            return
        ids = [c.id for c in selected]
        run_checked(self.widget, lambda: self.services.candidates.set_status(
            ids, status, dialog.note_text()))
        self.context.changed()

    def assign_numbers(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        chosen = self.page.category_filter.currentData()
        categories = [c for c in self.services.registry.list_categories(campaign_id)
                      if chosen is None or c.id == chosen]
        scope = categories[0].name if chosen is not None and categories else self.tr(
            "every category")
        answer = QMessageBox.question(
            self.widget, self.tr("Number automatically"),
            arg(self.tr("Give numbers in registry order to the candidates of %1 that have "
                        "none? Existing numbers are kept; rejected and withdrawn candidates "
                        "get none."), scope))
        if answer != QMessageBox.StandardButton.Yes:
            return
        count = sum(self.services.candidates.assign_numbers(c.id) for c in categories)
        self.context.changed()
        QMessageBox.information(self.widget, self.tr("Number automatically"),
                                self.tr("%n candidate(s) numbered.", "", count))

    def import_file(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        from desktop.ui.pages.candidates_import import ImportWizard

        wizard = ImportWizard(self.services, campaign_id, parent=self.widget)
        wizard.exec()
        # Deleted now, not with the window: a closed wizard left under the page outlived its
        # use and met the window's rebuild (a language switch) with its pages still wired.
        wizard.deleteLater()
        if wizard.result_text is not None:
            self.context.changed()

    def export_file(self) -> None:
        campaign = self.context.campaign
        if campaign is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self.widget, self.tr("Export candidates"), f"{campaign.name}.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV file (*.csv)"))
        if not name:
            return
        self.export_to(campaign.id, Path(name))

    def export_to(self, campaign_id: int, path: Path) -> None:
        """Write the export in the background; say how many were written."""
        exporter = self.services.exporter
        page = self.widget

        def done(count: int) -> None:
            text = info("export_done", count=count, file=path.name).text()
            QMessageBox.information(page, self.tr("Export candidates"), text)

        run_in_background(lambda: exporter.export(campaign_id, path), done,
                          background_failure(page))
