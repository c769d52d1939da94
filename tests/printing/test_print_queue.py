"""Ballots through a real CUPS queue: a private ``cupsd`` with a cups-pdf printer
(tests/cups_server.py). The PDF the queue prints must have every page, as vectors (no page
image, the serials still text), and read back as the ballots that were recorded."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from ballotformat import Paper
from ballotformat.messages import RuleError
from desktop.core.printing.boxes import BoxInfo
from desktop.core.printing.print_queue import is_print_queue, lp_arguments, submit_pdf
from desktop.core.printing.service import PrintOptions
from desktop.core.records.recording import Recorder
from desktop.core.records.scanjob import interpret_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from scanning.reasons import Status
from tests.cups_server import CupsServer, private_cups, unavailable

#: A4 in PDF units (reportlab's A4: 210 × 297 mm).
A4_POINTS = (595.3, 841.9)


@pytest.fixture(scope="module")
def cups() -> Iterator[CupsServer]:
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    # Not under pytest's tmp_path: its folders are private to root, and CUPS's filters run as
    # the "lp" user.
    with tempfile.TemporaryDirectory(prefix="ballotdesk-cups-") as folder:
        Path(folder).chmod(0o755)
        with private_cups(Path(folder)) as server:
            yield server


@pytest.fixture
def on_cups(cups: CupsServer, monkeypatch: pytest.MonkeyPatch) -> CupsServer:
    monkeypatch.setenv("CUPS_SERVER", cups.socket)
    return cups


def page_objects(pdf: Path) -> list[dict[int, int]]:
    """Per page: how many objects of each PDFium type (text, path, image, ...)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        counts = []
        for page in document:
            kinds: dict[int, int] = {}
            for item in page.get_objects():
                kinds[item.type] = kinds.get(item.type, 0) + 1
            counts.append(kinds)
        return counts
    finally:
        document.close()


def page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def test_a_batch_prints_as_vector_pages(on_cups: CupsServer, services: Services,
                                        demo: CampaignInfo, box: BoxInfo,
                                        tmp_path: Path) -> None:
    batch_pdf = tmp_path / "batch.pdf"
    batch = services.printing.print_batch(demo.id, box.id, 3, batch_pdf, PrintOptions())
    title = f"ballotdesk-{uuid.uuid4().hex[:12]}"
    assert is_print_queue(on_cups.queue)

    job = submit_pdf(on_cups.queue, batch_pdf, title, Paper.A4)
    printed = on_cups.wait_for(job, title)
    try:
        kinds = page_objects(printed)
        texts = page_texts(printed)
        outcomes = list(interpret_paths(Recorder(services.db, services.actor), [printed], 1))
        document = pdfium.PdfDocument(str(printed))
        sizes = [document[i].get_size() for i in range(len(document))]
        document.close()
    finally:
        printed.unlink()

    assert len(kinds) == 6  # 3 ballots of 2 pages, nothing more, nothing less
    assert all(pdfium_c.FPDF_PAGEOBJ_IMAGE not in page for page in kinds), "a page is a raster"
    assert all(page.get(pdfium_c.FPDF_PAGEOBJ_PATH, 0) > 100 for page in kinds)  # QR, boxes
    for serial, text in zip((1, 1, 2, 2, 3, 3), texts, strict=True):
        assert f"{serial:06d}" in text  # still text, not a picture of it
    assert all(abs(w - A4_POINTS[0]) < 1 and abs(h - A4_POINTS[1]) < 1 for w, h in sizes)
    # What came out of the queue reads as the recorded ballots (1:1, nothing scaled).
    assert [(o.result.serial, o.result.status) for o in outcomes] == [
        (serial, Status.ACCEPTED) for serial in (1, 1, 2, 2, 3, 3)]
    assert batch.first_serial == 1 and batch.count == 3


def test_a_queue_that_refuses_says_why(on_cups: CupsServer, tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert not is_print_queue("no-such-queue")
    with pytest.raises(RuleError) as refused:
        submit_pdf("no-such-queue", pdf, "x", Paper.A4)
    assert "打印队列“no-such-queue”没有接收这批选票" in refused.value.text("zh_CN")
    assert "The print queue “no-such-queue” did not take the batch: " in refused.value.text("en")
    assert "exist" in refused.value.text("en")  # lp's own reason: the queue does not exist


def test_one_copy_never_scaled_on_the_ballot_paper(tmp_path: Path) -> None:
    arguments = lp_arguments("office", tmp_path / "b.pdf", "t", Paper.A3,
                             {"sides": "two-sided-long-edge"})
    assert arguments[:6] == ["-d", "office", "-t", "t", "-n", "1"]
    options = [arguments[i + 1] for i, a in enumerate(arguments) if a == "-o"]
    assert options == ["media=A3", "print-scaling=none", "sides=two-sided-long-edge"]
    assert arguments[-2:] == ["--", str(tmp_path / "b.pdf")]
