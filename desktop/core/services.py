"""The services one user session works with, passed to the CLI commands and the GUI pages."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.actors import Actor
from desktop.core.boxes import Boxes
from desktop.core.candidates import Candidates
from desktop.core.db import Database
from desktop.core.experts import Experts
from desktop.core.exporting import Exporter
from desktop.core.importing import Importer
from desktop.core.online import Online
from desktop.core.printing import Printing
from desktop.core.recording import returned_serials
from desktop.core.registry import Registry
from desktop.core.results import Results
from desktop.core.stations import Stations


@dataclass(frozen=True)
class Services:
    db: Database
    actor: Actor
    registry: Registry
    candidates: Candidates
    importer: Importer
    exporter: Exporter
    boxes: Boxes
    printing: Printing
    online: Online
    experts: Experts
    results: Results
    stations: Stations

    @classmethod
    def open(cls, url: str | None, actor: Actor) -> Services:
        """Services acting for ``actor``, who has signed in already (accounts.sign_in), or a
        trusted in-process caller (the self-test, the tests)."""
        return cls.for_database(Database.open(url), actor)

    @classmethod
    def for_database(cls, db: Database, actor: Actor) -> Services:
        registry, candidates = Registry(db, actor), Candidates(db, actor)
        return cls(db, actor, registry, candidates, Importer(db, actor), Exporter(db, actor),
                   Boxes(db, actor, returned_serials), Printing(db, actor, registry, candidates),
                   Online(db, actor), Experts(db, actor), Results(db, actor),
                   Stations(db, actor))
