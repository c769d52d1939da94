"""How the domain's values are called, in Chinese and English: one table for the window, the
command line, exported files and printed pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ballotformat import Paper
from ballotformat.messages import JoinedList, current_language
from desktop.core.enums import (
    CandidateKind,
    CandidateStatus,
    ChannelKind,
    Decision,
    Permission,
    Phase,
    Role,
    RoundStatus,
    SerialState,
    Sex,
    SignInOutcome,
)
from scanning.decide import MarkState
from scanning.reasons import Reason, Status

_TABLE: tuple[tuple[Enum, tuple[str, str]], ...] = (
    (Phase.NOMINATION, ("推荐报名", "Nomination")),
    (Phase.REVIEW, ("资格审查", "Qualification review")),
    (Phase.SHORTLIST_PUBLISHED, ("候选名单公示", "Shortlist published")),
    (Phase.VOTING, ("投票", "Voting")),
    (Phase.COUNTING, ("统计评选", "Counting")),
    (Phase.RESULTS_PUBLISHED, ("结果公示", "Results published")),
    (Phase.CLOSED, ("已结束", "Closed")),
    (CandidateStatus.NOMINATED, ("已推荐", "Nominated")),
    (CandidateStatus.QUALIFIED, ("合格", "Qualified")),
    (CandidateStatus.REJECTED, ("不合格", "Rejected")),
    (CandidateStatus.SHORTLISTED, ("入围", "Shortlisted")),
    (CandidateStatus.WITHDRAWN, ("已撤回", "Withdrawn")),
    (CandidateStatus.WINNER, ("当选", "Winner")),
    (CandidateStatus.NOT_CHOSEN, ("入围未当选", "Shortlisted, not chosen")),
    (CandidateStatus.NOT_ADVANCED, ("未晋级", "Did not advance")),
    (RoundStatus.OPEN, ("进行中", "Open")),
    (RoundStatus.CLOSED, ("已结束", "Closed")),
    (ChannelKind.ONLINE, ("网络投票", "Online votes")),
    (ChannelKind.PAPER_PUBLIC, ("群众投票", "Public paper ballots")),
    (ChannelKind.PAPER_DELEGATES, ("代表投票", "Delegates' paper ballots")),
    (ChannelKind.EXPERTS, ("专家评审", "Expert panel")),
    (CandidateKind.PERSON, ("个人", "Person")),
    (CandidateKind.WINDOW, ("服务窗口", "Service window")),
    (CandidateKind.BRAND, ("品牌", "Brand")),
    (CandidateKind.PROJECT, ("项目", "Project")),
    (CandidateKind.OTHER, ("其他", "Other")),
    (Sex.MALE, ("男", "Male")),
    (Sex.FEMALE, ("女", "Female")),
    (SerialState.SPOILED, ("作废", "Spoiled")),
    (SerialState.UNUSED, ("未发放", "Unused")),
    (SignInOutcome.SUCCESS, ("登录成功", "signed in")),
    (SignInOutcome.FAILED, ("用户名或密码不正确", "wrong user name or password")),
    (SignInOutcome.INACTIVE, ("账户已停用", "account disabled")),
    (SignInOutcome.THROTTLED, ("等待期内再次尝试，未核对密码",
                               "tried during the wait, not checked")),
    (Role.ORGANISER, ("组织者", "Organiser")),
    (Role.COUNTING, ("计票组", "Counting team")),
    (Role.OBSERVER, ("观察员", "Observer")),
    (Permission.MANAGE_REGISTRY, ("管理评选登记与印制选票",
                                  "manage the registry and print ballots")),
    (Permission.MANAGE_RESULTS, ("管理网络投票、专家评分与结果规则",
                                 "manage online votes, expert scores and the result rules")),
    (Permission.SCAN, ("扫描计票", "scan ballots")),
    (Permission.REVIEW, ("审核选票", "review ballots")),
    (Permission.EXPORT_PACKAGE, ("导出计票站数据包", "export station packages")),
    (Permission.MANAGE_STATIONS, ("管理计票站与导入数据包", "manage stations and import packages")),
    (Permission.MANAGE_ACCOUNTS, ("管理账户", "manage accounts")),
    (Permission.BACKUP, ("备份与恢复", "back up and restore")),
    (Permission.EXPORT, ("导出文件", "export files")),
    (Paper.A4, ("A4", "A4")),
    (Paper.A3, ("A3", "A3")),
    (Paper.LETTER, ("Letter", "Letter")),
    (Status.ACCEPTED, ("已计入", "Accepted")),
    (Status.REVIEW, ("待审核", "Needs review")),
    (Status.REJECTED, ("不计票", "Rejected")),
    (MarkState.MARKED, ("已划", "Marked")),
    (MarkState.EMPTY, ("未划", "Empty")),
    (MarkState.AMBIGUOUS, ("不清楚", "Unclear")),
    (Reason.IMAGE_UNREADABLE, ("图像无法读取", "image unreadable")),
    (Reason.PAGE_NOT_FOUND, ("找不到四角定位标记", "page not found")),
    (Reason.CODE_UNREADABLE, ("二维码无法识别", "QR code unreadable")),
    (Reason.BAD_HMAC, ("二维码签名不符（疑似伪造）", "bad signature (suspected forgery)")),
    (Reason.FOREIGN_CAMPAIGN, ("其他评选活动的选票", "ballot of another campaign")),
    (Reason.KEY_NOT_HELD, ("本库没有核验此票签名的密钥（其他投票箱或旧版选票：请在组织者处扫描）",
                           "no key here checks this ballot (another box, or the old format: "
                           "scan it at the organiser's)")),
    (Reason.UNSUPPORTED_FORMAT, ("不支持的选票格式版本", "unsupported ballot format")),
    (Reason.UNKNOWN_LAYOUT, ("未知的选票版本", "unknown ballot layout")),
    (Reason.WRONG_PAGE_SIZE, ("纸张尺寸不符", "wrong page size")),
    (Reason.MISREGISTERED, ("版面定位不准（请人工核对每一格）", "misregistered (check every box)")),
    (Reason.TARGETS_OFF_IMAGE, ("部分方框不在图像内（请对照纸质选票或重新扫描）",
                                "boxes off the image (check the paper ballot or rescan)")),
    (Reason.AMBIGUOUS_MARK, ("有不清楚的记号", "unclear mark")),
    (Reason.OVERVOTE, ("超过规定人数（该奖项无效）", "overvote (category void)")),
    (Reason.DUPLICATE, ("重复的票号（已计入过）", "duplicate serial (counted already)")),
    (Reason.SPOILED_SERIAL, ("已登记作废的票号", "serial recorded as spoiled")),
    (Reason.UNUSED_SERIAL, ("已登记未发放的票号", "serial recorded as unused")),
    (Reason.PAST_ROUND, ("已结束轮次的选票（不计入本轮）", "ballot of a round that is over "
                                                    "(not counted in this round)")),
    (Reason.BILEVEL_SCAN, ("黑白（1 位）扫描：浅色记号可能已在扫描时丢失",
                           "black-and-white scan: light marks may have been lost in scanning")),
    (Decision.MARKED, ("认定已划", "marked")),
    (Decision.EMPTY, ("认定未划", "empty")),
    (Decision.ACCEPT, ("确认", "accept")),
    (Decision.REJECT, ("作废", "reject")),
    (Decision.REOPEN, ("重新审核", "reopen")),
    (Decision.NO_VOTES, ("本页无选票记号", "no votes on this page")),
    (Decision.SUPERSEDED, ("已由重新扫描的图像取代", "superseded by a rescan")),
    (Decision.COUNT_INSTEAD, ("改计此张（同一票号的另一张不计）", "counted instead of its copy")),
    (Decision.SET_ASIDE, ("不计（改计同一票号的另一张）", "set aside for another copy")),
)
#: Keyed by type and value: StrEnum members of different enums with the same value
#: ("rejected" is a candidate status and a sheet status) are equal, and must not collide.
LABELS: dict[tuple[type[Enum], str], tuple[str, str]] = {
    (type(member), member.value): texts for member, texts in _TABLE}


def label(value: Enum, language: str | None = None) -> str:
    zh, en = LABELS[(type(value), value.value)]
    return en if (language or current_language()) == "en" else zh


@dataclass(frozen=True)
class LabelList(JoinedList):
    """Labels of several values joined in the reader's language, as a message parameter."""

    code: str = "label_list"

    def item(self, value: Any, language: str | None) -> str:
        return label(value, language)


def label_list(values: Iterable[Enum]) -> LabelList:
    return LabelList(params={"values": tuple(values)})
