"""The ``ballotdesk`` command: every command, --json, errors that change nothing, no Qt."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select

import desktop.cli
from ballotformat.messages import LANG_ENV_VAR
from desktop.cli import main
from desktop.cli.common import display_width, render_table
from tests.conftest import Cli

pytestmark = pytest.mark.both_backends

ROOT = Path(__file__).resolve().parents[2]
WINDOWS, STAFF, BRANDS = "十佳优良服务窗口", "十佳优秀服务标兵", "十佳优质服务品牌"


@pytest.fixture
def filled(cli: Cli) -> Cli:
    """A campaign with two categories, two units and three candidates (via the import)."""
    cli.ok("campaign", "create", "2026年度十佳评选", "--description", "测试")
    cli.ok("category", "add", WINDOWS, "--winners", "10", "--kind", "window")
    cli.ok("category", "add", STAFF, "--winners", "10", "--max-marks", "8")
    cli.ok("unit", "add", "东湖街道", "--quota", "2")
    cli.ok("unit", "add", "西山镇")
    return cli


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["奖项", "姓名/名称", "推荐单位", "性别", "事迹简介"], *rows])
    return path


def database_dump(url: str) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every table, to prove that a refused command changed nothing."""
    engine = create_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            return [(name, [tuple(row) for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns))])
                    for name, table in sorted(metadata.tables.items())]
    finally:
        engine.dispose()


# -- campaigns, categories, units ---------------------------------------------------------
def test_campaign_create_list_show(cli: Cli) -> None:
    assert "还没有评选活动" in cli.ok("campaign", "list")
    assert "已创建评选活动“第一届”" in cli.ok("campaign", "create", "第一届")
    cli.ok("campaign", "create", "第二届", "--description", "说明文字")
    listing = cli.ok("campaign", "list")
    assert "第一届" in listing
    assert "推荐报名" in listing
    shown = cli.ok("campaign", "show")  # the latest by default, said on stderr
    assert "评选活动：第二届" in shown
    assert "说明：说明文字" in shown
    assert "第二届" in cli.err
    assert "评选活动：第一届" in cli.ok("--campaign", "第一届", "campaign", "show")
    assert "评选活动：第一届" in cli.ok("--campaign", "1", "campaign", "show")


def test_campaign_json(cli: Cli) -> None:
    created = cli.json("campaign", "create", "第一届")
    assert created["name"] == "第一届"
    assert created["phase"] == "nomination"
    assert "secret" not in created
    campaigns = cli.json("campaign", "list")
    assert [c["name"] for c in campaigns] == ["第一届"]
    assert campaigns[0]["current"] is True
    shown = cli.json("campaign", "show")
    assert shown["categories"] == []
    assert shown["candidates"]["total"] == 0


def test_categories_and_units(filled: Cli) -> None:
    categories = filled.json("category", "list")
    assert [(c["name"], c["kind"], c["winners"], c["max_marks"]) for c in categories] == [
        (WINDOWS, "window", 10, 10), (STAFF, "person", 10, 8)]
    table = filled.ok("category", "list")
    assert "服务窗口" in table
    assert "个人" in table
    units = filled.json("unit", "list")
    assert [(u["name"], u["quota"]) for u in units] == [("东湖街道", 2), ("西山镇", 3)]
    assert units[0]["nominations"] == {WINDOWS: 0, STAFF: 0}
    assert "0/2" in filled.ok("unit", "list")


def test_global_options_after_the_subcommand(filled: Cli) -> None:
    data = json.loads(filled.ok("category", "list", "--json", "--lang", "en"))
    assert len(data) == 2
    assert "Service window" in filled.ok("category", "list", "--lang", "en")


# -- candidates ---------------------------------------------------------------------------
def test_import_list_number_set_status_export(filled: Cli, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "推荐汇总.csv", [
        [STAFF, "林晓梅", "东湖街道", "女", "扎根窗口十年。"],
        [STAFF, "周志远", "西山镇", "男", "热心服务群众。"],
        [WINDOWS, "东湖街道社保窗口", "东湖街道", "", "一窗通办。"],
    ])
    assert "已导入 3 名候选对象" in filled.ok("candidates", "import", str(sheet))
    listed = filled.json("candidates", "list", "--category", STAFF)
    assert [c["name"] for c in listed] == ["林晓梅", "周志远"]
    assert all(c["status"] == "nominated" and c["number"] is None for c in listed)

    numbered = filled.json("candidates", "number")
    assert numbered == [{"category": WINDOWS, "numbered": 1}, {"category": STAFF, "numbered": 2}]
    assert "获得了新编号" in filled.ok("candidates", "number", "--category", STAFF, "--renumber")

    assert "2 名" in filled.ok("candidates", "set-status", "入围", "--category", STAFF)
    filled.ok("candidates", "set-status", "rejected", "--category", STAFF, "02",
              "--note", "材料不全")
    rejected = filled.json("candidates", "list", "--status", "rejected")
    assert [(c["name"], c["review_note"]) for c in rejected] == [("周志远", "材料不全")]
    table = filled.ok("candidates", "list", "--status", "shortlisted", "--status", "rejected")
    assert "入围" in table
    assert "不合格" in table
    assert "共 2 名" in table
    filled.ok("candidates", "set-status", "qualified", "--all")
    assert {c["status"] for c in filled.json("candidates", "list")} == {"qualified"}

    exported = tmp_path / "导出.csv"
    assert "已导出 3 名" in filled.ok("candidates", "export", str(exported))
    with exported.open(encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle))) == 4
    assert filled.json("candidates", "export", str(tmp_path / "x.xlsx"))["exported"] == 3


