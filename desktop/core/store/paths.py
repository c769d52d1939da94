"""Where BallotDesk finds its resources and keeps its data."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

APP_NAME = "BallotDesk"
#: Files that hold secrets (databases, backups, station copies): read and written by their
#: owner only. SQLite gives its journal files the database file's mode.
PRIVATE_FILE_MODE = 0o600
#: Folders BallotDesk makes for such files (backups, a database's folder): owner only.
PRIVATE_DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """``path`` and its missing parents made owner-only (folders already there are left as
    they are: the user chose them)."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    return path


def private_file(path: Path) -> Path:
    """``path`` owner-only: created empty when missing (an empty file is a new SQLite
    database), its mode narrowed when it exists. On Windows the mode only sets read-only."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    with contextlib.suppress(PermissionError):  # another user's file: theirs to protect
        os.chmod(path, PRIVATE_FILE_MODE)
    return path


def sha256_file(path: Path) -> str:
    """A file's SHA-256 (hex), read in chunks: manifests of backups, CVRs and packages."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def data_dir() -> Path:
    from platformdirs import user_data_path  # not loaded by a command given its database

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'ballotdesk.sqlite3'}"


def app_version() -> str:
    """The installed distribution's version (pyproject.toml is the one source of it)."""
    from importlib import metadata  # looked up when asked: it costs a command's start

    try:
        return metadata.version("ballotdesk")
    except metadata.PackageNotFoundError:
        return "unknown"
