"""The audit log: entries written with each change (``record``), the hash chain and its anchors,
the digests of the counted data, the log in words, and its export.

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.audit import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.audit.canonical import at_text, canonical_json
    from desktop.core.audit.content import tracked
    from desktop.core.audit.entries import record, snapshot
    from desktop.core.audit.export import export_log, read_export
    from desktop.core.audit.labels import action_label, entity_label, lines, summary
    from desktop.core.audit.log import (
        ANCHOR_FULL_DIGITS,
        Anchor,
        AuditFilter,
        AuditLog,
        AuditRecord,
        Verification,
        head_anchor,
        parse_anchors,
        verify_chain,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.audit.canonical": ("at_text", "canonical_json"),
    "desktop.core.audit.content": ("tracked",),
    "desktop.core.audit.entries": ("record", "snapshot"),
    "desktop.core.audit.export": ("export_log", "read_export"),
    "desktop.core.audit.labels": ("action_label", "entity_label", "lines", "summary"),
    "desktop.core.audit.log": ("ANCHOR_FULL_DIGITS", "Anchor", "AuditFilter", "AuditLog",
        "AuditRecord", "Verification", "head_anchor", "parse_anchors", "verify_chain"),
})

__all__ = [
    "ANCHOR_FULL_DIGITS", "Anchor", "AuditFilter", "AuditLog", "AuditRecord", "Verification",
    "action_label", "at_text", "canonical_json", "entity_label", "export_log", "head_anchor",
    "lines", "parse_anchors", "read_export", "record", "snapshot", "summary", "tracked",
    "verify_chain",
]
