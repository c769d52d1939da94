"""What the results page does: recompute, change the rule, decide ties, write the outputs.

``Results.compute`` reads every ballot, online import and expert score, so it runs in the
background: when the page is shown, shortly after the campaign's data changed (changes in a
burst give one computation), and every few seconds while the page is on screen, so the tally
follows the scanning at another station. While a computation someone waits for is on its way
(after a change, a decision, or coming back to the page), the page says it is recalculating;
the quiet refresh for other stations does not. Settings and decisions are one short transaction each
on the GUI thread, announced with ``context.changed()``; the files are written in the
background. No worker touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.results import (
    CampaignResults,
    CountedTally,
    write_csv,
    write_notice,
    write_xlsx,
)
from desktop.ui.background import run_in_background
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.results_dialogs import NoticeDialog, PreviewDialog, TieDialog
from desktop.ui.feedback import background_failure, run_checked
from desktop.ui.i18n import arg
from desktop.ui.pages.base import PageView
from desktop.ui.pages.results_rule import RuleDialog
from desktop.ui.pdf_images import PdfPages

if TYPE_CHECKING:
    from desktop.core.results import CampaignResults, CategoryResult

#: Changes in a burst (a reviewer's decisions) give one computation.
COMPUTE_DELAY_MS = 300
#: While the page is on screen, the results follow other stations this often.
LIVE_REFRESH_MS = 5000
PREVIEW_DPI = 110


class ResultsView(PageView, Protocol):
    """What the controller asks of the results page (ResultsPage implements it)."""

    def category(self) -> CategoryResult | None: ...
    def show_results(self, results: CampaignResults | None) -> None: ...
    def show_recalculating(self, on: bool) -> None: ...
    def show_message(self, text: str) -> None: ...


class ResultsController(QObject):
    def __init__(self, page: ResultsView, context: CampaignContext) -> None:
        super().__init__(page.widget())
        self.page = page
        #: What dialogs and messages open over.
        self.widget = page.widget()
        self.context = context
        self.service = context.services.results
        self.results: CampaignResults | None = None
        self.preview: PreviewDialog | None = None
        self._running = False
        self._due = False
        #: Someone waits for the computation on its way (the page says it is recalculating).
        self._waited_for = False
        #: The computation on its way shows an earlier count (``_earlier_count``).
        self._from_earlier = False
        self._writing = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMPUTE_DELAY_MS)
        self._timer.timeout.connect(self.compute)
        self.live_timer = QTimer(self)
        self.live_timer.setInterval(LIVE_REFRESH_MS)
        self.live_timer.timeout.connect(self._follow)

    @property
    def busy(self) -> bool:
        return self._running or self._due or self._timer.isActive() or self._writing > 0

    # -- computing -----------------------------------------------------------------------------
    def schedule(self, waited_for: bool = True) -> None:
        if waited_for:
            self._wait()
        if not self._timer.isActive():
            self._timer.start()

    def _follow(self) -> None:
        """Follow other stations: a computation on its way brings their sheets already, so a
        long one is not restarted by the refresh (at 100,000 sheets it outlasts the interval)."""
        if not self._running:
            self.schedule(waited_for=False)

    def _wait(self) -> None:
        self._waited_for = True
        self.page.show_recalculating(True)

    def _done_waiting(self) -> None:
        self._waited_for = False
        self.page.show_recalculating(False)

    def compute(self, waited_for: bool = False) -> None:
        if waited_for:
            self._wait()
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            self.results = None
            self._done_waiting()
            self.page.show_results(None)
            return
        if self._running:
            self._due = True
            return
        self._running, self._due = True, False
        service = self.service
        earlier = self._earlier_count(campaign_id)
        self._from_earlier = earlier is not None
        run_in_background(lambda: service.compute(campaign_id, counted=earlier), self._computed,
                          self._failed)

    def _earlier_count(self, campaign_id: int) -> CountedTally | None:
        """The newest count this process made of the campaign (by the scan page or an earlier
        computation), when it is newer than the one shown: the page shows it at once, then
        counts what came after it (at 100,000 sheets a count takes most of a second)."""
        earlier = self.context.services.results.last_tally(campaign_id)
        shown = self.results
        if earlier is None or (shown is not None and shown.campaign_id == campaign_id
                               and shown.paper_head is not None and earlier.head is not None
                               and earlier.head.entry_id <= shown.paper_head.entry_id):
            return None
        return earlier

    def _computed(self, results: CampaignResults) -> None:
        self._running = False
        if not shiboken6.isValid(self.widget):
            return
        current = results.campaign_id == self.context.campaign_id
        if current:
            # Shown even when a change asks for another computation: figures a moment old
            # beat a page that never shows any while changes keep coming.
            self.results = results
            self.page.show_results(results)
            # An earlier count shown at once: now the count of what is recorded.
            self._due = self._due or (self._from_earlier and not results.paper_current)
        if self._due or not current:
            self._due = False
            self.compute()  # "recalculating" stays on for whoever waits for the change
            return
        if self._waited_for:
            self._done_waiting()

    def _failed(self, exc: Exception) -> None:
        self._running = self._due = False
        if shiboken6.isValid(self.widget):
            self._done_waiting()
            background_failure(self.widget)(exc)

    def _saved(self) -> None:
        self.context.changed()  # other pages follow; this one recomputes
        self.schedule()

    # -- settings and decisions ----------------------------------------------------------------
    def edit_rule(self, before_notice: bool = False) -> bool:
        """The rule dialog; True when a rule was saved."""
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return False
        sources = self.results.sources if self.results else ()
        dialog = RuleDialog(self.service.rule(campaign_id).rule, sources, self.widget,
                            before_notice)
        if dialog.exec() and run_checked(
                self.widget, lambda: self.service.set_rule(campaign_id, dialog.rule())) is not None:
            self._saved()
            return True
        return False

    def decide_tie(self) -> None:
        campaign_id, category = self.context.campaign_id, self.page.category()
        if campaign_id is None or self.results is None or category is None \
                or not category.cutoff_tie:
            return
        dialog = TieDialog(category, self.results.rule.rule, self.widget)
        if dialog.exec() and run_checked(self.widget, lambda: self.service.decide_tie(
                campaign_id, category.name, dialog.winners(), dialog.note_text())) is not None:
            self._saved()

    def edit_notice(self) -> None:
        campaign = self.context.campaign
        if campaign is None:
            return
        dialog = NoticeDialog(self.service.notice(campaign.id), campaign.name, self.widget)
        if dialog.exec() and run_checked(self.widget, lambda: self.service.set_notice(
                campaign.id, dialog.settings())) is not None:
            self.page.show_message(self.tr("Notice settings saved."))

    # -- outputs -------------------------------------------------------------------------------
    def _ask_file(self, title: str, name: str, suffix: str, kind: str) -> Path | None:
        campaign = self.context.campaign
        chosen, _filter = QFileDialog.getSaveFileName(
            self.widget, title, arg(name, campaign.name if campaign else "") + suffix,
            f"{kind} (*{suffix})")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _write(self, work: Callable[[int], Any], done: Callable[[Any], None],
               message: str = "") -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        self._writing += 1
        self.page.show_message(message or self.tr("Writing…"))

        def succeeded(result: Any) -> None:
            self._writing -= 1
            if shiboken6.isValid(self.widget):
                done(result)

        def failed(exc: Exception) -> None:
            self._writing -= 1
            if shiboken6.isValid(self.widget):
                self.page.show_message("")
                background_failure(self.widget)(exc)

        run_in_background(lambda: work(campaign_id), succeeded, failed)

    def _written(self, path: Path) -> None:
        self.page.show_message(arg(self.tr("Written: %1"), path))

    def export_notice(self, path: Path | None = None) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is not None and not self.service.rule_confirmed(campaign_id) \
                and not self.edit_rule(before_notice=True):
            return  # the first notice waits for a rule someone chose
        path = path or self._ask_file(self.tr("Write the notice PDF"),
                                      self.tr("%1 results notice"), ".pdf", "PDF")
        if path is None:
            return
        service = self.service
        self._write(lambda cid: write_notice(service.compute(cid), service.notice(cid), path),
                    self._notice_written)

    def _notice_written(self, path: Path) -> None:
        self._written(path)
        answer = QMessageBox.question(self.widget, self.tr("Notice written"), arg(self.tr(
            "The notice was written to %1.\n\nShow page 1?"), path))
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda _cid: (path, _first_page(path)), self._show_preview,
                        self.tr("Rendering page 1…"))

    def _show_preview(self, rendered: tuple[Path, QImage]) -> None:
        self.page.show_message("")
        if self.preview is not None:
            self.preview.close()
        self.preview = PreviewDialog(*rendered, parent=self.widget)
        self.preview.show()

    def export_table(self, path: Path | None = None, excel: bool = True) -> None:
        suffix = ".xlsx" if excel else ".csv"
        path = path or self._ask_file(self.tr("Export the results table"),
                                      self.tr("%1 results"), suffix,
                                      "Excel" if excel else "CSV")
        if path is None:
            return
        writer = write_xlsx if excel else write_csv
        service = self.service
        self._write(lambda cid: writer(service.compute(cid), path), self._written)

    def export_cvr(self, folder: Path | None = None) -> None:
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self.widget, self.tr("Cast-vote record: an empty folder"))
            if not chosen:
                return
            folder = Path(chosen)
        record = self.context.services.results.cast_vote_record()
        self._write(lambda cid: record.export(cid, folder), self._written)


def _first_page(path: Path) -> QImage:
    pages = PdfPages(path)
    try:
        return pages.render(0, PREVIEW_DPI)
    finally:
        pages.close()
