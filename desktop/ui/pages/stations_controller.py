"""What the stations page does: make this station's key, register and revoke stations, and
export or import a package in the background with a progress dialog. The import's result
(counts and every conflict) is shown in a dialog of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from desktop.core.stations import ExportInfo, ImportReport
from desktop.ui.background import progress_dialog, run_in_background
from desktop.ui.context import CampaignContext
from desktop.ui.feedback import background_failure, run_checked
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
    #: (done, total) from the worker thread, queued to the GUI thread.
    progressed = Signal(int, int)

    def __init__(self, page: StationsView, context: CampaignContext) -> None:
        super().__init__(page.widget())
        self.page = page
        #: What dialogs and messages open over.
        self.widget = page.widget()
        self.context = context
        self.services = context.services
        self.busy = False
        self.dialog: QProgressDialog | None = None
        self.last_report: ImportReport | None = None
        self.result_dialog: ImportResultDialog | None = None
        self.progressed.connect(self._show_progress)

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
        if campaign_id is None or not self._start(self.tr("Writing the package…")):
            return
        stations, images = self.services.stations, self.page.images_check.isChecked()
        progressed = self.progressed

        def done(info: ExportInfo) -> None:
            self._finished()
            QMessageBox.information(self.widget, self.tr("Export a package"), arg(self.tr(
                "“%1” written: %2 pages, %3 images, %4 KB, signed with this station's key.\n\n"
                "Take it to the organiser (a USB stick will do)."), info.path.name,
                info.sheets, info.images, round(info.size_bytes / 1024)))
            self.context.changed()

        run_in_background(lambda: stations.export_package(campaign_id, path, images,
                                                          progressed.emit),
                          done, self._failed())

    def import_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self.widget, self.tr("Import a package"), "",
                                                self.tr("Station package (*.zip)"))
        if chosen:
            self.import_from(Path(chosen))

    def import_from(self, path: Path) -> None:
        if not self._start(self.tr("Checking and merging the package…")):
            return
        stations, progressed = self.services.stations, self.progressed

        def done(report: ImportReport) -> None:
            self._finished()
            self.last_report = report
            self.context.changed()
            self._show_result(report)

        run_in_background(lambda: stations.import_package(path, progressed.emit), done,
                          self._failed())

    def _show_result(self, report: ImportReport) -> None:
        """Open the result window-modal without a nested event loop (``open()``, not
        ``exec()``): this runs in a background job's completion, where a nested loop would let
        other queued completions run inside it."""
        if self.result_dialog is not None:
            self.result_dialog.deleteLater()
        self.result_dialog = ImportResultDialog(report, self.widget)
        self.result_dialog.open()

    # -- the background job ------------------------------------------------------------------
    def _start(self, text: str) -> bool:
        if self.busy:
            return False
        self.busy = True
        self.page.set_busy(True)
        self.dialog = progress_dialog(
            self.widget, QCoreApplication.translate("Navigation", "Stations"), text)
        return True

    def _show_progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def _finished(self) -> None:
        self.busy = False
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.page.set_busy(False)
        self.page.refresh()

    def _failed(self) -> Callable[[Exception], None]:
        shown = background_failure(self.widget)

        def failed(exc: Exception) -> None:
            self._finished()
            shown(exc)

        return failed
