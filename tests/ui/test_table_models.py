"""The table models of desktop/ui/models that no test built on their own (untested, or read
only through their page), each built without a window (only the QApplication pytest-qt gives)
and filled with what the real services return on a real SQLite database: what a person reads in
every cell, in Chinese (the tests' language), the numbers aligned right, the colours that draw
the eye, times in the user's local time, the object behind a row, and the filters. The candidate
table and its proxy are in test_candidate_model.py; the accounts, audit, reconciliation and
ranking tables beside their pages' tests."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QBrush, QFont

from desktop.core.enums import CandidateStatus, SerialState
from desktop.core.online import FraudRules, imports
from desktop.core.printing import PRINTER_DESTINATION_PREFIX, BoxInfo, PrintOptions
from desktop.core.records import Recorder, RecordOutcome, Review, scan_paths
from desktop.core.records.review import Decision
from desktop.core.registry import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.results import paper_tally
from desktop.core.services import Services
from desktop.ui.models import CLOCK_FORMAT, SECOND_FORMAT, ObjectRole, local_time
from desktop.ui.models.ballot_models import BatchTableModel, BoxTableModel
from desktop.ui.models.online_models import (
    FlagTableModel,
    ImportTableModel,
    MessageModel,
    SourceTableModel,
    TotalRow,
    TotalTableModel,
    source_rows,
)
from desktop.ui.models.preview_model import (
    COL_NAME,
    COL_NUMBER,
    COL_PROBLEMS,
    COL_ROW,
    COL_UNIT,
    ERROR_BACKGROUND,
    WARNING_BACKGROUND,
    ImportPreviewModel,
)
from desktop.ui.models.registry_models import (
    FULL_QUOTA_TEXT,
    OVER_QUOTA_BACKGROUND,
    OVER_QUOTA_TEXT,
    CategoryTableModel,
    OverQuotaProxy,
    QuotaTableModel,
    UnitTableModel,
)
from desktop.ui.models.results_models import BoxCountModel
from desktop.ui.models.review_models import QueueModel
from desktop.ui.models.rows import NUMBER_ALIGNMENT
from desktop.ui.models.scan_models import (
    KIND_COLOURS,
    Kind,
    OutcomeRow,
    OutcomeTableModel,
    TallyTableModel,
)
from desktop.ui.models.station_models import REVOKED_COLOUR, ImportsModel, StationsModel
from tests.ballot_files import (
    BRANDS,
    JPEG_QUALITY,
    VOTES,
    WINDOWS,
    fill_in,
    print_and_rasterize,
    save_scans,
)
from tests.conftest import CATEGORY_NAMES, ORGANISER, REVIEWER, person
from tests.online.test_online_common import BRAND, STANDARD, ids, write_csv
from tests.results.test_results_common import record
from tests.station_files import STATION_NAME, make_station

__all__ = ["ids"]

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
#: The users' clocks: China Standard Time as a POSIX TZ (no time-zone database needed).
CHINA_TZ = "CST-8"
CHINA_UTC_OFFSET = dt.timedelta(hours=8)


def headers(model: QAbstractItemModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def shown(model: QAbstractItemModel, role: int = DISPLAY) -> list[list[Any]]:
    """Every row's cells in ``role``, as a view asks for them."""
    return [[model.data(model.index(r, c), role) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def right_aligned(model: QAbstractItemModel, row: int = 0) -> set[int]:
    return {c for c in range(model.columnCount())
            if model.data(model.index(row, c), ALIGNMENT) == NUMBER_ALIGNMENT}


def objects(model: QAbstractItemModel) -> list[Any]:
    return [model.data(model.index(r, 0), ObjectRole) for r in range(model.rowCount())]


@pytest.fixture
def china_time() -> Iterator[None]:
    """The process's local time is China's for the test (the core stores UTC); a patch of its
    own, so that undoing it leaves the other fixtures' alone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", CHINA_TZ)
        time.tzset()
        yield
    time.tzset()


def china_minute(moment: dt.datetime) -> str:
    """A UTC moment as a person in China reads it, to the minute."""
    return (moment.astimezone(dt.UTC) + CHINA_UTC_OFFSET).strftime("%Y-%m-%d %H:%M")


def colour(value: Any) -> Any:
    """A role's colour whether the model gives a QColor or a QBrush."""
    return value.color() if isinstance(value, QBrush) else value


@pytest.mark.usefixtures("china_time")
def test_every_table_shows_a_moment_on_the_users_clock() -> None:
    """The one formatter the tables and pages share: UTC from the core, local on screen."""
    moment = dt.datetime(2026, 12, 31, 16, 5, 9, tzinfo=dt.UTC)
    assert local_time(moment) == china_minute(moment) == "2027-01-01 00:05"
    assert local_time(moment, SECOND_FORMAT) == "2027-01-01 00:05:09"
    assert local_time(moment, CLOCK_FORMAT) == "00:05:09"
    assert local_time(None) == ""


# -- the ballots page: boxes and printed batches --------------------------------------------
EAST, WEST = "东湖社区服务中心 1号箱", "西山镇政府 2号箱"
OFFICE_PRINTER = "行政楼-惠普M404"


@pytest.fixture
def two_boxes(services: Services, demo: CampaignInfo) -> list[BoxInfo]:
    """The first with where it stands and who keeps it, the second with its name only."""
    return [services.boxes.add_box(demo.id, EAST, "东湖路 12 号", "刘芳"),
            services.boxes.add_box(demo.id, WEST)]


@pytest.fixture
def printed(services: Services, demo: CampaignInfo, two_boxes: list[BoxInfo],
            tmp_path: Path) -> list[BoxInfo]:
    """Three ballots printed to a PDF for the first box, then two on a printer for the
    second."""
    east, west = two_boxes
    services.printing.print_batch(demo.id, east.id, 3, tmp_path / "东湖-第一批.pdf",
                                  PrintOptions())
    services.printing.print_batch(demo.id, west.id, 2, tmp_path / "spool.pdf", PrintOptions(),
                                  destination=PRINTER_DESTINATION_PREFIX + OFFICE_PRINTER)
    return [east, west]


def test_box_table(services: Services, demo: CampaignInfo, two_boxes: list[BoxInfo]) -> None:
    model = BoxTableModel()
    model.set_rows(services.boxes.list_boxes(demo.id))
    assert headers(model) == ["投票箱", "设置地点", "负责人"]
    assert shown(model) == [[EAST, "东湖路 12 号", "刘芳"], [WEST, "", ""]]
    assert shown(model, TOOLTIP) == shown(model)  # a long location is read whole on hover
    assert objects(model) == two_boxes
    assert right_aligned(model) == set()


@pytest.mark.usefixtures("china_time")
def test_batch_table(services: Services, demo: CampaignInfo, printed: list[BoxInfo],
                     tmp_path: Path) -> None:
    model = BatchTableModel()
    model.set_rows(services.boxes.batches(demo.id))
    assert headers(model) == ["投票箱", "票号", "张数", "版式", "印制人/时间", "输出到"]
    (first, second) = shown(model)
    # Serials as printed on the ballots, six digits; the second batch goes on from the first.
    assert first[:4] == [EAST, "000001–000003", "3", "1"]
    assert second[:4] == [WEST, "000004–000005", "2", "1"]
    # Who printed, and when in the user's local time.
    assert [row[BatchTableModel.COL_PRINTED] for row in (first, second)] == [
        f"测试员 {china_minute(batch.printed_at)}" for batch in objects(model)]
    assert first[BatchTableModel.COL_DESTINATION] == "东湖-第一批.pdf"
    assert second[BatchTableModel.COL_DESTINATION] == f"打印机：{OFFICE_PRINTER}"
    tips = shown(model, TOOLTIP)
    assert tips[0][BatchTableModel.COL_DESTINATION] == str(tmp_path / "东湖-第一批.pdf")
    assert tips[1][BatchTableModel.COL_DESTINATION] == PRINTER_DESTINATION_PREFIX + OFFICE_PRINTER
    assert tips[0][BatchTableModel.COL_VERSION].startswith("版式版本")
    assert right_aligned(model) == {BatchTableModel.COL_COUNT, BatchTableModel.COL_VERSION}
    assert [(b.box_id, b.count) for b in objects(model)] == [(printed[0].id, 3),
                                                            (printed[1].id, 2)]


# -- the candidate import's preview ---------------------------------------------------------
STAFF = CATEGORY_NAMES[1]


def test_import_preview_rows(services: Services, campaign: CampaignInfo,
                             categories: list[CategoryInfo], units: list[UnitInfo],
                             tmp_path: Path) -> None:
    services.candidates.add(campaign.id, person("孙悦", "东湖街道"))
    path = write_csv(tmp_path / "推荐汇总.csv", [
        ["奖项", "编号", "姓名", "推荐单位", "性别"],
        [STAFF, "3", "周洋", "西山镇", "男"],
        [STAFF, "", "孙悦", "东湖街道", "女"],  # the name of a candidate already there
        [STAFF, "七", "郑好", "南岭乡", "未知"],  # a number and a sex that cannot be read
    ])
    model = ImportPreviewModel()
    model.set_rows(services.importer.preview(campaign.id, path).rows)
    assert headers(model) == ["行号", "奖项", "推荐单位", "编号", "姓名/名称", "问题"]
    cells = shown(model)
    # The rows as Excel numbers them, and the file's own text (the unreadable "七" as typed).
    assert [row[COL_ROW] for row in cells] == [2, 3, 4]
    assert [row[COL_NUMBER] for row in cells] == ["3", "", "七"]
    assert [row[COL_NAME] for row in cells] == ["周洋", "孙悦", "郑好"]
    assert [row[COL_UNIT] for row in cells] == ["西山镇", "东湖街道", "南岭乡"]
    assert cells[0][COL_PROBLEMS] == ""
    assert "孙悦" in cells[1][COL_PROBLEMS]
    number_problem, sex_problem = cells[2][COL_PROBLEMS].split("；")
    assert "七" in number_problem and "未知" in sex_problem
    tips = shown(model, TOOLTIP)
    assert tips[0] == [None] * ImportPreviewModel.COLUMN_COUNT
    assert tips[2][COL_NAME].split("\n") == [number_problem, sex_problem]
    backgrounds = [row[COL_NAME] for row in shown(model, BACKGROUND)]
    assert backgrounds == [None, WARNING_BACKGROUND, ERROR_BACKGROUND]
    assert [row.fields.name for row in objects(model)] == ["周洋", "孙悦", "郑好"]


# -- the registry: categories, units, the quota matrix --------------------------------------
def test_category_table(services: Services, campaign: CampaignInfo,
                        categories: list[CategoryInfo]) -> None:
    services.registry.update_category(categories[1].id, winners=3, max_marks=5)
    model = CategoryTableModel()
    model.set_rows(services.registry.list_categories(campaign.id))
    assert headers(model) == ["顺序", "奖项", "获奖名额", "每票最多可选", "候选对象类型"]
    assert shown(model) == [[1, CATEGORY_NAMES[0], 10, 10, "服务窗口"],
                            [2, CATEGORY_NAMES[1], 3, 5, "个人"],
                            [3, CATEGORY_NAMES[2], 10, 10, "品牌"]]
    assert [c.id for c in objects(model)] == [c.id for c in categories]


def test_unit_table(services: Services, campaign: CampaignInfo, units: list[UnitInfo]) -> None:
    services.registry.update_unit(units[1].id, quota=1)
    model = UnitTableModel()
    model.set_rows(services.registry.list_units(campaign.id))
    assert headers(model) == ["推荐单位", "每个奖项推荐限额"]
    default = campaign.default_quota
    assert shown(model) == [["东湖街道", default], ["西山镇", 1], ["南岭乡", default],
                            ["北港街道", default], ["城关镇", default]]
    assert objects(model)[1].id == units[1].id


@pytest.fixture
def quota(services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
          units: list[UnitInfo]) -> QuotaTableModel:
    """A quota of one for three units: 东湖街道 nominated two staff (over), 西山镇 one (full),
    南岭乡 one who was rejected (not counted)."""
    c = services.candidates
    for name in ("张丽", "李强"):
        c.add(campaign.id, person(name, "东湖街道"))
    c.add(campaign.id, person("王芳", "西山镇"))
    rejected = c.add(campaign.id, person("赵敏", "南岭乡"))
    c.set_status([rejected.id], CandidateStatus.REJECTED, "材料不全")
    for unit in units[:3]:
        services.registry.update_unit(unit.id, quota=1)
    model = QuotaTableModel()
    model.set_overview(services.registry.quota_overview(campaign.id),
                       services.registry.list_categories(campaign.id))
    return model


def test_quota_table(quota: QuotaTableModel, campaign: CampaignInfo) -> None:
    assert headers(quota) == ["推荐单位", "限额", *CATEGORY_NAMES]
    default = campaign.default_quota
    assert shown(quota) == [
        ["东湖街道", 1, "0/1", "2/1", "0/1"],
        ["西山镇", 1, "0/1", "1/1", "0/1"],
        ["南岭乡", 1, "0/1", "0/1", "0/1"],
        ["北港街道", default, f"0/{default}", f"0/{default}", f"0/{default}"],
        ["城关镇", default, f"0/{default}", f"0/{default}", f"0/{default}"],
    ]
    staff = QuotaTableModel.COL_FIRST_CATEGORY + 1
    assert quota.category_at(staff).name == STAFF  # type: ignore[union-attr]
    assert quota.category_at(QuotaTableModel.COL_QUOTA) is None
    foreground = shown(quota, FOREGROUND)
    # Over: the unit's name, quota and the cell in red; exactly full: green; the rest plain.
    assert foreground[0] == [OVER_QUOTA_TEXT, OVER_QUOTA_TEXT, None, OVER_QUOTA_TEXT, None]
    assert foreground[1] == [None, None, None, FULL_QUOTA_TEXT, None]
    assert all(value is None for row in foreground[2:] for value in row)
    background = shown(quota, BACKGROUND)
    assert background[0][staff] == OVER_QUOTA_BACKGROUND
    assert [value for row in background for value in row].count(None) == 5 * 5 - 1
    assert shown(quota, TOOLTIP)[0][staff] == "已推荐 2 名，超出限额（1 名）1 名"
    assert shown(quota, TOOLTIP)[1][staff] is None
    assert quota.data(quota.index(0, staff), ALIGNMENT) == Qt.AlignmentFlag.AlignCenter
    assert quota.data(quota.index(0, QuotaTableModel.COL_UNIT), ALIGNMENT) is None


def test_over_quota_filter(quota: QuotaTableModel) -> None:
    proxy = OverQuotaProxy()
    proxy.setSourceModel(quota)
    assert proxy.rowCount() == 5
    proxy.set_only_over(True)
    assert [row.unit.name for row in objects(proxy)] == ["东湖街道"]
    assert shown(proxy)[0][QuotaTableModel.COL_FIRST_CATEGORY + 1] == "2/1"
    proxy.set_only_over(False)
    assert proxy.rowCount() == 5


# -- the results: one category's paper counts per box ---------------------------------------
#: What the one ballot of the second box ticks among the windows.
WEST_WINDOWS = ["04"]


@pytest.fixture
def scanned(services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path],
            tmp_path: Path) -> CampaignInfo:
    """The three ballots of tests/ballot_files.py in the first box (the third ticks eleven
    windows: it waits for review), and one more in a second box, all recorded."""
    west = services.boxes.add_box(demo.id, WEST)
    _batch, layout, (pages,) = print_and_rasterize(services, demo.id, west.id, 1, tmp_path)
    more = save_scans(fill_in(layout, pages, {WINDOWS: WEST_WINDOWS}), tmp_path / "west", "w1")
    record(services, scans + more)
    return demo


def test_box_counts_with_a_bold_total_and_pending_in_red(services: Services,
                                                         scanned: CampaignInfo,
                                                         box: BoxInfo) -> None:
    results = services.results.compute(scanned.id)
    windows = next(c for c in results.categories if c.name == WINDOWS)
    model = BoxCountModel()
    model.set_category(windows)
    assert headers(model) == ["投票箱", "选票", "有效", "无效", "空白", "待审核"]
    assert shown(model) == [[box.name, 3, 2, 0, 0, 1],
                            [WEST, 1, 1, 0, 0, 0],
                            ["合计", 4, 3, 0, 0, 1]]
    fonts = [model.data(model.index(r, BoxCountModel.COL_BOX), Qt.ItemDataRole.FontRole)
             for r in range(3)]
    assert fonts[:2] == [None, None]
    assert isinstance(fonts[2], QFont) and fonts[2].bold()
    pending = [colour(row[BoxCountModel.COL_PENDING]) for row in shown(model, FOREGROUND)]
    assert [c.name() if c is not None else None for c in pending] == ["#b71c1c", None, "#b71c1c"]
    assert right_aligned(model) == set(range(BoxCountModel.COL_BALLOTS,
                                             BoxCountModel.COLUMN_COUNT))
    model.set_category(None)
    assert model.rowCount() == 0


# -- the online votes: sources, imports, a preview's messages, flags and totals -------------
A_TOTALS = [["奖项", "编号", "票数"], [BRAND, "2", "20"], [BRAND, "3", "7"], [STANDARD, "1", "5"]]
#: One vote per voter: u1's second vote is flagged (over the limit), still exported.
B_VOTES = [["投票时间", "用户ID", BRAND], ["2026-05-01 08:00:00", "u1", "3"],
           ["2026-05-01 09:00:00", "u1", "3"], ["2026-05-01 10:00:00", "u2", "2"]]
WITHDRAW_NOTE = "平台重复导出"


def commit(services: Services, campaign_id: int, path: Path, source: str) -> int:
    preview = services.online.preview(campaign_id, path, source)
    assert preview.ok, [m.text("en") for m in preview.messages]
    return services.online.commit(preview)


@pytest.fixture
def online(services: Services, campaign: CampaignInfo, ids: dict[tuple[str, int], int],
           tmp_path: Path) -> CampaignInfo:
    """平台A: a totals file counted and a second one withdrawn; 平台B: a file of single
    votes with one flagged; 平台C: a source with nothing imported yet."""
    commit(services, campaign.id, write_csv(tmp_path / "平台A.csv", A_TOTALS), "平台A")
    services.online.set_source(campaign.id, "平台B",
                               FraudRules(voter_limit=1, voter_limit_period="total"))
    commit(services, campaign.id, write_csv(tmp_path / "平台B.csv", B_VOTES), "平台B")
    again = write_csv(tmp_path / "平台A补充.csv", [A_TOTALS[0], [BRAND, "1", "9"]])
    services.online.withdraw(commit(services, campaign.id, again, "平台A"), WITHDRAW_NOTE)
    services.online.set_source(campaign.id, "平台C")
    return campaign


def test_sources_sum_their_standing_imports(services: Services, online: CampaignInfo) -> None:
    standing = imports(services.db, online.id, withdrawn=False)
    model = SourceTableModel()
    model.set_rows(source_rows(services.online.sources(online.id), standing))
    assert headers(model) == ["来源", "导入次数", "导出票数", "去掉标记后票数", "标记行数"]
    assert shown(model) == [["平台A", 1, 32, 32, 0], ["平台B", 1, 3, 2, 1],
                            ["平台C", 0, 0, 0, 0]]
    assert shown(model, TOOLTIP) == shown(model)
    assert right_aligned(model) == {1, 2, 3, 4}
    assert [row.source.name for row in objects(model)] == ["平台A", "平台B", "平台C"]


@pytest.mark.usefixtures("china_time")
def test_imports_counted_and_withdrawn(services: Services, online: CampaignInfo) -> None:
    model = ImportTableModel()
    model.set_rows(imports(services.db, online.id))
    assert headers(model) == ["编号", "来源", "文件", "票数", "标记行数", "导入时间", "状态"]
    cells = shown(model)
    assert [row[:5] for row in cells] == [
        [objects(model)[0].id, "平台A", "平台A.csv", 32, 0],
        [objects(model)[1].id, "平台B", "平台B.csv", 3, 1],
        [objects(model)[2].id, "平台A", "平台A补充.csv", 9, 0]]
    assert [row[ImportTableModel.COL_WHEN] for row in cells] == [
        china_minute(i.imported_at) for i in objects(model)]
    assert [row[ImportTableModel.COL_STATE] for row in cells] == [
        "计入", "计入", f"已撤回：{WITHDRAW_NOTE}"]
    assert [row[0] for row in shown(model, BACKGROUND)] == [None, None, WARNING_BACKGROUND]
    assert right_aligned(model) == {ImportTableModel.COL_ID, ImportTableModel.COL_VOTES,
                                    ImportTableModel.COL_FLAGGED}


def test_preview_messages_by_kind(services: Services, online: CampaignInfo,
                                  tmp_path: Path) -> None:
    bad = write_csv(tmp_path / "平台D.csv", [A_TOTALS[0], [BRAND, "2", "很多"]])
    preview = services.online.preview(online.id, bad, "平台D")
    done = services.online.import_message(imports(services.db, online.id)[0].id)
    model = MessageModel()
    model.set_rows([*preview.errors, *preview.warnings, done])
    assert headers(model) == ["类型", "内容"]
    cells = shown(model)
    assert [row[MessageModel.COL_KIND] for row in cells[:-1]] == \
        ["错误"] * len(preview.errors) + ["警告"] * len(preview.warnings)
    assert cells[-1][MessageModel.COL_KIND] == "提示"
    assert any("很多" in row[MessageModel.COL_TEXT] for row in cells[:len(preview.errors)])
    assert any("平台D" in row[MessageModel.COL_TEXT] for row in cells[len(preview.errors):-1])
    assert "平台A" in cells[-1][MessageModel.COL_TEXT]
    assert shown(model, TOOLTIP) == cells
    assert [row[0] for row in shown(model, BACKGROUND)] == \
        [ERROR_BACKGROUND] * len(preview.errors) + \
        [WARNING_BACKGROUND] * len(preview.warnings) + [None]


def test_flags_and_totals_of_a_preview(services: Services, campaign: CampaignInfo,
                                       ids: dict[tuple[str, int], int], tmp_path: Path) -> None:
    services.online.set_source(campaign.id, "平台B",
                               FraudRules(voter_limit=1, voter_limit_period="total"))
    preview = services.online.preview(campaign.id, write_csv(tmp_path / "b.csv", B_VOTES),
                                      "平台B")
    candidates = {c.id: c for c in services.candidates.list(campaign.id)}
    flags = FlagTableModel()
    flags.candidates = candidates
    flags.set_rows(preview.flags)
    assert headers(flags) == ["行", "原因", "时间", "投票人", "IP 地址", "候选对象"]
    assert shown(flags) == [[3, "超过每人限投", "2026-05-01 09:00:00", "u1", "",
                             f"{BRAND} 03 北港 渔家乐"]]
    assert shown(flags, BACKGROUND) == [[WARNING_BACKGROUND] * 6]
    assert right_aligned(flags) == {FlagTableModel.COL_ROW}

    totals = TotalTableModel()
    totals.set_rows([TotalRow(candidates[cid], votes, preview.unflagged[cid])
                     for cid, votes in sorted(preview.totals.items())])
    assert headers(totals) == ["奖项", "编号", "名称", "导出票数", "去掉标记后票数"]
    assert shown(totals) == [[BRAND, "02", "城关好味道", 1, 1], [BRAND, "03", "北港 渔家乐", 2, 1]]
    # Only the candidate the flagged vote went to is marked.
    assert [row[0] for row in shown(totals, BACKGROUND)] == [None, WARNING_BACKGROUND]
    assert right_aligned(totals) == {TotalTableModel.COL_NUMBER, TotalTableModel.COL_VOTES,
                                     TotalTableModel.COL_UNFLAGGED}
    assert [row.candidate.id for row in objects(totals)] == [ids[BRAND, 2], ids[BRAND, 3]]


# -- counting stations: the stations registered here and the packages merged ----------------
OTHER_STATION = "北港站"
#: The serial of the third ballot printed, which no one scans.
UNSCANNED_SERIAL = 3


@pytest.fixture
def merged(services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path) -> None:
    """东湖社区站 scans one ballot and sends a package, then a second ballot and a package of
    both (the first one's pages are here already); each package also says the third serial
    was unused where the organiser noted it spoiled (a conflict). 北港站 is registered by its
    fingerprint alone (its key comes with its first package), then revoked."""
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 3, tmp_path)
    station = make_station(services, tmp_path / "station")
    key = station.stations.current()
    assert key is not None
    services.stations.register("", key.qr_text)
    services.boxes.note_serials(demo.id, [UNSCANNED_SERIAL], SerialState.SPOILED)
    station.services().boxes.note_serials(demo.id, [UNSCANNED_SERIAL], SerialState.UNUSED)
    for number, (pages, votes) in enumerate(zip(ballots[:2], VOTES, strict=False), 1):
        station.scan(save_scans(fill_in(layout, pages, votes), tmp_path / "s", f"b{number}"))
        package = station.stations.export_package(demo.id, tmp_path / f"package-{number}.zip")
        services.stations.import_package(package.path)
    other = Services.open(f"sqlite:///{tmp_path / 'other-station.sqlite3'}", ORGANISER)
    try:
        fingerprint = other.stations.identity(OTHER_STATION, new=True).fingerprint_text
    finally:
        other.db.dispose()
    services.stations.register(OTHER_STATION, fingerprint)
    services.stations.revoke(OTHER_STATION)


