"""What the votes page does: sources, the online import wizard, withdrawal, expert scores
(import, entry by hand, the rule). Every change goes to the core, which checks it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from desktop.core.online import SourceInfo
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.online_experts_dialogs import ExpertRuleDialog, SourceDialog, WithdrawDialog
from desktop.ui.feedback import run_checked
from desktop.ui.import_frame import ImportFrame
from desktop.ui.pages.base import PageView
from desktop.ui.pages.experts_import import ExpertImportWizard
from desktop.ui.pages.online_wizard import OnlineWizard

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWizard

    from desktop.core.online import ImportInfo
    from desktop.core.registry import CategoryInfo
    from desktop.ui.models.online_models import SourceRow


class OnlineExpertsView(PageView, Protocol):
    """What the controller asks of the votes page (OnlineExpertsPage implements it)."""

    #: The open import wizard, if any.
    wizard: QWizard | None

    def current_category(self) -> CategoryInfo | None: ...
    def selected_source(self) -> SourceRow | None: ...
    def selected_import(self) -> ImportInfo | None: ...
    def refresh_matrix(self) -> None: ...


class OnlineExpertsController(QObject):
    def __init__(self, page: OnlineExpertsView, context: CampaignContext) -> None:
        super().__init__(page.widget())
        self.page = page
        #: What dialogs and messages open over.
        self.widget = page.widget()
        self.context = context
        self.services = context.services
        #: Experts added in the window, shown as empty columns until they score.
        self.new_experts: dict[int, list[str]] = {}

    # -- online ----------------------------------------------------------------------------
    def add_source(self, source: SourceInfo | None = None) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        dialog = SourceDialog(source, self.widget)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        saved = run_checked(self.widget, lambda: self.services.online.set_source(
            campaign_id, dialog.source_name(), dialog.rules()))
        if saved is not None:
            self.context.changed()

    def edit_source(self) -> None:
        row = self.page.selected_source()
        if row is not None:
            self.add_source(row.source)

    def import_online(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        wizard = OnlineWizard(self.services, campaign_id, self.widget)
        source = self.page.selected_source()
        if source is not None:
            wizard.file_page.source.setCurrentText(source.source.name)
        self.page.wizard = wizard
        wizard.finished.connect(lambda _result: self._wizard_done(wizard))
        wizard.open()

    def _wizard_done(self, wizard: ImportFrame) -> None:
        self.page.wizard = None
        if wizard.result_text is not None:
            self.context.changed()
        wizard.deleteLater()

    def withdraw(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        standing = self.services.online.imports(campaign_id, withdrawn=False)
        if not standing:
            QMessageBox.information(self.widget, self.tr("Withdraw an import"),
                                    self.tr("No import counts at the moment."))
            return
        chosen = self.page.selected_import()
        dialog = WithdrawDialog(standing, chosen.id if chosen else None, self.widget)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return

        def withdraw() -> bool:
            self.services.online.withdraw(dialog.import_id(), dialog.note_text())
            return True

        if run_checked(self.widget, withdraw):
            self.context.changed()

    # -- experts ---------------------------------------------------------------------------
    def import_experts(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        wizard = ExpertImportWizard(self.services, campaign_id, self.widget)
        self.page.wizard = wizard
        wizard.finished.connect(lambda _result: self._wizard_done(wizard))
        wizard.open()

    def enter_score(self, candidate_id: int, expert: str, text: str) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        if not text:
            return  # the core has no "delete a score"; an emptied cell keeps its score
        try:
            score = float(text.replace("，", ".").replace(",", "."))
        except ValueError:
            QMessageBox.warning(self.widget, self.tr("Not saved"),
                                self.tr("“%1” is not a score.").replace("%1", text))
            return
        saved = run_checked(self.widget, lambda: self.services.experts.set_scores(
            campaign_id, [(candidate_id, expert, score)]))
        if saved is not None:
            self.context.changed()

    def add_expert(self) -> None:
        category = self.page.current_category()
        if category is None:
            return
        name, ok = QInputDialog.getText(self.widget, self.tr("Add an expert"),
                                        self.tr("Expert's name:"))
        if ok and name.strip():
            self.new_experts.setdefault(category.id, []).append(name.strip())
            self.page.refresh_matrix()

    def edit_rule(self) -> None:
        campaign_id = self.context.campaign_id
        category = self.page.current_category()
        if campaign_id is None or category is None:
            return
        dialog = ExpertRuleDialog((category.name, category.id),
                                  lambda category_id: self.services.experts.rule(
                                      campaign_id, category_id),
                                  self.widget)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        run_checked(self.widget, lambda: self.services.experts.set_rule(
            campaign_id, choice.category_id, choice.max_score, choice.drop_extremes))
        self.context.changed()
