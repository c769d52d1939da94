"""The campaign page: its settings and its award categories in ballot order."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import Permission, Phase
from desktop.core.labels import label
from desktop.core.registry import MAX_QUOTA, CampaignInfo, CategoryInfo
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.registry_dialogs import CategoryDialog
from desktop.ui.feedback import run_checked
from desktop.ui.i18n import arg
from desktop.ui.models import ObjectRole
from desktop.ui.models.registry_models import CategoryTableModel
from desktop.ui.pages.base import Page
from desktop.ui.tables import list_table

DATE_FIELDS = ("starts_on", "voting_opens_on", "voting_closes_on", "ends_on")
MAX_SUMMARY_CHARS = 5000


class OptionalDate(QWidget):
    """A date that may be left unset: a check box switches the date editor on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox()
        self.edit = QDateEdit(QDate.currentDate())
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit)
        layout.addStretch()
        self.set_value(None)

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> dt.date | None:
        if not self.enabled.isChecked():
            return None
        date = self.edit.date()
        return dt.date(date.year(), date.month(), date.day())


class CampaignPage(Page):
    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.registry = context.services.registry
        self._build()
        self.watch_campaign()

    nav_icon = "campaign"  # resources/icons/nav/campaign.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Campaign")

    def _build(self) -> None:
        self.name = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(64)
        self.phase = QComboBox()
        for phase in Phase:
            self.phase.addItem(label(phase), phase)
        self.dates = {key: OptionalDate() for key in DATE_FIELDS}
        self.summary_max_chars = QSpinBox()
        self.summary_max_chars.setRange(1, MAX_SUMMARY_CHARS)
        self.default_quota = QSpinBox()
        self.default_quota.setRange(1, MAX_QUOTA)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)

        settings = QGroupBox(self.tr("Campaign settings"))
        form = QFormLayout(settings)
        # Text fields take the width; numbers, dates and the phase keep their natural size.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Phase"), self.phase)
        form.addRow(self.tr("Starts on"), self.dates["starts_on"])
        form.addRow(self.tr("Voting opens on"), self.dates["voting_opens_on"])
        form.addRow(self.tr("Voting closes on"), self.dates["voting_closes_on"])
        form.addRow(self.tr("Ends on"), self.dates["ends_on"])
        form.addRow(self.tr("Summary length limit"), self.summary_max_chars)
        form.addRow(self.tr("Default quota per unit"), self.default_quota)
        form.addRow("", self.save_button)

        self.model = CategoryTableModel(self)
        self.table = list_table(self.model, CategoryTableModel.COL_NAME, fit_columns=False)
        self.table.doubleClicked.connect(self.edit_category)
        style = self.style()
        buttons = QHBoxLayout()
        self.category_buttons: list[QPushButton] = []
        for text, icon, slot in (
            (self.tr("Add…"), QStyle.StandardPixmap.SP_FileDialogNewFolder, self.add_category),
            (self.tr("Edit…"), QStyle.StandardPixmap.SP_FileDialogDetailedView,
             self.edit_category),
            (self.tr("Delete"), QStyle.StandardPixmap.SP_TrashIcon, self.delete_category),
            (self.tr("Move up"), QStyle.StandardPixmap.SP_ArrowUp, lambda: self.move_category(-1)),
            (self.tr("Move down"), QStyle.StandardPixmap.SP_ArrowDown,
             lambda: self.move_category(1)),
        ):
            button = QPushButton(style.standardIcon(icon), text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.category_buttons.append(button)
        buttons.addStretch()
        self.context.guard(Permission.MANAGE_REGISTRY, self.save_button, *self.category_buttons)
        categories = QGroupBox(self.tr("Award categories (in ballot order)"))
        box = QVBoxLayout(categories)
        box.addLayout(buttons)
        box.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.addWidget(settings)
        layout.addWidget(categories, 1)

    def refresh(self) -> None:
        campaign = self.context.campaign
        self.setEnabled(campaign is not None)
        if campaign is None:
            return
        self._show(campaign)
        self.model.set_rows(self.registry.list_categories(campaign.id))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            CategoryTableModel.COL_NAME, QHeaderView.ResizeMode.Stretch)

    def _show(self, c: CampaignInfo) -> None:
        self.name.setText(c.name)
        self.description.setPlainText(c.description)
        self.phase.setCurrentIndex(list(Phase).index(c.phase))
        for key, widget in self.dates.items():
            widget.set_value(getattr(c, key))
        self.summary_max_chars.setValue(c.summary_max_chars)
        self.default_quota.setValue(c.default_quota)

    def save(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        changes = {
            "name": self.name.text(), "description": self.description.toPlainText().strip(),
            "phase": self.phase.currentData(), "summary_max_chars": self.summary_max_chars.value(),
            "default_quota": self.default_quota.value(),
            **{key: widget.value() for key, widget in self.dates.items()},
        }
        if run_checked(self, lambda: self.registry.update_campaign(campaign_id, **changes)):
            self.context.changed()

    def selected_category(self) -> CategoryInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ObjectRole) if rows else None

    def add_category(self) -> None:
        campaign_id = self.context.campaign_id
        dialog = CategoryDialog(parent=self)
        if campaign_id is None or not dialog.exec():
            return
        v = dialog.values()
        if run_checked(self, lambda: self.registry.add_category(
                campaign_id, v.name, v.winners, v.max_marks, v.kind)):
            self.context.changed()

    def edit_category(self) -> None:
        category = self.selected_category()
        if category is None:
            return
        dialog = CategoryDialog(category, parent=self)
        if not dialog.exec():
            return
        v = dialog.values()
        if run_checked(self, lambda: self.registry.update_category(
                category.id, name=v.name, winners=v.winners, max_marks=v.max_marks,
                kind=v.kind)):
            self.context.changed()

    def delete_category(self) -> None:
        category = self.selected_category()
        if category is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete category"),
                                      arg(self.tr("Delete the category “%1”?"), category.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_checked(self, lambda: self.registry.delete_category(category.id))
        self.context.changed()

    def move_category(self, offset: int) -> None:
        """The selected category up (-1) or down (1) in the ballot order. Not ``move``: that
        is QWidget's, which Qt itself calls to place the widget."""
        category = self.selected_category()
        if category is None:
            return
        self.registry.move_category(category.id, offset)
        self.context.changed()
        row = next((r for r in range(self.model.rowCount())
                    if self.model.data(self.model.index(r, 0), ObjectRole).id == category.id), 0)
        self.table.selectRow(row)
