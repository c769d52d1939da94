"""The pages of the main window, in navigation order.

Adding a page is one line in :data:`PAGES`. A page is a :class:`~desktop.ui.pages.base.Page`
built as ``Page(context, parent)``, with its ``nav_text``, ``nav_icon`` (the name of its
drawing in resources/icons/nav) and ``refresh()``; it takes its services from the
:class:`CampaignContext` it is given. A page with a ``nav_permission`` is left out of the
navigation of people whose role lacks it.
"""

from __future__ import annotations

from desktop.ui.pages.accounts_page import AccountsPage
from desktop.ui.pages.audit_page import AuditPage
from desktop.ui.pages.ballots_page import BallotsPage
from desktop.ui.pages.base import Page
from desktop.ui.pages.campaign_page import CampaignPage
from desktop.ui.pages.candidates_page import CandidatesPage
from desktop.ui.pages.online_experts_page import OnlineExpertsPage
from desktop.ui.pages.results_page import ResultsPage
from desktop.ui.pages.review_page import ReviewPage
from desktop.ui.pages.scan_page import ScanPage
from desktop.ui.pages.stations_page import StationsPage
from desktop.ui.pages.units_page import UnitsPage

PAGES: tuple[type[Page], ...] = (
    CampaignPage,
    CandidatesPage,
    UnitsPage,
    BallotsPage,
    ScanPage,
    ReviewPage,
    StationsPage,
    OnlineExpertsPage,
    AuditPage,
    ResultsPage,
    AccountsPage,
)
