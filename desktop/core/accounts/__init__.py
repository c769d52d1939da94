"""Accounts: sign-in, the first organiser, account management, and the acting user's role and
permissions (``Actor``).

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.accounts import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.accounts.actors import SETUP_ACTOR, Actor, changed_since_sign_in, denied
    from desktop.core.accounts.service import (
        MIN_PASSWORD_CHARS,
        AccountInfo,
        Accounts,
        has_accounts,
        setup,
        sign_in,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.accounts.actors": ("SETUP_ACTOR", "Actor", "changed_since_sign_in", "denied"),
    "desktop.core.accounts.service": ("MIN_PASSWORD_CHARS", "AccountInfo", "Accounts",
        "has_accounts", "setup", "sign_in"),
})

__all__ = [
    "MIN_PASSWORD_CHARS", "SETUP_ACTOR", "AccountInfo", "Accounts", "Actor",
    "changed_since_sign_in", "denied", "has_accounts", "setup", "sign_in",
]