@pytest.mark.usefixtures("merged", "china_time")
def test_stations_registered_and_revoked(services: Services) -> None:
    model = StationsModel()
    model.set_rows(services.stations.registered())
    assert headers(model) == ["计票站", "指纹", "公钥", "登记", "撤销时间", "数据包"]
    east, north = objects(model)
    assert shown(model) == [
        [STATION_NAME, east.fingerprint_text, "已存",
         f"{china_minute(east.registered_at)} 测试员", "", 2],
        [OTHER_STATION, north.fingerprint_text, "随第一个数据包存入",
         f"{china_minute(north.registered_at)} 测试员", china_minute(north.revoked_at), 0]]
    assert east.fingerprint_text != north.fingerprint_text
    fingerprints = [row[StationsModel.COL_FINGERPRINT] for row in shown(model, TOOLTIP)]
    assert fingerprints == [east.fingerprint_text, north.fingerprint_text]
    # A revoked station is greyed across its row; a standing one keeps the default colour.
    foreground = shown(model, FOREGROUND)
    assert foreground[0] == [None] * StationsModel.COLUMN_COUNT
    assert [colour(value) for value in foreground[1]] == [REVOKED_COLOUR] * 6
    assert right_aligned(model) == {StationsModel.COL_PACKAGES}


@pytest.mark.usefixtures("merged", "china_time")
def test_packages_merged_newest_first(services: Services, demo: CampaignInfo) -> None:
    model = ImportsModel()
    model.set_rows(services.stations.imports(demo.id))
    assert headers(model) == ["计票站", "导出时间", "导入", "新增页", "已有", "冲突"]
    cells = shown(model)
    # The second package brought the second ballot's two pages and the first's again; both
    # disagree with the organiser about the unscanned serial.
    assert [row[ImportsModel.COL_STATION] for row in cells] == [STATION_NAME] * 2
    assert [row[ImportsModel.COL_NEW:] for row in cells] == [[2, 2, 1], [2, 0, 1]]
    assert [row[ImportsModel.COL_EXPORTED] for row in cells] == [
        china_minute(i.exported_at) for i in objects(model)]
    assert [row[ImportsModel.COL_IMPORTED] for row in cells] == [
        f"{china_minute(i.imported_at)} 测试员" for i in objects(model)]
    assert right_aligned(model) == {ImportsModel.COL_NEW, ImportsModel.COL_SAME,
                                    ImportsModel.COL_CONFLICTS}


