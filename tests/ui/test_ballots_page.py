"""The ballots page on a real database with real PDFs: preview, boxes, printing, reconciliation."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ballotformat import Paper, build_layout, render_batch
from desktop.core.enums import CandidateStatus, Phase, SerialState
from desktop.core.printing.sample import sample_spec
from desktop.core.printing.service import PrintOptions
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.ballot_dialogs import BoxDialog, NoteSerialsDialog, PrintBatchDialog
from desktop.ui.models.ballot_models import MISSING_BACKGROUND, ReconciliationModel
from desktop.ui.pages.ballots_page import BallotsPage
from desktop.ui.printing import (
    SPOOL_PREFIX,
    describe_destination,
    new_printer,
    paint_pdf,
    print_dpi,
)
from tests.cups_server import QUEUE, private_cups, unavailable
from tests.ui.conftest import MessageBoxes, when_modal

BOX = "东湖社区服务中心 1号箱"
ROOT = Path(__file__).resolve().parents[2]
#: Set in the child process that prints to the private CUPS queue: the job's title.
CUPS_CHILD_ENV = "BALLOTDESK_TEST_CUPS_TITLE"


@pytest.fixture
def demo(services: Services) -> CampaignInfo:
    from desktop.core.demo import create_demo

    return create_demo(services)


def open_page(qtbot: QtBot, services: Services, campaign_id: int) -> BallotsPage:
    page = BallotsPage(CampaignContext(services, campaign_id))
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    wait_preview(qtbot, page)
    return page


def wait_preview(qtbot: QtBot, page: BallotsPage) -> None:
    qtbot.waitUntil(lambda: not page.controller._rendering and not page.controller._stale,
                    timeout=15_000)


def pdf_pages(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def print_to_pdf(qtbot: QtBot, page: BallotsPage, out: Path, count: int) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, PrintBatchDialog)
        dialog.count.setValue(count)
        dialog.path.setText(str(out))
        dialog.accept()

    when_modal(fill)
    page.print_button.click()
    qtbot.waitUntil(lambda: page.controller.job is None, timeout=30_000)


def ink_ratio(image: QImage) -> float:
    """The share of dark pixels: a blank or failed render has none."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())
    return sum(1 for value in data if value < 128) / len(data)


def cell(model: ReconciliationModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)))


def test_preview_pages_follow_the_paper(qtbot: QtBot, services: Services,
                                        demo: CampaignInfo) -> None:
    page = open_page(qtbot, services, demo.id)
    panel = page.preview
    assert len(panel.images) == 2  # the demo's three categories need two A4 pages
    assert panel.page_count_label.text() == "每张选票 2 页"
    assert panel.state_label.text() == "将生成第 1 版"
    assert not panel.warning_label.isVisible()
    pixmap = panel._labels[0].pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() > 300
    assert ink_ratio(pixmap.toImage()) > 0.01

    panel.paper.setCurrentIndex(panel.paper.findData(Paper.A3))
    wait_preview(qtbot, page)
    assert len(panel.images) == 1
    assert panel.page_count_label.text() == "每张选票 1 页"

    panel.actual_button.click()
    width_at_100 = panel._labels[0].width()
    assert width_at_100 == pytest.approx(297 / 25.4 * panel.logicalDpiX(), abs=2)


def test_no_shortlist_shows_why(qtbot: QtBot, services: Services,
                                campaign: CampaignInfo) -> None:
    page = open_page(qtbot, services, campaign.id)
    panel = page.preview
    assert panel.stack.currentWidget() is panel.problem_label
    assert "还没有入围的候选对象" in panel.problem_label.text()
    assert "候选对象" in panel.problem_label.text()
    assert panel.images == []
    assert not panel.print_preview_button.isEnabled()


def test_add_box_through_the_dialog(qtbot: QtBot, services: Services, demo: CampaignInfo,
                                    boxes: MessageBoxes) -> None:
    page = open_page(qtbot, services, demo.id)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, BoxDialog)
        dialog.name.setText(BOX)
        dialog.location.setText("东湖社区服务中心一楼大厅")
        dialog.responsible.setText("王丽")
        dialog.accept()

    when_modal(fill)
    page.add_box_button.click()
    (box,) = services.boxes.list_boxes(demo.id)
    assert (box.name, box.location, box.responsible) == (BOX, "东湖社区服务中心一楼大厅", "王丽")
    assert page.box_model.rowCount() == 1
    assert page.preview.box.findText(BOX) == 1
    assert boxes.shown == []


