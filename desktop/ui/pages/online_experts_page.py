"""The page "online votes and expert scores" (view): the online sources with their totals and
imports above, the expert score matrix of one category below. What the buttons do is in
:mod:`desktop.ui.pages.online_experts_controller`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from desktop.core.enums import STATUSES_OUTSIDE_QUOTA, Permission
from desktop.core.online import ImportInfo
from desktop.core.registry import CategoryInfo
from desktop.ui.context import CampaignContext
from desktop.ui.feedback import messages_text
from desktop.ui.i18n import arg
from desktop.ui.models import ObjectRole
from desktop.ui.models.experts_models import ExpertMatrixModel, score_text
from desktop.ui.models.online_models import (
    ImportTableModel,
    SourceRow,
    SourceTableModel,
    source_rows,
)
from desktop.ui.pages.base import Page
from desktop.ui.pages.online_experts_controller import OnlineExpertsController
from desktop.ui.tables import list_table

NAME_COLUMN_WIDTH_PX = 180
#: Gaps listed under the matrix; the rest are counted.
LISTED_GAPS = 3


class OnlineExpertsPage(Page):
    nav_icon = "votes"  # resources/icons/nav/votes.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Online votes and expert scores")

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        #: The wizard open over the page, if any (for tests and the screenshots).
        self.wizard: QWizard | None = None
        self.source_model = SourceTableModel(self)
        self.import_model = ImportTableModel(self)
        self.matrix_model = ExpertMatrixModel(self)
        self.controller = OnlineExpertsController(self, context)
        self.matrix_model.scoreEntered.connect(self.controller.enter_score)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_online())
        splitter.addWidget(self._build_experts())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        QVBoxLayout(self).addWidget(splitter)
        self.may_change = context.guard(
            Permission.MANAGE_RESULTS, self.add_source_button, self.import_button,
            self.withdraw_button, self.rule_button, self.add_expert_button,
            self.import_experts_button)
        if not self.may_change:
            self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.watch_campaign()

    def _button(self, text: str, icon: QStyle.StandardPixmap,
                slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self.style().standardIcon(icon), text)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_online(self) -> QGroupBox:
        c, sp = self.controller, QStyle.StandardPixmap
        self.add_source_button = self._button(self.tr("New source…"), sp.SP_FileDialogNewFolder,
                                              c.add_source)
        self.import_button = self._button(self.tr("Import online votes…"),
                                          sp.SP_DialogOpenButton, c.import_online)
        self.withdraw_button = self._button(self.tr("Withdraw an import…"),
                                            sp.SP_DialogDiscardButton, c.withdraw)
        buttons = QHBoxLayout()
        for button in (self.add_source_button, self.import_button, self.withdraw_button):
            buttons.addWidget(button)
        buttons.addStretch()
        self.source_table = list_table(self.source_model, SourceTableModel.COL_NAME)
        self.source_table.doubleClicked.connect(lambda _index: c.edit_source())
        self.source_table.setToolTip(self.tr("Double-click a source to change its fraud rules."))
        self.import_table = list_table(self.import_model, ImportTableModel.COL_FILE)
        tables = QSplitter(Qt.Orientation.Horizontal)
        tables.addWidget(self.source_table)
        tables.addWidget(self.import_table)
        tables.setStretchFactor(0, 1)
        tables.setStretchFactor(1, 1)
        box = QGroupBox(self.tr("Online votes"))
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(tables)
        return box

    def _build_experts(self) -> QGroupBox:
        c, sp = self.controller, QStyle.StandardPixmap
        self.category = QComboBox()
        self.category.currentIndexChanged.connect(self.refresh_matrix)
        self.rule_label = QLabel()
        self.rule_button = self._button(self.tr("Scoring rule…"), sp.SP_FileDialogDetailedView,
                                        c.edit_rule)
        self.add_expert_button = self._button(self.tr("Add an expert…"),
                                              sp.SP_FileDialogNewFolder, c.add_expert)
        self.import_experts_button = self._button(self.tr("Import expert scores…"),
                                                  sp.SP_DialogOpenButton, c.import_experts)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Category:")))
        row.addWidget(self.category)
        row.addWidget(self.rule_label, 1)
        for button in (self.rule_button, self.add_expert_button, self.import_experts_button):
            row.addWidget(button)
        self.matrix = list_table(self.matrix_model)
        self.matrix.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed
                                    | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.legend = QLabel(self.tr("Double-click a cell to enter a score. Struck-through grey "
                                     "scores are left out of the average; amber cells are "
                                     "missing scores."))
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #555555;")
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.gaps.setStyleSheet("color: #8a5a00;")
        box = QGroupBox(self.tr("Expert scores"))
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.matrix, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.gaps)
        return box

    # -- state ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        campaign_id = self.context.campaign_id
        self.setEnabled(campaign_id is not None)
        if campaign_id is None:
            self.source_model.set_rows([])
            self.import_model.set_rows([])
            self.matrix_model.set_matrix([], {})
            return
        services = self.context.services
        every = services.online.imports(campaign_id)
        standing = [i for i in every if i.withdrawn_at is None]
        self.source_model.set_rows(source_rows(services.online.sources(campaign_id), standing))
        self.import_model.set_rows(list(reversed(every)))
        self.withdraw_button.setEnabled(bool(standing) and self.may_change)
        chosen = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        for category in services.registry.list_categories(campaign_id):
            self.category.addItem(category.name, category)
        ids = [self.category.itemData(i).id for i in range(self.category.count())]
        if chosen is not None and chosen.id in ids:
            self.category.setCurrentIndex(ids.index(chosen.id))
        self.category.blockSignals(False)
        self.refresh_matrix()

    def refresh_matrix(self) -> None:
        category = self.current_category()
        campaign_id = self.context.campaign_id
        if category is None or campaign_id is None:
            self.matrix_model.set_matrix([], {})
            self.rule_label.setText("")
            self.gaps.setText("")
            return
        services = self.context.services
        candidates = [c for c in services.candidates.list(campaign_id, category.id)
                      if c.status not in STATUSES_OUTSIDE_QUOTA]
        self.matrix_model.set_matrix(candidates, services.experts.results(campaign_id),
                                     self.controller.new_experts.get(category.id, []))
        self.matrix.horizontalHeader().setSectionResizeMode(
            ExpertMatrixModel.COL_NAME, QHeaderView.ResizeMode.Interactive)
        self.matrix.setColumnWidth(ExpertMatrixModel.COL_NAME, NAME_COLUMN_WIDTH_PX)
        rule = services.experts.rule(campaign_id, category.id)
        text = arg(self.tr("Scores 0–%1."), score_text(rule.max_score))
        if rule.drop_extremes:
            text += " " + self.tr("The highest and the lowest score are dropped, the rest "
                                  "averaged.")
        else:
            text += " " + self.tr("Average of all scores.")
        self.rule_label.setText(text)
        gaps = [m for m in services.experts.gaps(campaign_id)
                if m.params.get("category") == category.name]
        shown = messages_text(gaps[:LISTED_GAPS])
        if len(gaps) > LISTED_GAPS:
            shown += "\n" + arg(self.tr("… and %1 more missing scores"), len(gaps) - LISTED_GAPS)
        self.gaps.setText(shown)
        self.gaps.setVisible(bool(gaps))

    def current_category(self) -> CategoryInfo | None:
        data = self.category.currentData()
        return data if isinstance(data, CategoryInfo) else None

    def selected_source(self) -> SourceRow | None:
        rows = self.source_table.selectionModel().selectedRows()
        return self.source_model.data(rows[0], ObjectRole) if rows else None

    def selected_import(self) -> ImportInfo | None:
        rows = self.import_table.selectionModel().selectedRows()
        return self.import_model.data(rows[0], ObjectRole) if rows else None
