"""The live ballot preview (view): options, layout version, the pages, or why there are none.

The pages are images of the PDF the printing service renders (``Printing.preview``), made by
:mod:`desktop.ui.pdf_images` on the background helper; this widget only shows them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ballotformat import Paper
from ballotformat.messages import Message
from desktop.core.labels import label
from desktop.core.printing import BoxInfo, LayoutState, PrintOptions
from desktop.ui.i18n import arg

#: Instruction languages of the printed ballot, named as their readers call them.
BALLOT_LANGUAGES = (("zh_CN", "中文"), ("en", "English"))
PAGE_GAP_PX = 12
PAGE_MARGIN_PX = 12
RESIZE_DELAY_MS = 60
MM_PER_INCH = 25.4
WARNING_STYLE = ("QLabel { background: #fff3cd; color: #7a4b00; border: 1px solid #e0b44c;"
                 " border-radius: 4px; padding: 6px; font-weight: bold; }")
PROBLEM_STYLE = "QLabel { color: #b71c1c; font-size: 11pt; }"
PAGE_STYLE = "QLabel { background: white; border: 1px solid #9e9e9e; }"
CANVAS_STYLE = "background: #d6d6d6;"


class PreviewPanel(QWidget):
    #: The paper, language, photos or box changed: the preview should be made again.
    optionsChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: list[QImage] = []
        self._labels: list[QLabel] = []
        self._rezoom = QTimer(self, singleShot=True, interval=RESIZE_DELAY_MS)
        self._rezoom.timeout.connect(self._apply_zoom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_options())
        self.state_label = QLabel()
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.hide()
        layout.addWidget(self.state_label)
        layout.addWidget(self.warning_label)
        layout.addLayout(self._build_zoom())
        layout.addWidget(self._build_stack(), 1)

    def _build_options(self) -> QGridLayout:
        self.paper = QComboBox()
        for paper in Paper:
            self.paper.addItem(label(paper), paper)
        self.language = QComboBox()
        for code, name in BALLOT_LANGUAGES:
            self.language.addItem(name, code)
        self.photos = QCheckBox(self.tr("Show photos"))
        self.box = QComboBox()
        self.box.setMinimumContentsLength(16)
        for combo in (self.paper, self.language, self.box):
            combo.currentIndexChanged.connect(self.optionsChanged)
        self.photos.toggled.connect(self.optionsChanged)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Paper")), 0, 0)
        grid.addWidget(self.paper, 0, 1)
        grid.addWidget(QLabel(self.tr("Instructions")), 0, 2)
        grid.addWidget(self.language, 0, 3)
        grid.addWidget(self.photos, 0, 4)
        grid.addWidget(QLabel(self.tr("Box header")), 1, 0)
        grid.addWidget(self.box, 1, 1, 1, 4)
        grid.setColumnStretch(5, 1)
        return grid

    def _build_zoom(self) -> QHBoxLayout:
        self.fit_button = QPushButton(self.tr("Fit width"))
        self.actual_button = QPushButton(self.tr("100%"))
        self.zoom_group = QButtonGroup(self)
        for button in (self.fit_button, self.actual_button):
            button.setCheckable(True)
            self.zoom_group.addButton(button)
        self.fit_button.setChecked(True)
        self.zoom_group.buttonClicked.connect(lambda _button: self._apply_zoom())
        self.page_count_label = QLabel()
        self.print_preview_button = QPushButton(self.tr("Print preview…"))
        row = QHBoxLayout()
        row.addWidget(self.fit_button)
        row.addWidget(self.actual_button)
        row.addWidget(self.page_count_label)
        row.addStretch()
        row.addWidget(self.print_preview_button)
        return row

    def _build_stack(self) -> QStackedWidget:
        self.pages_widget = QWidget()
        self.pages_widget.setStyleSheet(CANVAS_STYLE)
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setSpacing(PAGE_GAP_PX)
        self.pages_layout.setContentsMargins(PAGE_MARGIN_PX, PAGE_MARGIN_PX,
                                             PAGE_MARGIN_PX, PAGE_MARGIN_PX)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.pages_widget)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.viewport().installEventFilter(self)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.setContentsMargins(12, 12, 12, 12)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.scroll_area)
        self.stack.addWidget(self.problem_label)
        return self.stack

    # -- what the controller reads and sets ----------------------------------------------------
    def options(self) -> PrintOptions:
        return PrintOptions(Paper(self.paper.currentData()), self.language.currentData(),
                            self.photos.isChecked())

    def chosen_box(self) -> BoxInfo | None:
        box: BoxInfo | None = self.box.currentData()
        return box

    def set_boxes(self, boxes: list[BoxInfo]) -> None:
        """Refill the box chooser, keeping the chosen box; no optionsChanged unless it went."""
        current = self.chosen_box()
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItem(self.tr("(no box)"), None)
        for box in boxes:
            self.box.addItem(box.name, box)
        found = next((i for i, b in enumerate(boxes, 1)
                      if current is not None and b.id == current.id), 0)
        self.box.setCurrentIndex(found)
        self.box.blockSignals(False)
        if current is not None and (found == 0 or boxes[found - 1] != current):
            self.optionsChanged.emit()

    def set_busy(self) -> None:
        self.state_label.setText(self.tr("Making the preview…"))

    def show_pages(self, images: list[QImage], state: LayoutState) -> None:
        self.images = images
        if state.stored:
            text = arg(self.tr("Layout version %1 (archived)"), state.version)
        else:
            text = arg(self.tr("Printing will create layout version %1"), state.version)
        self.state_label.setText(text)
        self._show_warnings(list(state.warnings))
        self.page_count_label.setText(self.tr("%n page(s) per ballot", "", len(images)))
        for page in self._labels:
            page.deleteLater()
        self._labels = []
        for _image in images:
            page = QLabel()
            page.setStyleSheet(PAGE_STYLE)
            self.pages_layout.addWidget(page)
            self._labels.append(page)
        self.stack.setCurrentWidget(self.scroll_area)
        self.print_preview_button.setEnabled(True)
        self._apply_zoom()

    def show_problem(self, messages: list[Message]) -> None:
        """The reasons there is no ballot, where the ballot would be, and what to do."""
        self.images = []
        self.state_label.setText(self.tr("No preview"))
        self._show_warnings([])
        self.page_count_label.clear()
        lines = "\n".join(f"• {m.text()}" for m in messages)
        hint = self.tr("Fix this on the Candidates page (shortlist and number the candidates); "
                       "the preview follows by itself.")
        self.problem_label.setText(f"{lines}\n\n{hint}")
        self.stack.setCurrentWidget(self.problem_label)
        self.print_preview_button.setEnabled(False)

    def _show_warnings(self, warnings: list[Message]) -> None:
        self.warning_label.setText("\n".join(m.text() for m in warnings))
        self.warning_label.setVisible(bool(warnings))

    # -- zoom ----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.fit_button.isChecked():
            self._rezoom.start()
        return super().eventFilter(watched, event)

    def page_width_px(self, image: QImage) -> int:
        if self.fit_button.isChecked():
            return max(100, self.scroll_area.viewport().width() - 2 * PAGE_MARGIN_PX)
        width_mm = image.width() / (image.dotsPerMeterX() / 1000)
        return round(width_mm / MM_PER_INCH * self.logicalDpiX())

    def _apply_zoom(self) -> None:
        ratio = self.devicePixelRatioF()
        for image, page in zip(self.images, self._labels, strict=True):
            width = self.page_width_px(image)
            pixmap = QPixmap.fromImage(image.scaledToWidth(
                round(width * ratio), Qt.TransformationMode.SmoothTransformation))
            pixmap.setDevicePixelRatio(ratio)
            page.setPixmap(pixmap)
            page.setFixedSize(pixmap.deviceIndependentSize().toSize())
