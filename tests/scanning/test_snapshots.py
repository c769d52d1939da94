"""JSON snapshots of a few fixed corpus sheets. A change fails until it is looked at and the
snapshots are rewritten on purpose: ``BALLOTDESK_UPDATE_SNAPSHOTS=1 pytest tests/scanning``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from scanning import PageResult
from tests.scanning.corpus import Sample

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("BALLOTDESK_UPDATE_SNAPSHOTS") == "1"
#: One flat scan, one upside down, one photographed, one with ambiguous marks, one overvoted.
FIXED = ("000_clear_scan", "002_clear_scan_upside_down", "003_clear_camera_8mp",
         "040_ambiguous_scan", "051_overvote_camera_8mp")


@pytest.mark.parametrize("name", FIXED)
def test_snapshot(name: str, corpus: list[Sample], corpus_results: list[PageResult]) -> None:
    index = next(i for i, s in enumerate(corpus) if s.name == name)
    data = corpus_results[index].to_json_dict(corpus[index].file, 0)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    path = SNAPSHOTS / f"{name}.json"
    if UPDATE:
        path.write_text(text, "utf-8")
        return
    assert path.exists(), f"no snapshot {path.name}: run with BALLOTDESK_UPDATE_SNAPSHOTS=1"
    assert json.loads(path.read_text("utf-8")) == data
