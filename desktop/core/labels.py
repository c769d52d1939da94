"""How the domain's values are called, in Chinese and English: one table for the window, the
command line, exported files and printed pages."""

from __future__ import annotations

from enum import Enum

from desktop.core.enums import CandidateKind, CandidateStatus, Paper, Phase, SerialState, Sex
from desktop.core.messages import current_language

LABELS: dict[Enum, tuple[str, str]] = {
    Phase.NOMINATION: ("推荐报名", "Nomination"),
    Phase.REVIEW: ("资格审查", "Qualification review"),
    Phase.SHORTLIST_PUBLISHED: ("候选名单公示", "Shortlist published"),
    Phase.VOTING: ("投票", "Voting"),
    Phase.COUNTING: ("统计评选", "Counting"),
    Phase.RESULTS_PUBLISHED: ("结果公示", "Results published"),
    Phase.CLOSED: ("已结束", "Closed"),
    CandidateStatus.NOMINATED: ("已推荐", "Nominated"),
    CandidateStatus.QUALIFIED: ("合格", "Qualified"),
    CandidateStatus.REJECTED: ("不合格", "Rejected"),
    CandidateStatus.SHORTLISTED: ("入围", "Shortlisted"),
    CandidateStatus.WITHDRAWN: ("已撤回", "Withdrawn"),
    CandidateStatus.WINNER: ("当选", "Winner"),
    CandidateKind.PERSON: ("个人", "Person"),
    CandidateKind.WINDOW: ("服务窗口", "Service window"),
    CandidateKind.BRAND: ("品牌", "Brand"),
    CandidateKind.PROJECT: ("项目", "Project"),
    CandidateKind.OTHER: ("其他", "Other"),
    Sex.MALE: ("男", "Male"),
    Sex.FEMALE: ("女", "Female"),
    SerialState.SPOILED: ("作废", "Spoiled"),
    SerialState.UNUSED: ("未发放", "Unused"),
    Paper.A4: ("A4", "A4"),
    Paper.A3: ("A3", "A3"),
    Paper.LETTER: ("Letter", "Letter"),
}


def label(value: Enum, language: str | None = None) -> str:
    zh, en = LABELS[value]
    return en if (language or current_language()) == "en" else zh
