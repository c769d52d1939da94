"""The scan page (view): source, station and start/stop on top; the camera preview, counters and
reasons on the left; outcomes and the live count per category on the right. What the buttons
do is in :mod:`desktop.ui.pages.scan_controller`."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import Permission
from desktop.core.labels import label
from desktop.core.records import ScanCounts
from desktop.ui.context import CampaignContext
from desktop.ui.models.scan_models import (
    KIND_COLOURS,
    Kind,
    OutcomeTableModel,
    TallyTableModel,
    kind_label,
)
from desktop.ui.pages.base import Page
from desktop.ui.pages.scan_controller import ScanController
from desktop.ui.pages.scan_jobs import SourceKind
from desktop.ui.pages.scan_sources import SourcePanel
from desktop.ui.tables import ROW_HEIGHT_PX, Selection, list_table
from scanning.reasons import Reason

LEFT_MIN_WIDTH_PX = 340
CAMERA_LEFT_WIDTH_PX = 560
SOURCE_COLUMN_WIDTH_PX = 170
PREVIEW_MIN_HEIGHT_PX = 240
COUNTER_FONT_PT = 20


class ScanPage(Page):
    nav_icon = "scan"  # resources/icons/nav/scan.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Scan")

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.outcome_model = OutcomeTableModel(self)
        self.tally_model = TallyTableModel(self)
        self.sources = SourcePanel()
        self._frame: QImage | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_source())
        layout.addLayout(self._build_status())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._build_left())
        self.splitter.addWidget(self._build_right())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        layout.addWidget(self.splitter, 1)
        self.controller = ScanController(self, context)
        self.may_scan = context.guard(Permission.SCAN, self.start_button)
        self.sources.kindChanged.connect(self._kind_changed)
        self.update_actions()
        self.watch_campaign()

    # -- layout --------------------------------------------------------------------------------
    def _build_source(self) -> QGroupBox:
        box = QGroupBox(self.tr("Scan ballots"))
        self.station = QLineEdit()
        self.station.setMaximumWidth(200)
        self.station.setToolTip(self.tr("Recorded with every sheet, to tell the counting "
                                        "stations apart"))
        sp = QStyle.StandardPixmap
        self.start_button = QPushButton(self.style().standardIcon(sp.SP_MediaPlay),
                                        self.tr("Start"))
        self.stop_button = QPushButton(self.style().standardIcon(sp.SP_MediaStop),
                                       self.tr("Stop"))
        self.clear_button = QPushButton(self.tr("Clear the list"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Station:")))
        row.addWidget(self.station)
        row.addStretch()
        for button in (self.clear_button, self.start_button, self.stop_button):
            row.addWidget(button)
        column = QVBoxLayout(box)
        column.addWidget(self.sources)
        column.addLayout(row)
        return box

    def _build_status(self) -> QHBoxLayout:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(320)
        self.progress.setTextVisible(True)
        self.status_label = QLabel()
        self.status_label.setMinimumHeight(ROW_HEIGHT_PX)
        # A long message (a file's path) is cut at the edge instead of widening the window.
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.addWidget(self.progress)
        row.addWidget(self.status_label, 1)
        return row

    def _build_left(self) -> QWidget:
        self.preview_box = QGroupBox(self.tr("Camera"))
        self.preview_label = QLabel(self.tr("The picture appears when the camera starts."))
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setMinimumHeight(PREVIEW_MIN_HEIGHT_PX)
        self.preview_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Ignored)
        self.capture_label = QLabel()
        preview = QVBoxLayout(self.preview_box)
        preview.addWidget(self.preview_label, 1)
        preview.addWidget(self.capture_label)

        counters = QGroupBox(self.tr("This run"))
        grid = QGridLayout(counters)
        self.counter_labels: dict[Kind, QLabel] = {}
        captions = {Kind.ACCEPTED: kind_label(Kind.ACCEPTED), Kind.REVIEW: kind_label(Kind.REVIEW),
                    Kind.REJECTED: kind_label(Kind.REJECTED),
                    Kind.ALREADY: self.tr("Recorded before")}
        for index, (kind, caption) in enumerate(captions.items()):
            number = QLabel("0")
            number.setObjectName(f"counter_{kind.value}")
            number.setStyleSheet(f"font-size: {COUNTER_FONT_PT}pt; font-weight: bold; "
                                 f"color: {KIND_COLOURS[kind][0].name()};")
            self.counter_labels[kind] = number
            grid.addWidget(number, 2 * (index // 2), index % 2)
            grid.addWidget(QLabel(caption), 2 * (index // 2) + 1, index % 2)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.addWidget(QLabel(self.tr("Why not counted:")), 4, 0, 1, 2)
        grid.addWidget(self.reasons_label, 5, 0, 1, 2)
        grid.setRowStretch(6, 1)

        left = QWidget()
        left.setMinimumWidth(LEFT_MIN_WIDTH_PX)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.preview_box, 3)
        column.addWidget(counters, 2)
        return left

    def _build_right(self) -> QSplitter:
        self.outcome_table = list_table(self.outcome_model, OutcomeTableModel.COL_MESSAGE,
                                        selection=Selection.ExtendedSelection)
        header = self.outcome_table.horizontalHeader()
        header.setSectionResizeMode(OutcomeTableModel.COL_SOURCE,
                                    QHeaderView.ResizeMode.Interactive)
        header.resizeSection(OutcomeTableModel.COL_SOURCE, SOURCE_COLUMN_WIDTH_PX)
        self.problems_only = QCheckBox(self.tr("Problems only"))
        self.problems_only.toggled.connect(self.outcome_model.set_problems_only)
        outcomes = QGroupBox(self.tr("Sheets, newest first"))
        column = QVBoxLayout(outcomes)
        column.addWidget(self.problems_only)
        column.addWidget(self.outcome_table)

        self.tally_table = list_table(self.tally_model, TallyTableModel.COL_LEADING,
                                      selection=Selection.ExtendedSelection)
        self.ballots_label = QLabel()
        tally = QGroupBox(self.tr("Count per category (paper ballots so far)"))
        column = QVBoxLayout(tally)
        column.addWidget(self.tally_table)
        column.addWidget(self.ballots_label)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(outcomes)
        splitter.addWidget(tally)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return splitter

    # -- state ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.setEnabled(self.context.campaign_id is not None)
        self.controller.refresh_tally()

    def update_actions(self) -> None:
        job = self.controller.job
        self.start_button.setEnabled(job is None and self.may_scan)
        self.stop_button.setEnabled(job is not None and not job.stopping)
        self.sources.setEnabled(job is None)
        self.station.setEnabled(job is None)
        self.preview_box.setVisible(self.sources.current_kind() is SourceKind.CAMERA)

    def _kind_changed(self) -> None:
        """The camera's picture needs room; the other sources only show the counters."""
        self.update_actions()
        total = sum(self.splitter.sizes())
        left = (CAMERA_LEFT_WIDTH_PX if self.sources.current_kind() is SourceKind.CAMERA
                else LEFT_MIN_WIDTH_PX)
        self.splitter.setSizes([left, max(total - left, 1)])

    def show_counts(self, counts: ScanCounts) -> None:
        values = {Kind.ACCEPTED: counts.accepted, Kind.REVIEW: counts.review,
                  Kind.REJECTED: counts.rejected, Kind.ALREADY: counts.already}
        for kind, value in values.items():
            self.counter_labels[kind].setText(str(value))
        self.reasons_label.setText(reasons_text(counts.reasons) or self.tr("none so far"))

    def show_frame(self, image: QImage, capture_text: str) -> None:
        self._frame = image
        self.capture_label.setText(capture_text)
        self._paint_frame()

    def _paint_frame(self) -> None:
        if self._frame is None:
            return
        pixmap = QPixmap.fromImage(self._frame).scaled(
            self.preview_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        self.preview_label.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._paint_frame()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.controller.watch_window(self.window())


def reasons_text(reasons: Counter[Reason]) -> str:
    return "\n".join(f"{label(reason)}：{count}" for reason, count in reasons.most_common())