def test_import_with_missing_names(filled: Cli, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "new.csv", [[BRANDS, "暖心驿站", "南岭乡", "", "简介"]])
    before = database_dump(filled.url)
    assert filled("candidates", "import", str(sheet)) == 1
    assert "以下奖项尚不存在：十佳优质服务品牌" in filled.err
    assert "以下推荐单位尚不存在：南岭乡" in filled.err
    assert "--create-missing" in filled.err
    assert "导入未执行" in filled.err
    assert database_dump(filled.url) == before

    report = filled.json("candidates", "import", str(sheet), "--create-missing")
    assert report["imported"] == 1
    assert report["categories_created"] == ["十佳优质服务品牌"]
    assert report["units_created"] == ["南岭乡"]
    assert [c["name"] for c in filled.json("category", "list")][-1] == "十佳优质服务品牌"


def test_import_shows_both_readings_and_takes_the_encoding_asked_for(
        filled: Cli, tmp_path: Path) -> None:
    """陳曾 in Big5 is also valid GBK (朝纯): the import says so, and --encoding picks."""
    sheet = tmp_path / "big5.csv"
    sheet.write_bytes(b"name,unit,category\r\n" + "陳曾".encode("big5") + b",Donghu,Staff\r\n")
    args = ("candidates", "import", str(sheet), "--create-missing")
    assert filled(*args) == 0
    assert "陳曾" in filled.err and "朝纯" in filled.err  # both readings, side by side
    assert filled.ok(*args, "--encoding", "gbk")
    names = [c["name"] for c in filled.json("candidates", "list") if c["category"] == "Staff"]
    assert names == ["陳曾", "朝纯"]


