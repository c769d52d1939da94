"""Who acts, and what each role may do: the permission checks of the service layer.

Every service is opened for one :class:`Actor` (the signed-in account, see accounts.py) and
checks it twice:

* at the start of each changing method, ``self.actor.require(Permission.X)``: a refusal comes
  before any work (a PDF written, a file read);
* again in :func:`desktop.core.audit.entries.record`, for every entry a change writes: the entry's
  action names the permission it needs (:data:`ACTION_PERMISSIONS`). Every change is on the
  audit chain, so no change escapes this second check, even one a method forgot to guard; an
  action missing from the table is refused too.

Reading needs no permission: every role sees everything and may export it (exports are
recorded in the audit log, which is how observers' work shows).
"""

from __future__ import annotations

from dataclasses import dataclass

from ballotformat import messages
from ballotformat.messages import Message, RuleError
from desktop.core.enums import Permission, Role
from desktop.core.labels import label_list

messages.register({
    "permission_denied": ("“{name}”（{role}）无权{permission}。",
                          "{name} ({role}) may not {permission}."),
    "account_changed_since_sign_in": (
        "账户“{name}”在登录后已被停用或改变了角色：请重新登录。",
        "The account {name} was disabled or given another role since signing in: please sign "
        "in again."),
})

#: The audit log's actor of a restore onto a database that has no account yet (backup.py;
#: here, where the command line's help can name it without loading the backup's modules).
SETUP_ACTOR = "setup"

_P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ORGANISER: frozenset(Permission),
    Role.COUNTING: frozenset({_P.SCAN, _P.REVIEW, _P.EXPORT_PACKAGE, _P.EXPORT}),
    Role.OBSERVER: frozenset({_P.EXPORT}),
}

#: The permission an audit action needs, by the action's first part ("candidate.update" →
#: "candidate"). Actions of one kind of record need one permission; ``None``: any signed-in
#: person (changing one's own password).
ACTION_PERMISSIONS: dict[str, Permission | None] = {
    # registry and printing
    "campaign": _P.MANAGE_REGISTRY,
    "category": _P.MANAGE_REGISTRY,
    "unit": _P.MANAGE_REGISTRY,
    "candidate": _P.MANAGE_REGISTRY,
    "import": _P.MANAGE_REGISTRY,
    "box": _P.MANAGE_REGISTRY,
    "round": _P.MANAGE_REGISTRY,
    "channel": _P.MANAGE_REGISTRY,
    "layout": _P.MANAGE_REGISTRY,
    "batch": _P.MANAGE_REGISTRY,
    # results
    "online": _P.MANAGE_RESULTS,
    "online_source": _P.MANAGE_RESULTS,
    "expert_rule": _P.MANAGE_RESULTS,
    "expert_score": _P.MANAGE_RESULTS,
    "result_rule": _P.MANAGE_RESULTS,
    "result_notice": _P.MANAGE_RESULTS,
    "tie": _P.MANAGE_RESULTS,
    "advance": _P.MANAGE_RESULTS,
    "advance_tie": _P.MANAGE_RESULTS,
    "decision": _P.MANAGE_RESULTS,
    # counting
    "sheet": _P.SCAN,
    "serial": _P.SCAN,
    "review": _P.REVIEW,
    # stations, accounts, backups
    "station_key": _P.EXPORT_PACKAGE,
    "package_export": _P.EXPORT_PACKAGE,
    "package": _P.MANAGE_STATIONS,
    "station": _P.MANAGE_STATIONS,
    "account": _P.MANAGE_ACCOUNTS,
    "password": None,
    "sign_in": None,
    "backup": _P.BACKUP,
    "restore": _P.BACKUP,
    "audit": _P.BACKUP,  # audit.baseline: written by the schema upgrade (audit_content)
    # files for others
    "export": _P.EXPORT,
    "cvr": _P.EXPORT,
    "audit_export": _P.EXPORT,
}


@dataclass(frozen=True)
class Actor:
    """The person a session acts for: the audit log's actor and the holder of a role."""

    name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        """Refuse (:class:`RuleError`) unless this actor's role has ``permission``."""
        if not self.can(permission):
            raise RuleError([denied(self, permission)])

    def require_action(self, action: str) -> None:
        """Refuse an audit action this actor may not take (see :data:`ACTION_PERMISSIONS`)."""
        permission = permission_for(action)
        if permission is not None:
            self.require(permission)


def changed_since_sign_in(actor: Actor) -> RuleError:
    return RuleError([Message("account_changed_since_sign_in", {"name": actor.name})])


def permission_for(action: str) -> Permission | None:
    """The permission an audit action needs; an action nobody listed is a programming error."""
    try:
        return ACTION_PERMISSIONS[action.split(".", 1)[0]]
    except KeyError:
        raise ValueError(f"audit action {action!r} has no permission in ACTION_PERMISSIONS") \
            from None


def denied(actor: Actor, permission: Permission) -> Message:
    return Message("permission_denied", {"name": actor.name, "role": label_list([actor.role]),
                                         "permission": label_list([permission])})
