"""The application icon (a ballot box with a tick), as SVG with a PNG fallback, and the
navigation's page icons (resources/icons/nav/NAME.svg, one drawing per page)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ballotformat.resources import resources_dir


def icons_dir() -> Path:
    return resources_dir() / "icons"


def app_icon_path() -> Path:
    """The PNG: every Qt image plugin set reads it (SVG needs the svg plugin)."""
    return icons_dir() / "ballotdesk.png"


def app_icon() -> QIcon:
    icon = QIcon(str(icons_dir() / "ballotdesk.svg"))
    icon.addFile(str(app_icon_path()))
    return icon


#: Sizes (px) a page icon is drawn at: the list's size and twice it for high-DPI screens.
NAV_ICON_SIZES_PX = (24, 48)


def nav_icon_path(name: str) -> Path:
    return icons_dir() / "nav" / f"{name}.svg"


def nav_icon(name: str) -> QIcon:
    """A page's icon, drawn from its SVG by QtSvg (no image plugin needed in the bundle)."""
    renderer = QSvgRenderer(str(nav_icon_path(name)))
    icon = QIcon()
    for size in NAV_ICON_SIZES_PX:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
