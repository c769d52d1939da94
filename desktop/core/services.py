"""The services one user session works with, passed to the CLI commands and the GUI pages.

Each service is made when first used, and its module imported then: a command that reads the
review queue does not load the importers (pandas), printing (reportlab) or the stations'
cryptography (docs/architecture.md, "What the command line imports").
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from desktop.core.accounts import Actor
from desktop.core.store import Database

if TYPE_CHECKING:
    from desktop.core.experts import Experts
    from desktop.core.online import Online
    from desktop.core.printing import Boxes, Printing
    from desktop.core.registry import Candidates, Exporter, Importer, Registry
    from desktop.core.results import Results
    from desktop.core.rounds import Decisions, Rounds
    from desktop.core.stations import Stations


class Services:
    """The services of one database, acting for one actor (one of each, made on first use)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    @classmethod
    def open(cls, url: str | None, actor: Actor) -> Services:
        """Services acting for ``actor``, who has signed in already (accounts.sign_in), or a
        trusted in-process caller (the self-test, the tests)."""
        return cls.for_database(Database.open(url), actor)

    @classmethod
    def for_database(cls, db: Database, actor: Actor) -> Services:
        return cls(db, actor)

    @cached_property
    def registry(self) -> Registry:
        from desktop.core.registry import Registry

        return Registry(self.db, self.actor)

    @cached_property
    def candidates(self) -> Candidates:
        from desktop.core.registry import Candidates

        return Candidates(self.db, self.actor)

    @cached_property
    def importer(self) -> Importer:
        from desktop.core.registry import Importer

        return Importer(self.db, self.actor)

    @cached_property
    def exporter(self) -> Exporter:
        from desktop.core.registry import Exporter

        return Exporter(self.db, self.actor)

    @cached_property
    def boxes(self) -> Boxes:
        from desktop.core.printing import Boxes
        from desktop.core.records import returned_serials

        return Boxes(self.db, self.actor, returned_serials)

    @cached_property
    def printing(self) -> Printing:
        from desktop.core.printing import Printing

        return Printing(self.db, self.actor, self.registry, self.candidates)

    @cached_property
    def online(self) -> Online:
        from desktop.core.online import Online

        return Online(self.db, self.actor)

    @cached_property
    def experts(self) -> Experts:
        from desktop.core.experts import Experts

        return Experts(self.db, self.actor)

    @cached_property
    def results(self) -> Results:
        from desktop.core.results import Results

        return Results(self.db, self.actor)

    @cached_property
    def stations(self) -> Stations:
        from desktop.core.stations import Stations

        return Stations(self.db, self.actor)

    @cached_property
    def rounds(self) -> Rounds:
        from desktop.core.rounds import Rounds

        return Rounds(self.db, self.actor)

    @cached_property
    def decisions(self) -> Decisions:
        from desktop.core.rounds import Decisions

        return Decisions(self.db, self.actor)
