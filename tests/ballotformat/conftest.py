"""Fixtures for the ballot tests: one printed batch, rasterized once at 300 dpi."""

from __future__ import annotations

import io

import pytest

from ballotformat import Layout, build_layout, render_batch
from desktop.core.printing.sample import sample_spec
from tests.ballotformat.support import (
    CAMPAIGN_ID,
    LAYOUT_VERSION,
    SECRET,
    SERIALS,
    PrintedBatch,
    rasterize,
)


@pytest.fixture(scope="session")
def layout_a4() -> Layout:
    return build_layout(sample_spec(campaign_id=CAMPAIGN_ID), layout_version=LAYOUT_VERSION)


@pytest.fixture(scope="session")
def printed(layout_a4: Layout) -> PrintedBatch:
    buffer = io.BytesIO()
    render_batch(layout_a4, SERIALS, SECRET, buffer)
    pdf = buffer.getvalue()
    return PrintedBatch(layout_a4, pdf, rasterize(pdf))
