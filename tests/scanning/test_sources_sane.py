"""SANE scanners through real SANE backends: ``pnm`` returns a rendered ballot, ``test``
simulates a document feeder, jams, an open cover and an empty feeder.

SANE reads its configuration (``SANE_CONFIG_DIR``/``dll.conf``) once per process, at the first
``sane_init()``, so the scenarios run in one child process (this module run with ``-m``) with
the variable set before anything loads SANE; the child saves images as .npy files and prints a
JSON summary that the tests below check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("sane", reason="python-sane (the scanner extra) is not installed")


def _summary(item: Any, out: Path, name: str) -> dict[str, Any]:
    from scanning.sources import AcquisitionProblem

    origin = {"device": item.origin.device, "sheet": item.origin.sheet} if item.origin else None
    if isinstance(item, AcquisitionProblem):
        return {"problem": str(item.code), "params": dict(item.params), "origin": origin,
                "ends_source": item.ends_source, "en": item.text("en"), "zh": item.text("zh_CN")}
    np.save(out / f"{name}.npy", item.image)
    return {"image": f"{name}.npy", "origin": origin, "dpi": item.dpi,
            "media_type": item.media_type, "archive_ok": _archive_matches(item)}


def _archive_matches(item: Any) -> bool:
    import hashlib

    import cv2

    decoded = cv2.imdecode(np.frombuffer(item.data, np.uint8), cv2.IMREAD_UNCHANGED)
    return bool(hashlib.sha256(item.data).hexdigest() == item.sha256
                and np.array_equal(decoded, item.image))


def run_scenarios(out: Path, ballot_pgm: Path) -> dict[str, Any]:
    """In the child: every scenario against the backends named in $SANE_CONFIG_DIR."""
    from scanning.sources import (
        AcquisitionError,
        SaneScanner,
        ScannerSettings,
        list_scanners,
        scan_sheets,
    )

    report: dict[str, Any] = {"devices": [s.device for s in list_scanners()]}
    with SaneScanner.open("pnm:0", ScannerSettings(options={"filename": str(ballot_pgm)})) as pnm:
        report["pnm_setup"] = {"source": pnm.source, "feeder": pnm.uses_feeder,
                               "dpi": pnm.resolution_dpi}
        report["pnm"] = [_summary(i, out, f"pnm{n}") for n, i in enumerate(pnm.sheets())]
    grid = {"test_picture": "Grid"}
    with SaneScanner.open("test:0", ScannerSettings(resolution_dpi=75, options=grid)) as feeder:
        report["feeder_setup"] = {"source": feeder.source, "feeder": feeder.uses_feeder,
                                  "dpi": feeder.resolution_dpi}
        report["feeder"] = [_summary(i, out, f"feed{n}") for n, i in enumerate(feeder.sheets())]
    with SaneScanner.open("test:0", ScannerSettings(resolution_dpi=75)) as jamming:
        items = []
        for n, item in enumerate(jamming.sheets()):
            items.append(_summary(item, out, f"jam{n}"))
            if n == 1:  # the third sheet jams
                assert jamming.set_option("read_return_value", "SANE_STATUS_JAMMED")
        report["jam"] = items
    empty = ScannerSettings(resolution_dpi=75,
                            options={"read_return_value": "SANE_STATUS_NO_DOCS"})
    report["empty"] = [_summary(i, out, "empty") for i in scan_sheets("test:0", empty)]
    cover = ScannerSettings(options={"filename": str(ballot_pgm), "status_coveropen": True})
    report["cover"] = [_summary(i, out, "cover") for i in scan_sheets("pnm:0", cover)]
    # The test backend keeps option values from one open to the next (test:0 now says "no
    # documents"), so the flatbed scenario takes the second device.
    flatbed = ScannerSettings(feeder=False, resolution_dpi=75)
    report["flatbed"] = [_summary(i, out, f"flat{n}")
                         for n, i in enumerate(scan_sheets("test:1", flatbed))]
    report["missing"] = [_summary(i, out, "x") for i in scan_sheets("nonexistent:0")]
    try:
        SaneScanner.open("nonexistent:0")
    except AcquisitionError as error:
        report["missing_error"] = str(error.problem.code)
    return report


@pytest.fixture(scope="module")
def sane_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    from tests.scanning.test_sources_support import ballot_pages, pgm_bytes

    work = tmp_path_factory.mktemp("sane")
    (work / "dll.conf").write_text("pnm\ntest\n", encoding="ascii")
    ballot = work / "ballot.pgm"
    ballot.write_bytes(pgm_bytes(ballot_pages()[0]))
    env = {**os.environ, "SANE_CONFIG_DIR": str(work), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "tests.scanning.test_sources_sane", str(work), str(ballot)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), work


def test_only_the_configured_backends_are_listed(sane_run: tuple[dict[str, Any], Path]) -> None:
    report, _ = sane_run
    assert set(report["devices"]) == {"pnm:0", "pnm:1", "test:0", "test:1"}


def test_a_ballot_through_the_pnm_backend_comes_back_pixel_for_pixel(
    sane_run: tuple[dict[str, Any], Path],
) -> None:
    from tests.scanning.test_sources_support import ballot_pages

    report, work = sane_run
    assert report["pnm_setup"] == {"source": None, "feeder": False, "dpi": 300.0}
    [sheet] = report["pnm"]  # no feeder: one sheet from the glass
    assert sheet["origin"] == {"device": "pnm:0", "sheet": 1}
    assert sheet["media_type"] == "image/png" and sheet["dpi"] == 300.0
    assert sheet["archive_ok"]  # the PNG archived is exactly the pixels handed on
    assert np.array_equal(np.load(work / sheet["image"]), ballot_pages()[0])


def test_the_feeder_is_chosen_and_read_until_it_is_empty(
    sane_run: tuple[dict[str, Any], Path],
) -> None:
    report, work = sane_run
    assert report["feeder_setup"] == {"source": "Automatic Document Feeder", "feeder": True,
                                      "dpi": 75.0}
    sheets = report["feeder"]
    assert [s["origin"]["sheet"] for s in sheets] == list(range(1, 11))  # the test feeder: 10
    assert all("image" in s and s["archive_ok"] for s in sheets)  # "out of documents": no word
    grid = np.load(work / sheets[0]["image"])
    assert grid.shape == (round(100 / 25.4 * 75), round(80 / 25.4 * 75))  # 80 x 100 mm at 75 dpi
    assert set(np.unique(grid)) == {0, 255}


def test_a_jam_keeps_the_sheets_before_it_and_says_which_sheet(
    sane_run: tuple[dict[str, Any], Path],
) -> None:
    report, _ = sane_run
    first, second, jam = report["jam"]
    assert "image" in first and "image" in second
    assert jam["problem"] == "source_feeder_jammed" and jam["ends_source"]
    assert jam["origin"] == {"device": "test:0", "sheet": 3}
    assert jam["params"]["scanned"] == 2
    assert "sheet 3" in jam["en"] and "2 sheets scanned before it are kept" in jam["en"]
    assert "第 3 张" in jam["zh"] and "卡纸" in jam["zh"]


def test_empty_feeder_open_cover_flatbed_and_unknown_device(
    sane_run: tuple[dict[str, Any], Path],
) -> None:
    report, _ = sane_run
    assert [i["problem"] for i in report["empty"]] == ["source_feeder_empty"]
    assert [i["problem"] for i in report["cover"]] == ["source_cover_open"]
    assert report["cover"][0]["params"]["sheet"] == 1
    assert len(report["flatbed"]) == 1 and "image" in report["flatbed"][0]
    assert [i["problem"] for i in report["missing"]] == ["source_scanner_not_found"]
    assert report["missing_error"] == "source_scanner_not_found"


def test_without_python_sane_there_is_a_clear_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    from scanning.sources import ProblemCode, scan_sheets

    monkeypatch.setitem(sys.modules, "sane", None)  # import sane -> ImportError
    [problem] = list(scan_sheets("test:0"))
    assert problem.code is ProblemCode.SCANNER_SUPPORT_MISSING
    assert "ballotdesk[scanner]" in problem.text("en")


if __name__ == "__main__":
    print(json.dumps(run_scenarios(Path(sys.argv[1]), Path(sys.argv[2]))))
