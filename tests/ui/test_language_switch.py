"""A language switch after the candidate import wizard was cancelled: the window is rebuilt and
nothing of the old one is called afterwards (issue 13, point 2: SIGSEGV, exit 139).

The user's steps run in a child process (this module run with ``-m``), so a native crash fails
the test with its exit status instead of ending the pytest run. The child reports, as JSON,
how many import wizards were alive after each cancel; a Python exception in a slot shows as a
traceback on its stderr.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.ui.background import wait_for_background
from desktop.ui.pages.candidates_import import ImportWizard

ROOT = Path(__file__).resolve().parents[2]
#: Each direction several times, as in the report (3 of 3, both directions).
SWITCHES = 6
CHILD_TIMEOUT_S = 180


def gate_preview(services: Services) -> threading.Event:
    """The importer's preview waits for the returned event: its result arrives when the test
    says, after the wizard was cancelled, as a slow file's would."""
    release = threading.Event()
    preview = services.importer.preview

    def gated(*args: Any, **kwargs: Any) -> Any:
        release.wait(30)
        return preview(*args, **kwargs)

    services.importer.preview = gated  # type: ignore[method-assign]
    return release


def write_nominations(path: Path, category: str, unit: str, rows: int) -> Path:
    lines = ["奖项,推荐单位,姓名,性别,出生年月,事迹简介"]
    lines += [f"{category},{unit},候选人{i},男,1980-01,扎根基层" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_late_preview_of_a_cancelled_wizard_is_dropped(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], tmp_path: Path) -> None:
    """The preview lands after the wizard was cancelled and deleted: no call into the deleted
    page (pytest-qt fails the test on an exception raised in a slot)."""
    path = write_nominations(tmp_path / "推荐.csv", categories[1].name, units[0].name, 3)
    release = gate_preview(services)
    wizard = ImportWizard(services, campaign.id)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    page = wizard.preview_page
    wizard.reject()
    wizard.deleteLater()
    qtbot.waitUntil(lambda: not _alive(page))
    release.set()
    assert wait_for_background()
    qtbot.wait(50)  # the queued result is delivered, and dropped


def _alive(obj: object) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


def test_language_switch_after_a_cancelled_import_does_not_crash(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-X", "faulthandler", "-m", __name__, str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT_S, check=False)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-3000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    # Both cases ran: the preview shown before the cancel, and one landing after the switch.
    assert report["previews_shown"] >= 1
    assert report["late_previews"] >= 1
    assert report["languages"] == ["en", "zh_CN"] * (SWITCHES // 2)
    # The cancelled wizard is gone at once, not kept under the page until the window goes.
    assert report["wizards_after_cancel"] == [0] * SWITCHES
    # The old windows' wrappers were freed, and only ever on the GUI thread: a collection on a
    # background job's thread, while the new window was being built, was the crash.
    assert report["collections_on_gui_thread"] > 0
    assert report["collections_elsewhere"] == []


# -- the child process: the user's steps, by mouse, in the application's event loop ------------
def _child(work: Path) -> dict[str, Any]:
    import gc

    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMenu, QWizard

    from desktop.core.accounts.actors import Actor
    from desktop.core.enums import CandidateKind, Role
    from desktop.ui.app import Shell, make_application
    from desktop.ui.collector import install_collector
    from desktop.ui.pages.candidates_page import CandidatesPage

    app = make_application([sys.argv[0]])
    install_collector(app)  # as main() does
    services = Services.open(f"sqlite:///{work / 'db.sqlite3'}", Actor("测试员", Role.ORGANISER))
    campaign = services.registry.create_campaign("2026年度十佳评选", "")
    category = services.registry.add_category(campaign.id, "十佳优秀服务标兵", winners=10,
                                              kind=CandidateKind.PERSON)
    unit = services.registry.add_unit(campaign.id, "东湖街道", quota=99)
    path = write_nominations(work / "推荐.csv", category.name, unit.name, 20)
    release = gate_preview(services)
    shell = Shell(services, "zh_CN")
    shell.window.show()
    report: dict[str, Any] = {"previews_shown": 0, "late_previews": 0, "languages": [],
                              "wizards_after_cancel": [], "collections_on_gui_thread": 0,
                              "collections_elsewhere": []}

    def collection(phase: str, _info: dict[str, int]) -> None:
        if phase != "start":
            return
        thread = threading.current_thread()
        if thread is threading.main_thread():
            report["collections_on_gui_thread"] += 1
        else:
            report["collections_elsewhere"].append(thread.name)

    gc.callbacks.append(collection)

    def later(ms: int, step: Callable[[], None]) -> None:
        QTimer.singleShot(ms, step)

    def click_menu(menu_index: int, wanted: Callable[[Any], bool]) -> None:
        """Open a menu of the window's menu bar and click the wanted entry, as a user does."""
        bar = shell.window.menuBar()
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         bar.actionGeometry(bar.actions()[menu_index]).center())

        def pick() -> None:
            menu = QApplication.activePopupWidget()
            if not isinstance(menu, QMenu):
                later(20, pick)
                return
            action = next(a for a in menu.actions() if wanted(a))
            QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             menu.actionGeometry(action).center())

        later(20, pick)

    def start_round() -> None:
        if len(report["languages"]) == SWITCHES:
            later(0, app.quit)
            return
        late = len(report["languages"]) % 2 == 1  # every other round, cancel while reading
        release.clear()
        later(20, lambda: on_wizard(late))
        import_action = shell.window.page(CandidatesPage).import_action
        click_menu(0, lambda action: action is import_action)

    def on_wizard(late: bool) -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, ImportWizard):
            later(20, lambda: on_wizard(late))
            return
        wizard.file_page.path.setText(str(path))
        if not late:
            release.set()
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        QTest.mouseClick(next_button, Qt.MouseButton.LeftButton)

        def past_columns() -> None:
            """The column step reads the headers in the background; then on to the preview."""
            if not wizard.column_page.isComplete():
                later(20, past_columns)
                return
            QTest.mouseClick(next_button, Qt.MouseButton.LeftButton)
            when_shown()

        def when_shown() -> None:
            if not late and wizard.preview is None:
                later(20, when_shown)
                return
            report["late_previews" if late else "previews_shown"] += 1
            QTest.mouseClick(wizard.button(QWizard.WizardButton.CancelButton),
                             Qt.MouseButton.LeftButton)
            later(100, switch)

        past_columns()

    def switch() -> None:
        report["wizards_after_cancel"].append(
            sum(isinstance(w, ImportWizard) for w in QApplication.allWidgets()))
        language = "en" if shell.language == "zh_CN" else "zh_CN"
        name = {"en": "English", "zh_CN": "中文"}[language]
        click_menu(1, lambda action: action.text() == name)

        def switched() -> None:
            if shell.language != language:
                later(20, switched)
                return
            report["languages"].append(language)
            release.set()  # a late preview lands now, in the rebuilt window's time
            later(300, start_round)

        later(20, switched)

    later(100, start_round)
    app.exec()
    wait_for_background()
    shell.window.close()
    services.db.dispose()
    gc.callbacks.remove(collection)
    return report


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sandbox = Path(tempfile.mkdtemp(prefix="ballotdesk-switch-"))
    atexit.register(shutil.rmtree, sandbox, ignore_errors=True)
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        os.environ[f"XDG_{name}_HOME"] = str(sandbox / name.lower())
    print(json.dumps(_child(Path(sys.argv[1]))), flush=True)
