"""The registry: campaigns, award categories, nominating units, candidates and their photos, the
rules they are checked by, and the candidate import and export.

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.registry import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.registry.candidates import (
        STATUSES_NEEDING_NOTE,
        CandidateInfo,
        Candidates,
        format_number,
    )
    from desktop.core.registry.exporting import Exporter
    from desktop.core.registry.importing import (
        MAPPABLE,
        ColumnGuess,
        Importer,
        ImportPreview,
        ImportRow,
        parse_number,
    )
    from desktop.core.registry.photos import PHOTO_SUFFIXES
    from desktop.core.registry.rules import (
        MAX_QUOTA,
        MAX_WINNERS,
        CandidateFields,
        fits,
        normalise_name,
        parse_birth,
        printable,
    )
    from desktop.core.registry.service import (
        CampaignInfo,
        CategoryInfo,
        QuotaRow,
        Registry,
        UnitInfo,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.registry.candidates": ("STATUSES_NEEDING_NOTE", "CandidateInfo", "Candidates",
        "format_number"),
    "desktop.core.registry.exporting": ("Exporter",),
    "desktop.core.registry.importing": ("MAPPABLE", "ColumnGuess", "ImportPreview", "ImportRow",
        "Importer", "parse_number"),
    "desktop.core.registry.photos": ("PHOTO_SUFFIXES",),
    "desktop.core.registry.rules": ("MAX_QUOTA", "MAX_WINNERS", "CandidateFields", "fits",
        "normalise_name", "parse_birth", "printable"),
    "desktop.core.registry.service": ("CampaignInfo", "CategoryInfo", "QuotaRow", "Registry",
        "UnitInfo"),
})

__all__ = [
    "MAPPABLE", "MAX_QUOTA", "MAX_WINNERS", "PHOTO_SUFFIXES", "STATUSES_NEEDING_NOTE",
    "CampaignInfo", "CandidateFields", "CandidateInfo", "Candidates", "CategoryInfo", "ColumnGuess",
    "Exporter", "ImportPreview", "ImportRow", "Importer", "QuotaRow", "Registry", "UnitInfo",
    "fits", "format_number", "normalise_name", "parse_birth", "parse_number", "printable",
]
