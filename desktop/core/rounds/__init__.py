"""Campaign rounds, their voting channels, advancing and the committee's decision (issue 17).

The public face: :class:`Rounds` (``Services.rounds``: rounds, channels, advancing) and
:class:`Decisions` (``Services.decisions``: the committee's decision), their values, and the hooks
the registry, boxes and printing call inside their own transactions (``add_first_round``,
``paper_channel``, ``round_of_box``). No Qt, no results arithmetic of its own: a
round's ranking is the results' ranking of the candidates standing in it (docs/rounds.md).

The names are imported from their modules on first use (``ballotformat.lazy``), as every core
package's door does, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.rounds.cuts import Cut, Standing, cut, departs, standings
    from desktop.core.rounds.decisions import Decisions
    from desktop.core.rounds.scope import (
        RoundScope,
        current_round,
        get_round,
        round_scope,
        standing_in,
        voting_round,
    )
    from desktop.core.rounds.service import (
        Rounds,
        add_first_round,
        box_channel,
        paper_channel,
        round_of_box,
    )
    from desktop.core.rounds.types import (
        CategoryCut,
        ChannelInfo,
        DecisionInfo,
        DecisionLineInfo,
        RoundInfo,
        RoundTieInfo,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.rounds.cuts": ("Cut", "Standing", "cut", "departs", "standings"),
    "desktop.core.rounds.decisions": ("Decisions",),
    "desktop.core.rounds.scope": ("RoundScope", "current_round", "get_round", "round_scope",
        "standing_in", "voting_round"),
    "desktop.core.rounds.service": ("Rounds", "add_first_round", "box_channel", "paper_channel",
        "round_of_box"),
    "desktop.core.rounds.types": ("CategoryCut", "ChannelInfo", "DecisionInfo", "DecisionLineInfo",
        "RoundInfo", "RoundTieInfo"),
})

__all__ = [
    "CategoryCut",
    "ChannelInfo",
    "Cut",
    "DecisionInfo",
    "DecisionLineInfo",
    "Decisions",
    "RoundInfo",
    "RoundScope",
    "RoundTieInfo",
    "Rounds",
    "Standing",
    "add_first_round",
    "box_channel",
    "current_round",
    "cut",
    "departs",
    "get_round",
    "paper_channel",
    "round_of_box",
    "round_scope",
    "standing_in",
    "standings",
    "voting_round",
]