def test_print_to_pdf_records_the_batch(qtbot: QtBot, services: Services, demo: CampaignInfo,
                                        boxes: MessageBoxes, tmp_path: Path) -> None:
    box = services.boxes.add_box(demo.id, BOX)
    page = open_page(qtbot, services, demo.id)
    out = tmp_path / "东湖1号箱.pdf"
    print_to_pdf(qtbot, page, out, 25)

    assert pdf_pages(out) == 50
    (batch,) = services.boxes.batches(demo.id)
    assert (batch.box_id, batch.first_serial, batch.last_serial) == (box.id, 1, 25)
    assert "000001–000025" in boxes.texts()
    assert str(out) in boxes.texts()
    model = page.batch_model
    assert model.rowCount() == 1
    assert model.data(model.index(0, model.COL_SERIALS)) == "000001–000025"
    assert model.data(model.index(0, model.COL_COUNT)) == "25"
    assert model.data(model.index(0, model.COL_DESTINATION)) == out.name
    assert model.data(model.index(0, model.COL_DESTINATION),
                      Qt.ItemDataRole.ToolTipRole) == str(out)
    rec = page.reconciliation_model
    assert rec.rowCount() == 2
    assert [cell(rec, 0, c) for c in range(rec.COLUMN_COUNT)] == [
        BOX, "25", "0", "25", "0", "0", "0", "25"]
    assert cell(rec, 1, rec.COL_BOX) == "合计"
    assert rec.headerData(rec.COL_MISSING, Qt.Orientation.Horizontal) == "未收回"
    # Just printed, nobody has voted: 25 are out, not missing (no red).
    background = Qt.ItemDataRole.BackgroundRole
    assert rec.data(rec.index(0, rec.COL_MISSING), background) is None
    services.registry.update_campaign(demo.id, phase=Phase.COUNTING)
    page.context.changed()
    assert cell(rec, 0, rec.COL_MISSING) == "25"
    assert rec.data(rec.index(0, rec.COL_MISSING), background) == MISSING_BACKGROUND
    wait_preview(qtbot, page)
    assert page.preview.state_label.text() == "第 1 版（已存档）"


def test_cancelled_print_records_nothing(qtbot: QtBot, services: Services,
                                         demo: CampaignInfo, boxes: MessageBoxes,
                                         tmp_path: Path) -> None:
    services.boxes.add_box(demo.id, BOX)
    page = open_page(qtbot, services, demo.id)
    out = tmp_path / "long.pdf"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, PrintBatchDialog)
        dialog.count.setValue(2000)
        dialog.path.setText(str(out))
        dialog.accept()

    when_modal(fill)
    page.print_button.click()  # returns once the job has started
    job = page.controller.job
    assert job is not None
    first: list[int] = []
    # Cancel's flag set in the printing thread itself, at its first page: a queued call could
    # come after the last page on a busy machine (2000 pages take about a second).
    job.progressed.connect(lambda done, _total: first.append(done) or job.cancelled.set(),
                           Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: page.controller.job is None, timeout=30_000)
    assert services.boxes.batches(demo.id) == []
    assert not out.exists()
    assert list(tmp_path.glob("*.pdf")) == []
    assert "没有登记任何票号" in boxes.texts()
    assert first and first[0] < 2000
    assert page.print_button.isEnabled()


