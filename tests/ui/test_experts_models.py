"""The expert score tables without a window, in test_table_models.py's way: the matrix of one
category on the online and expert page, and the scores an import's preview read from a file,
filled with what the real services return on a real SQLite database, in Chinese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop.core.experts import expert_results
from desktop.core.experts.service import MIN_SCORES_TO_DROP_EXTREMES
from desktop.core.registry import CampaignInfo, CandidateInfo
from desktop.core.services import Services
from desktop.ui.models.experts_models import (
    AVERAGE_BACKGROUND,
    DROPPED_FOREGROUND,
    GAP_BACKGROUND,
    ExpertMatrixModel,
    ScoreTableModel,
)
from tests.online.test_online_common import NAMES, STANDARD, ids, write_csv
from tests.ui.test_table_models import BACKGROUND, FOREGROUND, TOOLTIP, headers, objects, shown

__all__ = ["ids"]

Ids = dict[tuple[str, int], int]
FONT = Qt.ItemDataRole.FontRole
#: The category's candidates, numbered 1, 2, 3.
ZHANG, LI, WANG = NAMES[STANDARD]
#: The experts of the file and of the core, and one added in the window without a score yet.
JIA, YI, BING, DING = "甲", "乙", "丙", "丁"
#: Enough scores for the rule to drop the highest and the lowest; two are too few.
ZHANG_SCORES = {JIA: 90.0, YI: 80.0, BING: 70.0}
LI_SCORES = {JIA: 87.5, YI: 86.0}


def standard(services: Services, campaign: CampaignInfo) -> list[CandidateInfo]:
    return [c for c in services.candidates.list(campaign.id) if c.category == STANDARD]


def matrix(services: Services, campaign: CampaignInfo, ids: Ids) -> ExpertMatrixModel:
    """The category's matrix after the core stored 张三's three scores and 李四's two, under
    a rule that drops extremes; 王芳 has none, 丁 was added in the window."""
    category = next(c for c in services.registry.list_categories(campaign.id)
                    if c.name == STANDARD)
    services.experts.set_rule(campaign.id, category.id, None, True)
    services.experts.set_scores(campaign.id, [
        (ids[STANDARD, number], expert, score)
        for number, scores in ((1, ZHANG_SCORES), (2, LI_SCORES))
        for expert, score in scores.items()])
    model = ExpertMatrixModel()
    model.set_matrix(standard(services, campaign), expert_results(services.db, campaign.id),
                     [DING])
    return model


def by_name(model: ExpertMatrixModel, role: int) -> dict[str, dict[str, Any]]:
    """Each candidate's row in ``role``, by column heading."""
    names = [row[ExpertMatrixModel.COL_NAME] for row in shown(model)]
    return {name: dict(zip(headers(model), row, strict=True))
            for name, row in zip(names, shown(model, role), strict=True)}


