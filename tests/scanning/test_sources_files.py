"""Files, folders and PDFs: real ballots in every format, and broken files that must not stop a
batch."""

from __future__ import annotations

import hashlib
import io
import os
import string
import subprocess
import sys
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from PIL import Image as PilImage
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from scanning.sources import (
    CATALOG,
    AcquiredImage,
    AcquisitionProblem,
    FileOrigin,
    ProblemCode,
    WatchedFolder,
    read_file,
    read_paths,
)
from tests.scanning.test_sources_support import ballot_pages, ballots_pdf

ROOT = Path(__file__).resolve().parents[2]


def png(image: np.ndarray, dpi: int | None = None) -> bytes:
    out = io.BytesIO()
    PilImage.fromarray(image).save(out, "PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()


def encoded(image: np.ndarray, ext: str) -> bytes:
    ok, buffer = cv2.imencode(ext, image)
    assert ok
    return buffer.tobytes()


def images(items: list) -> list[AcquiredImage]:
    return [item for item in items if isinstance(item, AcquiredImage)]


def codes(items: list) -> list[ProblemCode]:
    return [item.code for item in items if isinstance(item, AcquisitionProblem)]


def test_png_jpeg_and_bmp_are_read_with_their_own_bytes_for_the_archive(tmp_path: Path) -> None:
    page = ballot_pages()[0]
    files = {"ballot.png": png(page, dpi=300), "ballot.jpg": encoded(page, ".jpg"),
             "ballot.bmp": encoded(page, ".bmp")}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for name, data in files.items():
        [item] = list(read_file(tmp_path / name))
        assert isinstance(item, AcquiredImage), item
        assert item.origin == FileOrigin(tmp_path / name, 0)
        assert item.data == data
        assert item.sha256 == hashlib.sha256(data).hexdigest()
        assert item.image.shape == page.shape and item.image.dtype == np.uint8
        if name.endswith(".jpg"):
            assert item.media_type == "image/jpeg"
            assert np.abs(item.image.astype(int) - page).mean() < 2
        else:
            assert np.array_equal(item.image, page)
    [png_item] = list(read_file(tmp_path / "ballot.png"))
    assert png_item.dpi == pytest.approx(300, abs=0.1)


def test_a_colour_image_stays_bgr_and_a_jpeg_named_png_is_still_read(tmp_path: Path) -> None:
    colour = cv2.cvtColor(ballot_pages(100)[0], cv2.COLOR_GRAY2BGR)
    colour[:50, :50] = (255, 0, 0)  # blue in BGR
    (tmp_path / "photo.png").write_bytes(encoded(colour, ".jpg"))
    [item] = list(read_file(tmp_path / "photo.png"))
    assert isinstance(item, AcquiredImage)
    assert item.media_type == "image/jpeg"
    assert item.image.shape == colour.shape
    assert item.image[10, 10, 0] > 200 and item.image[10, 10, 2] < 50


def test_every_page_of_a_multi_page_tiff(tmp_path: Path) -> None:
    first, second = ballot_pages()
    path = tmp_path / "batch.tiff"
    frames = [PilImage.fromarray(first), PilImage.fromarray(second),
              PilImage.fromarray(first).convert("1")]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_lzw",
                   dpi=(300, 300))
    items = list(read_file(path))
    assert [type(i) for i in items] == [AcquiredImage] * 3
    assert [i.origin for i in items] == [FileOrigin(path, n) for n in range(3)]
    assert np.array_equal(items[0].image, first)
    assert np.array_equal(items[1].image, second)
    assert set(np.unique(items[2].image)) <= {0, 255}  # a bilevel page comes back as grey
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert {i.sha256 for i in items} == {digest}  # the file is archived once, pages by index
    assert items[0].data is items[2].data
    assert items[0].dpi == pytest.approx(300)


def test_broken_files_are_reported_one_by_one_and_the_batch_goes_on(tmp_path: Path) -> None:
    page = ballot_pages(100)[0]
    good_png, good_jpg = png(page), encoded(page, ".jpg")
    rng = np.random.default_rng(7)
    (tmp_path / "scan01.png").write_bytes(good_png)
    (tmp_path / "scan02.png").write_bytes(good_png[: len(good_png) // 2])  # cut in half
    (tmp_path / "scan03.jpg").write_bytes(rng.bytes(5000))  # random bytes
    (tmp_path / "scan04.png").write_text("这不是图片 not an image\n", encoding="utf-8")
    (tmp_path / "scan05.jpg").write_bytes(good_jpg[:-2000])  # the scanner stopped writing
    (tmp_path / "scan06.jpg").write_bytes(b"")
    (tmp_path / "scan10.jpg").write_bytes(good_jpg)  # after scan06: names sort as numbers
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / ".hidden.png").write_bytes(b"junk")  # hidden, temporary, system: silent
    (tmp_path / "scan11.jpg.part").write_bytes(b"junk")
    (tmp_path / "Thumbs.db").write_bytes(b"junk")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "scan01.jpg").write_bytes(good_jpg)
    corrupt_pdf = ballots_pdf()[:5000]
    (tmp_path / "more" / "scan02.pdf").write_bytes(corrupt_pdf)

    items = list(read_paths([tmp_path]))
    found = [(i.origin.path.relative_to(tmp_path).as_posix() if i.origin else "",
              i.code if isinstance(i, AcquisitionProblem) else "image") for i in items]
    assert found == [
        ("notes.txt", ProblemCode.FILE_NOT_IMAGE),
        ("scan01.png", "image"),
        ("scan02.png", ProblemCode.IMAGE_TRUNCATED),
        ("scan03.jpg", ProblemCode.IMAGE_CORRUPT),
        ("scan04.png", ProblemCode.FILE_NOT_IMAGE),
        ("scan05.jpg", ProblemCode.IMAGE_TRUNCATED),
        ("scan06.jpg", ProblemCode.FILE_EMPTY),
        ("scan10.jpg", "image"),
        ("more/scan01.jpg", "image"),
        ("more/scan02.pdf", ProblemCode.PDF_CORRUPT),
    ]
    for problem in items:
        if isinstance(problem, AcquisitionProblem):
            assert str(problem.params["path"]) in problem.text("en")
            assert problem.text("zh_CN") != problem.text("en")


