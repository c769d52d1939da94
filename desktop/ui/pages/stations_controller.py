"""What the stations page does: make this station's key, register and revoke stations, and
export or import a package in the background with a progress dialog. The import's result
(counts and every conflict) is shown in a dialog of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.stations import ExportInfo, ImportReport
from desktop.ui.background import run_job
from desktop.ui.context import CampaignContext
from desktop.ui.feedback import run_checked
from desktop.ui.i18n import arg
from desktop.ui.pages.base import PageView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit

    from desktop.core.stations import StationInfo

class StationsView(PageView, Protocol):
    """What the controller asks of the stations page (StationsPage implements it)."""

    station_name_edit: QLineEdit
    register_name_edit: QLineEdit
    register_key_edit: QPlainTextEdit
    images_check: QCheckBox

    def refresh(self) -> None: ...
    def selected_station(self) -> StationInfo | None: ...
    def set_busy(self, busy: bool) -> None: ...


class ImportResultDialog(QDialog):
    """The counts of an import and every conflict, to read and copy."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Package imported"))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel(report.summary().text())
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.conflicts = QPlainTextEdit()
        self.conflicts.setReadOnly(True)
        lines = [f"• {m.text()}" for m in report.conflict_messages()]
        self.conflicts.setPlainText("\n".join(lines) if lines
                                    else self.tr("No conflicts."))
        layout.addWidget(QLabel(self.tr("Conflicts (the station's page is kept for review, "
                                        "never counted twice):")))
        layout.addWidget(self.conflicts, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class StationsController(QObject):
    def __init__(self, page: StationsView, context: CampaignContext) -> None:
        super().__init__(page.widget())
        self.page = page
        #: What dialogs and messages open over.
        self.widget = page.widget()
        self.context = context
        self.services = context.services
        self.busy = False
        self.last_report: ImportReport | None = None
        self.result_dialog: ImportResultDialog | None = None

    # -- this station's key ------------------------------------------------------------------
    def create_key(self) -> None:
        key = run_checked(self.widget, lambda: self.services.stations.identity(
            self.page.station_name_edit.text().strip() or None))
        if key is not None:
            self.page.refresh()

    def new_key(self) -> None:
        answer = QMessageBox.question(self.widget, self.tr("New key"), self.tr(
            "Make a new key for this station? Packages signed with the old key are refused "
            "once the organiser registers the new one in its place."))
        if answer == QMessageBox.StandardButton.Yes:
            run_checked(self.widget, lambda: self.services.stations.identity(
                self.page.station_name_edit.text().strip() or None, new=True))
            self.page.refresh()

    # -- registered stations -----------------------------------------------------------------
    def register(self) -> None:
        info = run_checked(self.widget, lambda: self.services.stations.register(
            self.page.register_name_edit.text(), self.page.register_key_edit.toPlainText()))
        if info is not None:
            self.page.register_name_edit.clear()
            self.page.register_key_edit.clear()
            self.page.refresh()

    def revoke(self) -> None:
        station = self.page.selected_station()
        if station is None:
            return
        answer = QMessageBox.question(self.widget, self.tr("Revoke station"), arg(self.tr(
            "Refuse every package of “%1” from now on? Packages imported already stay."),
            station.name))
        if answer == QMessageBox.StandardButton.Yes:
            run_checked(self.widget, lambda: self.services.stations.revoke(station.name))
            self.page.refresh()

    # -- packages ----------------------------------------------------------------------------
    def export_file(self) -> None:
        campaign = self.context.campaign
        if campaign is None:
            return
        key = self.services.stations.current()
        name = f"{key.name if key else 'station'}-{campaign.name}.zip"
        chosen, _ = QFileDialog.getSaveFileName(self.widget, self.tr("Export a package"), name,
                                                self.tr("Station package (*.zip)"))
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None or self.busy:
            return
        stations, images = self.services.stations, self.page.images_check.isChecked()

        def done(info: ExportInfo) -> None:
            QMessageBox.information(self.widget, self.tr("Export a package"), arg(self.tr(
                "“%1” written: %2 pages, %3 images, %4 KB, signed with this station's key.\n\n"
                "Take it to the organiser (a USB stick will do)."), info.path.name,
                info.sheets, info.images, round(info.size_bytes / 1024)))
            self.context.changed()

        self._run(self.tr("Writing the package…"),
                  lambda report: stations.export_package(campaign_id, path, images, report),
                  done)

    def import_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self.widget, self.tr("Import a package"), "",
                                                self.tr("Station package (*.zip)"))
        if chosen:
            self.import_from(Path(chosen))

    def import_from(self, path: Path) -> None:
        if self.busy:
            return
        stations = self.services.stations

        def done(report: ImportReport) -> None:
            self.last_report = report
            self.context.changed()
            self._show_result(report)

        self._run(self.tr("Checking and merging the package…"),
                  lambda report: stations.import_package(path, report), done)

    def _show_result(self, report: ImportReport) -> None:
        """Open the result window-modal without a nested event loop (``open()``, not
        ``exec()``): this runs in a background job's completion, where a nested loop would let
        other queued completions run inside it."""
        if self.result_dialog is not None:
            self.result_dialog.deleteLater()
        self.result_dialog = ImportResultDialog(report, self.widget)
        self.result_dialog.open()

    # -- the background job ------------------------------------------------------------------
    def _run(self, text: str, work: Callable[[Callable[[int, int], None]], Any],
             done: Callable[[Any], None]) -> None:
        run_job(self.widget, QCoreApplication.translate("Navigation", "Stations"), text, work,
                done, busy=self._set_busy)

    def _set_busy(self, busy: bool) -> None:
        """One package job at a time; the page's buttons wait while it runs, and show the
        stations as they are once it ended."""
        self.busy = busy
        self.page.set_busy(busy)
        if not busy:
            self.page.refresh()