# -- scanning and review: what each image came to, the live count, the review queue ---------
#: The first page scanned again as a new file (other bytes, the same ballot): its serial is
#: counted already, so it waits for a person.
COPY_QUALITY = JPEG_QUALITY - 15


@pytest.fixture
def scan_run(services: Services, scans: list[Path], tmp_path: Path) -> list[RecordOutcome]:
    """The three ballots' six pages (the third ballot's first page waits: eleven windows
    ticked) and a copy of the first page, recorded; then the first page's file again (recorded
    before: not counted again)."""
    first = scans[0]
    copy = tmp_path / "copy.jpg"
    cv2.imwrite(str(copy), cv2.imread(str(first)), [cv2.IMWRITE_JPEG_QUALITY, COPY_QUALITY])
    recorder = Recorder(services.db, services.actor)
    return [*scan_paths(recorder, [*scans, copy], workers=1),
            *scan_paths(recorder, [first], workers=1)]


def test_scan_outcomes_newest_first(scan_run: list[RecordOutcome], scans: list[Path]) -> None:
    model = OutcomeTableModel()
    for outcome in scan_run:
        model.add(OutcomeRow.of(outcome))
    assert headers(model) == ["时间", "来源", "票号 / 页", "状态", "说明"]
    cells = shown(model)
    sources = ["b1-p1.jpg", "copy.jpg", "b3-p2.jpg", "b3-p1.jpg", "b2-p2.jpg", "b2-p1.jpg",
               "b1-p2.jpg", "b1-p1.jpg"]
    assert [row[OutcomeTableModel.COL_SOURCE] for row in cells] == sources
    assert [row[OutcomeTableModel.COL_STATUS] for row in cells] == [
        "此前已记录", "待审核", "已计入", "待审核", "已计入", "已计入", "已计入", "已计入"]
    assert [row[OutcomeTableModel.COL_SHEET] for row in cells[2:]] == [
        "000003，第 2 页", "000003，第 1 页", "000002，第 2 页", "000002，第 1 页",
        "000001，第 2 页", "000001，第 1 页"]
    assert all(re.fullmatch(r"\d{2}:\d{2}:\d{2}", row[OutcomeTableModel.COL_TIME])
               for row in cells)
    assert "超过规定人数" in cells[3][OutcomeTableModel.COL_MESSAGE]
    tips = shown(model, TOOLTIP)
    assert tips[-1][OutcomeTableModel.COL_SOURCE] == str(scans[0])  # the whole path on hover
    assert tips[3][OutcomeTableModel.COL_MESSAGE] == cells[3][OutcomeTableModel.COL_MESSAGE]
    status = [(row[OutcomeTableModel.COL_STATUS], back[OutcomeTableModel.COL_STATUS])
              for row, back in zip(shown(model, FOREGROUND), shown(model, BACKGROUND),
                                   strict=True)]
    assert status[:3] == [KIND_COLOURS[Kind.ALREADY], KIND_COLOURS[Kind.REVIEW],
                          KIND_COLOURS[Kind.ACCEPTED]]
    assert shown(model, FOREGROUND)[0][OutcomeTableModel.COL_SOURCE] is None

    model.set_problems_only(True)
    assert [row[OutcomeTableModel.COL_SOURCE] for row in shown(model)] == [
        "b1-p1.jpg", "copy.jpg", "b3-p1.jpg"]
    model.add(OutcomeRow.of(scan_run[0]))  # accepted: kept, not shown while problems only
    assert model.rowCount() == 3 and len(model.all_rows()) == len(scan_run) + 1
    model.set_problems_only(False)
    assert [row[OutcomeTableModel.COL_SOURCE] for row in shown(model)] == [
        "b1-p1.jpg", *sources]


