"""The ballots page (view): the live preview beside ballot boxes, printed batches and the
reconciliation. What the buttons do is in :mod:`desktop.ui.pages.ballots_controller`."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import Permission
from desktop.core.printing import BoxInfo
from desktop.ui.context import CampaignContext
from desktop.ui.models import ObjectRole
from desktop.ui.models.ballot_models import BatchTableModel, BoxTableModel, ReconciliationModel
from desktop.ui.pages.ballots_controller import BallotsController
from desktop.ui.pages.ballots_preview import PreviewPanel
from desktop.ui.pages.base import Page
from desktop.ui.tables import list_table, set_widths

PREVIEW_MIN_WIDTH_PX = 380
NUMBER_COLUMN_WIDTH_PX = 58


class BallotsPage(Page):
    nav_icon = "ballots"  # resources/icons/nav/ballots.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Ballots")

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.box_model = BoxTableModel(self)
        self.batch_model = BatchTableModel(self)
        self.reconciliation_model = ReconciliationModel(self)
        self.preview = PreviewPanel()
        self.controller = BallotsController(self, context)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_preview())
        splitter.addWidget(self._build_records())
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_actions())
        layout.addWidget(splitter, 1)
        self.may_print = context.guard(Permission.MANAGE_REGISTRY, self.print_button,
                                       self.add_box_button, self.edit_box_button,
                                       self.delete_box_button)
        context.guard(Permission.SCAN, self.note_button)
        self.watch_campaign()

    def _button(self, text: str, icon: QStyle.StandardPixmap, slot: object) -> QPushButton:
        button = QPushButton(self.style().standardIcon(icon), text)
        button.clicked.connect(slot)
        return button

    def _build_actions(self) -> QHBoxLayout:
        c, sp = self.controller, QStyle.StandardPixmap
        self.print_button = self._button(self.tr("Print ballots…"), sp.SP_DialogSaveButton,
                                         c.print_ballots)
        self.note_button = self._button(self.tr("Record spoiled / unused serials…"),
                                        sp.SP_DialogDiscardButton, c.note_serials)
        self.busy_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.note_button)
        row.addWidget(self.busy_label)
        row.addStretch()
        return row

    def _build_preview(self) -> QGroupBox:
        box = QGroupBox(self.tr("Ballot preview"))
        box.setMinimumWidth(PREVIEW_MIN_WIDTH_PX)
        QVBoxLayout(box).addWidget(self.preview)
        self.preview.optionsChanged.connect(self.controller.refresh_preview)
        self.preview.print_preview_button.clicked.connect(self.controller.print_preview)
        return box

    def _build_records(self) -> QSplitter:
        c, sp = self.controller, QStyle.StandardPixmap
        self.box_table = list_table(self.box_model, fit_columns=False)
        self.box_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.box_table.doubleClicked.connect(lambda _index: c.edit_box())
        self.box_table.selectionModel().selectionChanged.connect(self.update_actions)
        buttons = QHBoxLayout()
        self.add_box_button = self._button(self.tr("Add…"), sp.SP_FileDialogNewFolder, c.add_box)
        self.edit_box_button = self._button(self.tr("Edit…"), sp.SP_FileDialogDetailedView,
                                            c.edit_box)
        self.delete_box_button = self._button(self.tr("Delete"), sp.SP_TrashIcon, c.delete_box)
        for button in (self.add_box_button, self.edit_box_button, self.delete_box_button):
            buttons.addWidget(button)
        buttons.addStretch()
        boxes = QGroupBox(self.tr("Ballot boxes"))
        box_layout = QVBoxLayout(boxes)
        box_layout.addLayout(buttons)
        box_layout.addWidget(self.box_table)

        self.batch_table = list_table(self.batch_model, BatchTableModel.COL_DESTINATION)
        batches = QGroupBox(self.tr("Printed batches"))
        QVBoxLayout(batches).addWidget(self.batch_table)

        self.reconciliation_table = list_table(
            self.reconciliation_model, ReconciliationModel.COL_BOX, fit_columns=False)
        set_widths(self.reconciliation_table, dict.fromkeys(
            range(ReconciliationModel.COL_PRINTED, ReconciliationModel.COLUMN_COUNT),
            NUMBER_COLUMN_WIDTH_PX))
        legend = QLabel(self.tr("Issued = printed − unused. Returned counts scanned ballots, "
                                "those of spoiled or unused serials too (shown apart; each "
                                "waits for a decision in the review). Not returned = printed − "
                                "returned − spoiled or unused not returned: in red once voting "
                                "is over (phase Counting), when they are missing."))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555555;")
        reconciliation = QGroupBox(self.tr("Reconciliation"))
        rec_layout = QVBoxLayout(reconciliation)
        rec_layout.addWidget(self.reconciliation_table)
        rec_layout.addWidget(legend)

        splitter = QSplitter(Qt.Orientation.Vertical)
        for part, stretch in ((boxes, 3), (batches, 3), (reconciliation, 4)):
            splitter.addWidget(part)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        return splitter

    # -- state ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        campaign_id = self.context.campaign_id
        self.setEnabled(campaign_id is not None)
        if campaign_id is None:
            for model in (self.box_model, self.batch_model, self.reconciliation_model):
                model.set_rows([])
            return
        boxes = self.context.services.boxes
        box_list = boxes.list_boxes(campaign_id)
        self.box_model.set_rows(box_list)
        self.batch_model.set_rows(boxes.batches(campaign_id))
        self.reconciliation_model.set_reconciliation(*boxes.reconciliation(campaign_id))
        self.preview.set_boxes(box_list)
        self.controller.refresh_preview()
        self.update_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.controller.preview_if_stale()

    def selected_box(self) -> BoxInfo | None:
        rows = self.box_table.selectionModel().selectedRows()
        return self.box_model.data(rows[0], ObjectRole) if rows else None

    def update_actions(self) -> None:
        busy = self.controller.job is not None
        self.print_button.setEnabled(not busy and self.may_print)
        chosen = self.may_print and self.selected_box() is not None
        self.edit_box_button.setEnabled(chosen)
        self.delete_box_button.setEnabled(chosen)
        self.busy_label.setText(self.tr("Printing…") if busy else "")
