"""The pages of the main window, in navigation order.

Adding a page is one line in :data:`PAGES`. A page is a ``QWidget`` built as
``Page(context, parent)`` with a static ``nav_title()``, a ``nav_icon`` (the name of its
drawing in resources/icons/nav)
and ``refresh()``; it takes its services from the :class:`CampaignContext` it is given. A page
with a ``nav_permission`` is left out of the navigation of people whose role lacks it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from desktop.ui.context import CampaignContext
from desktop.ui.pages.accounts_page import AccountsPage
from desktop.ui.pages.audit_page import AuditPage
from desktop.ui.pages.ballots_page import BallotsPage
from desktop.ui.pages.campaign_page import CampaignPage
from desktop.ui.pages.candidates_page import CandidatesPage
from desktop.ui.pages.results_page import ResultsPage
from desktop.ui.pages.review_page import ReviewPage
from desktop.ui.pages.scan_page import ScanPage
from desktop.ui.pages.stations_page import StationsPage
from desktop.ui.pages.units_page import UnitsPage
from desktop.ui.pages.votes_page import VotesPage


class PageType(Protocol):
    nav_icon: str

    def __call__(self, context: CampaignContext, parent: QWidget | None = None) -> QWidget: ...

    @staticmethod
    def nav_title() -> str: ...


PAGES: tuple[PageType, ...] = (
    CampaignPage,
    CandidatesPage,
    UnitsPage,
    BallotsPage,
    ScanPage,
    ReviewPage,
    StationsPage,
    VotesPage,
    AuditPage,
    ResultsPage,
    AccountsPage,
)