def test_live_tally_per_category(services: Services, demo: CampaignInfo,
                                 scan_run: list[RecordOutcome]) -> None:
    """The reviewer accepts the third ballot's eleven windows as ticked: the category is void
    on it (decided, not valid)."""
    review = Review(services.db, REVIEWER)
    overvoted = next(state for state in review.queue(demo.id) if state.serial == 3)
    review.decide(demo.id, overvoted.sheet_id, Decision.ACCEPT)
    names: dict[str, dict[str, str]] = {}
    for candidate in services.candidates.list(demo.id):
        names.setdefault(candidate.category, {})[candidate.number_text] = candidate.name
    model = TallyTableModel()
    model.set_tally(paper_tally(services.db, demo.id), names)
    assert headers(model) == ["奖项", "已统计票数", "有效", "无效", "空白", "待定", "目前领先"]
    rows = {row[TallyTableModel.COL_CATEGORY]: row for row in shown(model)}
    assert list(rows) == [WINDOWS, STAFF, BRANDS]
    # By hand from VOTES in tests/ballot_files.py: the third ballot's windows (page 1) are
    # void, its brands (page 2) count; the second ballot ticks no brand.
    windows, brands = names[WINDOWS], names[BRANDS]
    assert rows[WINDOWS][1:] == ["3", "2", "1", "0", "0", f"02 {windows['02']}（2 票）、"
                                 f"01 {windows['01']}（1 票）、03 {windows['03']}（1 票）"]
    assert rows[BRANDS][1:] == ["3", "3", "0", "1", "0", f"10 {brands['10']}（2 票）、"
                                f"11 {brands['11']}（1 票）"]
    assert shown(model, TOOLTIP) == shown(model)
    assert right_aligned(model) == set(range(TallyTableModel.COL_DECIDED,
                                             TallyTableModel.COL_LEADING))


def test_review_queue(services: Services, demo: CampaignInfo, scan_run: list[RecordOutcome],
                      tmp_path: Path) -> None:
    queue = Review(services.db, REVIEWER).queue(demo.id)
    model = QueueModel()
    model.set_rows(queue)
    assert headers(model) == ["#", "票号 / 页", "审核原因", "来源"]
    assert shown(model) == [
        ["1", "000001 · 第 1 页", "重复的票号（已计入过）", "copy.jpg"],
        ["2", "000003 · 第 1 页", "超过规定人数（该奖项无效）", "b3-p1.jpg"]]
    tips = shown(model, TOOLTIP)
    assert tips[0][QueueModel.COL_SOURCE] == str(tmp_path / "copy.jpg")
    assert tips[1][QueueModel.COL_REASONS] == "超过规定人数（该奖项无效）"
    assert right_aligned(model) == {QueueModel.COL_NUMBER}
    assert [model.row_of(state.sheet_id) for state in queue] == [0, 1]
    assert [state.sheet_id for state in objects(model)] == [state.sheet_id for state in queue]
