"""Audit entries in words: action codes ("candidate.status") and a one-line before → after.

Both languages, for the CLI and the window alike. A code not in :data:`ACTION_LABELS` (a
feature newer than this table) is shown as it is: still exact, only less friendly.
"""

from __future__ import annotations

from typing import Any

from desktop.core import messages
from desktop.core.audit import canonical_json
from desktop.core.messages import field_label

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
    "cvr.export": ("导出逐票记录（CVR）", "cast-vote records exported"),
    "audit_export.write": ("导出审计日志", "audit log exported"),
    "account.setup": ("创建第一位组织者", "first organiser created"),
    "account.create": ("创建账户", "account created"),
    "account.update": ("修改账户", "account changed"),
    "account.password": ("重设密码", "password reset"),
    "password.change": ("修改本人密码", "own password changed"),
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
    "online_source": ("网络投票来源", "online source"),
    "online_import": ("网络投票导入", "online import"),
    "expert_rule": ("专家评分规则", "expert rule"),
    "expert_score": ("专家评分", "expert score"),
    "result_setting": ("综合评选设置", "result settings"),
    "tie_decision": ("并列裁定", "tie decision"),
    "account": ("账户", "account"),
    "station_identity": ("本计票站密钥", "this station's key"),
    "station": ("计票站", "station"),
    "package_import": ("数据包导入", "package import"),
    "audit_entry": ("审计日志", "audit log"),
    "backup": ("备份", "backup"),
}

#: Characters of a summary before it is cut with "…".
SUMMARY_CHARS = 120
#: Keys a summary leaves out: the entry names them already.
_NOT_SUMMARISED = frozenset({"id", "campaign_id"})


def _pick(pair: tuple[str, str] | None, code: str, language: str | None) -> str:
    if pair is None:
        return code
    return pair[1] if (language or messages.current_language()) == "en" else pair[0]


def action_label(code: str, language: str | None = None) -> str:
    return _pick(ACTION_LABELS.get(code), code, language)


def entity_label(name: str, language: str | None = None) -> str:
    return _pick(ENTITY_LABELS.get(name), name, language)


def _value(value: Any) -> str:
    if value is None or value == "":
        return "∅"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return canonical_json(value)


def summary(before: dict[str, Any] | None, after: dict[str, Any] | None,
            language: str | None = None, limit: int = SUMMARY_CHARS) -> str:
    """``状态: nominated → shortlisted; 备注: ∅ → 通过`` (ids left out), cut at ``limit``."""
    keys = [k for k in {**(before or {}), **(after or {})} if k not in _NOT_SUMMARISED]
    parts = []
    for key in keys:
        name = field_label(key, language)
        if before is not None and after is not None:
            parts.append(f"{name}: {_value(before.get(key))} → {_value(after.get(key))}")
        elif after is not None:
            parts.append(f"{name}: {_value(after.get(key))}")
        else:
            parts.append(f"{name}: {_value((before or {}).get(key))} → ∅")
    text = "; ".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"
