"""Counting stations: this installation's signing key, the registered stations, and the signed
packages that carry a station's sheets to the organiser, merged idempotently.

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.stations import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.stations.merge import ImportReport
    from desktop.core.stations.package import ExportInfo
    from desktop.core.stations.service import ImportInfo, StationInfo, StationKey, Stations, qr_code

__getattr__ = lazy.exports(__name__, {
    "desktop.core.stations.merge": ("ImportReport",),
    "desktop.core.stations.package": ("ExportInfo",),
    "desktop.core.stations.service": ("ImportInfo", "StationInfo", "StationKey", "Stations",
        "qr_code"),
})

__all__ = [
    "ExportInfo", "ImportInfo", "ImportReport", "StationInfo", "StationKey", "Stations", "qr_code",
]
