"""Results: the count of paper ballots (``Tally``), the combination with online votes and expert
scores, the ranking, the public notice and its charts, the result files, the cast vote
records, and the recount from the archived images.

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.results import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.results.combine import (
        EXPERT,
        FLAG_MARK,
        ONLINE,
        PAPER,
        PAPER_CHANNEL_PREFIX,
        SOURCE_PREFIX,
        CandidateResult,
        CombinationRule,
        Method,
        Normalise,
        OnlineCount,
        TieChoice,
        flag_note,
        format_combined,
        format_expert,
        formula,
    )
    from desktop.core.results.cvr import CastVoteRecord
    from desktop.core.results.files import results_json, write_csv, write_xlsx
    from desktop.core.results.notice import write_notice
    from desktop.core.results.recounting import RecountReport, recount
    from desktop.core.results.service import Results
    from desktop.core.results.tally import (
        CategoryCount,
        CountedTally,
        Tally,
        current_tally,
        last_tally,
        paper_tally,
    )
    from desktop.core.results.types import (
        MAX_OBJECTION_WORKING_DAYS,
        BoxCount,
        CampaignResults,
        CategoryResult,
        NoticeCut,
        NoticeDecision,
        NoticeLine,
        NoticeSettings,
        RoundNotice,
        TieDecisionInfo,
        check_rule,
        parse_weights,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.results.combine": ("EXPERT", "FLAG_MARK", "ONLINE", "PAPER",
        "PAPER_CHANNEL_PREFIX",
        "SOURCE_PREFIX",
        "CandidateResult", "CombinationRule", "Method", "Normalise", "OnlineCount", "TieChoice",
        "flag_note", "format_combined", "format_expert", "formula"),
    "desktop.core.results.cvr": ("CastVoteRecord",),
    "desktop.core.results.files": ("results_json", "write_csv", "write_xlsx"),
    "desktop.core.results.notice": ("write_notice",),
    "desktop.core.results.recounting": ("RecountReport", "recount"),
    "desktop.core.results.service": ("Results",),
    "desktop.core.results.tally": ("CategoryCount", "CountedTally", "Tally", "current_tally",
        "last_tally", "paper_tally"),
    "desktop.core.results.types": ("MAX_OBJECTION_WORKING_DAYS", "BoxCount", "CampaignResults",
        "CategoryResult", "NoticeCut", "NoticeDecision", "NoticeLine", "NoticeSettings",
        "RoundNotice", "TieDecisionInfo", "check_rule", "parse_weights"),
})

__all__ = [
    "EXPERT", "FLAG_MARK", "MAX_OBJECTION_WORKING_DAYS", "ONLINE", "PAPER", "PAPER_CHANNEL_PREFIX",
    "SOURCE_PREFIX",
    "BoxCount", "CampaignResults", "CandidateResult", "CastVoteRecord", "CategoryCount",
    "CategoryResult", "CombinationRule", "CountedTally", "Method", "Normalise", "NoticeCut",
    "NoticeDecision", "NoticeLine", "NoticeSettings", "OnlineCount", "RecountReport", "Results",
    "RoundNotice", "Tally", "TieChoice", "TieDecisionInfo", "check_rule", "current_tally",
    "flag_note", "format_combined", "format_expert", "formula", "last_tally", "paper_tally",
    "parse_weights", "recount", "results_json", "write_csv", "write_notice", "write_xlsx",
]
