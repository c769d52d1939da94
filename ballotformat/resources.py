"""The ``resources/`` folder shipped with BallotDesk: the ballot font, icons, translations, demo
data. The format needs it for its font, so it sits here, below everything that reads it."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The top-level ``resources/`` folder, from a checkout or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"
