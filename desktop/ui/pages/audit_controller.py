"""What the audit log page does: read entries with the chosen filter, verify the chain and
export the log in the background, and show the results. It never writes to the log."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ballotformat.messages import RuleError
from desktop.core.audit import Verification, parse_anchors
from desktop.ui.background import run_in_background, run_job
from desktop.ui.context import CampaignContext
from desktop.ui.feedback import background_failure
from desktop.ui.i18n import arg
from desktop.ui.pages.base import PageView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QLineEdit

    from desktop.core.audit import Anchor, AuditFilter, AuditRecord

#: The table shows at most this many entries (the newest); filters reach older ones.
SHOWN_ENTRIES_MAX = 5000
#: Findings listed in the message box; the rest are counted.
FINDINGS_SHOWN_MAX = 30


class AuditView(PageView, Protocol):
    """What the controller asks of the audit page (AuditPage implements it)."""

    verify_label: QLabel
    anchor_edit: QLineEdit

    def current_filter(self) -> AuditFilter: ...
    def fill_choices(self, actions: list[str], entities: list[str], actors: list[str]) -> None: ...
    def set_busy(self, busy: bool) -> None: ...
    def show_entries(self, entries: list[AuditRecord], more: bool) -> None: ...
    def show_head(self, head: Anchor | None) -> None: ...
    def show_verification(self, text: str, ok: bool) -> None: ...


class AuditController(QObject):
    def __init__(self, page: AuditView, context: CampaignContext) -> None:
        super().__init__(page.widget())
        self.page = page
        #: What dialogs and messages open over.
        self.widget = page.widget()
        self.services = context.services
        self.log = context.services.audit_log
        self.busy = False

    def refresh_choices(self) -> None:
        self.page.fill_choices(self.log.actions(), self.log.entities(), self.log.actors())
        self.page.show_head(self.log.head())

    def reload(self) -> None:
        entries = self.log.entries(self.page.current_filter(), newest_first=True,
                                   limit=SHOWN_ENTRIES_MAX + 1)
        self.page.show_entries(entries[:SHOWN_ENTRIES_MAX], len(entries) > SHOWN_ENTRIES_MAX)

    def _start(self) -> bool:
        if self.busy:
            return False
        self._set_busy(True)
        return True

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.page.set_busy(busy)

    # -- verify ------------------------------------------------------------------------------
    def verify(self) -> None:
        """The chain, and the anchors typed (checked before the work starts)."""
        try:
            anchors = parse_anchors(self.page.anchor_edit.text())
        except RuleError as exc:
            self.page.show_verification(exc.messages[0].text(), ok=False)
            return
        if not self._start():
            return
        failed = background_failure(self.widget)

        def on_failure(exc: Exception) -> None:
            self._set_busy(False)
            self.page.verify_label.clear()
            failed(exc)

        log = self.log
        run_in_background(lambda: log.verify(anchors),
                          lambda result: self.verified(result, len(anchors)), on_failure)

    def verified(self, result: Verification, anchors: int = 0) -> None:
        self._set_busy(False)
        summary = result.summary().text()
        title = self.tr("Verify the audit chain")
        if result.ok:
            if anchors:
                summary = arg(self.tr("%1, matches the %n anchor(s) written down", "",
                                      anchors), summary)
            self.page.show_verification(summary, ok=True)
            self.page.show_head(result.head)
            if result.content is not None:  # the counted data, checked against the chain too
                summary = f"{summary}\n{result.content.summary().text()}"
            QMessageBox.information(self.widget, title, arg(
                self.tr("%1.\n\nAudit anchor (write it down to check the log later):\n%2"),
                summary, result.head.text() if result.head else "–"))
            return
        self.page.show_verification(summary, ok=False)
        problems = result.problems()
        lines = [f"• {m.text()}" for m in problems[:FINDINGS_SHOWN_MAX]]
        hidden = len(problems) - FINDINGS_SHOWN_MAX
        if hidden > 0:
            lines.append(self.tr("… and %n more", "", hidden))
        QMessageBox.warning(self.widget, title, summary + "\n\n" + "\n".join(lines))

    # -- export ------------------------------------------------------------------------------
    def export_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.widget, self.tr("Export the audit log"), "audit-log.csv",
            self.tr("CSV file (*.csv);;JSON lines (*.jsonl)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Every entry with its hashes, written in the background (:func:`run_job`)."""
        if self.busy:
            return
        shown = background_failure(self.widget)

        def done(count: int) -> None:
            self.page.verify_label.clear()
            QMessageBox.information(self.widget, self.tr("Export the audit log"), arg(
                self.tr("%1 entries exported to “%2”, with their hashes: anyone can check them "
                        "(see docs/audit.md)."), count, path.name))

        def failed(exc: Exception) -> None:
            self.page.verify_label.clear()
            shown(exc)

        services = self.services
        run_job(self.widget, self.tr("Export the audit log"), self.tr("Exporting the audit log…"),
                lambda _report: services.export_audit_log(path), done, busy=self._set_busy,
                failed=failed)
