"""Printing batches for boxes: real PDFs rasterized and decoded, versions, reconciliation."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
import zxingcpp

from ballotformat import Layout, RenderCancelledError, decode_payload
from ballotformat.messages import RuleError
from desktop.core.demo import create_demo
from desktop.core.enums import CandidateStatus, SerialState
from desktop.core.printing.boxes import BoxInfo
from desktop.core.printing.service import PrintOptions, key_lookup
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services

pytestmark = pytest.mark.both_backends

RASTER_DPI = 150


@pytest.fixture
def demo(services: Services) -> CampaignInfo:
    return create_demo(services)


@pytest.fixture
def box(services: Services, demo: CampaignInfo) -> BoxInfo:
    return services.boxes.add_box(demo.id, "东湖社区服务中心 1号箱", "东湖路 12 号", "刘芳")


def qr_payloads(pdf: Path) -> list[str]:
    """Every page rasterized and its QR code decoded, in page order."""
    document = pdfium.PdfDocument(pdf)
    texts = []
    for page in document:
        image = page.render(scale=RASTER_DPI / 72, grayscale=True).to_numpy()
        found = zxingcpp.read_barcodes(np.ascontiguousarray(image[:, :, 0]
                                                            if image.ndim == 3 else image))
        assert len(found) == 1
        texts.append(found[0].text)
    return texts


def page_text(pdf: Path, index: int) -> str:
    return pdfium.PdfDocument(pdf)[index].get_textpage().get_text_range()


def test_a_batch_prints_signed_serials_for_its_box(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    out = tmp_path / "box1.pdf"
    steps: list[tuple[int, int]] = []
    with caplog.at_level(logging.INFO, logger="desktop.core.printing"):
        batch = services.printing.print_batch(
            demo.id, box.id, 3, out, PrintOptions(),
            progress=lambda done, total: steps.append((done, total)))
    assert f"printed 3 ballots for box {box.name}, serials 1–3, layout version 1, to {out}" \
        in caplog.messages
    assert (batch.first_serial, batch.last_serial, batch.layout_version) == (1, 3, 1)
    assert steps[-1] == (3, 3)
    payloads = [decode_payload(t, key_lookup(services.db)) for t in qr_payloads(out)]
    pages = services.printing.stored_layout(demo.id, 1)
    assert pages is not None
    per_ballot = pages.page_count
    assert [p.serial for p in payloads] == [s for s in (1, 2, 3) for _ in range(per_ballot)]
    assert [p.page for p in payloads] == list(range(1, per_ballot + 1)) * 3
    assert {p.campaign_id for p in payloads} == {demo.id}
    assert "东湖社区服务中心 1号箱" in page_text(out, 0)
    assert services.boxes.batch_of_serial(demo.id, 2) == batch
    assert not list(tmp_path.glob(".*")), "no temporary file left behind"


def test_batches_continue_the_serials_and_reuse_the_layout(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    other = services.boxes.add_box(demo.id, "西山镇文化站 1号箱")
    first = services.printing.print_batch(demo.id, box.id, 2, tmp_path / "a.pdf", PrintOptions())
    second = services.printing.print_batch(demo.id, other.id, 4, tmp_path / "b.pdf",
                                           PrintOptions())
    assert (second.first_serial, second.last_serial) == (3, 6)
    assert first.layout_version == second.layout_version == 1
    assert services.printing.stored_versions(demo.id) == [1]
    assert [b.box for b in services.boxes.batches(demo.id)] == [box.name, other.name]


def test_instructions_in_another_language_print_as_the_same_version(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    services.printing.print_batch(demo.id, box.id, 1, tmp_path / "zh.pdf", PrintOptions())
    english = PrintOptions(language="en")
    state = services.printing.current_layout(demo.id, english)
    assert (state.version, state.stored, state.warnings) == (1, True, ())  # no change reported
    batch = services.printing.print_batch(demo.id, box.id, 1, tmp_path / "en.pdf", english)
    assert batch.layout_version == 1
    assert services.printing.stored_versions(demo.id) == [1]
    assert "How to vote" in page_text(tmp_path / "en.pdf", 0)


def test_an_edit_after_printing_makes_a_new_version_and_the_old_stays_readable(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    services.printing.print_batch(demo.id, box.id, 1, tmp_path / "v1.pdf", PrintOptions())
    assert services.printing.current_layout(demo.id, PrintOptions()).warnings == ()
    first = services.candidates.list(demo.id, statuses=[CandidateStatus.SHORTLISTED])[0]
    services.candidates.update(first.id, first.fields.__class__(
        **{**first.fields.__dict__, "name": first.name + "（更正）"}), accept_warnings=True)
    state = services.printing.current_layout(demo.id, PrintOptions())
    assert (state.version, state.stored) == (2, False)
    assert [w.code for w in state.warnings] == ["layout_changed"]
    assert "第 2 版" in state.warnings[0].text("zh_CN")
    batch = services.printing.print_batch(demo.id, box.id, 1, tmp_path / "v2.pdf",
                                          PrintOptions())
    assert batch.layout_version == 2
    old = services.printing.stored_layout(demo.id, 1)
    new = services.printing.stored_layout(demo.id, 2)
    assert isinstance(old, Layout)
    assert isinstance(new, Layout)
    old_names = {t.name for p in old.pages for t in p.targets}
    new_names = {t.name for p in new.pages for t in p.targets}
    assert first.name in old_names
    assert first.name + "（更正）" in new_names
    assert services.printing.stored_layout(demo.id, 3) is None


def test_a_cancelled_print_records_nothing_and_writes_nothing(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    out = tmp_path / "pdf" / "cancelled.pdf"
    with pytest.raises(RenderCancelledError):
        services.printing.print_batch(demo.id, box.id, 50, out, PrintOptions(),
                                      cancel=lambda: True)
    assert list(out.parent.iterdir()) == [], "neither the PDF nor a temporary file"
    assert services.boxes.batches(demo.id) == []
    assert services.printing.stored_versions(demo.id) == []


def test_bad_requests_are_refused_before_printing(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path, campaign: CampaignInfo
) -> None:
    with pytest.raises(RuleError) as exc:
        services.printing.print_batch(demo.id, box.id, 0, tmp_path / "x.pdf", PrintOptions())
    assert exc.value.messages[0].code == "batch_size"
    with pytest.raises(RuleError) as exc:
        services.printing.current_layout(campaign.id, PrintOptions())
    assert exc.value.messages[0].code == "no_shortlist"
    assert not (tmp_path / "x.pdf").exists()


def test_reconciliation_per_box_and_in_total(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    other = services.boxes.add_box(demo.id, "西山镇文化站 1号箱")
    services.printing.print_batch(demo.id, box.id, 10, tmp_path / "a.pdf", PrintOptions())
    services.printing.print_batch(demo.id, other.id, 5, tmp_path / "b.pdf", PrintOptions())
    services.boxes.note_serials(demo.id, [1, 2], SerialState.SPOILED, "填错后换领")
    services.boxes.note_serials(demo.id, range(8, 11), SerialState.UNUSED)
    services.boxes.note_serials(demo.id, [15], SerialState.UNUSED)
    with pytest.raises(RuleError) as exc:
        services.boxes.note_serials(demo.id, [2, 99], SerialState.UNUSED)
    assert [m.code for m in exc.value.messages] == ["serial_already_noted", "serial_not_printed"]
    lines, total = services.boxes.reconciliation(demo.id)
    first, second = lines
    assert (first.printed, first.unused, first.issued, first.spoiled, first.returned,
            first.missing) == (10, 3, 7, 2, 0, 5)
    assert (second.printed, second.issued, second.missing) == (5, 4, 4)
    assert (total.printed, total.issued, total.spoiled, total.missing) == (15, 11, 2, 9)
