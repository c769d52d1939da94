"""The main window: navigation on the left, the campaign chooser on top, pages in between."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop.core.enums import Permission
from desktop.core.labels import label
from desktop.core.registry import CampaignInfo
from desktop.core.services import Services
from desktop.ui.background import Job, run_in_background, run_job
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.account_dialogs import ChangePasswordDialog
from desktop.ui.feedback import run_checked
from desktop.ui.i18n import LANGUAGES, arg
from desktop.ui.icons import app_icon, nav_icon
from desktop.ui.maintenance import MaintenanceActions
from desktop.ui.pages import PAGES
from desktop.ui.pages.candidates_page import CandidatesPage
from desktop.ui.pages.welcome_page import WelcomePage
from desktop.ui.placement import opening_geometry

PageType = TypeVar("PageType", bound=QWidget)

NAV_WIDTH_PX = 168
#: Room around the longest page name: the list's frame, item padding and spacing.
NAV_FRAME_PX = 24
NAV_ICON_PX = 20
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}
#: The database path in the status bar gives way to the window's width down to this.
DB_LABEL_MIN_PX = 120


class PageStack(QStackedWidget):
    """The pages, as large as the page shown needs (a QStackedWidget asks for its largest)."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class MainWindow(QMainWindow):
    #: The user picked another interface language (the app rebuilds the window).
    languageRequested = Signal(str)
    #: Someone else wants to sign in (the app rebuilds the window for them).
    switchUserRequested = Signal()

    def __init__(self, services: Services, campaign_id: int | None = None,
                 language: str = "zh_CN", geometry: QRect | None = None) -> None:
        """``geometry``: where the window was (it opens there if that fits the screen)."""
        super().__init__()
        self.services = services
        self.language = language
        if campaign_id is None:
            campaigns = services.registry.list_campaigns()
            campaign_id = campaigns[-1].id if campaigns else None
        self.context = CampaignContext(services, campaign_id)
        self.demo_job: Job | None = None
        actor = services.actor
        self.setWindowTitle(arg(self.tr("%1 — %2 (%3)"), self.tr("BallotDesk"), actor.name,
                                label(actor.role)))
        self.setWindowIcon(app_icon())
        self._build_pages()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.context.campaignChanged.connect(self.refresh)
        self.context.campaignChanged.connect(self.count_ahead)
        self.context.dataChanged.connect(self.refresh)
        self.refresh()
        self.count_ahead()
        self.setGeometry(opening_geometry(geometry))

    # -- layout ------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.nav = QListWidget()
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } "
                               "QListWidget::item { padding: 6px 4px; }")
        self.stack = PageStack()
        self.pages: list[QWidget] = []
        for page_type in PAGES:
            needed = page_type.nav_permission
            if needed is not None and not self.services.actor.can(needed):
                continue
            page = page_type(self.context, self)
            self.pages.append(page)
            self.stack.addWidget(page)
            item = QListWidgetItem(nav_icon(page_type.nav_icon), page_type.nav_title())
            self.nav.addItem(item)
        # As wide as the longest page name in this language needs, never narrower than the
        # default: a fixed width cut off longer names (and English ones).
        self.nav.setFixedWidth(max(NAV_WIDTH_PX, self.nav.sizeHintForColumn(0)
                                   + NAV_FRAME_PX))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        workspace = QWidget()
        row = QHBoxLayout(workspace)
        row.setContentsMargins(6, 6, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.nav)
        # A page wider or taller than the room the screen leaves scrolls, so the window never
        # has to be larger than the screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.stack)
        row.addWidget(scroll, 1)
        self.welcome = WelcomePage()
        self.welcome.newCampaignRequested.connect(self.new_campaign)
        self.welcome.demoRequested.connect(self.open_demo)
        self.outer = QStackedWidget()
        self.outer.addWidget(self.welcome)
        self.outer.addWidget(workspace)
        self.workspace = workspace
        self.setCentralWidget(self.outer)
        self.show_page(CandidatesPage)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Campaign"))
        toolbar.setMovable(False)
        toolbar.setObjectName("campaignToolbar")
        self.campaign_combo = QComboBox()
        self.campaign_combo.setMinimumWidth(320)
        self.campaign_combo.activated.connect(
            lambda: self.context.set_campaign(self.campaign_combo.currentData()))
        toolbar.addWidget(QLabel(self.tr("Campaign:") + " "))
        toolbar.addWidget(self.campaign_combo)
        self.addToolBar(toolbar)
        self.campaign_toolbar = toolbar

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = QAction(self.tr("New campaign…"), self)
        self.new_action.triggered.connect(self.new_campaign)
        candidates = self.page(CandidatesPage)
        self.demo_action = QAction(self.tr("Open the demo campaign"), self)
        self.demo_action.triggered.connect(self.open_demo)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addActions([self.new_action, self.demo_action])
        file_menu.addSeparator()
        file_menu.addActions([candidates.import_action, candidates.export_action])
        file_menu.addSeparator()
        self.maintenance = MaintenanceActions(self.context, self)
        self.maintenance.restored.connect(self.switchUserRequested)
        file_menu.addActions(self.maintenance.actions())
        file_menu.addSeparator()
        self.switch_user_action = QAction(self.tr("Switch user…"), self)
        self.switch_user_action.triggered.connect(self.switchUserRequested)
        self.password_action = QAction(self.tr("Change password…"), self)
        self.password_action.triggered.connect(self.change_password)
        file_menu.addActions([self.switch_user_action, self.password_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.context.guard(Permission.MANAGE_REGISTRY, self.new_action, self.demo_action,
                           self.welcome.new_button, self.welcome.demo_button)

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for language in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[language], group)
            action.setCheckable(True)
            action.setChecked(language == self.language)
            action.triggered.connect(lambda _=False, lang=language: self.choose_language(lang))
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About BallotDesk"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        self.db_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        actor = self.services.actor
        self.user_label = QLabel(arg(self.tr("Signed in: %1 (%2)"), actor.name,
                                     label(actor.role)))
        self.statusBar().addPermanentWidget(self.user_label)
        location = self.services.location
        self.db_label.setText(arg(self.tr("Database: %1"), location))
        # A long path is cut rather than widening the window past the screen; the tooltip
        # has it whole.
        self.db_label.setToolTip(location)
        self.db_label.setMinimumWidth(DB_LABEL_MIN_PX)
        self.db_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    # -- behaviour ---------------------------------------------------------------------------
    def page(self, page_type: type[PageType]) -> PageType:
        return next(page for page in self.pages if isinstance(page, page_type))

    def show_page(self, page_type: type[QWidget]) -> None:
        self.nav.setCurrentRow(self.pages.index(self.page(page_type)))

    def refresh(self) -> None:
        registry = self.services.registry
        campaigns = registry.list_campaigns()
        self.campaign_combo.clear()
        for campaign in campaigns:
            self.campaign_combo.addItem(campaign.name, campaign.id)
        self.campaign_combo.setCurrentIndex(self.campaign_combo.findData(self.context.campaign_id))
        has_campaign = self.context.campaign_id is not None
        self.outer.setCurrentWidget(self.workspace if has_campaign else self.welcome)
        self.campaign_toolbar.setVisible(has_campaign)
        self._update_counts()

    def count_ahead(self) -> None:
        """Count the open campaign's paper ballots in the background, so that the results
        page has a count to show at once when it is first opened (``last_tally``; at 100,000
        sheets a count takes most of a second). A count that fails here is left to the pages,
        which count again and say why it failed."""
        campaign_id, results = self.context.campaign_id, self.services.results
        if campaign_id is not None:
            run_in_background(lambda: results.current_tally(campaign_id), lambda _counted: None,
                              lambda _exc: None, owner=self)

    def _update_counts(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            self.counts_label.clear()
            return
        registry = self.services.registry
        categories = len(registry.list_categories(campaign_id))
        units = len(registry.list_units(campaign_id))
        candidates = len(self.services.candidates.list(campaign_id))
        self.counts_label.setText(
            self.tr("%n categories", "", categories) + " · "
            + self.tr("%n units", "", units) + " · "
            + self.tr("%n candidates", "", candidates))

    def new_campaign(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New campaign"), self.tr("Name:"))
        if not ok:
            return
        created = run_checked(self, lambda: self.services.registry.create_campaign(name))
        if created is not None:
            self.context.set_campaign(created.id)
            self.show_page(type(self.pages[0]))

    def open_demo(self) -> None:
        """Create the demo campaign in the background (seconds: 150 candidates, their photos),
        with a busy cursor and, past a moment, a progress dialog; then show its candidates."""
        if self.demo_job is not None:
            return  # already on its way
        from desktop.core.demo import create_demo

        services = self.services

        def busy(on: bool) -> None:
            if on:
                self.setCursor(Qt.CursorShape.BusyCursor)
            else:
                self.demo_job = None
                self.unsetCursor()

        def created(campaign: CampaignInfo) -> None:
            self.context.set_campaign(campaign.id)
            self.show_page(CandidatesPage)

        self.demo_job = run_job(self, self.tr("Open the demo campaign"),
                                self.tr("Creating the demo campaign…"),
                                lambda _report: create_demo(services), created, busy=busy)

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.services.db, self.services.actor, self)
        if dialog.exec():
            QMessageBox.information(self, self.tr("Change password"),
                                    self.tr("Your password was changed."))

    def choose_language(self, language: str) -> None:
        if language != self.language:
            self.languageRequested.emit(language)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About BallotDesk"), arg(self.tr(
            "<b>BallotDesk</b> (选票台) %1<br>Community award campaigns: registry, barcoded paper "
            "ballots, scanning and tallies.<br>Licence: GPL-3.0-or-later."),
            QCoreApplication.applicationVersion()))
