"""Where the main window opens: whole, on the screen it opens on.

A window that opened at 1381×800 on a 1366×768 laptop had its status bar below the screen. The
window takes the size it was left at (or :data:`DEFAULT_WINDOW_SIZE`) only where that fits the
screen's available area (without the task bar), else it is moved and shrunk until it does.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen

DEFAULT_WINDOW_SIZE = QSize(1280, 800)
#: Room for the title bar and borders a window manager adds around a window; Qt knows the
#: real ones only once the window is shown.
FRAME_ALLOWANCE = QMargins(8, 40, 8, 8)
GEOMETRY_KEY = "ui/window_geometry"
MAXIMIZED_KEY = "ui/window_maximized"


def fit_rect(wanted: QRect, available: QRect, frame: QMargins = FRAME_ALLOWANCE) -> QRect:
    """``wanted`` (the window without its frame) as it is when it fits ``available`` with
    ``frame`` around it; else moved and, where that is not enough, shrunk until it fits."""
    room = available.marginsRemoved(frame)
    width = min(wanted.width(), room.width())
    height = min(wanted.height(), room.height())
    x = min(max(wanted.x(), room.left()), room.left() + room.width() - width)
    y = min(max(wanted.y(), room.top()), room.top() + room.height() - height)
    return QRect(x, y, width, height)


def centred(size: QSize, available: QRect) -> QRect:
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return rect


def screen_for(saved: QRect | None) -> QScreen:
    """The screen a saved window was on (by its centre), else the primary screen."""
    screen = QGuiApplication.screenAt(saved.center()) if saved is not None else None
    primary = QGuiApplication.primaryScreen()
    return screen or primary


def saved_geometry() -> tuple[QRect | None, bool]:
    """The window's last normal geometry and whether it was maximized, if saved."""
    settings = QSettings()
    value = settings.value(GEOMETRY_KEY)
    rect = None
    if isinstance(value, list | tuple) and len(value) == 4:
        try:
            x, y, width, height = (int(v) for v in value)
        except (TypeError, ValueError):
            rect = None
        else:
            rect = QRect(x, y, width, height) if width > 0 and height > 0 else None
    maximized = str(settings.value(MAXIMIZED_KEY, "false")).lower() == "true"
    return rect, maximized


def save_geometry(normal: QRect, maximized: bool) -> None:
    settings = QSettings()
    settings.setValue(GEOMETRY_KEY, [normal.x(), normal.y(), normal.width(), normal.height()])
    settings.setValue(MAXIMIZED_KEY, maximized)


def opening_geometry(saved: QRect | None) -> QRect:
    """Where the window opens: the saved place if it fits its screen, else clamped to it; with
    nothing saved, the default size in the middle of the primary screen, clamped the same."""
    available = screen_for(saved).availableGeometry()
    return fit_rect(saved if saved is not None else centred(DEFAULT_WINDOW_SIZE, available),
                    available)
