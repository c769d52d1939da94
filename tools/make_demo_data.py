#!/usr/bin/env python3
"""Write resources/demo/demo_campaign.json, the data of ``ballotdesk demo``.

Everything is invented and deterministic (a fixed random seed): run it again after changing a
pool below and commit the JSON. Person names are checked against the seed documents when
``../shared/seeds`` exists beside the repository, so no real name from them is used, and every
name is checked against the ballot font.

    .venv/bin/python tools/make_demo_data.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ballotformat.font_file import missing_glyphs  # noqa: E402

OUTPUT = ROOT / "resources" / "demo" / "demo_campaign.json"
SEEDS = ROOT.parent / "shared" / "seeds"
PER_UNIT = 5  # nominations per unit and category: 10 units x 5 = 50 per category
SUMMARY_LIMIT = 300

UNITS: dict[str, tuple[str, ...]] = {
    # unit -> the five windows it nominates
    "青石街道": ("社保医保", "户籍办理", "民政救助", "退役军人服务", "综合受理"),
    "柳湾镇": ("便民代办", "农村产权交易", "社保医保", "民政救助", "综合受理"),
    "杏林乡": ("为民服务", "农技咨询", "社保医保", "计生服务", "综合受理"),
    "云溪街道": ("社区事务", "老年服务", "就业服务", "户籍办理", "综合受理"),
    "松岗镇": ("企业帮办", "村镇建设", "社保医保", "司法调解", "综合受理"),
    "县人社局": ("养老保险", "失业保险", "就业登记", "劳动仲裁", "职业技能鉴定"),
    "县市场监管局": ("企业开办", "食品经营许可", "投诉举报", "计量检定", "特种设备登记"),
    "县政务服务中心": ("不动产登记", "公积金", "税务办理", "出入境", "“一件事”集成办"),
    "县供电公司": ("用电报装", "电费缴纳", "故障报修", "新能源接入", "营业厅综合"),
    "县农商银行": ("普惠金融", "社保卡", "个人贷款", "对公开户", "营业部综合"),
}

CATEGORIES = (
    ("十佳优良服务窗口", "window"),
    ("十佳优秀服务标兵", "person"),
    ("十佳优质服务品牌", "brand"),
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛"
)
GIVEN = {
    "male": ("志远", "建平", "海涛", "国栋", "明辉", "俊杰", "文斌", "晓东", "立新", "宏伟",
             "鹏程", "浩然", "宇航", "泽民", "春雷", "永康", "德胜", "家豪", "振华", "子轩",
             "思远", "庆丰", "卫东", "光明", "学军", "书林", "锦程", "一帆", "承志", "天佑"),
    "female": ("秀英", "丽娟", "晓梅", "雅琴", "静怡", "婉婷", "春燕", "海燕", "玉兰", "慧敏",
               "佳怡", "欣然", "雪莹", "梦洁", "红霞", "桂芳", "思琪", "若兰", "晓雯", "丹丹",
               "美玲", "彩霞", "月华", "素芬", "诗涵", "雨桐", "晓琳", "文静", "淑贞", "馨予"),
}
POLITICAL = ("中共党员",) * 6 + ("群众",) * 2 + ("共青团员", "民盟盟员", "九三学社社员")
ROLES = ("受理员", "负责人", "业务骨干", "首席服务专员", "帮办代办员", "副主任")
LABEL_HEADS = ("暖心", "贴心", "邻里", "连心", "阳光", "惠民", "幸福", "红马甲", "同心",
               "春风", "彩虹", "夕阳红", "青春", "银龄", "小板凳", "金钥匙")
LABEL_TAILS = ("帮办", "驿站", "服务队", "直通车", "工作室", "热线", "课堂", "之家", "代办点",
               "微服务")
AWARD_TITLES = ("“青年文明号”", "“巾帼文明岗”", "“人民满意窗口”", "“服务之星”", "先进集体",
                "“文明单位”", "“群众满意示范点”", "“优质服务示范岗”")
PERSON_AWARDS = ("优秀共产党员", "先进工作者", "“服务之星”", "“岗位能手”", "“最美志愿者”",
                 "“三八红旗手”", "优秀青年", "“为民服务标兵”")
LEVELS = ("镇级", "县级", "市级", "系统内")
DEEDS = (
    "坚持“首问负责、一次告知、限时办结”，从不让群众多跑一趟",
    "主动推行延时服务和预约服务，中午和周末也能办事",
    "为行动不便的老人上门办理业务，建立了特殊群体服务台账",
    "梳理常办事项的办事指南，把材料清单精简到一张纸",
    "带头学习新政策新系统，整理出操作手册供同事使用",
    "耐心化解群众的急难愁盼，把投诉变成了感谢",
    "牵头开展“帮办代办”，为企业和群众提供全程陪同服务",
    "创新“容缺受理”做法，让缺少非关键材料的事项也能先办起来",
    "坚持每周走访村（社区），把政策宣传送到群众家门口",
    "结对帮带新同事，所在窗口多人成长为业务骨干",
)
EFFECTS = (
    "累计受理业务{n}余件，零差错、零投诉",
    "年均办件{n}余件，群众满意率保持在{p}%以上",
    "累计帮助群众和企业解决难题{m}余个",
    "所在窗口平均办理时限缩短了{q}%",
)
CLOSINGS = (
    "多次收到服务对象送来的锦旗和感谢信。",
    "被同事们称为窗口上的“活字典”。",
    "用实际行动诠释了“服务无小事”。",
    "以真心换民心，赢得了群众的口碑。",
    "始终把群众满意作为工作的第一标准。",
)
MEASURES = (
    "“一窗通办”", "“周末不打烊”", "“好差评”即时评价", "“跨省通办”", "“帮办代办”",
    "“容缺受理”", "“上门服务”", "“告知承诺制”", "“线上预约、线下即办”", "“老年人绿色通道”",
    "“一次性告知清单”", "“办不成事”反映窗口",
)
REJECT_NOTES = (
    "推荐材料不齐全，补充后仍不符合推荐条件。",
    "近三年内有有效投诉记录，不符合推荐条件。",
)
WITHDRAW_NOTE = "推荐单位申请撤回。"


def seed_text() -> str:
    if not SEEDS.is_dir():
        return ""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in SEEDS.glob("*.txt"))


def pick_names(rng: random.Random, count: int, banned: str) -> list[tuple[str, str]]:
    """``count`` invented three-character names with their sex, none found in ``banned``."""
    chosen: dict[str, str] = {}
    while len(chosen) < count:
        sex = rng.choice(("male", "female"))
        name = rng.choice(SURNAMES) + rng.choice(GIVEN[sex])
        if name in chosen or name in banned or missing_glyphs(name):
            continue
        chosen[name] = sex
    return list(chosen.items())


def awards(rng: random.Random, unit: str, pool: tuple[str, ...], count: int) -> str:
    titles = rng.sample(pool, count)
    years = sorted(rng.sample(range(2019, 2026), count))
    levels = LEVELS if unit.endswith(("镇", "乡", "街道")) else LEVELS[1:]
    return "；".join(f"{y}年度{rng.choice(levels)}{t}" for y, t in zip(years, titles, strict=True))


def person_summary(rng: random.Random, name: str, unit: str, years: int) -> str:
    deeds = rng.sample(DEEDS, 4)
    effect = rng.choice(EFFECTS).format(
        n=rng.randrange(20, 90) * 100, p=rng.randrange(95, 100), m=rng.randrange(30, 300),
        q=rng.randrange(20, 60))
    return (f"{name}同志在{unit}服务岗位工作{years}年，{deeds[0]}；{deeds[1]}。{effect}。"
            f"{deeds[2]}。{deeds[3]}，{rng.choice(CLOSINGS)}")


def project_summary(rng: random.Random, subject: str, business: str) -> str:
    first, second = rng.sample(MEASURES, 2)
    return (f"{subject}现有工作人员{rng.randrange(3, 15)}名，主要承担{business}等业务。"
            f"近年来推行{first}和{second}等做法，"
            f"年办件量{rng.randrange(8, 60) * 1000}余件，即办件比例达到{rng.randrange(60, 95)}%，"
            f"群众满意率{rng.randrange(96, 100)}%以上。{rng.choice(CLOSINGS)}")


def candidate(unit: str, category: str, name: str, **form: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"category": category, "unit": unit, "name": name}
    record.update({"sex": None, "birth": None, "political": "", "post": ""})
    record.update(form)
    assert len(record["summary"]) <= SUMMARY_LIMIT, record
    return record


def build() -> dict[str, Any]:
    rng = random.Random(20260101)
    people = iter(pick_names(rng, PER_UNIT * len(UNITS), seed_text()))
    labels = rng.sample([h + t for h in LABEL_HEADS for t in LABEL_TAILS], PER_UNIT * len(UNITS))
    by_category: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in CATEGORIES}
    for index, (unit, services) in enumerate(UNITS.items()):
        for slot, service in enumerate(services):
            window = f"{unit}{service}窗口"
            by_category["十佳优良服务窗口"].append(candidate(
                unit, "十佳优良服务窗口", window, awards=awards(rng, unit, AWARD_TITLES, 2),
                summary=project_summary(rng, "该窗口", service)))
            name, sex = next(people)
            born = rng.randrange(1968, 1999)
            years = rng.randrange(2, min(30, 2026 - born - 20) + 1)
            by_category["十佳优秀服务标兵"].append(candidate(
                unit, "十佳优秀服务标兵", name, sex=sex,
                birth=f"{born}-{rng.randrange(1, 13):02d}",
                political=rng.choice(POLITICAL),
                post=f"{unit}{rng.choice(services)}窗口{rng.choice(ROLES)}",
                awards=awards(rng, unit, PERSON_AWARDS, rng.randrange(1, 3)),
                summary=person_summary(rng, name, unit, years)))
            brand = f"{unit}“{labels[index * PER_UNIT + slot]}”"
            by_category["十佳优质服务品牌"].append(candidate(
                unit, "十佳优质服务品牌", brand, awards=awards(rng, unit, AWARD_TITLES, 1),
                summary=project_summary(rng, "该品牌依托的服务团队", service)))
    candidates: list[dict[str, Any]] = []
    for name, _kind in CATEGORIES:
        rows = by_category[name]
        rng.shuffle(rows)  # registry order mixes the units, as real nominations arrive
        for row in rows:
            row["status"], row["note"] = "shortlisted", ""
        rows[7]["status"], rows[7]["note"] = "rejected", REJECT_NOTES[0]
        rows[23]["status"], rows[23]["note"] = "rejected", REJECT_NOTES[1]
        rows[38]["status"], rows[38]["note"] = "withdrawn", WITHDRAW_NOTE
        rows[49]["status"] = "qualified"
        candidates += rows
    for text in [c["name"] for c in candidates] + list(UNITS):
        assert not missing_glyphs(text), text
    return {
        "name": "演示：2026年度十佳评选",
        "description": "演示数据：单位、人物和事迹均为虚构，可随意修改或删除。",
        "default_quota": PER_UNIT,
        "categories": [
            {"name": name, "kind": kind, "winners": 10, "max_marks": 10}
            for name, kind in CATEGORIES
        ],
        "units": [{"name": unit, "quota": PER_UNIT} for unit in UNITS],
        "candidates": candidates,
    }


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(build(), ensure_ascii=False, indent=1)
    OUTPUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(text)} characters)")


if __name__ == "__main__":
    main()
