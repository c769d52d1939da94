"""The audit log page (view): filters, the entries newest first, the selected entry in full,
and the two actions, verify and export. Read-only: nothing here changes the log. What the
buttons do is in :mod:`desktop.ui.pages.audit_controller`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.audit import Anchor, AuditFilter, AuditRecord, action_label, entity_label
from desktop.ui.context import CampaignContext
from desktop.ui.i18n import arg
from desktop.ui.models import SECOND_FORMAT, ObjectRole, local_time
from desktop.ui.models.audit_models import AuditTableModel, entity_text, readable
from desktop.ui.pages.audit_controller import AuditController
from desktop.ui.pages.base import Page
from desktop.ui.tables import list_table

#: The first date of the date filters, shown as "any".
NO_DATE = QDate(2000, 1, 1)
#: Typing in the search box reloads after this pause.
SEARCH_DELAY_MS = 250
#: Between the head's anchor and the field of anchors to check.
ANCHOR_GAP_PX = 24


def _start_of(day: QDate) -> dt.datetime:
    """Local midnight at the start of ``day``, as an aware datetime."""
    return dt.datetime(day.year(), day.month(), day.day()).astimezone()


class AuditPage(Page):
    nav_icon = "audit"  # resources/icons/nav/audit.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Audit log")

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.head: Anchor | None = None
        self.model = AuditTableModel(self)
        self.controller = AuditController(self, context)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.controller.reload)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_actions())
        layout.addLayout(self._build_anchors())
        layout.addWidget(self._build_filters())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_table())
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.watch_campaign()

    # -- layout ------------------------------------------------------------------------------
    def _build_actions(self) -> QHBoxLayout:
        sp = self.style().standardIcon
        self.verify_button = QPushButton(sp(QStyle.StandardPixmap.SP_DialogApplyButton),
                                         self.tr("Verify the audit chain"))
        self.verify_button.clicked.connect(self.controller.verify)
        self.export_button = QPushButton(sp(QStyle.StandardPixmap.SP_DialogSaveButton),
                                         self.tr("Export…"))
        self.export_button.clicked.connect(self.controller.export_file)
        self.verify_label = QLabel()
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.export_button)
        row.addWidget(self.verify_label, 1)
        return row

    def _build_anchors(self) -> QHBoxLayout:
        """The head as an anchor to write down, and anchors written down earlier to check."""
        self.head_label = QLabel()
        self.head_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.head_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the anchor, to keep it in the minutes or "
                                            "a message"))
        self.copy_button.clicked.connect(self.copy_head)
        self.anchor_edit = QLineEdit()
        self.anchor_edit.setPlaceholderText(self.tr("id:hash written down earlier, e.g. "
                                                    "1234:9f86d081884c7d65"))
        self.anchor_edit.setToolTip(self.tr(
            "Verify also checks that each entry named here still has the hash written down "
            "(several: separate them with spaces or commas)."))
        self.anchor_edit.setClearButtonEnabled(True)
        self.anchor_edit.returnPressed.connect(self.controller.verify)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Audit anchor (the head):")))
        row.addWidget(self.head_label)
        row.addWidget(self.copy_button)
        row.addSpacing(ANCHOR_GAP_PX)
        row.addWidget(QLabel(self.tr("Check against:")))
        row.addWidget(self.anchor_edit, 1)
        return row

    def _build_filters(self) -> QGroupBox:
        self.action_combo, self.entity_combo, self.actor_combo = (QComboBox(), QComboBox(),
                                                                  QComboBox())
        for combo in (self.action_combo, self.entity_combo, self.actor_combo):
            combo.setMinimumContentsLength(10)
            combo.currentIndexChanged.connect(self.controller.reload)
        self.since_edit, self.until_edit = QDateEdit(), QDateEdit()
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(NO_DATE)
            edit.setSpecialValueText(self.tr("any"))
            edit.setDate(NO_DATE)
            edit.dateChanged.connect(self.controller.reload)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search in any field…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self.search_timer.start())
        self.campaign_only = QCheckBox(self.tr("Current campaign only"))
        self.campaign_only.toggled.connect(self.controller.reload)
        self.count_label = QLabel()
        box = QGroupBox(self.tr("Filter"))
        form = QHBoxLayout(box)
        left, right = QFormLayout(), QFormLayout()
        left.addRow(self.tr("Action:"), self.action_combo)
        left.addRow(self.tr("Object:"), self.entity_combo)
        left.addRow(self.tr("Actor:"), self.actor_combo)
        dates = QHBoxLayout()
        dates.addWidget(self.since_edit)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.until_edit)
        right.addRow(self.tr("Date:"), dates)
        right.addRow(self.tr("Search:"), self.search_edit)
        right.addRow(self.campaign_only, self.count_label)
        form.addLayout(left, 1)
        form.addLayout(right, 1)
        return box

    def _build_table(self) -> QTableView:
        self.table = list_table(self.model, AuditTableModel.COL_CHANGE)
        self.table.selectionModel().selectionChanged.connect(self.show_selected)
        return self.table

    def _build_detail(self) -> QGroupBox:
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.before_text, self.after_text = QPlainTextEdit(), QPlainTextEdit()
        sides = QSplitter(Qt.Orientation.Horizontal)
        for title, text in ((self.tr("Before"), self.before_text),
                            (self.tr("After"), self.after_text)):
            text.setReadOnly(True)
            text.setFont(mono)
            side = QGroupBox(title)
            QVBoxLayout(side).addWidget(text)
            sides.addWidget(side)
        self.hash_label = QLabel()
        self.hash_label.setFont(mono)
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QGroupBox(self.tr("Entry"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.detail_label)
        layout.addWidget(sides, 1)
        layout.addWidget(self.hash_label)
        return box

    # -- state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """New choices for the filter lists, then the entries (other pages add entries)."""
        self.campaign_only.setEnabled(self.context.campaign_id is not None)
        self.controller.refresh_choices()
        self.controller.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def set_choices(self, combo: QComboBox, everything: str,
                    choices: list[tuple[str, str, str]]) -> None:
        """``choices``: (text, value, tooltip); the current value stays chosen when it can."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, value, tooltip in choices:
            combo.addItem(text, value)
            combo.setItemData(combo.count() - 1, tooltip, Qt.ItemDataRole.ToolTipRole)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def fill_choices(self, actions: list[str], entities: list[str], actors: list[str]) -> None:
        self.set_choices(self.action_combo, self.tr("All actions"),
                         sorted(((action_label(a), a, a) for a in actions), key=lambda c: c[1]))
        self.set_choices(self.entity_combo, self.tr("All objects"),
                         [(entity_label(e), e, e) for e in entities])
        # Failed sign-ins have no actor: the action filter ("sign-in failed") finds them.
        self.set_choices(self.actor_combo, self.tr("Everyone"), [(a, a, a) for a in actors if a])

    def current_filter(self) -> AuditFilter:
        since, until = self.since_edit.date(), self.until_edit.date()
        campaign_id = self.context.campaign_id if self.campaign_only.isChecked() else None
        return AuditFilter(
            action=self.action_combo.currentData(), entity=self.entity_combo.currentData(),
            actor=self.actor_combo.currentData(), campaign_id=campaign_id,
            since=None if since == NO_DATE else _start_of(since),
            until=None if until == NO_DATE else _start_of(until.addDays(1)),
            text=self.search_edit.text().strip() or None)

    def show_entries(self, entries: list[AuditRecord], more: bool) -> None:
        chosen = self.selected()
        self.model.set_rows(entries)
        if more:
            self.count_label.setText(arg(self.tr("The newest %1 entries; narrow the filter "
                                                 "to see older ones."), len(entries)))
        else:
            self.count_label.setText(self.tr("%n entry(ies)", "", len(entries)))
        rows = [row for row, entry in enumerate(entries) if chosen and entry.id == chosen.id]
        if rows:
            self.table.selectRow(rows[0])
        else:
            self.show_selected()

    def selected(self) -> AuditRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ObjectRole) if rows else None

    def show_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            self.detail_label.setText(self.tr("Choose an entry to see it in full."))
            for text in (self.before_text, self.after_text):
                text.clear()
            self.hash_label.clear()
            return
        self.detail_label.setText(arg(
            self.tr("No. %1 · %2 · %3 · %4 (%5) · %6"), entry.id,
            local_time(entry.at, SECOND_FORMAT), entry.actor, action_label(entry.action),
            entry.action, entity_text(entry)))
        self.before_text.setPlainText(readable(entry.before))
        self.after_text.setPlainText(readable(entry.after))
        self.hash_label.setText(f"prev_hash {entry.prev_hash}\nhash      {entry.hash}")

    def show_head(self, head: Anchor | None) -> None:
        """The last entry as an anchor (the short form; the whole hash in the tooltip)."""
        self.head = head
        self.head_label.setText(head.text() if head else self.tr("(empty log)"))
        self.head_label.setToolTip(head.text(len(head.hash_prefix)) if head else "")
        self.copy_button.setEnabled(head is not None)

    def copy_head(self) -> None:
        if self.head is not None:
            QGuiApplication.clipboard().setText(self.head.text())

    def set_busy(self, busy: bool) -> None:
        self.verify_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy)
        if busy:
            self.verify_label.setText(self.tr("Working…"))
            self.verify_label.setStyleSheet("")

    def show_verification(self, text: str, ok: bool) -> None:
        self.verify_label.setText(text)
        self.verify_label.setStyleSheet("color: #1b5e20;" if ok else
                                        "color: #b71c1c; font-weight: bold;")
