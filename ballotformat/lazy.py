"""A package's public names imported from their modules when first used (PEP 562).

``from ballotformat import Layout`` then loads the layout model, not the PDF writer and
the QR codec beside it; the command line stays light (docs/architecture.md, "What the command
line imports"). The package still lists its names under ``TYPE_CHECKING`` for the type checker.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def exports(package: str, modules: Mapping[str, Sequence[str]]) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``, whose names are defined in ``modules``
    (module name -> the names it defines)."""
    homes = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> Any:  # noqa: N807 (the name PEP 562 looks up)
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        setattr(sys.modules[package], name, value)  # found once, then an ordinary attribute
        return value

    return __getattr__
