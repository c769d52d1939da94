"""The main window opens whole on its screen, and ``--lang`` wins over the saved language
(issue 13, point 3: 1381×800 on a 1366×768 screen, the status bar below it).

The tests' own screen is offscreen 800×800; the 1366×768 laptop is a child process with Qt's
offscreen platform configured to that screen, running the real ``main()``.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMargins, QRect
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.ui.main_window import MainWindow
from desktop.ui.placement import FRAME_ALLOWANCE, fit_rect

ROOT = Path(__file__).resolve().parents[2]
LAPTOP = QRect(0, 0, 1366, 768)
NO_FRAME = QMargins()


def test_a_rect_that_fits_is_left_as_it_is() -> None:
    wanted = QRect(100, 50, 1000, 600)
    assert fit_rect(wanted, LAPTOP) == wanted


def test_a_rect_too_large_is_shrunk_into_the_screen_with_room_for_the_frame() -> None:
    fitted = fit_rect(QRect(0, 0, 1381, 800), LAPTOP)
    assert fitted.marginsAdded(FRAME_ALLOWANCE).width() <= LAPTOP.width()
    assert fitted.marginsAdded(FRAME_ALLOWANCE).height() <= LAPTOP.height()
    assert LAPTOP.contains(fitted.marginsAdded(FRAME_ALLOWANCE))


def test_a_rect_off_the_screen_is_moved_back_keeping_its_size() -> None:
    # Left on a second screen that is gone, or past the task bar.
    assert fit_rect(QRect(1900, 700, 800, 600), LAPTOP, NO_FRAME) == QRect(566, 168, 800, 600)
    assert fit_rect(QRect(-300, -40, 800, 600), LAPTOP, NO_FRAME) == QRect(0, 0, 800, 600)


def test_a_screen_that_does_not_start_at_zero() -> None:
    right_screen = QRect(1920, 0, 1366, 728)  # right of a wider one, task bar at the bottom
    fitted = fit_rect(QRect(0, 0, 1280, 800), right_screen, NO_FRAME)
    assert fitted == QRect(1920, 0, 1280, 728)


def test_the_window_fits_the_screen_it_opens_on(qtbot: QtBot, services: Services,
                                                campaign: CampaignInfo) -> None:
    """On the tests' 800×800 screen too, and a page wider than that scrolls."""
    too_big = QRect(-50, -50, 3000, 2000)
    window = MainWindow(services, geometry=too_big)
    qtbot.addWidget(window)
    window.show()
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert available.contains(window.frameGeometry())
    assert window.minimumSizeHint().width() <= available.width()


def test_on_a_1366_by_768_screen_with_lang_over_the_saved_language(tmp_path: Path) -> None:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]}))
    env = dict(os.environ, PYTHONPATH=str(ROOT),
               QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    done = subprocess.run([sys.executable, "-X", "faulthandler", "-m", __name__, str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    screen = QRect(*report["available"])
    assert screen == LAPTOP
    # The saved 1381×800 did not fit: the window and its status bar are on the screen.
    assert screen.contains(QRect(*report["frame"]))
    assert screen.contains(QRect(*report["status_bar"]))
    assert report["title"] == "BallotDesk — 张三 (Organiser)"  # --lang en, saved zh_CN
    assert report["saved_language"] == "zh_CN"  # --lang is for this run, not saved
    # Closing saved where the window was, and that fits next time.
    assert QRect(*report["saved_geometry"]) == QRect(*report["geometry"])


# -- the child process -------------------------------------------------------------------------
def _child(work: Path) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.ui import app as app_module
    from desktop.ui.i18n import SETTINGS_KEY
    from desktop.ui.placement import GEOMETRY_KEY
    from tests.ui.conftest import when_modal

    QCoreApplication.setOrganizationName(app_module.APP_NAME)
    QCoreApplication.setApplicationName(app_module.APP_NAME)
    settings = QSettings()
    settings.setValue(SETTINGS_KEY, "zh_CN")
    settings.setValue(GEOMETRY_KEY, [0, 0, 1381, 800])  # what the reported window had
    settings.sync()
    report: dict[str, Any] = {}

    def rect(r: QRect) -> list[int]:
        return [r.x(), r.y(), r.width(), r.height()]

    def fill(dialog: QWidget) -> None:
        dialog.name.setText("张三")  # type: ignore[attr-defined]
        dialog.password.setText("足够长的密码12345")  # type: ignore[attr-defined]
        dialog.again.setText("足够长的密码12345")  # type: ignore[attr-defined]
        dialog.buttons.accepted.emit()  # type: ignore[attr-defined]
        QTimer.singleShot(0, measure)

    def measure() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, app_module.MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, measure)
            return
        window = windows[0]
        bar = window.statusBar()
        report.update(
            available=rect(window.screen().availableGeometry()),
            frame=rect(window.frameGeometry()), geometry=rect(window.geometry()),
            status_bar=rect(QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size())),
            title=window.windowTitle())
        window.close()
        QApplication.quit()

    when_modal(fill)
    status = app_module.main(["--db", f"sqlite:///{work / 'db.sqlite3'}", "--lang", "en"])
    saved = QSettings()
    report["saved_language"] = saved.value(SETTINGS_KEY)
    report["saved_geometry"] = [int(v) for v in saved.value(GEOMETRY_KEY)]
    report["status"] = status
    return report


if __name__ == "__main__":
    sandbox = Path(tempfile.mkdtemp(prefix="ballotdesk-placement-"))
    atexit.register(shutil.rmtree, sandbox, ignore_errors=True)
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        os.environ[f"XDG_{name}_HOME"] = str(sandbox / name.lower())
    print(json.dumps(_child(Path(sys.argv[1]))), flush=True)
