"""An invented campaign of any size, for the benchmark, the format document's pictures and tests.

Deterministic (a seeded generator): the same arguments give the same ballot.
"""

from __future__ import annotations

import random

from ballotformat import Paper
from ballotformat.spec import BallotSpec, CandidateSpec, CategorySpec
from desktop.core.registry import format_number

SAMPLE_TITLE = "2026年度“十佳”服务评选"
SAMPLE_BOX = "青石街道社区服务中心 1 号投票箱"
SAMPLE_CATEGORIES = ("十佳优良服务窗口", "十佳优秀服务标兵", "十佳优质服务品牌")
_UNITS = ("青石街道", "柳湾镇", "杏林乡", "云溪街道", "松岗镇", "县人社局", "县市场监管局",
          "县政务服务中心", "县供电公司", "县农商银行")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌海燕晓东"
_SERVICES = ("不动产登记", "社保医保", "户籍办理", "企业开办", "税务", "公积金", "水电气报装",
             "婚姻登记", "出入境", "车驾管")
_BRANDS = ("暖心驿站", "红色管家", "一次办好", "帮您办", "邻里守望", "连心桥", "便民直通车",
           "阳光服务", "贴心小哥", "银发课堂")


def sample_spec(
    categories: int = 3,
    candidates_per_category: int = 50,
    max_marks: int = 10,
    paper: Paper = Paper.A4,
    language: str = "zh_CN",
    campaign_id: int = 1,
    seed: int = 2026,
) -> BallotSpec:
    rng = random.Random(seed)
    specs = []
    for index in range(categories):
        name = SAMPLE_CATEGORIES[index % 3] + ("" if index < 3 else f"（{index + 1}）")
        people: list[CandidateSpec] = []
        for n in range(1, candidates_per_category + 1):
            unit = rng.choice(_UNITS)
            kind = index % 3
            if kind == 0:
                label = f"{rng.choice(_UNITS)}{rng.choice(_SERVICES)}窗口"
            elif kind == 1:
                label = rng.choice(_SURNAMES) + "".join(rng.sample(_GIVEN, rng.choice((1, 2))))
            else:
                label = f"{rng.choice(_UNITS)}“{rng.choice(_BRANDS)}”"
            people.append(CandidateSpec(format_number(n), label, unit))
        specs.append(CategorySpec(name, max_marks, tuple(people)))
    return BallotSpec(campaign_id, SAMPLE_TITLE, SAMPLE_BOX, tuple(specs), language, paper)
