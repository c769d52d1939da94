"""Importing an online-vote export: file and source → what the columns mean → preview (errors,
warnings, flagged votes, both totals) → commit → result.

Reading, matching and counting run in the background (:func:`run_in_background`); nothing is
written before the last page, and the core refuses a file it already imported.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.core.online import (
    OnlinePreview,
)
from desktop.core.services import Services
from desktop.ui.background import run_in_background
from desktop.ui.i18n import arg
from desktop.ui.import_frame import FilePage, ImportFrame, PreviewStatus
from desktop.ui.models.online_models import (
    FlagTableModel,
    MessageModel,
    TotalRow,
    TotalTableModel,
)
from desktop.ui.pages.online_mapping import Analysis, MappingPage, MeaningChoices
from desktop.ui.tables import list_table


class SourcePage(FilePage):
    """The file (from FilePage) and the source it comes from."""

    def __init__(self, wizard: OnlineWizard) -> None:
        super().__init__(wizard)
        self.setSubTitle(self.tr("A platform's export (.xlsx or .csv): totals per candidate, or "
                                 "one row per vote. Name the source it comes from."))
        self.source = QComboBox()
        self.source.setEditable(True)
        for source in wizard.services.online.sources(wizard.campaign_id):
            self.source.addItem(source.name)
        self.source.editTextChanged.connect(self.completeChanged)
        form = QFormLayout()
        form.addRow(self.tr("Source:"), self.source)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, form)

    def isComplete(self) -> bool:
        return super().isComplete() and bool(self.source.currentText().strip())


class PreviewPage(QWizardPage):
    def __init__(self, wizard: OnlineWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self._generation = 0
        self.setTitle(self.tr("Check the import"))
        self.setSubTitle(self.tr("Errors (red) stop the import; warnings (amber) do not. "
                                 "Flagged votes are kept and counted apart. Nothing is saved yet."))
        self.status = PreviewStatus()
        self.message_model = MessageModel(self)
        self.flag_model = FlagTableModel(self)
        self.total_model = TotalTableModel(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(list_table(self.message_model, MessageModel.COL_TEXT), "")
        self.tabs.addTab(list_table(self.flag_model, FlagTableModel.COL_CANDIDATES), "")
        self.tabs.addTab(list_table(self.total_model, TotalTableModel.COL_NAME), "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

    def initializePage(self) -> None:
        self.owner.preview = None
        self.completeChanged.emit()
        self.status.read(self.tr("Reading and checking the file…"))
        for model in (self.message_model, self.flag_model, self.total_model):
            model.set_rows([])
        online, campaign_id = self.owner.services.online, self.owner.campaign_id
        path, source = self.owner.path(), self.owner.source()
        mapping, encoding = self.owner.mapping_page.mapping(), self.owner.encoding
        self._generation += 1
        generation = self._generation
        run_in_background(lambda: online.preview(campaign_id, path, source, mapping, encoding),
                          lambda preview: self.show_preview(preview, generation),
                          self.status.unreadable)

    def show_preview(self, preview: OnlinePreview, generation: int) -> None:
        if generation != self._generation:
            return
        self.owner.preview = preview
        analysis: Analysis | None = self.owner.mapping_page.analysis
        candidates = {c.id: c for c in (analysis.candidates if analysis else ())}
        self.message_model.set_rows(preview.errors + preview.warnings)
        self.flag_model.candidates = candidates
        self.flag_model.set_rows(preview.flags)
        self.total_model.set_rows([TotalRow(candidates[cid], votes, preview.unflagged[cid])
                                   for cid, votes in preview.totals.items() if cid in candidates])
        unflagged = sum(preview.unflagged.values())
        self.status.read(arg(self.tr(
            "%1 rows (%2): %3 votes as exported, %4 without the %5 flagged rows. %6 errors, "
            "%7 warnings."), preview.rows, self._shape(preview), preview.votes, unflagged,
            len(preview.flags), len(preview.errors), len(preview.warnings)))
        self.tabs.setTabText(0, arg(self.tr("Problems (%1)"), len(self.message_model.rows())))
        self.tabs.setTabText(1, arg(self.tr("Flagged votes (%1)"), len(preview.flags)))
        self.tabs.setTabText(2, arg(self.tr("Votes per candidate (%1)"), len(preview.totals)))
        self.tabs.setCurrentIndex(0 if preview.errors or not preview.flags else 1)
        self.completeChanged.emit()

    def _shape(self, preview: OnlinePreview) -> str:
        return self.tr("totals per candidate") if preview.shape == "totals" else self.tr(
            "one row per vote")

    def isComplete(self) -> bool:
        return self.owner.preview is not None and self.owner.preview.ok


class OnlineWizard(ImportFrame):
    def __init__(self, services: Services, campaign_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, campaign_id, parent)
        self.preview: OnlinePreview | None = None
        #: The encoding the user picked for a text file; None: the one detected.
        self.encoding: str | None = None
        self.meanings = MeaningChoices(services, campaign_id)
        self.setWindowTitle(QCoreApplication.translate("OnlineWizard", "Import online votes"))
        self.file_page: SourcePage = SourcePage(self)
        self.mapping_page = MappingPage(self, self)
        self.preview_page = PreviewPage(self)
        self.add_pages(self.file_page, self.mapping_page, self.preview_page)
        self.file_page.path.textChanged.connect(self._new_file)
        self.resize(960, 640)

    def _new_file(self) -> None:
        self.encoding = None

    def source(self) -> str:
        return self.file_page.source.currentText().strip()

    def commit_work(self) -> Callable[[], str]:
        online, preview = self.services.online, self.preview
        assert preview is not None  # the preview page is complete only with a preview

        def work() -> str:
            return online.import_message(online.commit(preview)).text()

        return work
