"""A language switch after the candidate import wizard was cancelled: the window is rebuilt and
nothing of the old one is called afterwards (issue 13, point 2: SIGSEGV, exit 139).

The user's steps run in a child process (this module run with ``-m``), so a native crash fails
the test with its exit status instead of ending the pytest run. The child reports, as JSON,
how many import wizards were alive after each cancel; a Python exception in a slot shows as a
traceback on its stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.core.registry import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.ui.background import wait_for_background
from desktop.ui.import_wizard import ImportWizard

ROOT = Path(__file__).resolve().parents[2]
#: Each direction twice or more, as in the report (3 of 3, both directions).
SWITCHES = 4
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
    assert report["languages"] == ["en", "zh_CN", "en", "zh_CN"]
    # The cancelled wizard is gone at once, not kept under the page until the window goes.
    assert report["wizards_after_cancel"] == [0] * SWITCHES


# -- the child process -------------------------------------------------------------------------
def _child(work: Path) -> dict[str, Any]:
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication, QWizard

    from desktop.core.actors import Actor
    from desktop.core.enums import CandidateKind, Role
    from desktop.ui.app import Shell, make_application
    from desktop.ui.pages.candidates_page import CandidatesPage

    app = make_application([sys.argv[0]])
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
                              "wizards_after_cancel": []}

    def settle() -> None:
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            app.processEvents()
        gc.collect()

    def wizards() -> int:
        return sum(isinstance(w, ImportWizard) for w in QApplication.allWidgets())

    def on_wizard(act: Callable[[ImportWizard], None]) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, ImportWizard):
            act(widget)
        else:
            QTimer.singleShot(20, lambda: on_wizard(act))

    for round_number in range(SWITCHES):
        late = round_number % 2 == 1  # every other round, cancel while the file is read

        def cancel(wizard: ImportWizard, late: bool = late) -> None:
            wizard.file_page.path.setText(str(path))
            if not late:
                release.set()
            wizard.next()
            page = wizard.preview_page

            def when_shown() -> None:
                if late or wizard.preview is not None:
                    report["previews_shown" if not late else "late_previews"] += 1
                    wizard.button(QWizard.WizardButton.CancelButton).click()
                else:
                    QTimer.singleShot(20, when_shown)

            assert page.isVisible()
            when_shown()

        release.clear()
        QTimer.singleShot(0, lambda cancel=cancel: on_wizard(cancel))
        shell.window.page(CandidatesPage).import_action.trigger()  # exec() until cancelled
        settle()
        report["wizards_after_cancel"].append(wizards())
        language = "en" if shell.language == "zh_CN" else "zh_CN"
        menu_action = next(action for menu in shell.window.menuBar().actions()
                           for action in menu.menu().actions()
                           if action.text() == {"en": "English", "zh_CN": "中文"}[language])
        menu_action.trigger()
        settle()
        release.set()  # a late preview lands now, in the rebuilt window's time
        wait_for_background()
        settle()
        report["languages"].append(shell.language)
    shell.window.close()
    settle()
    services.db.dispose()
    return report


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sandbox = Path(tempfile.mkdtemp(prefix="ballotdesk-switch-"))
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        os.environ[f"XDG_{name}_HOME"] = str(sandbox / name.lower())
    print(json.dumps(_child(Path(sys.argv[1]))), flush=True)
