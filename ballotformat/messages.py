"""Messages of the domain core in Simplified Chinese and English.

The core has no Qt, so it cannot use ``tr()``. Each rule, import problem or refusal is a
:class:`Message`: a code from :data:`CATALOG`, parameters and a severity. The CLI and the GUI
render it in the user's language. A test keeps both languages complete.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
LANG_ENV_VAR = "BALLOTDESK_LANG"


class Severity(StrEnum):
    ERROR = "error"  # the change is refused
    WARNING = "warning"  # allowed, but said; the GUI asks for confirmation
    INFO = "info"  # a report of what was done


class _Formatter(string.Formatter):
    """``str.format`` plus English plurals: ``{count:|error|errors}`` gives "1 error" and
    "3 errors" (Chinese needs none: "{count} 个错误")."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith(PLURAL_MARK):
            one, many = format_spec[1:].split(PLURAL_MARK)
            return f"{value} {one if value == 1 else many}"
        return str(super().format_field(value, format_spec))


PLURAL_MARK = "|"
_FORMATTER = _Formatter()

# code -> (Chinese, English). Parameters use str.format names; an English count takes its
# noun's two forms: {count:|error|errors}.
CATALOG: dict[str, tuple[str, str]] = {
    # -- registry rules ---------------------------------------------------------------------
    "unit_over_quota": (
        "推荐单位“{unit}”在奖项“{category}”中推荐了 {count} 名，超过限额 {quota} 名。",
        "Nominating unit “{unit}” has {count:|nomination|nominations} in “{category}”, over its "
        "quota of {quota}.",
    ),
    "duplicate_number": (
        "奖项“{category}”中已有编号 {number}（{other}）。",
        "Number {number} is already used in “{category}” (by {other}).",
    ),
    "duplicate_name": (
        "奖项“{category}”中已有同名候选对象“{name}”，请确认不是重复推荐。",
        "“{category}” already has a candidate named “{name}”; check that it is not nominated "
        "twice.",
    ),
    "missing_field": ("缺少必填项：{field}。", "Required field missing: {field}."),
    "summary_too_long": (
        "“{name}”的事迹简介有 {length} 字，超过上限 {limit} 字。",
        "The summary of “{name}” has {length} characters, over the limit of {limit}.",
    ),
    "unprintable_chars": (
        "“{name}”中的字符 {chars} 在选票字体中缺失，无法印在选票上。",
        "“{name}” contains {chars}, which the ballot font cannot print.",
    ),
    "invalid_number": (
        "编号必须是正整数，而不是“{value}”。",
        "The number must be a positive whole number, not “{value}”.",
    ),
    "invalid_value": (
        "{field}的值“{value}”无法识别。",
        "{field}: “{value}” is not a recognised value.",
    ),
    "invalid_count": (
        "{field}必须是 1 到 {maximum} 之间的整数，而不是 {value}。",
        "{field} must be a whole number from 1 to {maximum}, not {value}.",
    ),
    "name_taken": ("“{name}”已存在。", "“{name}” already exists."),
    "not_found": ("找不到{field}“{name}”。", "No {field} “{name}” was found."),
    "no_campaign": (
        "还没有评选活动。请先创建一个（ballotdesk campaign create 名称）。",
        "There is no campaign yet. Create one first (ballotdesk campaign create NAME).",
    ),
    "several_campaigns": (
        "有多个评选活动，请用 --campaign 指定。",
        "There are several campaigns; choose one with --campaign.",
    ),
    "unit_has_candidates": (
        "推荐单位“{unit}”还有 {count} 名候选对象，不能删除。",
        "Nominating unit “{unit}” still has {count:|candidate|candidates} and cannot be deleted.",
    ),
    "category_has_candidates": (
        "奖项“{category}”还有 {count} 名候选对象，不能删除。",
        "Category “{category}” still has {count:|candidate|candidates} and cannot be deleted.",
    ),
    "quota_now_exceeded": (
        "调整后，推荐单位“{unit}”在奖项“{category}”中超出限额（{count}/{quota}）。",
        "After this change, “{unit}” is over its quota in “{category}” ({count}/{quota}).",
    ),
    "bad_photo": (
        "无法读取照片“{file}”：不是可识别的图片文件。",
        "Cannot read the photo “{file}”: it is not a recognised image file.",
    ),
    # -- import and export (tabular.py, importing.py, exporting.py) --------------------------
    "file_not_found": ("找不到文件“{file}”。", "File “{file}” was not found."),
    "file_unreadable": (
        "无法读取文件“{file}”：{reason}",
        "Cannot read “{file}”: {reason}",
    ),
    "file_empty": ("文件“{file}”是空的。", "File “{file}” is empty."),
    "file_unsupported": (
        "不支持文件“{file}”的格式：请使用 .xlsx、.xls 或 .csv 文件。",
        "The format of “{file}” is not supported: use an .xlsx, .xls or .csv file.",
    ),
    "file_binary": (
        "文件“{file}”不是文本表格（可能是改了扩展名的其他文件）。",
        "“{file}” is not a text table (perhaps another kind of file renamed).",
    ),
    "file_encoding": (
        "无法识别文件“{file}”的编码：请另存为 UTF-8、GBK 或 Big5 编码的 CSV，或 .xlsx 文件。",
        "Cannot tell the encoding of “{file}”: save it as a UTF-8, GBK or Big5 CSV, or as "
        ".xlsx.",
    ),
    "file_corrupt": (
        "无法打开 Excel 文件“{file}”：文件已损坏或不是 .xlsx 格式。",
        "Cannot open the Excel file “{file}”: it is damaged or not in .xlsx format.",
    ),
    "file_changed": (
        "文件“{file}”在预览之后被修改过，请重新预览后再导入。",
        "“{file}” has changed since the preview; preview it again before importing.",
    ),
    "file_write_failed": (
        "无法写入文件“{file}”（是否正在 Excel 中打开？）：{reason}",
        "Cannot write “{file}” (is it open in Excel?): {reason}",
    ),
    "header_missing": (
        "文件“{file}”中找不到表头：至少需要“{required}”列。",
        "No header row found in “{file}”: at least the columns “{required}” are needed.",
    ),
    "no_rows": ("文件“{file}”中没有数据行。", "“{file}” has no data rows."),
    "other_sheets_ignored": (
        "只导入了工作表“{sheet}”；其他工作表未导入：{sheets}。",
        "Only the sheet “{sheet}” is imported; these sheets are not: {sheets}.",
    ),
    "row_problem": ("第 {row} 行：{text}", "Row {row}: {text}"),
    "unknown_columns": (
        "以下列无法识别，将被忽略：{columns}。",
        "These columns are not recognised and will be ignored: {columns}.",
    ),
    "missing_categories": (
        "以下奖项尚不存在：{names}。",
        "These categories do not exist yet: {names}.",
    ),
    "missing_units": (
        "以下推荐单位尚不存在：{names}。",
        "These nominating units do not exist yet: {names}.",
    ),
    "create_missing_hint": (
        "确认后可一并创建（命令行：--create-missing）。",
        "They can be created along with the import (CLI: --create-missing).",
    ),
    "categories_to_create": (
        "导入时将新建奖项：{names}（获奖名额默认 {winners} 名，可稍后修改）。",
        "These categories will be created: {names} ({winners:|winner|winners} each; change it "
        "later if needed).",
    ),
    "units_to_create": (
        "导入时将新建推荐单位：{names}（推荐限额 {quota} 名）。",
        "These nominating units will be created: {names} (quota {quota}).",
    ),
    "duplicate_in_file": (
        "奖项“{category}”的编号 {number} 与第 {other_row} 行（{other}）重复。",
        "Number {number} in “{category}” is also used in row {other_row} (by {other}).",
    ),
    "import_has_errors": (
        "导入未执行：有 {count} 个错误，未写入任何数据。",
        "Nothing was imported: {count:|error|errors}; no data was written.",
    ),
    "import_done": (
        "已导入 {count} 名候选对象（新建奖项 {categories} 个、推荐单位 {units} 个）。",
        "Imported {count:|candidate|candidates} (created {categories:|category|categories} and "
        "{units:|unit|units}).",
    ),
    "export_done": (
        "已导出 {count} 名候选对象到“{file}”。",
        "Exported {count:|candidate|candidates} to “{file}”.",
    ),
}

