"""The candidates page (view): filters, actions and the table. Logic is in the controller."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import CandidateStatus, Permission
from desktop.core.labels import label
from desktop.core.registry import CandidateInfo
from desktop.ui.context import CampaignContext
from desktop.ui.i18n import arg
from desktop.ui.models import ObjectRole
from desktop.ui.models.candidate_model import (
    COL_CATEGORY,
    COL_FORM,
    COL_NAME,
    COL_NOTE,
    COL_NUMBER,
    COL_PHOTO,
    COL_REVIEWED,
    COL_STATUS,
    COL_UNIT,
    CandidateFilterProxy,
    CandidateTableModel,
)
from desktop.ui.pages.base import Page
from desktop.ui.pages.candidates_controller import CandidatesController
from desktop.ui.tables import Selection, list_table, set_widths

#: Starting widths of the columns that do not stretch, in pixels.
COLUMN_WIDTHS_PX = {
    COL_NUMBER: 52, COL_PHOTO: 48, COL_NAME: 210, COL_CATEGORY: 150, COL_UNIT: 130,
    COL_STATUS: 76, COL_FORM: 76, COL_REVIEWED: 170,
}
#: Taller than other lists: each row shows the candidate's photo thumbnail.
PHOTO_ROW_HEIGHT_PX = 32


class CandidatesPage(Page):
    nav_icon = "candidates"  # resources/icons/nav/candidates.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Candidates")

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = CandidateTableModel(self)
        self.proxy = CandidateFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.controller = CandidatesController(self, context)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_actions())
        layout.addLayout(self._build_filters())
        layout.addWidget(self._build_table())
        self._update_actions()
        self.watch_campaign()

    def _action(self, text: str, slot: object, icon: QStyle.StandardPixmap | None = None,
                shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> QToolBar:
        c = self.controller
        sp, keys = QStyle.StandardPixmap, QKeySequence.StandardKey
        self.add_action = self._action(self.tr("New"), c.add, sp.SP_FileIcon, keys.New)
        self.edit_action = self._action(self.tr("Edit"), c.edit, sp.SP_FileDialogDetailedView)
        self.delete_action = self._action(self.tr("Delete"), c.delete, sp.SP_TrashIcon,
                                          keys.Delete)
        self.status_actions = {
            status: self._action(text, lambda _=False, s=status: c.change_status(s), icon)
            for status, text, icon in (
                (CandidateStatus.QUALIFIED, self.tr("Qualified"), sp.SP_DialogApplyButton),
                (CandidateStatus.REJECTED, self.tr("Rejected"), sp.SP_DialogCancelButton),
                (CandidateStatus.SHORTLISTED, self.tr("Shortlisted"), sp.SP_DialogYesButton),
                (CandidateStatus.WITHDRAWN, self.tr("Withdrawn"), sp.SP_BrowserStop),
            )
        }
        self.number_action = self._action(self.tr("Number automatically"), c.assign_numbers,
                                          sp.SP_ToolBarVerticalExtensionButton)
        self.import_action = self._action(self.tr("Import…"), c.import_file, sp.SP_DialogOpenButton)
        self.export_action = self._action(self.tr("Export…"), c.export_file, sp.SP_DialogSaveButton)
        self.may_edit = self.context.guard(
            Permission.MANAGE_REGISTRY, self.add_action, self.edit_action, self.delete_action,
            *self.status_actions.values(), self.number_action, self.import_action)
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.add_action, self.edit_action, self.delete_action])
        toolbar.addSeparator()
        toolbar.addActions(list(self.status_actions.values()))
        toolbar.addSeparator()
        toolbar.addActions([self.number_action, self.import_action, self.export_action])
        return toolbar

    def _build_filters(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, unit, post or number"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.category_filter = QComboBox()
        self.unit_filter = QComboBox()
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in CandidateStatus:
            self.status_filter.addItem(label(status), status)
        self.category_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_category(self.category_filter.currentData()))
        self.unit_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_unit(self.unit_filter.currentData()))
        self.status_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_status(self.status_filter.currentData()))
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.unit_filter, 1)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.count_label)
        return filters

    def _build_table(self) -> QTableView:
        self.table = list_table(self.proxy, COL_NOTE, fit_columns=False,
                                selection=Selection.ExtendedSelection,
                                row_height=PHOTO_ROW_HEIGHT_PX)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        set_widths(self.table, COLUMN_WIDTHS_PX)
        self.table.doubleClicked.connect(lambda _index: self.controller.edit())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        return self.table

    def refresh(self) -> None:
        campaign_id = self.context.campaign_id
        self.setEnabled(campaign_id is not None)
        if campaign_id is None:
            self.model.set_candidates([])
            return
        services = self.context.services
        self._fill_filter(self.category_filter, self.tr("All categories"),
                          [(c.name, c.id) for c in services.registry.list_categories(campaign_id)])
        self._fill_filter(self.unit_filter, self.tr("All units"),
                          [(u.name, u.id) for u in services.registry.list_units(campaign_id)])
        self.model.set_candidates(services.candidates.list(campaign_id),
                                  services.candidates.thumbnails(campaign_id))
        self._update_actions()

    @staticmethod
    def _fill_filter(combo: QComboBox, everything: str, items: list[tuple[str, int]]) -> None:
        """Refill a filter, keeping the current choice when it still exists."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for name, item_id in items:
            combo.addItem(name, item_id)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        combo.currentIndexChanged.emit(combo.currentIndex())

    def selected(self) -> list[CandidateInfo]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, ObjectRole) for index in rows]

    def _update_actions(self) -> None:
        count = len(self.table.selectionModel().selectedRows()) if self.may_edit else 0
        self.edit_action.setEnabled(count == 1)
        self.delete_action.setEnabled(count > 0)
        for action in self.status_actions.values():
            action.setEnabled(count > 0)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(arg(self.tr("%1 of %2 shown"), shown, total))