def test_import_warnings_do_not_block(filled: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "extra.csv"
    sheet.write_text("奖项,姓名/名称,推荐单位,备用列\n十佳优秀服务标兵,林晓梅,东湖街道,x\n",
                     encoding="utf-8")
    assert filled("candidates", "import", str(sheet)) == 0
    assert "备用列" in filled.err
    assert "已导入 1 名" in filled.out


# -- refusals change nothing ----------------------------------------------------------------
REFUSALS = {
    "unknown campaign": (["--campaign", "没有这个", "category", "add", "新奖项", "--winners", "3"],
                         "找不到评选活动“没有这个”"),
    "duplicate category": (["category", "add", WINDOWS, "--winners", "5"], f"“{WINDOWS}”已存在"),
    "set-status on a missing category": (
        ["candidates", "set-status", "shortlisted", "--category", "没有的奖项"],
        "找不到奖项“没有的奖项”"),
    "set-status on a missing number": (
        ["candidates", "set-status", "shortlisted", "--category", STAFF, "1", "7"],
        "找不到编号“7”"),
    "rejection without a note": (["candidates", "set-status", "rejected", "--all"],
                                 "缺少必填项：审核意见"),
    "file not found": (["candidates", "import", "/nonexistent/推荐.csv"], "找不到文件"),
    "export to an unsupported format": (["candidates", "export", "out.pdf"], "不支持文件"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_refusal_says_why_and_changes_nothing(filled: Cli, tmp_path: Path, case: str) -> None:
    sheet = write_csv(tmp_path / "one.csv", [[STAFF, "林晓梅", "东湖街道", "女", "简介"]])
    filled.ok("candidates", "import", str(sheet))
    filled.ok("candidates", "number")
    before = database_dump(filled.url)
    args, expected = REFUSALS[case]
    assert filled(*args) == 1
    assert expected in filled.err
    assert filled.out == ""
    assert "Traceback" not in filled.err
    assert database_dump(filled.url) == before


def test_bad_files(filled: Cli, tmp_path: Path) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    before = database_dump(filled.url)
    assert filled("candidates", "import", str(binary)) == 1
    assert "photo.csv" in filled.err
    corrupt = tmp_path / "broken.xlsx"
    corrupt.write_bytes(b"not a zip file at all")
    assert filled("candidates", "import", str(corrupt)) == 1
    assert "broken.xlsx" in filled.err
    assert database_dump(filled.url) == before


def test_no_campaign_yet(cli: Cli) -> None:
    assert cli("category", "list") == 1
    assert "还没有评选活动" in cli.err


def test_unusable_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("这不是数据库" * 100, encoding="utf-8")
    assert main(["--db", f"sqlite:///{not_a_db}", "campaign", "list"]) == 1
    assert "无法使用数据库" in capsys.readouterr().err


# -- languages and usage ------------------------------------------------------------------
def test_english(filled: Cli) -> None:
    assert "Added the nominating unit “南岭乡”" in filled.ok(
        "--lang", "en", "unit", "add", "南岭乡")
    assert "Phase: Nomination" in filled.ok("--lang", "en", "campaign", "show")
    assert filled("--lang", "en", "category", "add", WINDOWS, "--winners", "3") == 1
    assert f"“{WINDOWS}” already exists." in filled.err
    assert os.environ[LANG_ENV_VAR] == "zh_CN"  # the caller's language is back


def test_usage_errors_exit_2(filled: Cli) -> None:
    assert filled("category", "add", "新奖项") == 2
    assert "缺少参数：--winners" in filled.err
    assert filled("category", "add", "新奖项", "--winners", "0") == 2
    assert "“0”不是正整数" in filled.err
    assert filled("candidates", "set-status", "入选") == 2
    assert filled("--lang", "en", "candidates", "set-status", "bogus", "--all") == 2
    assert "choose from: nominated" in filled.err
    assert filled("campaign") == 2


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "启动图形界面" in out
    # argparse's own words are in Chinese too, on every level.
    assert out.startswith("用法：ballotdesk")
    assert "显示本帮助并退出" in out and "显示版本号并退出" in out
    assert main(["candidates", "list", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：ballotdesk candidates list") and "选项" in out
    assert not re.search(r"usage|options|show this help|exit", out)
    assert main(["--lang", "en", "candidates", "--help"]) == 0
    out = capsys.readouterr().out
    assert "set-status" in out
    assert out.startswith("usage: ballotdesk candidates") and "show this help message" in out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("ballotdesk ")


def test_no_subcommand_starts_the_gui(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    received: list[list[str] | None] = []

    def fake_gui(argv: list[str] | None = None) -> int:
        received.append(argv)
        return 7

    fake = types.ModuleType("desktop.ui.app")
    fake.main = fake_gui  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop.ui.app", fake)
    assert main(["--db", db_url]) == 7
    assert received == [["--db", db_url]]


# -- demo -----------------------------------------------------------------------------------
def test_demo_command(cli: Cli) -> None:
    made = cli.ok("demo")
    assert "演示：2026年度十佳评选" in made
    assert "150 名候选对象" in made
    second = cli.json("demo")
    assert second["name"] == "演示：2026年度十佳评选（2）"
    assert second["candidates"] == 150
    listed = cli.json("--campaign", str(second["id"]), "candidates", "list",
                      "--category", BRANDS, "--status", "shortlisted")
    assert listed
    assert all(c["number_text"] for c in listed)


# -- output helpers and messages ------------------------------------------------------------
def test_tables_align_chinese_text() -> None:
    table = render_table(["名称", "n"], [("东湖街道", 1), ("ab", 22)]).splitlines()
    assert table == ["名称      n", "--------  --", "东湖街道  1", "ab        22"]
    assert display_width("东湖ab") == 6


# -- real processes ---------------------------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=120, check=False)


def test_subprocess_round_trip(cli: Cli) -> None:
    db_url = cli.url  # the cli fixture made the organiser and put the sign-in in the environment
    made = run("--db", db_url, "--json", "demo")
    assert made.returncode == 0, made.stderr
    campaign = json.loads(made.stdout)
    listed = run("--db", db_url, "candidates", "list", "--json", "--category", STAFF)
    assert listed.returncode == 0, listed.stderr
    people = json.loads(listed.stdout)
    assert len(people) == 50
    assert {p["category"] for p in people} == {STAFF}
    refused = run("--db", db_url, "--campaign", str(campaign["id"] + 1), "campaign", "show")
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert f"找不到评选活动“{campaign['id'] + 1}”" in refused.stderr
    english = run("--db", db_url, "--lang", "en", "candidates", "list", "--status", "rejected")
    assert english.returncode == 0
    assert "Rejected" in english.stdout
    usage = run("--db", db_url, "unit", "add")
    assert usage.returncode == 2


def test_database_from_the_environment(cli: Cli, backend: str, tmp_path: Path) -> None:
    db_url = cli.url
    env = {**os.environ, "BALLOTDESK_DB": db_url, "BALLOTDESK_LANG": "en"}
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "campaign", "create", "环境"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Created the campaign “环境”" in done.stdout
    assert backend != "sqlite" or (tmp_path / "ballotdesk.sqlite3").exists()
    assert [row[1] for row in dict(database_dump(db_url))["campaign"]] == ["环境"]


def test_cli_and_core_import_no_qt() -> None:
    code = ("import sys, desktop.cli, desktop.core, scanning\n"
            "import desktop.cli.candidates, desktop.core.demo\n"
            "import desktop.cli.rounds, desktop.core.rounds\n"
            "print([m for m in sys.modules if m.startswith('PySide6')])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
    assert desktop.cli.main is main