#: Names of fields as users see them, for messages such as ``missing_field``.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "category": ("奖项", "category"),
    "number": ("编号", "number"),
    "name": ("姓名/名称", "name"),
    "unit": ("推荐单位", "nominating unit"),
    "sex": ("性别", "sex"),
    "birth": ("出生年月", "date of birth"),
    "political": ("政治面貌", "political affiliation"),
    "post": ("工作单位及职务", "work unit and post"),
    "awards": ("获奖情况", "awards"),
    "summary": ("事迹简介", "summary"),
    "winners": ("获奖名额", "winners"),
    "max_marks": ("每票最多可选", "marks per ballot"),
    "quota": ("推荐限额", "quota"),
    "campaign": ("评选活动", "campaign"),
    "kind": ("候选对象类型", "candidate kind"),
    "status": ("状态", "status"),
    "review_note": ("审核意见", "review note"),
    "box": ("投票箱", "ballot box"),
}


def register(catalog: dict[str, tuple[str, str]]) -> None:
    """Add a module's own messages (codes must be new), so each feature keeps its texts."""
    clash = set(catalog) & set(CATALOG)
    if clash:
        raise ValueError(f"message codes defined twice: {sorted(clash)}")
    CATALOG.update(catalog)


def current_language() -> str:
    """``$BALLOTDESK_LANG``, else the locale's language, else Chinese."""
    wanted = os.environ.get(LANG_ENV_VAR) or os.environ.get("LC_ALL") or os.environ.get("LANG", "")
    return "en" if wanted.lower().startswith("en") else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Used by the GUI when the user picks a language."""
    os.environ[LANG_ENV_VAR] = language


def field_label(name: str, language: str | None = None) -> str:
    zh, en = FIELD_LABELS.get(name, (name, name))
    return en if (language or current_language()) == "en" else zh


@dataclass(frozen=True)
class Message:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def text(self, language: str | None = None) -> str:
        zh, en = CATALOG[self.code]
        template = en if (language or current_language()) == "en" else zh
        params = {
            key: value.text(language) if isinstance(value, Message) else value
            for key, value in self.params.items()
        }
        if "field" in params:
            params["field"] = field_label(str(params["field"]), language)
        return _FORMATTER.format(template, **params)

    def __str__(self) -> str:
        return self.text()

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "severity": str(self.severity), "message": self.text()}


def list_separator(language: str | None = None) -> str:
    """Between the items of an enumeration: "甲、乙" or "a, b"."""
    return ", " if (language or current_language()) == "en" else "、"


@dataclass(frozen=True)
class JoinedList(Message):
    """Several items joined in the reader's language, as a parameter of another message (its
    text is computed, so its code is not in the catalog). Subclasses say how an item reads."""

    code: str = "joined_list"

    def text(self, language: str | None = None) -> str:
        return list_separator(language).join(self.item(value, language)
                                             for value in self.params["values"])

    def item(self, value: Any, language: str | None) -> str:
        return value.text(language) if isinstance(value, Message) else str(value)


def joined(values: Iterable[Any]) -> JoinedList:
    """Names, numbers or messages as one message parameter: "东湖、西山" / "东湖, 西山"."""
    return JoinedList(params={"values": tuple(values)})


def error(code: str, **params: Any) -> Message:
    return Message(code, params, Severity.ERROR)


def warning(code: str, **params: Any) -> Message:
    return Message(code, params, Severity.WARNING)


def info(code: str, **params: Any) -> Message:
    return Message(code, params, Severity.INFO)


class _Said(Protocol):
    @property
    def messages(self) -> Sequence[Message]: ...


class BySeverity:
    """``errors``, ``warnings`` and ``ok`` of whatever holds ``messages`` (a preview of an
    import, a refusal): one sorting, wherever messages are checked before a commit."""

    __slots__ = ()

    @property
    def errors(self: _Said) -> list[Message]:
        return [m for m in self.messages if m.severity is Severity.ERROR]

    @property
    def warnings(self: _Said) -> list[Message]:
        return [m for m in self.messages if m.severity is Severity.WARNING]

    @property
    def ok(self: _Said) -> bool:
        """Nothing blocks the commit (warnings may remain)."""
        return not any(m.severity is Severity.ERROR for m in self.messages)


class RuleError(BySeverity, Exception):
    """A refused change. Carries every message found, not only the first."""

    def __init__(self, messages: Iterable[Message]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(m.text() for m in self.messages))

    def text(self, language: str | None = None) -> str:
        return "\n".join(m.text(language) for m in self.messages)


def raise_if_refused(messages: list[Message], accept_warnings: bool) -> None:
    """Raise when there is an error, or a warning the caller has not accepted."""
    if any(m.severity is Severity.ERROR for m in messages) or (messages and not accept_warnings):
        raise RuleError(messages)
