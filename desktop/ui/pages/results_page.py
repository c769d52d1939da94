"""The results page (view): the provisional banner with its reasons, the formula, the buttons
for the rule, the notice and the files, then one tab per category (see
:mod:`desktop.ui.pages.results_category`). What the buttons do is in
:mod:`desktop.ui.pages.results_controller`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from ballotformat import messages
from desktop.core.enums import Permission
from desktop.core.results import CampaignResults, CategoryResult, CombinationRule
from desktop.ui.context import CampaignContext
from desktop.ui.i18n import arg
from desktop.ui.models import CLOCK_FORMAT, local_time
from desktop.ui.models.results_models import provisional_reasons
from desktop.ui.pages.base import Page
from desktop.ui.pages.results_category import CategoryPanel
from desktop.ui.pages.results_controller import ResultsController

BANNER_STYLE = ("background: #fff3e0; color: #b71c1c; border: 1px solid #ffb74d; "
                "padding: 6px; font-size: 14px;")
FORMULA_STYLE = ("background: #e8eaf6; color: #1a237e; padding: 6px; font-size: 14px; "
                 "font-weight: bold;")
HINT_STYLE = "color: #555555;"
WARNING_STYLE = "color: #8d5300;"
RECALCULATING_STYLE = "color: #1a237e; font-weight: bold;"


class ResultsPage(Page):
    nav_icon = "results"  # resources/icons/nav/results.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Results")

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.results: CampaignResults | None = None
        self._stale = True
        self.controller = ResultsController(self, context)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.formula_label = QLabel()
        self.formula_label.setWordWrap(True)
        self.formula_label.setStyleSheet(FORMULA_STYLE)
        self.rule_label = QLabel()
        self.rule_label.setStyleSheet(HINT_STYLE)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(WARNING_STYLE)
        self.recalculating_label = QLabel(self.tr("Recalculating…"))
        self.recalculating_label.setStyleSheet(RECALCULATING_STYLE)
        self.recalculating_label.hide()
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.currentChanged.connect(self._tab_chosen)
        self.panel = CategoryPanel()
        self.panel.decideTieRequested.connect(self.controller.decide_tie)
        self.message_label = QLabel()
        self.message_label.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.formula_label)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.warnings_label)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.recalculating_label)
        layout.addWidget(self.tabs)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.message_label)
        self.may_change = context.guard(Permission.MANAGE_RESULTS, self.rule_button,
                                        self.notice_button, self.panel.tie_button)
        self.watch_campaign(now=False)
        self.show_results(None)

    def _build_buttons(self) -> QHBoxLayout:
        c = self.controller
        # ``clicked`` passes ``checked``: the lambdas keep it from reaching the path argument.
        actions = (
            (self.tr("Combination rule…"), c.edit_rule),
            (self.tr("Notice settings…"), c.edit_notice),
            (self.tr("Write the notice PDF…"), lambda _=False: c.export_notice()),
            (self.tr("Export Excel…"), lambda: c.export_table(excel=True)),
            (self.tr("Export CSV…"), lambda: c.export_table(excel=False)),
            (self.tr("Export the cast-vote record…"), lambda _=False: c.export_cvr()),
        )
        row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for index, (text, slot) in enumerate(actions):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
            if index == 1:
                row.addStretch()
            self.buttons.append(button)
        self.rule_button, self.notice_button, self.pdf_button, self.xlsx_button, \
            self.csv_button, self.cvr_button = self.buttons
        return row

    # -- when to compute -------------------------------------------------------------------------
    def refresh(self) -> None:
        """The campaign or its data changed: recompute now if shown, else when next shown."""
        self.setEnabled(self.context.campaign_id is not None)
        if self.isVisible():
            self.controller.schedule()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.controller.compute(waited_for=True)
        self.controller.live_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.controller.live_timer.stop()

    # -- showing ---------------------------------------------------------------------------------
    def category(self) -> CategoryResult | None:
        if self.results is None or not 0 <= self.tabs.currentIndex() < len(
                self.results.categories):
            return None
        return self.results.categories[self.tabs.currentIndex()]

    def show_results(self, results: CampaignResults | None) -> None:
        chosen = self.category()
        self.results = results
        categories = results.categories if results else ()
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for category in categories:
            mark = " ⚠" if category.provisional else ""
            self.tabs.addTab(f"{category.name}{mark}")
        names = [c.name for c in categories]
        self.tabs.setCurrentIndex(names.index(chosen.name) if chosen and chosen.name in names
                                  else 0)
        self.tabs.blockSignals(False)
        for button in self.buttons:
            button.setEnabled(results is not None and (
                self.may_change or button not in (self.rule_button, self.notice_button)))
        self._show_header(results)
        self._tab_chosen()

    def _show_header(self, results: CampaignResults | None) -> None:
        if results is None:
            self.banner.hide()
            self.formula_label.setText(self.tr("Computing the results…")
                                       if self.context.campaign_id is not None else "")
            self.rule_label.clear()
            self.warnings_label.hide()
            return
        reasons = provisional_reasons(results)
        self.banner.setVisible(bool(reasons))
        self.banner.setText(self.tr("Provisional results, for checking only:") + "<br>"
                            + "<br>".join(f"• {r}" for r in reasons))
        self.formula_label.setText(results.formula(messages.current_language()))
        info = results.rule
        parts = [arg(self.tr("%n paper ballot(s) counted, %1 of them blank", "",
                             results.ballots), results.blank_ballots)]
        if info.set_by and info.set_at:
            parts.append(arg(self.tr("rule set by %1 on %2"), info.set_by,
                             local_time(info.set_at)))
        else:
            parts.append(self.tr("default rule (not set yet)"))
        parts.append(arg(self.tr("computed at %1"),
                         local_time(results.computed_at, CLOCK_FORMAT)))
        if not results.paper_current and results.paper_counted_at is not None:
            parts.append(arg(self.tr("paper ballots as counted at %1, before the latest changes"),
                             local_time(results.paper_counted_at, CLOCK_FORMAT)))
        self.rule_label.setText(" · ".join(parts))
        self.warnings_label.setVisible(bool(results.warnings))
        self.warnings_label.setText("\n".join(f"⚠ {w.text()}" for w in results.warnings))

    def _tab_chosen(self) -> None:
        results = self.results
        self.panel.show_category(self.category(), results.sources if results else (),
                                 results.rule.rule if results else CombinationRule())

    def show_recalculating(self, on: bool) -> None:
        """What is shown is about to be replaced: say so, with a busy cursor, until it is."""
        self.recalculating_label.setVisible(on and self.results is not None)
        if on:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