def test_note_spoiled_serials(qtbot: QtBot, services: Services, demo: CampaignInfo,
                              boxes: MessageBoxes, tmp_path: Path) -> None:
    box = services.boxes.add_box(demo.id, BOX)
    services.printing.print_batch(demo.id, box.id, 30, tmp_path / "b.pdf", PrintOptions())
    page = open_page(qtbot, services, demo.id)
    dialog = NoteSerialsDialog(services.boxes, demo.id, parent=page)
    qtbot.addWidget(dialog)
    dialog.serials.setText("3-5, 8，40")
    assert dialog.count.text() == "共 5 个票号"
    dialog.state.setCurrentIndex(dialog.state.findData(SerialState.SPOILED))
    dialog.note.setPlainText("污损")
    dialog.accept()
    assert "票号 40 未印制过" in boxes.texts()
    assert dialog.result() != QDialog.DialogCode.Accepted

    dialog.serials.setText("3-5, 8")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "4 个票号已登记为“作废”" in boxes.texts()
    page.context.changed()
    rec = page.reconciliation_model
    assert [cell(rec, 0, c) for c in range(1, rec.COLUMN_COUNT)] == [
        "30", "0", "30", "0", "4", "0", "26"]

    dialog = NoteSerialsDialog(services.boxes, demo.id, parent=page)
    qtbot.addWidget(dialog)
    dialog.serials.setText("1-2")
    dialog.state.setCurrentIndex(dialog.state.findData(SerialState.UNUSED))
    dialog.accept()
    page.context.changed()
    assert [cell(rec, 1, c) for c in range(1, rec.COLUMN_COUNT)] == [
        "30", "2", "28", "0", "4", "0", "24"]


def test_unreadable_serials_explained_while_typing(qtbot: QtBot, services: Services,
                                                   demo: CampaignInfo) -> None:
    dialog = NoteSerialsDialog(services.boxes, demo.id)
    qtbot.addWidget(dialog)
    dialog.serials.setText("101-1x")
    assert "无法识别" in dialog.count.text()


def test_print_to_a_printer(qtbot: QtBot, services: Services, demo: CampaignInfo,
                            boxes: MessageBoxes, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Offscreen has no printer: a QPrinter writing a PDF file takes its place, painted by the
    same code, after the print dialog was accepted."""
    services.boxes.add_box(demo.id, BOX)
    page = open_page(qtbot, services, demo.id)
    printed = tmp_path / "printer-output.pdf"

    def pdf_printer(paper: Paper) -> QPrinter:
        printer = new_printer(paper)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(page.controller, "ask_printer", pdf_printer)
    order = PrintBatchDialog(services.boxes.list_boxes(demo.id), None, "", "x.pdf")
    qtbot.addWidget(order)
    order.to_printer.setChecked(True)
    order.count.setValue(3)
    page.controller.print_order(order.order(), page.preview.options())
    qtbot.waitUntil(lambda: page.controller.job is None and bool(boxes.shown), timeout=30_000)

    assert pdf_pages(printed) == 6
    (batch,) = services.boxes.batches(demo.id)
    assert batch.count == 3
    assert batch.destination == "printer:printer-output.pdf"
    assert describe_destination(batch.destination) == "打印机：printer-output.pdf"
    assert not list(Path(tempfile.gettempdir()).glob(f"{SPOOL_PREFIX}*")), "spool removed"
    assert "3 张（共 3 张）" in boxes.texts()
    _lines, total = services.boxes.reconciliation(demo.id)
    assert (total.printed, total.unused) == (3, 0)


def image_colour_spaces(path: Path) -> list[int]:
    """The PDFium colour space (FPDF_COLORSPACE_*) of every image in a PDF."""
    document = pdfium.PdfDocument(str(path))
    try:
        return [item.get_metadata().colorspace for page in document
                for item in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
                if isinstance(item, pdfium.PdfImage)]
    finally:
        document.close()


def test_a_printer_without_a_queue_gets_grey_pages_at_its_resolution(tmp_path: Path) -> None:
    """The fallback (no CUPS queue): images of the recorded pages, grey, with whole printer
    dots per image pixel."""
    printer = new_printer(Paper.A4)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "grey.pdf"))
    assert printer.resolution() == 1200 and print_dpi(printer) == 600
    printer.setResolution(720)
    assert print_dpi(printer) == 360
    printer.setResolution(300)
    assert print_dpi(printer) == 300
    pdf = tmp_path / "one.pdf"
    render_batch(build_layout(sample_spec()), [7], b"0" * 32, pdf)
    assert paint_pdf(printer, pdf) == pdf_pages(pdf) == 2
    assert image_colour_spaces(tmp_path / "grey.pdf") == [pdfium_c.FPDF_COLORSPACE_DEVICEGRAY] * 2


def test_print_to_a_cups_queue_sends_the_pdf_itself(
        qtbot: QtBot, services: Services, demo: CampaignInfo, boxes: MessageBoxes,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A printer that is a CUPS queue gets the batch PDF through lp: a private cupsd with a
    cups-pdf queue (tests/cups_server.py). Qt reads $CUPS_SERVER when it first lists printers,
    so the page runs in a child pytest process started with it; this process checks the PDF
    that came out of the queue."""
    title = os.environ.get(CUPS_CHILD_ENV)
    if title is None:
        reason = unavailable()
        if reason:
            pytest.skip(reason)
        title = f"ballotdesk-ui-{os.getpid()}"
        with tempfile.TemporaryDirectory(prefix="ballotdesk-cups-") as folder:
            Path(folder).chmod(0o755)  # CUPS's filters run as "lp"
            with private_cups(Path(folder)) as server:
                result = subprocess.run(
                    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                     f"{Path(__file__).relative_to(ROOT)}::"
                     "test_print_to_a_cups_queue_sends_the_pdf_itself"],
                    cwd=ROOT, env={**server.env(), CUPS_CHILD_ENV: title},
                    capture_output=True, text=True, timeout=300, check=False)
                assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
                assert "1 passed" in result.stdout
                printed = server.wait_for(f"{QUEUE}-1", title)
                try:
                    assert pdf_pages(printed) == 6
                    assert image_colour_spaces(printed) == []  # vectors, not page images
                finally:
                    printed.unlink()
        return

    services.boxes.add_box(demo.id, BOX)
    page = open_page(qtbot, services, demo.id)

    def queue_printer(paper: Paper) -> QPrinter:
        printer = new_printer(paper)
        printer.setPrinterName(QUEUE)
        printer.setDocName(title)
        return printer

    monkeypatch.setattr(page.controller, "ask_printer", queue_printer)
    order = PrintBatchDialog(services.boxes.list_boxes(demo.id), None, "", "x.pdf")
    qtbot.addWidget(order)
    order.to_printer.setChecked(True)
    order.count.setValue(3)
    page.controller.print_order(order.order(), page.preview.options())
    qtbot.waitUntil(lambda: page.controller.job is None and bool(boxes.shown), timeout=60_000)

    assert f"打印作业：{QUEUE}-1" in boxes.texts()
    assert "3 张（共 3 张）" in boxes.texts()
    (batch,) = services.boxes.batches(demo.id)
    assert batch.destination == f"printer:{QUEUE}"
    assert not list(Path(tempfile.gettempdir()).glob(f"{SPOOL_PREFIX}*")), "spool removed"
    _lines, total = services.boxes.reconciliation(demo.id)
    assert (total.printed, total.unused) == (3, 0)


