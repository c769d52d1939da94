"""Expert panel scores: entered or imported, averaged, optionally without the extremes.

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.experts import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.experts.service import (
        DEFAULT_MAX_SCORE,
        ExpertPreview,
        ExpertResult,
        Experts,
        RuleInForce,
        expert_results,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.experts.service": ("DEFAULT_MAX_SCORE", "ExpertPreview", "ExpertResult",
        "Experts", "RuleInForce", "expert_results"),
})

__all__ = [
    "DEFAULT_MAX_SCORE", "ExpertPreview", "ExpertResult", "Experts", "RuleInForce",
    "expert_results",
]
