"""The services one user session works with, passed to the CLI commands and the GUI pages."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from desktop.core.boxes import Boxes
from desktop.core.candidates import Candidates
from desktop.core.db import Database
from desktop.core.experts import Experts
from desktop.core.exporting import Exporter
from desktop.core.importing import Importer
from desktop.core.online import Online
from desktop.core.printing import Printing
from desktop.core.recording import returned_per_box
from desktop.core.registry import Registry
from desktop.core.results import Results


def default_actor() -> str:
    """Who is recorded in the audit log until sign-in exists: the operating-system user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True)
class Services:
    db: Database
    actor: str
    registry: Registry
    candidates: Candidates
    importer: Importer
    exporter: Exporter
    boxes: Boxes
    printing: Printing
    online: Online
    experts: Experts
    results: Results

    @classmethod
    def open(cls, url: str | None = None, actor: str | None = None) -> Services:
        db = Database.open(url)
        return cls.for_database(db, actor or default_actor())

    @classmethod
    def for_database(cls, db: Database, actor: str) -> Services:
        registry, candidates = Registry(db, actor), Candidates(db, actor)
        return cls(db, actor, registry, candidates, Importer(db, actor), Exporter(db, actor),
                   Boxes(db, actor, returned_per_box), Printing(db, actor, registry, candidates),
                   Online(db, actor), Experts(db, actor), Results(db, actor))
