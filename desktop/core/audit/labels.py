"""Audit entries in words: action codes ("candidate.status") and a one-line before → after.

Both languages, for the CLI and the window alike. A code not in :data:`ACTION_LABELS` (a
feature newer than this table) is shown as it is: still exact, only less friendly.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Any

from ballotformat import Paper, messages
from ballotformat.messages import field_label
from desktop.core import labels
from desktop.core.audit.canonical import canonical_json
from desktop.core.enums import (
    CandidateKind,
    CandidateStatus,
    ChannelKind,
    Phase,
    Role,
    RoundStatus,
    SerialState,
    Sex,
    SignInOutcome,
)

#: Action code -> (Chinese, English).
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "campaign.create": ("创建评选活动", "campaign created"),
    "campaign.update": ("修改评选活动", "campaign changed"),
    "category.create": ("新增奖项", "category added"),
    "category.update": ("修改奖项", "category changed"),
    "category.delete": ("删除奖项", "category deleted"),
    "unit.create": ("新增推荐单位", "nominating unit added"),
    "unit.update": ("修改推荐单位", "nominating unit changed"),
    "unit.delete": ("删除推荐单位", "nominating unit deleted"),
    "candidate.create": ("新增候选对象", "candidate added"),
    "candidate.update": ("修改候选对象", "candidate changed"),
    "candidate.delete": ("删除候选对象", "candidate deleted"),
    "candidate.status": ("更改审查状态", "review status changed"),
    "candidate.number": ("编排编号", "candidate numbered"),
    "candidate.photo": ("更换照片", "photo changed"),
    "candidate.import": ("导入候选对象", "candidate imported"),
    "import": ("导入推荐表", "registry imported"),
    "export": ("导出推荐名单", "registry exported"),
    "box.create": ("新增投票箱", "ballot box added"),
    "box.update": ("修改投票箱", "ballot box changed"),
    "box.delete": ("删除投票箱", "ballot box deleted"),
    "serial.spoiled": ("登记作废票号", "serials recorded as spoiled"),
    "serial.unused": ("登记未发放票号", "serials recorded as unused"),
    "layout.store": ("保存选票版式", "ballot layout stored"),
    "batch.print": ("打印选票", "ballots printed"),
    "batch.cancel": ("取消打印批次", "print batch cancelled"),
    "sheet.record": ("记录扫描选票", "scanned ballot recorded"),
    "review.marked": ("人工审核：判为已选", "review: marked"),
    "review.empty": ("人工审核：判为未选", "review: empty"),
    "review.accept": ("人工审核：接受", "review: accepted"),
    "review.reject": ("人工审核：作废", "review: rejected"),
    "review.reopen": ("人工审核：重新审核", "review: reopened"),
    "review.no_votes": ("人工审核：本页无选票记号", "review: no votes on this page"),
    "review.count_instead": ("人工审核：改计此张", "review: counted instead of its copy"),
    "review.set_aside": ("人工审核：改计另一张，此张不计", "review: set aside for another copy"),
    "review.superseded": ("未读出的图像由重新扫描的图像取代",
                          "unread sheet superseded by a rescan"),
    "online_source.set": ("设置网络投票来源", "online source set"),
    "online.import": ("导入网络投票", "online votes imported"),
    "online.withdraw": ("撤回网络投票导入", "online import withdrawn"),
    "expert_rule.set": ("设置专家评分规则", "expert scoring rule set"),
    "expert_score.set": ("录入专家评分", "expert score entered"),
    "result_rule.set": ("设置综合评选规则", "combination rule set"),
    "result_notice.set": ("设置公示内容", "notice settings changed"),
    "tie.decide": ("裁定并列", "tie decided"),
    "round.create": ("新增评选轮次", "round added"),
    "round.update": ("修改评选轮次", "round changed"),
    "round.close": ("结束评选轮次", "round closed"),
    "channel.create": ("新增投票渠道", "voting channel added"),
    "channel.update": ("修改投票渠道的权重", "voting channel's weight changed"),
    "box.channel": ("指定投票箱的渠道", "ballot box's channel set"),
    "advance.record": ("确定晋级名单", "candidates advanced to the next round"),
    "advance_tie.decide": ("裁定晋级线并列", "tie at a round's cut decided"),
    "decision.record": ("记录组织审定决定", "committee decision recorded"),
    "cvr.export": ("导出逐票记录（CVR）", "cast-vote records exported"),
    "audit_export.write": ("导出审计日志", "audit log exported"),
    "account.setup": ("创建第一位组织者", "first organiser created"),
    "account.create": ("创建账户", "account created"),
    "account.update": ("修改账户", "account changed"),
    "account.password": ("重设密码", "password reset"),
    "password.change": ("修改本人密码", "own password changed"),
    "sign_in.success": ("登录", "signed in"),
    "sign_in.failed": ("登录失败", "sign-in failed"),
    "station_key.create": ("生成本计票站密钥", "station key created"),
    "station_key.rename": ("修改本计票站名称", "station renamed"),
    "station.register": ("登记计票站", "station registered"),
    "station.revoke": ("撤销计票站", "station revoked"),
    "station.database": ("为离线计票站复制数据库", "database copied for an offline station"),
    "package_export": ("导出计票站数据包", "station package exported"),
    "package.import": ("导入计票站数据包", "station package imported"),
    "package.sheet": ("从数据包导入选票页", "sheet imported from a package"),
    "package.serial": ("从数据包导入票号登记", "serial note imported from a package"),
    "backup.create": ("备份数据库", "backup taken"),
    "restore.done": ("从备份恢复", "restored from a backup"),
    "audit.baseline": ("审计基线：登记升级时已有的计票数据",
                       "audit baseline: counted data present at the upgrade"),
}

#: Entity (table) names -> (Chinese, English).
ENTITY_LABELS: dict[str, tuple[str, str]] = {
    "campaign": ("评选活动", "campaign"),
    "category": ("奖项", "category"),
    "unit": ("推荐单位", "nominating unit"),
    "candidate": ("候选对象", "candidate"),
    "ballot_box": ("投票箱", "ballot box"),
    "serial_note": ("票号登记", "serial note"),
    "layout_version": ("选票版式", "ballot layout"),
    "print_batch": ("打印批次", "print batch"),
    "sheet": ("扫描选票", "scanned ballot"),
    "review_decision": ("审核决定", "review decision"),
    "online_source": ("网络投票来源", "online source"),
    "online_import": ("网络投票导入", "online import"),
    "expert_rule": ("专家评分规则", "expert rule"),
    "expert_score": ("专家评分", "expert score"),
    "result_setting": ("综合评选设置", "result settings"),
    "tie_decision": ("并列裁定", "tie decision"),
    "campaign_round": ("评选轮次", "round"),
    "round_channel": ("投票渠道", "voting channel"),
    "round_tie": ("晋级线并列裁定", "tie decision at a round's cut"),
    "committee_decision": ("组织审定决定", "committee decision"),
    "account": ("账户", "account"),
    "station_identity": ("本计票站密钥", "this station's key"),
    "station": ("计票站", "station"),
    "package_import": ("数据包导入", "package import"),
    "audit_entry": ("审计日志", "audit log"),
    "backup": ("备份", "backup"),
}

#: Keys of before/after that are not 推荐表 fields -> (Chinese, English). A key not here is
#: shown as it is.
KEY_LABELS: dict[str, tuple[str, str]] = {
    "category_id": ("奖项", "category"), "unit_id": ("推荐单位", "nominating unit"),
    "candidate_id": ("候选对象", "candidate"), "candidate_ids": ("候选对象", "candidates"),
    "box_id": ("投票箱", "ballot box"), "sheet_id": ("选票页", "sheet"),
    "layout_id": ("选票版式", "ballot layout"), "station_id": ("计票站", "station"),
    "source_id": ("网络投票来源", "online source"), "import_id": ("导入批次", "import"),
    "description": ("说明", "description"), "phase": ("阶段", "phase"),
    "default_quota": ("默认推荐限额", "default quota"), "note": ("备注", "note"),
    "tied": ("并列编号", "tied numbers"), "decision": ("决定", "decision"),
    "decided_at": ("决定时间", "decided at"), "decided_by": ("决定人", "decided by"),
    "entered_at": ("录入时间", "entered at"), "entered_by": ("录入人", "entered by"),
    "created_at": ("创建时间", "created at"), "printed_at": ("打印时间", "printed at"),
    "printed_by": ("打印人", "printed by"), "recorded_at": ("记录时间", "recorded at"),
    "recorded_by": ("记录人", "recorded by"), "reviewed_at": ("审核时间", "reviewed at"),
    "reviewed_by": ("审核人", "reviewed by"), "imported_at": ("导入时间", "imported at"),
    "imported_by": ("导入人", "imported by"), "set_at": ("设置时间", "set at"),
    "set_by": ("设置人", "set by"), "saved_at": ("保存时间", "saved at"),
    "saved_by": ("保存人", "saved by"), "withdrawn_at": ("撤回时间", "withdrawn at"),
    "withdrawn_by": ("撤回人", "withdrawn by"), "withdraw_note": ("撤回说明", "withdrawal note"),
    "registered_at": ("登记时间", "registered at"), "revoked_at": ("撤销时间", "revoked at"),
    "starts_on": ("开始日期", "starts on"), "ends_on": ("结束日期", "ends on"),
    "voting_opens_on": ("投票开始日期", "voting opens on"),
    "voting_closes_on": ("投票截止日期", "voting closes on"),
    "first_serial": ("起始票号", "first serial"), "serial": ("票号", "serial"),
    "count": ("数量", "count"), "votes": ("票数", "votes"), "score": ("分数", "score"),
    "expert": ("专家", "expert"), "max_score": ("满分", "maximum score"),
    "drop_extremes": ("去掉最高最低分", "drop extremes"), "method": ("计算方法", "method"),
    "weights": ("权重", "weights"), "normalise": ("换算方式", "scaling"),
    "online_votes": ("网络票计入", "online votes counted"), "file": ("文件", "file"),
    "file_name": ("文件名", "file name"), "rows": ("行数", "rows"), "source": ("来源", "source"),
    "full_name": ("姓名", "full name"), "role": ("角色", "role"), "active": ("启用", "active"),
    "location": ("地点", "location"), "responsible": ("负责人", "responsible"),
    "reason": ("原因", "reason"), "reasons": ("原因", "reasons"), "state": ("状态", "state"),
    "version": ("版本", "version"), "page": ("页", "page"), "position": ("位置", "position"),
    "ballots": ("选票数", "ballots"), "sheets": ("选票页数", "sheets"),
    "flagged_rows": ("可疑行数", "flagged rows"), "unflagged": ("未标记票数", "unflagged votes"),
    "station": ("计票站", "station"), "package_id": ("数据包", "package"),
    "fingerprint": ("指纹", "fingerprint"), "audit_head": ("审计链锚点", "audit anchor"),
    "boxes": ("投票箱", "ballot boxes"), "accounts": ("账户", "accounts"),
    "secrets": ("密钥", "secrets"),
    "account": ("账户", "account"), "outcome": ("结果", "outcome"),
    "counted": ("计票", "counted"), "by_sheet": ("取代它的图像", "replaced by sheet"),
    "instead_of": ("取代的图像", "in place of"),
    "failures": ("连续失败次数", "failures in a row"), "wait_s": ("须等待（秒）", "wait (s)"),
    "after_failures": ("此前连续失败次数", "failures before"),
    "round_id": ("评选轮次", "round"), "channel_id": ("投票渠道", "voting channel"),
    "advancing": ("晋级", "advancing"), "weight": ("权重", "weight"),
    "from_round": ("自第几轮", "from round"), "to_round": ("晋级至第几轮", "to round"),
    "advanced": ("晋级名单", "advanced"), "decided_on": ("审定日期", "decided on"),
    "meeting": ("会议", "meeting"), "attendees": ("出席人员", "attendees"),
    "lines": ("审定名单", "decided list"), "statuses": ("候选对象状态", "candidates' statuses"),
}
#: Keys whose values are one of the domain's enumerations, shown by their labels; a key that
#: several entities use (a candidate's or a round's status, a candidate's or a channel's kind)
#: names each enumeration, whose values do not overlap.
KEY_VALUES: dict[str, tuple[type[Enum], ...]] = {
    "status": (CandidateStatus, RoundStatus), "phase": (Phase,),
    "kind": (CandidateKind, ChannelKind), "sex": (Sex,), "role": (Role,), "paper": (Paper,),
    "state": (SerialState,), "outcome": (SignInOutcome,),
}
#: A moment as JSON holds it (``2026-12-07T02:45:51.740438+00:00``): shown in local time.
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")
MOMENT_FORMAT = "%Y-%m-%d %H:%M:%S"

#: Characters of a summary before it is cut with "…".
SUMMARY_CHARS = 120
#: Keys a summary leaves out: the entry names them already.
#: ``digests`` (audit_content) are for verification, not for reading.
_NOT_SUMMARISED = frozenset({"id", "campaign_id", "digests"})


def _pick(pair: tuple[str, str] | None, code: str, language: str | None) -> str:
    if pair is None:
        return code
    return pair[1] if (language or messages.current_language()) == "en" else pair[0]


def action_label(code: str, language: str | None = None) -> str:
    return _pick(ACTION_LABELS.get(code), code, language)


def entity_label(name: str, language: str | None = None) -> str:
    return _pick(ENTITY_LABELS.get(name), name, language)


def key_label(key: str, language: str | None = None) -> str:
    """A before/after key in words: a 推荐表 field's label, else :data:`KEY_LABELS`, else the
    key itself."""
    if key in messages.FIELD_LABELS:
        return field_label(key, language)
    return _pick(KEY_LABELS.get(key), key, language)


def value_text(value: Any, language: str | None = None, key: str = "") -> str:
    """A before/after value in words: a status by its label, a moment in local time, a list
    joined, yes/no."""
    if value is None or value == "":
        return "∅"
    if key in KEY_VALUES and isinstance(value, str):
        for enumeration in KEY_VALUES[key]:
            try:
                return labels.label(enumeration(value), language)
            except (ValueError, KeyError):
                continue
        return value  # a value newer than this program: as it is
    if isinstance(value, str):
        if _ISO_MOMENT.fullmatch(value):
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=dt.UTC)
            return moment.astimezone().strftime(MOMENT_FORMAT)
        return value
    if isinstance(value, bool):
        english = (language or messages.current_language()) == "en"
        return ("yes" if value else "no") if english else ("是" if value else "否")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return messages.list_separator(language).join(value_text(v, language) for v in value)
    return canonical_json(value)


def lines(values: dict[str, Any] | None, language: str | None = None) -> str:
    """Every key and value of a before or after, one per line, in words (``∅``: none)."""
    if not values:
        return "∅"
    colon = ": " if (language or messages.current_language()) == "en" else "："
    return "\n".join(f"{key_label(k, language)}{colon}{value_text(v, language, k)}"
                     for k, v in values.items())


def summary(before: dict[str, Any] | None, after: dict[str, Any] | None,
            language: str | None = None, limit: int = SUMMARY_CHARS) -> str:
    """``状态: nominated → shortlisted; 备注: ∅ → 通过`` (ids left out), cut at ``limit``."""
    keys = [k for k in {**(before or {}), **(after or {})} if k not in _NOT_SUMMARISED]
    parts = []
    for key in keys:
        name = key_label(key, language)
        if before is not None and after is not None:
            parts.append(f"{name}: {value_text(before.get(key), language, key)} → "
                         f"{value_text(after.get(key), language, key)}")
        elif after is not None:
            parts.append(f"{name}: {value_text(after.get(key), language, key)}")
        else:
            parts.append(f"{name}: {value_text((before or {}).get(key), language, key)} → ∅")
    text = "; ".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"
