"""Where BallotDesk finds its resources and keeps its data."""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "BallotDesk"


def sha256_file(path: Path) -> str:
    """A file's SHA-256 (hex), read in chunks: manifests of backups, CVRs and packages."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


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
