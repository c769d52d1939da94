"""Printing: ballot boxes and print batches, the registry turned into a ballot spec and a
versioned layout, the batch PDF, and the CUPS print queue.

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.printing import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.printing.boxes import (
        BatchInfo,
        Boxes,
        BoxInfo,
        Reconciliation,
        ballot_keys,
        batch_of,
        parse_serials,
    )
    from desktop.core.printing.print_queue import is_print_queue, submit_pdf
    from desktop.core.printing.service import (
        MAX_BATCH_BALLOTS,
        PRINTER_DESTINATION_PREFIX,
        LayoutState,
        Printing,
        PrintOptions,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.printing.boxes": ("BatchInfo", "BoxInfo", "Boxes", "Reconciliation",
        "ballot_keys", "batch_of", "parse_serials"),
    "desktop.core.printing.print_queue": ("is_print_queue", "submit_pdf"),
    "desktop.core.printing.service": ("MAX_BATCH_BALLOTS", "PRINTER_DESTINATION_PREFIX",
        "LayoutState", "PrintOptions", "Printing"),
})

__all__ = [
    "MAX_BATCH_BALLOTS", "PRINTER_DESTINATION_PREFIX", "BatchInfo", "BoxInfo", "Boxes",
    "LayoutState", "PrintOptions", "Printing", "Reconciliation", "ballot_keys", "batch_of",
    "is_print_queue", "parse_serials", "submit_pdf",
]
