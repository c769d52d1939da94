"""The application icon (a ballot box with a tick), as SVG with a PNG fallback."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from desktop.core.paths import resources_dir


def icons_dir() -> Path:
    return resources_dir() / "icons"


def app_icon_path() -> Path:
    """The PNG: every Qt image plugin set reads it (SVG needs the svg plugin)."""
    return icons_dir() / "ballotdesk.png"


def app_icon() -> QIcon:
    icon = QIcon(str(icons_dir() / "ballotdesk.svg"))
    icon.addFile(str(app_icon_path()))
    return icon
