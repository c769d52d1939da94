"""Importing expert scores: a file (long or matrix) → preview in the background → commit, like
the candidate import."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ballotformat.messages import info
from desktop.core.experts import ExpertPreview
from desktop.core.registry import CandidateInfo
from desktop.core.services import Services
from desktop.ui.background import run_in_background
from desktop.ui.i18n import arg
from desktop.ui.import_frame import FilePage, ImportFrame, PreviewStatus
from desktop.ui.models.experts_models import ScoreTableModel
from desktop.ui.models.online_models import MessageModel
from desktop.ui.tables import list_table


class ExpertPreviewPage(QWizardPage):
    def __init__(self, wizard: ExpertImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Check the scores"))
        self.setSubTitle(self.tr("Errors (red) stop the import. Nothing is saved yet."))
        self.status = PreviewStatus()
        self.message_model = MessageModel(self)
        self.score_model = ScoreTableModel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        for model, stretch, weight in ((self.message_model, MessageModel.COL_TEXT, 1),
                                       (self.score_model, ScoreTableModel.COL_NAME, 3)):
            layout.addWidget(list_table(model, stretch), weight)

    def initializePage(self) -> None:
        self.owner.preview = None
        self.completeChanged.emit()
        self.status.reading()
        services, campaign_id, path = self.owner.services, self.owner.campaign_id, self.owner.path()

        def work() -> tuple[ExpertPreview, list[CandidateInfo]]:
            return (services.experts.preview(campaign_id, path),
                    services.candidates.list(campaign_id))

        run_in_background(work, self.show_preview, self.status.unreadable)

    def show_preview(self, result: tuple[ExpertPreview, list[CandidateInfo]]) -> None:
        preview, candidates = result
        self.owner.preview = preview
        self.message_model.set_rows(list(preview.messages))
        self.score_model.candidates = {c.id: c for c in candidates}
        self.score_model.set_rows(list(preview.scores))
        self.status.read(arg(self.tr("%1 scores read: %2 errors."), len(preview.scores),
                             len(preview.errors)))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.owner.preview is not None and not self.owner.preview.errors


class ExpertImportWizard(ImportFrame):
    def __init__(self, services: Services, campaign_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, campaign_id, parent)
        self.preview: ExpertPreview | None = None
        self.setWindowTitle(QCoreApplication.translate("ExpertImportWizard",
                                                       "Import expert scores"))
        self.preview_page = ExpertPreviewPage(self)
        self.add_pages(FilePage(self), self.preview_page)
        self.file_page.setSubTitle(QCoreApplication.translate(
            "ExpertImportWizard", "One row per score (专家, 编号 or 名称, 分数) or one row per "
            "candidate with a column per expert, headed by the expert's name."))
        self.resize(860, 600)

    def commit_work(self) -> Callable[[], str]:
        experts, preview = self.services.experts, self.preview
        assert preview is not None  # the preview page is complete only with a preview
        return lambda: info("expert_import_done", count=experts.commit(preview)).text()
