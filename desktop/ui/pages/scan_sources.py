"""The scan page's source selector: files or a folder, a watched folder, a SANE scanner, a
camera (or a video file). A view only: it lays out the inputs and turns them into a
:class:`ScanRequest` or the reason why not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from ballotformat.messages import list_separator
from desktop.ui.feedback import ERROR_STYLE
from desktop.ui.pages.scan_jobs import ScanRequest, SourceKind
from scanning.sources import ScannerInfo, parse_options, settings_from_options

#: Separates several paths in the files field (also what the file dialog puts there).
PATH_SEPARATOR = ";"
IMAGE_FILTER = "*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.pdf"
VIDEO_FILTER = "*.avi *.mp4 *.mkv *.mov"


def _row(*widgets: QWidget, stretch: int = 0) -> QWidget:
    panel = QWidget()
    row = QHBoxLayout(panel)
    row.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        row.addWidget(widget, 1 if index == stretch else 0)
    return panel


class SourcePanel(QWidget):
    #: The scanner list should be (re)loaded.
    refreshScannersRequested = Signal()
    kindChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for kind, text in ((SourceKind.FILES, self.tr("Files or folder")),
                           (SourceKind.WATCH, self.tr("Watched folder")),
                           (SourceKind.SCANNER, self.tr("Scanner")),
                           (SourceKind.CAMERA, self.tr("Document camera / webcam"))):
            self.kind.addItem(text, kind)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._files_panel())
        self.stack.addWidget(self._watch_panel())
        self.stack.addWidget(self._scanner_panel())
        self.stack.addWidget(self._camera_panel())
        self.kind.currentIndexChanged.connect(self.stack.setCurrentIndex)
        self.kind.currentIndexChanged.connect(lambda _i: self.kindChanged.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Source:")))
        row.addWidget(self.kind)
        row.addWidget(self.stack, 1)

    def _files_panel(self) -> QWidget:
        self.paths = QLineEdit()
        self.paths.setPlaceholderText(self.tr("Scanned images, PDF or TIFF files, or a folder"))
        add_files = QPushButton(self.tr("Files…"))
        add_files.clicked.connect(self._choose_files)
        add_folder = QPushButton(self.tr("Folder…"))
        add_folder.clicked.connect(lambda: self._choose_folder(self.paths))
        return _row(self.paths, add_files, add_folder)

    def _watch_panel(self) -> QWidget:
        self.watch_folder = QLineEdit()
        self.watch_folder.setPlaceholderText(self.tr("The folder the scanner saves to"))
        browse = QPushButton(self.tr("Folder…"))
        browse.clicked.connect(lambda: self._choose_folder(self.watch_folder))
        return _row(self.watch_folder, browse)

    def _scanner_panel(self) -> QWidget:
        self.device = QComboBox()
        self.device.setMinimumWidth(220)
        self.refresh_button = QPushButton(self.tr("Find scanners"))
        self.refresh_button.clicked.connect(self.refreshScannersRequested.emit)
        self.duplex = QCheckBox(self.tr("Both sides"))
        self.options = QLineEdit()
        self.options.setPlaceholderText(self.tr("Options, e.g. source=ADF; resolution=300"))
        self.scanner_message = QLabel()
        self.scanner_message.setStyleSheet(ERROR_STYLE)
        self.scanner_message.setWordWrap(True)
        return _row(self.device, self.refresh_button, self.duplex, self.options,
                    self.scanner_message, stretch=3)

    def _camera_panel(self) -> QWidget:
        self.camera = QLineEdit("0")
        self.camera.setToolTip(self.tr("Camera number (0 is the first camera), or a video file"))
        browse = QPushButton(self.tr("Video file…"))
        browse.clicked.connect(self._choose_video)
        hint = QLabel(self.tr("Lay each sheet under the camera; it is taken once it lies still."))
        hint.setStyleSheet("color: #555555;")
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return _row(QLabel(self.tr("Camera:")), self.camera, browse, hint, stretch=3)

    # -- choosing ------------------------------------------------------------------------------
    def _choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Scanned ballots"), "", self.tr("Images and PDF (%1)").replace(
                "%1", IMAGE_FILTER))
        if files:
            self.paths.setText(PATH_SEPARATOR.join(files))

    def _choose_folder(self, target: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of scanned ballots"))
        if folder:
            target.setText(folder)

    def _choose_video(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Video file"), "", self.tr("Videos (%1)").replace("%1", VIDEO_FILTER))
        if path:
            self.camera.setText(path)

    def choose(self, kind: SourceKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def current_kind(self) -> SourceKind:
        return SourceKind(self.kind.currentData())

    def set_scanners(self, scanners: list[ScannerInfo], message: str = "") -> None:
        self.device.clear()
        for scanner in scanners:
            self.device.addItem(f"{scanner.label} ({scanner.device})", scanner.device)
        self.scanner_message.setText(message)

    # -- the request ---------------------------------------------------------------------------
    def request(self, station: str) -> ScanRequest | str:
        """What to scan, or why it cannot start (a sentence for the user)."""
        kind = self.current_kind()
        if kind is SourceKind.FILES:
            paths = tuple(Path(p.strip()) for p in self.paths.text().split(PATH_SEPARATOR)
                          if p.strip())
            if not paths:
                return self.tr("Choose the scanned files or a folder first.")
            missing = [str(p) for p in paths if not p.exists()]
            if missing:
                return self.tr("Not found: %1").replace("%1", list_separator().join(missing))
            return ScanRequest(kind, station, paths=paths)
        if kind is SourceKind.WATCH:
            folder = Path(self.watch_folder.text().strip())
            if not self.watch_folder.text().strip() or not folder.is_dir():
                return self.tr("Choose an existing folder to watch.")
            return ScanRequest(kind, station, folder=folder)
        if kind is SourceKind.SCANNER:
            device = self.device.currentData()
            if not device:
                return self.tr("No scanner chosen: click “Find scanners”.")
            try:
                settings = settings_from_options(parse_options(self.options.text()),
                                                 self.duplex.isChecked())
            except ValueError as error:
                return self.tr("Scanner options are written name=value: %1").replace(
                    "%1", str(error))
            return ScanRequest(kind, station, device=str(device), settings=settings)
        text = self.camera.text().strip() or "0"
        camera: int | str = int(text) if text.isdigit() else text
        if isinstance(camera, str) and not Path(camera).is_file():
            return self.tr("Not found: %1").replace("%1", camera)
        return ScanRequest(kind, station, camera=camera)
