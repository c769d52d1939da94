"""问卷星 (wjx) per-vote exports (issue 13, point 8): multi-choice cells joined with "┋", a
separator no table of separators holds; it is learned from the data, or named by the mapping,
and kept with the mapping for the next file of the same shape."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from desktop.core.online.match import CandidateIndex, Mapping, learn_separator, split_options
from desktop.core.online.results import candidate_index, online_votes
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from tests.online.test_online_common import STANDARD, codes, ids, write_csv

pytestmark = pytest.mark.both_backends
__all__ = ["ids"]
Ids = dict[tuple[str, int], int]
QUESTION = "1、请为十佳优秀服务标兵投票（可多选）"
HEADER = ["序号", "提交答卷时间", "所用时间", "来源", "来自IP", QUESTION]
#: The wjx columns the mapping names (its headers are no aliases).
MAPPING = {"columns": {"提交答卷时间": "time", "来自IP": "ip", QUESTION: f"choice:{STANDARD}"}}


def wjx_export(path: Path, rows: int = 997, day: int = 1) -> tuple[Path, dict[str, int]]:
    """An export as wjx writes it: one row per answer sheet, the choices joined by '┋'."""
    rng = random.Random(day)
    names = ["张三", "李四", "王芳"]
    counted = dict.fromkeys(names, 0)
    lines = [HEADER]
    for i in range(rows):
        chosen = rng.sample(names, rng.randint(1, 3))
        for name in chosen:
            counted[name] += 1
        lines.append([str(i + 1), f"2026/5/{day + i // 200} {8 + i % 10}:{i % 60:02d}:{i % 53:02d}",
                      f"{rng.randint(5, 90)}秒", "微信",
                      f"117.{i % 200}.{i % 7}.{i % 250}(浙江-杭州)", "┋".join(chosen)])
    return write_csv(path, lines), counted


def totals_by_name(services: Services, campaign: CampaignInfo, ids: Ids) -> dict[str, int]:
    votes = online_votes(services.db, campaign.id)
    return {name: votes[ids[STANDARD, number]].votes
            for number, name in enumerate(["张三", "李四", "王芳"], start=1)}


def test_the_separator_is_learned_from_the_data_and_kept_with_the_mapping(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    path, counted = wjx_export(tmp_path / "问卷星导出.csv")
    preview = services.online.preview(campaign.id, path, "问卷星",
                                      Mapping.from_json(MAPPING))
    assert preview.ok, [m.text("en") for m in preview.errors][:3]
    assert preview.mapping.separator == "┋"
    learned = next(m for m in preview.messages if m.code == "online_separator_learned")
    assert "┋" in learned.text("zh_CN") and QUESTION in learned.text("zh_CN")
    assert preview.rows == 997
    services.online.commit(preview)
    assert totals_by_name(services, campaign, ids) == counted
    # the next export of the same shape: the saved mapping carries the separator
    later, _ = wjx_export(tmp_path / "问卷星导出2.csv", rows=50, day=9)
    again = services.online.preview(campaign.id, later, "问卷星")
    assert again.mapping_origin == "saved"
    assert again.mapping.separator == "┋"
    assert again.ok


def test_a_mapping_file_names_the_separator(services: Services, campaign: CampaignInfo,
                                            ids: Ids, tmp_path: Path) -> None:
    path, counted = wjx_export(tmp_path / "问卷星导出.csv", rows=120)
    mapping_file = tmp_path / "问卷星.json"
    mapping_file.write_text(json.dumps({**MAPPING, "separator": "┋"}, ensure_ascii=False),
                            encoding="utf-8")
    mapping = Mapping.load(mapping_file)
    assert mapping.separator == "┋"
    preview = services.online.preview(campaign.id, path, "问卷星", mapping)
    assert preview.ok
    assert "online_separator_learned" not in codes(preview.messages)
    services.online.commit(preview)
    assert totals_by_name(services, campaign, ids) == counted


def test_without_the_separator_the_rows_are_unmatched(services: Services,
                                                      campaign: CampaignInfo, ids: Ids,
                                                      tmp_path: Path) -> None:
    """The mapping's separator is used as given: a wrong one leaves the options unmatched
    (as every row was before), refused rather than guessed."""
    path, _ = wjx_export(tmp_path / "问卷星导出.csv", rows=40)
    preview = services.online.preview(campaign.id, path, "问卷星",
                                      Mapping.from_json({**MAPPING, "separator": "#"}))
    assert "online_unknown_option" in codes(preview.errors)


def test_a_dot_in_a_numbered_option_is_no_separator(services: Services,
                                                    campaign: CampaignInfo, ids: Ids) -> None:
    with services.db.transaction() as s:
        index: CandidateIndex = candidate_index(s, campaign.id)
    category = index.category_id(STANDARD)
    assert learn_separator(["01.张三", "02.李四、03.王芳"], index, category) == ""
    assert learn_separator(["01.张三┋02.李四", "03.王芳"], index, category) == "┋"
    assert split_options("张三┋李四", "┋") == ("张三", "李四")


def test_the_analysis_counts_each_option_text_from_one_reading_of_the_file(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the mapping page's analysis: every option text with its count and candidate, and the
    # columns' first cells, from the preview's own reading of the file (not a second one)
    from desktop.core.online import read as online_read
    from desktop.core.online import service as online_service

    path, counted = wjx_export(tmp_path / "问卷星导出.csv", rows=300)
    reads: list[Path] = []

    def read_grid(*args: object, **kwargs: object) -> online_read.Grid:
        reads.append(Path(str(args[0])))
        return online_read.read_grid(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(online_service, "read_grid", read_grid)
    found = services.online.analyse(campaign.id, path, "问卷星", Mapping.from_json(MAPPING))
    assert reads == [path.absolute()]
    assert found.preview.ok
    assert {o.text: (o.count, o.candidate_id, o.how) for o in found.options} == {
        name: (counted[name], ids[STANDARD, number], "name")
        for number, name in enumerate(["张三", "李四", "王芳"], start=1)}
    assert found.samples["序号"] == ("1", "2", "3")
    assert all(o.column == QUESTION for o in found.options)
