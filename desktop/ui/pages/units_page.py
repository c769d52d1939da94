"""Nominating units with their quota, and the quota matrix: who is over, at a glance."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import Permission
from desktop.core.registry import UnitInfo
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.registry_dialogs import UnitDialog
from desktop.ui.feedback import messages_text, run_checked
from desktop.ui.i18n import arg
from desktop.ui.models import ObjectRole
from desktop.ui.models.registry_models import OverQuotaProxy, QuotaTableModel, UnitTableModel
from desktop.ui.pages.base import Page
from desktop.ui.tables import list_table, set_widths

QUOTA_CELL_WIDTH_PX = 120


class UnitsPage(Page):
    nav_icon = "units"  # resources/icons/nav/units.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Nominating units")

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.registry = context.services.registry
        self._build()
        self.watch_campaign()

    def _build(self) -> None:
        self.units = UnitTableModel(self)
        self.unit_table = list_table(self.units, UnitTableModel.COL_NAME, fit_columns=False)
        self.unit_table.doubleClicked.connect(self.edit_unit)
        style = self.style()
        buttons = QHBoxLayout()
        self.unit_buttons: list[QPushButton] = []
        for text, icon, slot in (
            (self.tr("Add…"), QStyle.StandardPixmap.SP_FileDialogNewFolder, self.add_unit),
            (self.tr("Edit…"), QStyle.StandardPixmap.SP_FileDialogDetailedView, self.edit_unit),
            (self.tr("Delete"), QStyle.StandardPixmap.SP_TrashIcon, self.delete_unit),
        ):
            button = QPushButton(style.standardIcon(icon), text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.unit_buttons.append(button)
        buttons.addStretch()
        self.context.guard(Permission.MANAGE_REGISTRY, *self.unit_buttons)
        units_box = QGroupBox(self.tr("Nominating units"))
        left = QVBoxLayout(units_box)
        left.addLayout(buttons)
        left.addWidget(self.unit_table)

        self.quota = QuotaTableModel(self)
        self.quota_proxy = OverQuotaProxy(self)
        self.quota_proxy.setSourceModel(self.quota)
        self.quota_table = list_table(self.quota_proxy, fit_columns=False)
        self.only_over = QCheckBox(self.tr("Only units over quota"))
        self.only_over.toggled.connect(self.quota_proxy.set_only_over)
        self.summary = QLabel()
        legend = QLabel(self.tr("Each cell: nominations counted / quota. Rejected and withdrawn "
                                "candidates do not count. Red: over the quota."))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555555;")
        top = QHBoxLayout()
        top.addWidget(self.only_over)
        top.addStretch()
        top.addWidget(self.summary)
        quota_box = QGroupBox(self.tr("Quota overview"))
        right = QVBoxLayout(quota_box)
        right.addLayout(top)
        right.addWidget(self.quota_table)
        right.addWidget(legend)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(units_box)
        splitter.addWidget(quota_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        campaign_id = self.context.campaign_id
        self.setEnabled(campaign_id is not None)
        if campaign_id is None:
            return
        self.units.set_rows(self.registry.list_units(campaign_id))
        overview = self.registry.quota_overview(campaign_id)
        self.quota.set_overview(overview, self.registry.list_categories(campaign_id))
        over = sum(row.any_over for row in overview)
        self.summary.setText(arg(self.tr("%1 of %2 units over quota"), over, len(overview)))
        self.summary.setStyleSheet("color: #b71c1c; font-weight: bold;" if over else "")
        header = self.quota_table.horizontalHeader()
        header.setSectionResizeMode(QuotaTableModel.COL_UNIT, QHeaderView.ResizeMode.Stretch)
        columns = range(QuotaTableModel.COL_QUOTA, self.quota.columnCount())
        for column in columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        set_widths(self.quota_table, dict.fromkeys(columns, QUOTA_CELL_WIDTH_PX)
                   | {QuotaTableModel.COL_QUOTA: QUOTA_CELL_WIDTH_PX // 2})

    def selected_unit(self) -> UnitInfo | None:
        rows = self.unit_table.selectionModel().selectedRows()
        return self.units.data(rows[0], ObjectRole) if rows else None

    def add_unit(self) -> None:
        campaign = self.context.campaign
        if campaign is None:
            return
        dialog = UnitDialog(default_quota=campaign.default_quota, parent=self)
        if dialog.exec():
            name, quota = dialog.values()
            if run_checked(self, lambda: self.registry.add_unit(campaign.id, name, quota)):
                self.context.changed()

    def edit_unit(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        dialog = UnitDialog(unit, parent=self)
        if not dialog.exec():
            return
        name, quota = dialog.values()
        warnings = run_checked(self, lambda: self.registry.update_unit(unit.id, name, quota))
        if warnings:
            QMessageBox.information(self, self.tr("Quota lowered"), messages_text(warnings))
        self.context.changed()

    def delete_unit(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete nominating unit"),
            arg(self.tr("Delete the nominating unit “%1”?"), unit.name))
        if answer == QMessageBox.StandardButton.Yes:
            run_checked(self, lambda: self.registry.delete_unit(unit.id))
            self.context.changed()
