"""The printed ballot: a campaign like the field one (3 categories × 50 candidates, "选 10 名",
A4, 3 pages), laid out and printed by the project's own code, rasterized by PDFium.

Names are long enough (service windows with a unit and a number, brands with their unit) that
the layout engine needs three A4 pages and mixes 2-, 3- and 4-column grids, as the field
campaign does.
"""

from __future__ import annotations

import io
import random
from functools import cache

import numpy as np
import pypdfium2 as pdfium

from ballotformat import (
    BallotSpec,
    CandidateSpec,
    CategorySpec,
    Layout,
    build_layout,
    render_batch,
)
from scanning import ReadContext

CAMPAIGN_ID = 31
LAYOUT_VERSION = 1
SECRET = b"independent-corpus-secret-2026-x"
CANDIDATES_PER_CATEGORY = 50
MAX_MARKS = 10
#: The names are drawn from this seed: every seed range prints the same ballot.
NAMES_SEED = 7301
#: The page raster every mark is drawn on (the "paper").
PAPER_DPI = 300
MM_PER_INCH = 25.4
PX_PER_MM = PAPER_DPI / MM_PER_INCH

WINDOWS, STAFF, BRANDS = "十佳优良服务窗口", "十佳优秀服务标兵", "十佳优质服务品牌"
_TOWNS = ("城关镇", "茨河镇", "石花镇", "紫金镇", "五山镇", "庙滩镇", "冷集镇", "盛康镇",
          "南河镇", "赵湾乡")
_OFFICES = ("县人民医院", "县供电公司", "县自来水公司", "县税务局", "县人民银行", "县公交公司",
            "县行政服务中心", "县邮政分公司")
_DESKS = ("不动产登记", "社保经办", "医保结算", "公积金", "户籍办理", "出入境", "税务办税",
          "供电营业厅", "邮政储蓄", "婚姻登记", "人才交流", "市场监管", "交警车管", "残联服务")
_FAMILY = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
_GIVEN = "秀英华玉兰芳敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂建国志文斌海燕晓东雪莉荷珊"
_BRANDS = ("红色管家", "邻里守望", "暖心驿站", "一次办好", "党员先锋岗", "便民直通车",
           "金牌调解", "夕阳红", "微心愿", "阳光政务", "马上办", "网格连心", "初心课堂")


def _spec() -> BallotSpec:
    rng = random.Random(NAMES_SEED)
    windows, staff, brands = [], [], []
    for n in range(1, CANDIDATES_PER_CATEGORY + 1):
        number = f"{n:02d}"
        unit = rng.choice(_TOWNS + _OFFICES)
        suffix = "" if n <= 20 else f"（{(n - 1) // 20 + 1}号）"
        windows.append(CandidateSpec(number, f"{unit}{rng.choice(_DESKS)}窗口{suffix}", unit))
        name = rng.choice(_FAMILY) + "".join(rng.sample(_GIVEN, rng.choice((1, 2, 2))))
        staff.append(CandidateSpec(number, name, rng.choice(_TOWNS + _OFFICES)))
        owner = rng.choice(_TOWNS + _OFFICES)
        extra = f"（{owner}）" if n > 20 else ""
        brands.append(CandidateSpec(number, f"“{rng.choice(_BRANDS)}”服务品牌{extra}", owner))
    categories = tuple(CategorySpec(name, MAX_MARKS, tuple(people)) for name, people in
                       ((WINDOWS, windows), (STAFF, staff), (BRANDS, brands)))
    return BallotSpec(CAMPAIGN_ID, "2026年度十佳评选", "茨河镇便民服务中心1号箱", categories)


@cache
def layout() -> Layout:
    return build_layout(_spec(), LAYOUT_VERSION)


def read_context() -> ReadContext:
    """What the reader needs to verify and read these ballots."""
    return ReadContext.of({CAMPAIGN_ID: SECRET}, [layout()])


def print_ballots(serials: list[int]) -> list[list[np.ndarray]]:
    """Each serial's pages, printed to one PDF and rasterized at ``PAPER_DPI`` as 8-bit grey."""
    pdf = io.BytesIO()
    render_batch(layout(), serials, SECRET, pdf)
    document = pdfium.PdfDocument(pdf.getvalue())
    try:
        pages = [np.ascontiguousarray(page.render(scale=PAPER_DPI / 72, grayscale=True)
                                      .to_numpy().squeeze()) for page in document]
    finally:
        document.close()
    per_ballot = layout().page_count
    return [pages[i:i + per_ballot] for i in range(0, len(pages), per_ballot)]