def test_the_matrix_shows_scores_averages_and_what_the_rule_left_out(
        services: Services, campaign: CampaignInfo, ids: Ids) -> None:
    assert len(ZHANG_SCORES) >= MIN_SCORES_TO_DROP_EXTREMES > len(LI_SCORES)
    model = matrix(services, campaign, ids)
    # One column per expert in name order, the one without scores among them.
    assert model.experts == sorted([JIA, YI, BING, DING])
    assert headers(model) == ["编号", "名称", *model.experts, "平均分"]
    assert objects(model) == standard(services, campaign)
    assert by_name(model, Qt.ItemDataRole.DisplayRole) == {
        # 90 and 70 left out: 80 alone is the average.
        ZHANG: {"编号": "01", "名称": ZHANG, JIA: "90", YI: "80", BING: "70", DING: "",
                "平均分": "80"},
        # Two scores: both count, to two decimals.
        LI: {"编号": "02", "名称": LI, JIA: "87.5", YI: "86", BING: "", DING: "",
             "平均分": "86.75"},
        WANG: {"编号": "03", "名称": WANG, JIA: "", YI: "", BING: "", DING: "", "平均分": ""},
    }
    # Left out: struck through, greyed and told on hover; nothing of 李四's is.
    fonts, greys, tips = (by_name(model, role) for role in (FONT, FOREGROUND, TOOLTIP))
    struck = {(name, expert) for name, row in fonts.items() for expert in model.experts
              if row[expert] is not None and row[expert].strikeOut()}
    assert struck == {(ZHANG, JIA), (ZHANG, BING)}
    assert [greys[ZHANG][JIA], greys[ZHANG][BING]] == [DROPPED_FOREGROUND] * 2
    assert greys[ZHANG][YI] is None
    assert tips[ZHANG][JIA] == "不计入平均分（最高分或最低分）"
    # A gap: an expert who scored others of the category but not 王芳, in amber; 丁 scored
    # nobody yet, so 丁's empty cells are no gap.
    backgrounds = by_name(model, BACKGROUND)
    gaps = {(name, expert) for name, row in backgrounds.items() for expert in model.experts
            if row[expert] == GAP_BACKGROUND}
    assert gaps == {(WANG, JIA), (WANG, YI), (WANG, BING), (LI, BING)}
    assert tips[WANG][JIA] == "该专家尚未评分"
    assert tips[WANG][DING] is None
    # The average column stands out: its own background, bold.
    assert [row["平均分"] for row in backgrounds.values()] == [AVERAGE_BACKGROUND] * 3
    assert all(row["平均分"].bold() for row in fonts.values())


def test_a_score_typed_in_the_matrix_goes_to_the_controller_unsaved(
        services: Services, campaign: CampaignInfo, ids: Ids) -> None:
    model = matrix(services, campaign, ids)
    entered: list[tuple[int, str, str]] = []
    model.scoreEntered.connect(lambda *score: entered.append(score))
    column = {expert: model.COL_FIRST_EXPERT + i for i, expert in enumerate(model.experts)}
    editable = {c for c in range(model.columnCount())
                if model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable}
    assert editable == set(column.values())
    # The model saves nothing: the cell keeps what the core holds until the page reloads.
    assert not model.setData(model.index(1, column[DING]), " 75 ")
    assert entered == [(ids[STANDARD, 2], DING, "75")]
    assert model.data(model.index(1, column[DING])) == ""
    # The same score again, the name column or another role: nothing to hand over.
    assert not model.setData(model.index(0, column[JIA]), "90")
    assert not model.setData(model.index(0, model.COL_NAME), "张三丰")
    assert not model.setData(model.index(0, column[JIA]), "60", Qt.ItemDataRole.DisplayRole)
    assert entered == [(ids[STANDARD, 2], DING, "75")]


def test_a_category_without_candidates_has_no_expert_columns() -> None:
    model = ExpertMatrixModel()
    model.set_matrix([], {})
    assert (model.rowCount(), headers(model)) == (0, ["编号", "名称", "平均分"])


def test_the_scores_a_file_holds(services: Services, campaign: CampaignInfo, ids: Ids,
                                 tmp_path: Path) -> None:
    path = write_csv(tmp_path / "专家评分.csv", [
        ["奖项", "编号", JIA, YI],
        [STANDARD, "1", "90", "80"],
        [STANDARD, "2", "87.5", ""]])
    preview = services.experts.preview(campaign.id, path)
    model = ScoreTableModel()
    model.candidates = {c.id: c for c in services.candidates.list(campaign.id)}
    model.set_rows(list(preview.scores))
    assert headers(model) == ["奖项", "编号", "名称", "专家", "评分"]
    assert sorted(map(tuple, shown(model))) == sorted([
        (STANDARD, "01", ZHANG, JIA, "90"), (STANDARD, "01", ZHANG, YI, "80"),
        (STANDARD, "02", LI, JIA, "87.5")])
    assert shown(model, TOOLTIP) == shown(model)  # a long name is read whole on hover
    assert shown(model, BACKGROUND) == [[None] * 5] * 3
    assert objects(model) == list(preview.scores)
