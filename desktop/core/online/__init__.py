"""Online votes: platform exports read, their columns mapped, counted and checked for fraud,
imported all or nothing, and the per-candidate totals the results use.

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.online import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.online.analysis import MappingAnalysis, OptionRow
    from desktop.core.online.match import (
        CATEGORY,
        CHOICE,
        IGNORE,
        IP,
        NAME,
        NUMBER,
        OPTION,
        TIME,
        VOTER,
        VOTES,
        Mapping,
        alias_meaning,
        split_options,
    )
    from desktop.core.online.plan import FlaggedRow
    from desktop.core.online.read import read_grid
    from desktop.core.online.results import (
        ImportInfo,
        candidate_index,
        flagged,
        imports,
        online_votes,
    )
    from desktop.core.online.service import Online, OnlinePreview, SourceInfo
    from desktop.core.online.votes import (
        DEFAULT_IP_BURST_SECONDS,
        DEFAULT_IP_BURST_VOTES,
        DEFAULT_SPIKE_VOTES_PER_MINUTE,
        FraudRules,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.online.analysis": ("MappingAnalysis", "OptionRow"),
    "desktop.core.online.match": ("CATEGORY", "CHOICE", "IGNORE", "IP", "NAME", "NUMBER",
        "OPTION", "TIME", "VOTER", "VOTES", "Mapping", "alias_meaning", "split_options"),
    "desktop.core.online.plan": ("FlaggedRow",),
    "desktop.core.online.read": ("read_grid",),
    "desktop.core.online.results": ("ImportInfo", "candidate_index", "flagged", "imports",
        "online_votes"),
    "desktop.core.online.service": ("Online", "OnlinePreview", "SourceInfo"),
    "desktop.core.online.votes": ("DEFAULT_IP_BURST_SECONDS", "DEFAULT_IP_BURST_VOTES",
        "DEFAULT_SPIKE_VOTES_PER_MINUTE", "FraudRules"),
})

__all__ = [
    "CATEGORY", "CHOICE", "DEFAULT_IP_BURST_SECONDS", "DEFAULT_IP_BURST_VOTES",
    "DEFAULT_SPIKE_VOTES_PER_MINUTE", "IGNORE", "IP", "NAME", "NUMBER", "OPTION", "TIME", "VOTER",
    "VOTES", "FlaggedRow", "FraudRules", "ImportInfo", "Mapping", "MappingAnalysis", "Online",
    "OnlinePreview", "OptionRow",
    "SourceInfo", "alias_meaning", "candidate_index", "flagged", "imports", "online_votes",
    "read_grid", "split_options",
]
