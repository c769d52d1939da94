"""The stations page (view): this station's key as text and QR code, exporting a package; for
organisers the registered stations, importing packages and the imports so far. Actions the
signed-in person's role lacks are disabled. What the buttons do is in
:mod:`desktop.ui.pages.stations_controller`."""

from __future__ import annotations

import io

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import Permission
from desktop.core.stations import StationInfo, StationKey, qr_code
from desktop.ui.context import CampaignContext
from desktop.ui.i18n import arg
from desktop.ui.models import ObjectRole
from desktop.ui.models.station_models import ImportsModel, StationsModel
from desktop.ui.pages.base import Page
from desktop.ui.pages.stations_controller import StationsController
from desktop.ui.tables import list_table

QR_SCALE = 5
QR_BORDER = 2
KEY_TEXT_LINES = 3


class StationsPage(Page):
    nav_icon = "stations"  # resources/icons/nav/stations.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Stations")

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.services = context.services
        self.key: StationKey | None = None
        self.stations_model = StationsModel(self)
        self.imports_model = ImportsModel(self)
        self.controller = StationsController(self, context)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self._build_key())
        left.addWidget(self._build_export())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._build_stations(), 1)
        right.addWidget(self._build_imports(), 1)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.watch_campaign()

    # -- layout ------------------------------------------------------------------------------
    def _build_key(self) -> QGroupBox:
        box = QGroupBox(self.tr("This station's key"))
        grid = QGridLayout(box)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setFont(mono)
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station_name_edit = QLineEdit()
        self.station_name_edit.setPlaceholderText(self.tr("e.g. Donghu community centre"))
        self.create_key_button = QPushButton(self.tr("Make this station's key"))
        self.create_key_button.clicked.connect(self.controller.create_key)
        self.new_key_button = QPushButton(self.tr("New key…"))
        self.new_key_button.clicked.connect(self.controller.new_key)
        self.copy_fingerprint_button = QPushButton(self.tr("Copy fingerprint"))
        self.copy_fingerprint_button.clicked.connect(lambda: self._copy(
            self.key.fingerprint_text if self.key else ""))
        self.copy_qr_button = QPushButton(self.tr("Copy QR text"))
        self.copy_qr_button.clicked.connect(lambda: self._copy(
            self.key.qr_text if self.key else ""))
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel(self.tr("Name:")))
        name_row.addWidget(self.station_name_edit, 1)
        name_row.addWidget(self.create_key_button)
        name_row.addWidget(self.new_key_button)
        grid.addLayout(name_row, 0, 0, 1, 2)
        grid.addWidget(self.key_label, 1, 0)
        grid.addWidget(self.qr_label, 1, 1, 3, 1)
        grid.addWidget(self.fingerprint_label, 2, 0)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_fingerprint_button)
        copy_row.addWidget(self.copy_qr_button)
        copy_row.addStretch(1)
        grid.addLayout(copy_row, 3, 0)
        return box

    def _build_export(self) -> QGroupBox:
        box = QGroupBox(self.tr("Export a package"))
        layout = QVBoxLayout(box)
        explain = QLabel(self.tr(
            "Writes every sheet of the current campaign scanned here, with its marks, review "
            "decisions and the box reconciliation, into one file signed with this station's "
            "key. Take it to the organiser."))
        explain.setWordWrap(True)
        self.images_check = QCheckBox(self.tr("Include the scanned images"))
        self.images_check.setChecked(True)
        self.export_button = QPushButton(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
            self.tr("Export package…"))
        self.export_button.clicked.connect(self.controller.export_file)
        layout.addWidget(explain)
        layout.addWidget(self.images_check)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _build_stations(self) -> QGroupBox:
        box = QGroupBox(self.tr("Registered stations (organiser)"))
        layout = QVBoxLayout(box)
        self.stations_table = list_table(self.stations_model, StationsModel.COL_FINGERPRINT)
        self.stations_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.register_name_edit = QLineEdit()
        self.register_name_edit.setPlaceholderText(self.tr("(from the QR text)"))
        self.register_key_edit = QPlainTextEdit()
        self.register_key_edit.setPlaceholderText(self.tr(
            "Paste the station's QR text, public key or fingerprint"))
        self.register_key_edit.setFixedHeight(
            self.register_key_edit.fontMetrics().lineSpacing() * KEY_TEXT_LINES + 12)
        self.register_button = QPushButton(self.tr("Register"))
        self.register_button.clicked.connect(self.controller.register)
        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.revoke_button.clicked.connect(self.controller.revoke)
        form = QFormLayout()
        form.addRow(self.tr("Station name:"), self.register_name_edit)
        form.addRow(self.tr("Key:"), self.register_key_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout.addWidget(self.stations_table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return box

    def _build_imports(self) -> QGroupBox:
        box = QGroupBox(self.tr("Packages imported"))
        layout = QVBoxLayout(box)
        self.import_button = QPushButton(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton),
            self.tr("Import package…"))
        self.import_button.clicked.connect(self.controller.import_file)
        self.imports_table = list_table(self.imports_model, ImportsModel.COL_STATION)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.imports_table, 1)
        return box

    # -- state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        stations = self.services.stations
        self.key = stations.current()
        self.show_key(self.key)
        self.stations_model.set_rows(stations.registered())
        self.imports_model.set_rows(stations.imports(self.context.campaign_id))
        self._update_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def show_key(self, key: StationKey | None) -> None:
        if key is None:
            self.key_label.setText(self.tr(
                "This installation has no station key yet. Name the station and make its "
                "key: the organiser registers it before accepting its packages."))
            self.fingerprint_label.clear()
            self.qr_label.clear()
            return
        if not self.station_name_edit.text():
            self.station_name_edit.setText(key.name)
        self.key_label.setText(arg(self.tr("Station “%1”. Read the fingerprint to the "
                                           "organiser, or let them scan the QR code."), key.name))
        self.fingerprint_label.setText(key.fingerprint_text)
        out = io.BytesIO()
        qr_code(key.qr_text).save(out, kind="png", scale=QR_SCALE, border=QR_BORDER)
        pixmap = QPixmap()
        pixmap.loadFromData(out.getvalue(), "PNG")
        self.qr_label.setPixmap(pixmap)

    def selected_station(self) -> StationInfo | None:
        rows = self.stations_table.selectionModel().selectedRows()
        return self.stations_model.data(rows[0], ObjectRole) if rows else None

    def _update_actions(self) -> None:
        # Disabled, with the reason as tooltip, for a role without the permission.
        exporting = self.context.guard(Permission.EXPORT_PACKAGE, self.create_key_button,
                                       self.new_key_button, self.export_button,
                                       self.images_check)
        managing = self.context.guard(Permission.MANAGE_STATIONS, self.register_button,
                                      self.register_name_edit, self.register_key_edit,
                                      self.revoke_button, self.import_button)
        idle = not self.controller.busy
        has_key = self.key is not None
        self.create_key_button.setEnabled(exporting and idle)
        self.create_key_button.setText(self.tr("Rename") if has_key
                                       else self.tr("Make this station's key"))
        self.new_key_button.setEnabled(exporting and idle and has_key)
        self.copy_fingerprint_button.setEnabled(has_key)
        self.copy_qr_button.setEnabled(has_key)
        self.export_button.setEnabled(exporting and idle and self.context.campaign_id is not None)
        self.images_check.setEnabled(exporting)
        for widget in (self.register_button, self.register_name_edit, self.register_key_edit,
                       self.import_button):
            widget.setEnabled(managing and idle)
        station = self.selected_station()
        self.revoke_button.setEnabled(managing and idle and station is not None
                                      and station.revoked_at is None)

    def set_busy(self, busy: bool) -> None:
        del busy  # the controller's flag decides
        self._update_actions()

    def _copy(self, text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)
