"""``run_job``: the one way a long job runs (ui/background.py): its progress dialog moves with
the job's reports and closes, the busy state is on while it runs and off before the result or
the failure is handled, and a refusal is shown over the page."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ballotformat.messages import RuleError, error
from desktop.core.accounts import service as _registers_messages  # noqa: F401
from desktop.ui.background import Progress, run_job
from tests.ui.conftest import MessageBoxes


def test_a_job_reports_progress_and_ends_busy_before_its_result(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    events: list[object] = []
    reported = threading.Event()
    go_on = threading.Event()

    def work(report: object) -> str:
        assert callable(report)
        report(3, 7)
        reported.set()
        assert go_on.wait(5)
        return "written"

    run_job(page, "Job", "Working…", work, lambda result: events.append(("done", result)),
            busy=lambda on: events.append(("busy", on)))
    assert events == [("busy", True)]
    dialog = page.findChild(QProgressDialog)
    assert dialog is not None
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert reported.wait(5)
    qtbot.waitUntil(lambda: (dialog.maximum(), dialog.value()) == (7, 3))
    go_on.set()
    qtbot.waitUntil(lambda: len(events) == 3)
    assert events == [("busy", True), ("busy", False), ("done", "written")]
    qtbot.waitUntil(lambda: page.findChild(QProgressDialog) is None)  # closed and deleted


def test_a_refused_job_closes_its_dialog_and_shows_the_refusal(
        qtbot: QtBot, boxes: MessageBoxes) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    busy: list[bool] = []

    def work(_report: object) -> None:
        raise RuleError([error("account_setup_done")])  # one of the accounts' refusals

    run_job(page, "Job", "Working…", work, lambda _result: busy.append(True),
            busy=busy.append)
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert busy == [True, False]  # ended, and done was not called
    assert boxes.kinds() == ["warning"]
    assert error("account_setup_done").text() in boxes.texts()
    qtbot.waitUntil(lambda: page.findChild(QProgressDialog) is None)


def test_cancel_sets_the_flag_the_work_reads_and_the_work_decides_the_end(
        qtbot: QtBot, boxes: MessageBoxes) -> None:
    """Cancel (the dialog's button) sets ``report.cancelled``; the work stops there and raises,
    which reaches ``failed`` after the busy state ended, like a core job's cancel exception."""
    page = QWidget()
    qtbot.addWidget(page)
    events: list[object] = []
    started = threading.Event()

    class StoppedError(Exception):
        pass

    def work(report: Progress) -> None:
        report(1, 10)
        started.set()
        for _ in range(500):
            if report.cancelled():
                raise StoppedError
            threading.Event().wait(0.01)
        events.append("ran to the end")

    job = run_job(page, "Job", "Working…", work, lambda _result: events.append("done"),
                  busy=lambda on: events.append(("busy", on)),
                  failed=lambda exc: events.append(type(exc).__name__),
                  maximum=10, cancelling="Stopping…")
    dialog = page.findChild(QProgressDialog)
    assert dialog is not None
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button is not None
    assert started.wait(5)
    cancel_button.click()
    assert dialog.labelText() == "Stopping…"
    assert job.cancelled.is_set()
    qtbot.waitUntil(lambda: len(events) == 3, timeout=5_000)
    assert events == [("busy", True), ("busy", False), "StoppedError"]
    assert not boxes.shown
    qtbot.waitUntil(lambda: page.findChild(QProgressDialog) is None)


def test_without_cancelling_text_a_job_has_no_cancel_button(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    go_on = threading.Event()
    run_job(page, "Job", "Working…", lambda _report: go_on.wait(5), lambda _result: None)
    dialog = page.findChild(QProgressDialog)
    assert dialog is not None
    assert dialog.findChild(QPushButton) is None
    go_on.set()
    qtbot.waitUntil(lambda: page.findChild(QProgressDialog) is None)
