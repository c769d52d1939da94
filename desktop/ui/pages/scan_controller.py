"""What the scan page does: start and stop a source, show each outcome as it is recorded (a
beep for a counted sheet, a red flash for a refused one), keep the counters, and refresh the
count per category in the background, at most twice a second."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.records import RecordOutcome, ScanCounts, default_station
from desktop.core.results import Tally
from desktop.ui.background import run_in_background
from desktop.ui.context import CampaignContext
from desktop.ui.i18n import arg
from desktop.ui.models.scan_models import KIND_COLOURS, Kind, OutcomeRow, kind_label
from desktop.ui.pages.base import PageView
from desktop.ui.pages.scan_jobs import ScanJob, SourceKind
from scanning.sources import AcquisitionError, AcquisitionProblem, ScannerInfo, list_scanners

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QPushButton

    from desktop.core.records import ScanCounts
    from desktop.ui.models.scan_models import OutcomeTableModel, TallyTableModel
    from desktop.ui.pages.scan_sources import SourcePanel

STATION_KEY = "scan/station"
#: The count per category is refreshed at most this often while sheets come in.
TALLY_INTERVAL_MS = 500
#: A live tally that took T waits at least this many times T before the next: the count on
#: screen keeps up, and on a county's campaign (a tally of seconds) it takes at most a
#: quarter of a core from the batch being read.
TALLY_SPACING = 3
#: How long the status line stays green or red after a sheet.
FLASH_MS = 900


class ScanView(PageView, Protocol):
    """What the controller asks of the scan page (ScanPage implements it)."""

    sources: SourcePanel
    start_button: QPushButton
    stop_button: QPushButton
    clear_button: QPushButton
    station: QLineEdit
    status_label: QLabel
    ballots_label: QLabel
    progress: QProgressBar
    outcome_model: OutcomeTableModel
    tally_model: TallyTableModel

    def update_actions(self) -> None: ...
    def show_counts(self, counts: ScanCounts) -> None: ...
    def show_frame(self, image: QImage, capture_text: str) -> None: ...


@dataclass(frozen=True)
class TallyView:
    tally: Tally
    #: category → candidate number as printed → name
    names: Mapping[str, Mapping[str, str]]


def capture_text(state: str) -> str:
    texts = {
        "searching": QCoreApplication.translate("ScanController", "Looking for a ballot…"),
        "settling": QCoreApplication.translate("ScanController", "Hold still…"),
        "waiting_for_serial": QCoreApplication.translate("ScanController",
                                                         "Reading the QR code…"),
        "captured": QCoreApplication.translate("ScanController", "Taken"),
        "holding": QCoreApplication.translate("ScanController",
                                              "Taken: lay the next sheet on it, or take it away"),
    }
    return texts.get(state, state)


class ScanController(QObject):
    def __init__(self, page: ScanView, context: CampaignContext) -> None:
        super().__init__(page.widget())
        self.page = page
        #: What dialogs and messages open over.
        self.widget = page.widget()
        self.context = context
        self.services = context.services
        self.job: ScanJob | None = None
        self.counts = ScanCounts()
        self._tally_running = False
        self._tally_due = False
        self._tally_started = 0.0
        self._tally_timer = QTimer(self)
        self._tally_timer.setSingleShot(True)
        self._tally_timer.setInterval(TALLY_INTERVAL_MS)
        self._tally_timer.timeout.connect(self.refresh_tally)
        self._watched: QWidget | None = None
        page.station.setText(str(QSettings().value(STATION_KEY, "") or default_station()))
        page.station.editingFinished.connect(self.save_station)
        page.start_button.clicked.connect(self.start)
        page.stop_button.clicked.connect(self.stop)
        page.clear_button.clicked.connect(self.clear)
        page.sources.refreshScannersRequested.connect(self.find_scanners)
        page.show_counts(self.counts)

    # -- starting and stopping -----------------------------------------------------------------
    def save_station(self) -> None:
        station = self.page.station.text().strip() or default_station()
        self.page.station.setText(station)
        QSettings().setValue(STATION_KEY, station)

    def start(self) -> None:
        if self.job is not None or self.context.campaign_id is None:
            return
        self.save_station()
        request = self.page.sources.request(self.page.station.text())
        if isinstance(request, str):
            QMessageBox.warning(self.widget, self.tr("Scan ballots"), request)
            return
        job = ScanJob(self.services, request)
        job.outcome.connect(self.show_outcome)
        job.progressed.connect(self.show_progress)
        job.frame.connect(self.show_frame)
        job.ended.connect(self.job_ended)
        self.job = job
        # The counters describe this run: a rescan refused whole as recorded before showed
        # the first run's "counted" beside it. The list of sheets keeps earlier runs.
        self.counts = ScanCounts()
        self.page.show_counts(self.counts)
        live = request.kind is not SourceKind.FILES
        bar = self.page.progress
        bar.resetFormat()
        bar.setRange(0, 0 if live else 1)
        bar.setValue(0)
        self.page.status_label.setText(self.tr("Waiting for sheets…") if live
                                       else self.tr("Reading…"))
        job.start()
        self.page.update_actions()

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop()
            self.page.status_label.setText(self.tr("Stopping…"))
            self.page.update_actions()

    def shutdown(self) -> None:
        """The window closes: stop the source and wait for its thread."""
        job = self.job
        if job is not None:
            job.stop()
            job.wait()

    def watch_window(self, window: QWidget) -> None:
        if window is not self._watched:
            window.installEventFilter(self)
            self._watched = window
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(self.shutdown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    @Slot(bool)
    def job_ended(self, cancelled: bool) -> None:
        job, self.job = self.job, None
        if not shiboken6.isValid(self.widget):
            return
        c = self.counts
        summary = arg(self.tr("%1 counted, %2 for review, %3 not counted, %4 recorded before."),
                      c.accepted, c.review, c.rejected, c.already)
        backed_up = job.backed_up if job is not None else None
        self.page.status_label.setText(
            (self.tr("Stopped.") if cancelled else self.tr("Finished.")) + " " + summary
            + ("" if backed_up is None else "\n" + backed_up.message().text()))
        bar = self.page.progress
        if bar.maximum() == 0:  # a live source: the bar was busy, the format counts sheets
            bar.setRange(0, 1)
            bar.setValue(0 if cancelled else 1)
        self.page.update_actions()
        self.schedule_tally()
        self.context.changed()  # reconciliation, review queue and results follow the batch

    # -- what the job reports ------------------------------------------------------------------
    @Slot(object)
    def show_outcome(self, item: object) -> None:
        if not shiboken6.isValid(self.widget):
            return
        assert isinstance(item, RecordOutcome | AcquisitionProblem)
        row = OutcomeRow.of(item)
        self.page.outcome_model.add(row)
        if isinstance(item, RecordOutcome):
            self.counts.add(item)
            self.page.show_counts(self.counts)
        if row.kind is Kind.ACCEPTED:
            QApplication.beep()
        self.flash(row)
        if row.kind in (Kind.ACCEPTED, Kind.REVIEW):
            self.schedule_tally()

    def flash(self, row: OutcomeRow) -> None:
        """The status line in the sheet's colour for a moment: green counted, red refused."""
        label = self.page.status_label
        text, background = KIND_COLOURS[row.kind]
        label.setStyleSheet(f"color: {text.name()}; background: {background.name()}; "
                            "padding: 2px 6px; font-weight: bold;")
        label.setText(f"{kind_label(row.kind)}　{row.sheet}　{row.message}")
        QTimer.singleShot(FLASH_MS, self._unflash)

    def _unflash(self) -> None:
        if shiboken6.isValid(self.widget):
            self.page.status_label.setStyleSheet("")

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if not shiboken6.isValid(self.widget):
            return
        bar = self.page.progress
        if total:
            bar.setRange(0, total)
            bar.setValue(done)
        else:
            bar.setFormat(arg(self.tr("%1 sheets"), done))

    @Slot(QImage, str)
    def show_frame(self, image: QImage, state: str) -> None:
        if shiboken6.isValid(self.widget):
            self.page.show_frame(image, capture_text(state))

    def clear(self) -> None:
        self.counts = ScanCounts()
        self.page.outcome_model.clear()
        self.page.show_counts(self.counts)
        self.page.status_label.clear()

    # -- scanners ------------------------------------------------------------------------------
    def find_scanners(self) -> None:
        sources = self.page.sources
        sources.refresh_button.setEnabled(False)
        sources.set_scanners([], self.tr("Looking for scanners…"))
        run_in_background(list_scanners, self._scanners_found, self._scanners_failed)

    def _scanners_found(self, scanners: list[ScannerInfo]) -> None:
        if shiboken6.isValid(self.widget):
            self.page.sources.refresh_button.setEnabled(True)
            self.page.sources.set_scanners(scanners, "" if scanners else self.tr(
                "No scanner found. Is it switched on and connected?"))

    def _scanners_failed(self, exc: Exception) -> None:
        if not isinstance(exc, AcquisitionError):
            raise exc
        if shiboken6.isValid(self.widget):
            self.page.sources.refresh_button.setEnabled(True)
            self.page.sources.set_scanners([], exc.problem.text())

    # -- the count per category ----------------------------------------------------------------
    def schedule_tally(self) -> None:
        if not self._tally_timer.isActive():
            self._tally_timer.start()

    def refresh_tally(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            self.page.tally_model.set_rows([])
            return
        if self._tally_running:
            self._tally_due = True
            return
        self._tally_running, self._tally_due = True, False
        self._tally_started = time.monotonic()
        results, candidates = self.services.results, self.services.candidates

        def work() -> TallyView:
            names: dict[str, dict[str, str]] = {}
            for candidate in candidates.list(campaign_id):
                if candidate.number is not None:
                    names.setdefault(candidate.category, {})[
                        candidate.number_text] = candidate.name
            return TallyView(results.current_tally(campaign_id).tally, names)

        run_in_background(work, self._tally_done)

    def _tally_done(self, view: TallyView) -> None:
        self._tally_running = False
        took_ms = 1000 * (time.monotonic() - self._tally_started)
        self._tally_timer.setInterval(max(TALLY_INTERVAL_MS, round(TALLY_SPACING * took_ms)))
        if not shiboken6.isValid(self.widget):
            return
        self.page.tally_model.set_tally(view.tally, view.names)
        self.page.ballots_label.setText(arg(
            self.tr("%1 ballots returned, %2 of them blank."), view.tally.ballots,
            view.tally.blank_ballots))
        if self._tally_due:
            self.schedule_tally()