def test_missing_file_and_missing_folder(tmp_path: Path) -> None:
    items = list(read_paths([tmp_path / "gone.png", tmp_path / "gone"]))
    assert codes(items) == [ProblemCode.FILE_NOT_FOUND, ProblemCode.FILE_NOT_FOUND]


def test_every_page_of_a_pdf_at_300_dpi(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(ballots_pdf())
    items = list(read_file(path))
    assert [type(i) for i in items] == [AcquiredImage, AcquiredImage]
    for index, (item, expected) in enumerate(zip(items, ballot_pages(), strict=True)):
        assert item.origin == FileOrigin(path, index)
        assert item.media_type == "application/pdf" and item.dpi == 300
        assert item.image.ndim == 2 and item.image.shape == expected.shape
        assert np.array_equal(item.image, expected)
        assert item.sha256 == hashlib.sha256(ballots_pdf()).hexdigest()


def test_encrypted_corrupt_and_empty_pdfs_are_reported(tmp_path: Path) -> None:
    out = io.BytesIO()
    locked = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("密码123", canPrint=1))
    locked.drawString(100, 100, "ballot")
    locked.showPage()
    locked.save()
    (tmp_path / "a_locked.pdf").write_bytes(out.getvalue())
    (tmp_path / "b_cut.pdf").write_bytes(ballots_pdf()[:-200])
    (tmp_path / "c_junk.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    (tmp_path / "d_good.pdf").write_bytes(ballots_pdf())
    pdfium.PdfDocument.new().save(tmp_path / "e_no_pages.pdf")  # well-formed, no page
    items = list(read_paths([tmp_path]))
    assert codes(items) == [ProblemCode.PDF_ENCRYPTED, ProblemCode.PDF_CORRUPT,
                            ProblemCode.PDF_CORRUPT, ProblemCode.PDF_EMPTY]
    assert len(images(items)) == 2
    assert "password" in items[0].text("en")


def test_watched_folder_waits_for_a_slow_writer_reads_each_file_once_and_stops_on_cancel(
    tmp_path: Path,
) -> None:
    page = ballot_pages(100)[0]
    first, second = png(page), encoded(ballot_pages(100)[1], ".jpg")
    stop = threading.Event()
    deadline = time.monotonic() + 15  # a failing test must not hang the suite

    def slow_scanner() -> None:
        with open(tmp_path / "scan_0001.png", "wb") as target:
            for start in range(0, len(first), len(first) // 6 + 1):
                target.write(first[start:start + len(first) // 6 + 1])
                target.flush()
                time.sleep(0.12)  # slower than one poll, faster than settling
        time.sleep(0.5)
        (tmp_path / "scan_0002.jpg").write_bytes(second)

    writer = threading.Thread(target=slow_scanner)
    watcher = WatchedFolder(tmp_path, poll_interval_s=0.05, settle_s=0.3)
    writer.start()
    items: list = []
    started = time.monotonic()
    for item in watcher.watch(cancel=lambda: stop.is_set() or time.monotonic() > deadline):
        items.append(item)
        if len(items) == 2:
            stop.set()
    writer.join()
    assert time.monotonic() - started < 10
    assert [type(i) for i in items] == [AcquiredImage, AcquiredImage], items
    assert np.array_equal(items[0].image, page)  # whole, although it was written slowly
    assert items[0].data == first and items[1].data == second
    assert [i.origin.path.name for i in items] == ["scan_0001.png", "scan_0002.jpg"]
    # Polling again finds nothing new: each file is read once.
    assert list(watcher.poll()) == []
    time.sleep(0.35)
    assert list(watcher.poll()) == []


def test_watched_folder_that_does_not_exist_is_one_problem(tmp_path: Path) -> None:
    items = list(WatchedFolder(tmp_path / "nowhere").watch(cancel=lambda: False))
    assert codes(items) == [ProblemCode.FOLDER_NOT_FOUND]
    assert items[0].ends_source


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_problem_code_has_chinese_and_english_with_the_same_parameters() -> None:
    assert set(CATALOG) == set(ProblemCode)
    for code, (zh, en) in CATALOG.items():
        assert _placeholders(zh) == _placeholders(en), code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), code
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en), code


def test_the_sources_import_without_qt_a_database_or_sane() -> None:
    code = ("import sys, scanning.sources; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'sqlalchemy', 'alembic', 'sane', '_sane')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    assert result.stdout.strip() == "[]"
    # The sources themselves do not reach into the desktop at all.
    for module in (ROOT / "scanning" / "sources").glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "from desktop" not in text and "import desktop" not in text, module.name
