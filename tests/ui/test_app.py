"""Start-up pieces: the background helper, logging, the error dialog, the font, main()."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ballotformat.messages import RuleError, error
from desktop.core.accounts import service as accounts
from desktop.core.store.db import Database
from desktop.ui import app as app_module
from desktop.ui.background import run_in_background
from desktop.ui.dialogs.account_dialogs import FirstOrganiserDialog
from desktop.ui.errors import CRASH_LOG_NAME, ErrorDialog, excepthook, setup_logging
from desktop.ui.feedback import background_failure
from tests.ui.conftest import MessageBoxes, when_modal


def test_background_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    got: list[tuple[int, bool]] = []
    worker_threads: list[threading.Thread] = []

    def work() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    run_in_background(work, lambda value: got.append(
        (value, threading.current_thread() is threading.main_thread())))
    qtbot.waitUntil(lambda: bool(got))
    assert got == [(42, True)]
    assert worker_threads[0] is not threading.main_thread()


def test_background_refusal_is_shown(qtbot: QtBot, boxes: MessageBoxes) -> None:
    def work() -> None:
        raise RuleError([error("file_empty", file="空.csv")])

    run_in_background(work, lambda _value: None, background_failure(None))
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert "文件“空.csv”是空的" in boxes.texts()


def test_log_file_rotates_in_the_given_folder(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    try:
        logging.getLogger("desktop.ui.test").warning("测试日志")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert path.parent == tmp_path
        assert "测试日志" in path.read_text(encoding="utf-8")
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "baseFilename", "") == str(path)]:
            root.removeHandler(handler)
            handler.close()


def test_error_dialog_copies_details(qtbot: QtBot) -> None:
    dialog = ErrorDialog("ValueError: 坏了", "Traceback…\nValueError: 坏了")
    qtbot.addWidget(dialog)
    assert dialog.copy_button.text() == "复制详细信息"
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "Traceback…\nValueError: 坏了"


def test_excepthook_shows_the_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self.details) or 0)
    try:
        raise ZeroDivisionError("除以零")
    except ZeroDivisionError as exc:
        excepthook(type(exc), exc, exc.__traceback__)
    assert "ZeroDivisionError: 除以零" in shown[0]


def test_excepthook_shows_a_refusal_as_a_refusal(monkeypatch: pytest.MonkeyPatch,
                                                 boxes: MessageBoxes) -> None:
    """A service refusing a call no page wrapped (say, an action the role may not take)."""
    shown: list[str] = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self.details) or 0)
    try:
        raise RuleError([error("file_empty", file="空.csv")])
    except RuleError as exc:
        excepthook(type(exc), exc, exc.__traceback__)
    assert shown == []
    assert boxes.kinds() == ["warning"]
    assert "文件“空.csv”是空的" in boxes.texts()


def test_shipped_font_is_the_fallback(qapp: QApplication) -> None:
    families = app_module.install_ui_font(qapp)
    assert families
    assert families[0] in qapp.font().families()
    assert any("WenQuanYi" in family for family in QFontDatabase.families())


@pytest.fixture
def no_event_loop(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """main() without its event loop (which, once quit, would disturb later tests): what it
    installed, then the titles of the windows it opened."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "setup_logging", lambda: Path("ballotdesk.log"))
    opened: list[str] = []
    # faulthandler and the garbage collector stay pytest's (checked in test_language_switch.py
    # and test_a_native_crash_is_written_to_the_log_folder); main() is seen to install both.
    monkeypatch.setattr(app_module, "enable_crash_log",
                        lambda _folder: opened.append("crash log") or Path("crash.log"))
    monkeypatch.setattr(app_module, "install_collector",
                        lambda _app: opened.append("collector"))

    def fake_exec() -> int:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        opened.extend(w.windowTitle() for w in windows)
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    return opened


def test_main_creates_the_first_organiser_and_opens_the_window(
        no_event_loop: list[str], db_url: str) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, FirstOrganiserDialog)
        dialog.name.setText("张三")
        dialog.password.setText("足够长的密码12345")
        dialog.again.setText("足够长的密码12345")
        dialog.buttons.accepted.emit()

    when_modal(fill)
    assert app_module.main(["--db", db_url]) == 0
    assert "选票台 — 张三（组织者）" in no_event_loop
    assert no_event_loop[:2] == ["crash log", "collector"]
    assert sys.excepthook is excepthook


def test_main_quits_when_sign_in_is_cancelled(no_event_loop: list[str], db_url: str) -> None:
    db = Database.open(db_url)
    accounts.setup(db, "张三", "足够长的密码12345")
    db.dispose()
    when_modal(lambda dialog: dialog.reject())
    assert app_module.main(["--db", db_url]) == 0
    assert no_event_loop == ["crash log", "collector"]


def test_a_native_crash_is_written_to_the_log_folder(tmp_path: Path) -> None:
    """A segmentation fault never reaches logging: faulthandler's file in the log folder
    holds it, with the Python stack that led to it."""
    script = ("import faulthandler, sys; from pathlib import Path;"
              "from desktop.ui.errors import enable_crash_log;"
              "enable_crash_log(Path(sys.argv[1]));"
              "faulthandler._sigsegv()")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=root,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode != 0
    crash = (tmp_path / CRASH_LOG_NAME).read_text(encoding="utf-8")
    assert "--- process" in crash
    assert "Segmentation fault" in crash
    assert "<string>" in crash  # the Python stack of the crashing call


def test_ballotdesk_lang_reaches_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """``ballotdesk --lang en`` opens the window in English whatever the menu saved; without
    ``--lang`` the window keeps to the saved choice."""
    from desktop.cli import main as cli_main

    started: list[list[str]] = []
    monkeypatch.setattr(app_module, "main", lambda argv: started.append(argv) or 0)
    assert cli_main(["--lang", "en"]) == 0
    assert cli_main(["--lang=zh_CN", "--db", "sqlite:///x.sqlite3"]) == 0
    assert cli_main([]) == 0
    assert started == [["--lang", "en"], ["--db", "sqlite:///x.sqlite3", "--lang", "zh_CN"], []]
    assert app_module.parse_args(["--lang", "en"]).lang == "en"
    assert app_module.parse_args([]).lang is None


def test_qt_own_dialogs_speak_the_chosen_language(qtbot: QtBot) -> None:
    """Qt's base translations (qtbase_zh_CN.qm from PySide6) are loaded with ours: a file
    dialog says 查找范围 and 文件类型, not "Look in" and "Files of type"."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    from desktop.ui.i18n import install_language

    try:
        for language, look_in in (("zh_CN", "查找范围"), ("zh_CN", "文件类型"), ("en", "Look in"),
                                  ("en", "Files of")):
            install_language(language)
            dialog = QFileDialog(None, "x")
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            qtbot.addWidget(dialog)
            labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
            assert look_in in labels, labels
    finally:
        install_language("zh_CN")
