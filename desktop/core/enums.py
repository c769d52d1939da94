"""Value sets of the domain. Stored as their string values (portable to every database)."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """Phases of a campaign, in the order they happen (DOMAIN.md)."""

    NOMINATION = "nomination"
    REVIEW = "review"
    SHORTLIST_PUBLISHED = "shortlist_published"
    VOTING = "voting"
    COUNTING = "counting"
    RESULTS_PUBLISHED = "results_published"
    CLOSED = "closed"


class CandidateKind(StrEnum):
    PERSON = "person"
    WINDOW = "window"
    BRAND = "brand"
    PROJECT = "project"
    OTHER = "other"


class CandidateStatus(StrEnum):
    NOMINATED = "nominated"
    QUALIFIED = "qualified"
    REJECTED = "rejected"
    SHORTLISTED = "shortlisted"
    WITHDRAWN = "withdrawn"
    WINNER = "winner"
    #: Written back by the committee's decision (desktop/core/rounds): stood in the final
    #: round and was not chosen (入围未当选), or stood in an earlier round and did not go on.
    NOT_CHOSEN = "not_chosen"
    NOT_ADVANCED = "not_advanced"


#: Statuses that no longer use a unit's nomination quota.
STATUSES_OUTSIDE_QUOTA = frozenset({CandidateStatus.REJECTED, CandidateStatus.WITHDRAWN})
#: Statuses of the candidates on the ballot, who are ranked and whom the experts score.
#: A decided outcome keeps the candidate ranked: the ranking the decision rests on stays as it was.
RANKED_STATUSES = (CandidateStatus.SHORTLISTED, CandidateStatus.WINNER,
                   CandidateStatus.NOT_CHOSEN, CandidateStatus.NOT_ADVANCED)


class RoundStatus(StrEnum):
    """A campaign round (desktop/core/rounds): open while its votes come in, then closed."""

    OPEN = "open"
    CLOSED = "closed"


class ChannelKind(StrEnum):
    """Where a round's votes come from (docs/rounds.md)."""

    ONLINE = "online"  # 网络投票: an online source's imports
    PAPER_PUBLIC = "paper_public"  # 群众投票: paper ballots in public boxes
    PAPER_DELEGATES = "paper_delegates"  # 代表投票: delegates' paper ballots
    EXPERTS = "experts"  # 专家评审

    @property
    def paper(self) -> bool:
        return self in (ChannelKind.PAPER_PUBLIC, ChannelKind.PAPER_DELEGATES)


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class SignInOutcome(StrEnum):
    """How a sign-in try ended, as the audit chain records it (accounts.py)."""

    SUCCESS = "success"
    FAILED = "failed"  # wrong name or password
    INACTIVE = "inactive"  # the right password of a disabled account
    THROTTLED = "throttled"  # refused unchecked: tried during the wait after failures


class SerialState(StrEnum):
    """What staff recorded by hand about a printed serial."""

    SPOILED = "spoiled"  # 作废: handed back damaged or mis-marked, replaced
    UNUSED = "unused"  # never handed out


class Decision(StrEnum):
    """What a person (or the recording layer) decided about a sheet in review (review.py,
    which still names it: ``from desktop.core.records.review import Decision`` works)."""

    MARKED = "marked"
    EMPTY = "empty"
    ACCEPT = "accept"
    REJECT = "reject"
    REOPEN = "reopen"
    NO_VOTES = "no_votes"
    SUPERSEDED = "superseded"
    COUNT_INSTEAD = "count_instead"
    SET_ASIDE = "set_aside"


class Role(StrEnum):
    """What a signed-in account may do (desktop/core/accounts/service.py holds the permissions)."""

    ORGANISER = "organiser"  # 组织者: registry, printing, results, accounts, stations
    COUNTING = "counting"  # 计票组: scan, review, export station packages
    OBSERVER = "observer"  # 观察员: sees everything, changes nothing


class Permission(StrEnum):
    """What an action needs. Looking at data needs none: every role may read and export."""

    MANAGE_REGISTRY = "manage_registry"  # campaigns, categories, units, candidates, boxes, printing
    MANAGE_RESULTS = "manage_results"  # online votes, expert scores, combination rule, ties
    SCAN = "scan"  # record scanned sheets, spoiled and unused serials
    REVIEW = "review"  # decide sheets sent to review
    EXPORT_PACKAGE = "export_package"  # the station's key and its signed packages
    MANAGE_STATIONS = "manage_stations"  # register stations, import their packages
    MANAGE_ACCOUNTS = "manage_accounts"  # create accounts, change roles, reset passwords
    BACKUP = "backup"  # back up and restore the database
    EXPORT = "export"  # write files others read: registry, CVR, notice, audit log
