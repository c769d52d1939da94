"""Where BallotDesk finds its resources and keeps its data."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "BallotDesk"


def resources_dir() -> Path:
    """The top-level ``resources/`` folder, from a checkout or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def log_dir() -> Path:
    return user_log_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'ballotdesk.sqlite3'}"


def app_version() -> str:
    """The installed distribution's version (pyproject.toml is the one source of it)."""
    try:
        return metadata.version("ballotdesk")
    except metadata.PackageNotFoundError:
        return "unknown"