def test_a_queue_that_refuses_the_batch_records_it_unused(
        qtbot: QtBot, services: Services, demo: CampaignInfo, boxes: MessageBoxes,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """lp fails (here: the scheduler is gone after the queue was chosen): nothing was printed,
    every serial of the batch is recorded as unused and lp's reason is shown."""
    services.boxes.add_box(demo.id, BOX)
    page = open_page(qtbot, services, demo.id)
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-scheduler.sock"))
    monkeypatch.setattr(page.controller, "ask_printer", new_printer)
    original = page.controller._send_to_printer

    def to_queue(batch: object, printer: QPrinter, spool: Path, _queue: str,
                 paper: Paper) -> None:
        original(batch, printer, spool, "office", paper)  # type: ignore[arg-type]

    monkeypatch.setattr(page.controller, "_send_to_printer", to_queue)
    order = PrintBatchDialog(services.boxes.list_boxes(demo.id), None, "", "x.pdf")
    qtbot.addWidget(order)
    order.to_printer.setChecked(True)
    order.count.setValue(2)
    page.controller.print_order(order.order(), page.preview.options())
    qtbot.waitUntil(lambda: page.controller.job is None and bool(boxes.shown), timeout=30_000)

    assert "打印队列“office”没有接收这批选票" in boxes.texts()
    assert "000001–000002" in boxes.texts()
    _lines, total = services.boxes.reconciliation(demo.id)
    assert (total.printed, total.unused, total.issued) == (2, 2, 0)


def test_print_dialog_cancelled_records_nothing(qtbot: QtBot, services: Services,
                                                demo: CampaignInfo, boxes: MessageBoxes,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    services.boxes.add_box(demo.id, BOX)
    page = open_page(qtbot, services, demo.id)
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
    order = PrintBatchDialog(services.boxes.list_boxes(demo.id), None, "", "x.pdf")
    qtbot.addWidget(order)
    order.to_printer.setChecked(True)
    page.controller.print_order(order.order(), page.preview.options())
    assert page.controller.job is None
    assert services.boxes.batches(demo.id) == []
    assert boxes.shown == []


def test_stopped_printer_records_the_rest_as_unused(
        qtbot: QtBot, services: Services, demo: CampaignInfo, boxes: MessageBoxes,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services.boxes.add_box(demo.id, BOX)
    page = open_page(qtbot, services, demo.id)
    printed = tmp_path / "stopped.pdf"

    def pdf_printer(paper: Paper) -> QPrinter:
        printer = new_printer(paper)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(page.controller, "ask_printer", pdf_printer)
    original = page.controller._send_to_printer

    def send_and_stop(*args: object) -> None:
        original(*args)  # type: ignore[arg-type]
        job = page.controller.job
        assert job is not None
        job.progressed.connect(lambda done, _total: done == 1 and job.cancel())

    monkeypatch.setattr(page.controller, "_send_to_printer", send_and_stop)
    order = PrintBatchDialog(services.boxes.list_boxes(demo.id), None, "", "x.pdf")
    qtbot.addWidget(order)
    order.to_printer.setChecked(True)
    order.count.setValue(4)
    page.controller.print_order(order.order(), page.preview.options())
    qtbot.waitUntil(lambda: page.controller.job is None and bool(boxes.shown), timeout=30_000)

    assert pdf_pages(printed) == 2  # the ballot being painted is finished, no more
    _lines, total = services.boxes.reconciliation(demo.id)
    assert (total.printed, total.unused, total.issued) == (4, 3, 1)
    assert "000002–000004" in boxes.texts()


def test_print_preview_paints_the_preview_ballot(qtbot: QtBot, services: Services,
                                                 demo: CampaignInfo, tmp_path: Path) -> None:
    page = open_page(qtbot, services, demo.id)
    printer = new_printer(Paper.A4)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    assert page.controller.preview_pdf is not None
    assert paint_pdf(printer, page.controller.preview_pdf) == 2
    assert pdf_pages(tmp_path / "preview.pdf") == 2


def test_an_edit_after_printing_is_announced(qtbot: QtBot, services: Services,
                                             demo: CampaignInfo, tmp_path: Path) -> None:
    box = services.boxes.add_box(demo.id, BOX)
    services.printing.print_batch(demo.id, box.id, 1, tmp_path / "v1.pdf", PrintOptions())
    page = open_page(qtbot, services, demo.id)
    panel = page.preview
    assert panel.state_label.text() == "第 1 版（已存档）"
    assert not panel.warning_label.isVisible()

    first = services.candidates.list(demo.id, statuses=[CandidateStatus.SHORTLISTED])[0]
    services.candidates.update(first.id, replace(first.fields, name=first.name + "（更正）"),
                               accept_warnings=True)
    page.context.changed()
    wait_preview(qtbot, page)
    assert panel.state_label.text() == "将生成第 2 版"
    assert panel.warning_label.isVisible()
    assert "本次将印制第 2 版" in panel.warning_label.text()


def test_returned_spoiled_and_unused_ballots_are_shown_apart_and_counted_once(
        qtbot: QtBot) -> None:
    from desktop.core.printing.boxes import BoxInfo, Reconciliation

    box = BoxInfo(1, 1, "东湖社区服务中心 1号箱", "", "")
    # 10 printed: 2 unused (1 came back anyway), 3 spoiled (2 came back anyway), 6 returned.
    line = Reconciliation(box, 10, 2, 3, 6, voting_over=True, returned_spoiled=2,
                          returned_unused=1)
    model = ReconciliationModel()
    model.set_reconciliation([line], line)
    assert [cell(model, 0, c) for c in range(1, model.COLUMN_COUNT)] == [
        "10", "2", "8", "6", "3", "3", "2"]
    assert model.headerData(model.COL_RETURNED_NOTED, Qt.Orientation.Horizontal) == (
        "收回的作废/未发放票")
    tip = model.data(model.index(0, model.COL_RETURNED_NOTED), Qt.ItemDataRole.ToolTipRole)
    assert "作废（2）" in tip and "未发放（1）" in tip
