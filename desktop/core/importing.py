"""Importing candidates from .xlsx and .csv: a preview first, then an all-or-nothing commit.

``Importer.preview()`` reads the file (:mod:`desktop.core.tabular`), parses each row and applies
the very rules of the service layer (:func:`candidates.check_candidate` with a
:class:`candidates.Batch` holding the earlier rows, so duplicates and quota overflow inside
the file show up too). ``Importer.commit()`` reads the file again, refuses it if it changed
since the preview, re-validates against the database as it is now and writes everything in
one transaction, or nothing.

Duplicate names are warnings (shown, the import goes ahead); every other problem is an error.
Categories and units the file names but the campaign lacks are created when asked
(``create_missing``): a category gets :data:`NEW_CATEGORY_WINNERS` winners and a kind guessed
from its name (:func:`infer_kind`), a unit the campaign's default quota. The columns
状态/审核意见 that the export writes are recognised but not imported: an imported candidate
starts as nominated, and review decisions are made (and audited) in the app.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import audit, rules
from desktop.core.actors import Actor
from desktop.core.candidates import Batch, check_candidate, clean_fields, insert_candidate
from desktop.core.db import Database
from desktop.core.enums import CandidateKind, Permission
from desktop.core.messages import (
    Message,
    RuleError,
    Severity,
    error,
    info,
    joined,
    warning,
)
from desktop.core.models import Campaign, Category, Unit
from desktop.core.rules import CandidateFields
from desktop.core.tabular import Table, TableRow, read_table

#: Column key -> header texts that name it. The first is the canonical header the export
#: writes; all are compared after ``tabular.normalise_header``.
HEADERS: dict[str, tuple[str, ...]] = {
    "category": ("奖项", "类别", "奖项类别", "评选类别", "奖项名称", "category", "award"),
    "number": ("编号", "序号", "候选编号", "number", "no", "no."),
    "name": ("姓名/名称", "姓名", "名称", "候选对象", "候选人", "name"),
    "unit": ("推荐单位", "单位", "nominating unit", "unit"),
    "sex": ("性别", "sex", "gender"),
    "birth": ("出生年月", "出生日期", "birth", "date of birth", "born"),
    "political": ("政治面貌", "political", "political affiliation"),
    "post": ("工作单位及职务", "工作单位和职务", "单位及职务", "工作单位", "职务", "post",
             "work unit and post"),
    "awards": ("获奖情况", "主要荣誉", "荣誉", "awards"),
    "summary": ("事迹简介", "项目简介", "简介", "主要事迹", "summary"),
    # Written by the export, recognised (not "unknown") but not imported: see the docstring.
    "status": ("状态", "status"),
    "review_note": ("审核意见", "review note"),
}
REQUIRED = ("name", "category", "unit")
#: Winners of a category the import creates; the user adjusts it in the registry.
NEW_CATEGORY_WINNERS = 10
#: Words in a category name that tell the kind of its candidates; the first match wins.
KIND_WORDS: tuple[tuple[str, CandidateKind], ...] = (
    ("标兵", CandidateKind.PERSON), ("干部", CandidateKind.PERSON),
    ("个人", CandidateKind.PERSON), ("人物", CandidateKind.PERSON),
    ("窗口", CandidateKind.WINDOW), ("品牌", CandidateKind.BRAND),
    ("项目", CandidateKind.PROJECT),
)
_NUMBER = re.compile(r"[+-]?(\d+)(?:\.0*)?")


def infer_kind(category: str) -> CandidateKind:
    """'十佳优秀服务标兵' → person, '…窗口' → window, '…品牌' → brand, '…项目' → project."""
    return next((kind for word, kind in KIND_WORDS if word in category), CandidateKind.OTHER)


def parse_number(text: str) -> int | None:
    """'01' → 1, '3.0' → 3, '－2' → -2 (the rules refuse it); None when not a whole number."""
    match = _NUMBER.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    return -int(match.group(1)) if match.group(0).startswith("-") else int(match.group(1))


@dataclass(frozen=True)
class ImportRow:
    #: Row number in the file (1-based, as Excel shows it).
    row: int
    #: The file's text per column key.
    cells: Mapping[str, str]
    #: What will be saved (cleaned); an unparseable number, sex or birth is left empty.
    fields: CandidateFields
    messages: tuple[Message, ...]

    @property
    def ok(self) -> bool:
        return all(m.severity is not Severity.ERROR for m in self.messages)


@dataclass(frozen=True)
class ImportPreview:
    campaign_id: int
    path: Path
    sha256: str
    #: "utf-8", "utf-8-sig", "gbk", "gb18030" or "utf-16"; None for .xlsx.
    encoding: str | None
    #: The sheet read from a workbook; None for CSV.
    sheet: str | None
    create_missing: bool
    default_category: str | None
    rows: tuple[ImportRow, ...]
    #: Problems of the file as a whole (missing categories, unknown columns, …).
    file_messages: tuple[Message, ...]
    unknown_columns: tuple[str, ...]
    missing_categories: tuple[str, ...]
    missing_units: tuple[str, ...]

    @property
    def messages(self) -> list[Message]:
        """File messages, then each row's wrapped as "第 N 行：…" with the same severity."""
        return [*self.file_messages, *(
            Message("row_problem", {"row": r.row, "text": m}, m.severity)
            for r in self.rows for m in r.messages)]

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """Nothing blocks the commit (warnings may remain)."""
        return not self.errors

    @property
    def new_category_kinds(self) -> dict[str, CandidateKind]:
        return {name: infer_kind(name) for name in self.missing_categories}


@dataclass(frozen=True)
class ImportResult:
    count: int
    candidate_ids: tuple[int, ...]
    categories_created: tuple[str, ...]
    units_created: tuple[str, ...]
    warnings: tuple[Message, ...]

    @property
    def message(self) -> Message:
        """"Imported N candidates (created C categories and U units)."."""
        return info("import_done", count=self.count, categories=len(self.categories_created),
                    units=len(self.units_created))


class Importer:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def preview(self, campaign_id: int, path: Path | str, create_missing: bool = False,
                default_category: str | None = None) -> ImportPreview:
        """Read and check ``path`` without writing anything. A file that cannot be read at all
        raises ``tabular.TableError`` (a ``RuleError``) with one message."""
        table = _read(Path(path).absolute(), default_category)
        with self.db.transaction() as s:
            return _check(s, s.get_one(Campaign, campaign_id), table, create_missing,
                          default_category)

    def commit(self, preview: ImportPreview, create_missing: bool | None = None) -> ImportResult:
        """Import what ``preview`` showed, all or nothing; ``create_missing`` defaults to the
        preview's. Raises ``RuleError`` (``import_has_errors`` first, then every error)."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        create = preview.create_missing if create_missing is None else create_missing
        table = _read(preview.path, preview.default_category)
        if table.sha256 != preview.sha256:
            raise RuleError([error("file_changed", file=preview.path.name)])
        with self.db.transaction() as s:
            campaign = s.get_one(Campaign, preview.campaign_id)
            checked = _check(s, campaign, table, create, preview.default_category)
            if checked.errors:
                raise RuleError([error("import_has_errors", count=len(checked.errors)),
                                 *checked.errors])
            self._create_missing(s, campaign, checked)
            ids = []
            for row in checked.rows:
                candidate = insert_candidate(s, campaign, row.fields)
                ids.append(candidate.id)
                audit.record(s, actor=self.actor, action="candidate.import", entity="candidate",
                             entity_id=candidate.id, campaign_id=campaign.id,
                             after=audit.snapshot(candidate))
            audit.record(s, actor=self.actor, action="import", entity="campaign",
                         entity_id=campaign.id, campaign_id=campaign.id, after={
                             "file": table.path.name, "sha256": table.sha256,
                             "count": len(ids), "encoding": table.encoding,
                             "sheet": table.sheet,
                             "categories_created": list(checked.missing_categories),
                             "units_created": list(checked.missing_units)})
        return ImportResult(len(ids), tuple(ids), checked.missing_categories,
                            checked.missing_units, tuple(checked.warnings))

    def _create_missing(self, s: Session, campaign: Campaign, checked: ImportPreview) -> None:
        position = s.scalar(select(func.coalesce(func.max(Category.position), 0))
                            .where(Category.campaign_id == campaign.id)) or 0
        created: list[Category | Unit] = []
        for offset, name in enumerate(checked.missing_categories, start=1):
            created.append(Category(
                campaign_id=campaign.id, name=name, winners=NEW_CATEGORY_WINNERS,
                max_marks=NEW_CATEGORY_WINNERS, kind=infer_kind(name), position=position + offset))
        created += [Unit(campaign_id=campaign.id, name=name, quota=campaign.default_quota)
                    for name in checked.missing_units]
        s.add_all(created)
        s.flush()
        for obj in created:
            audit.record(s, actor=self.actor, action=f"{obj.__tablename__}.create",
                         entity=obj.__tablename__, entity_id=obj.id, campaign_id=campaign.id,
                         after=audit.snapshot(obj))


def _read(path: Path, default_category: str | None) -> Table:
    required = [key for key in REQUIRED if not (key == "category" and default_category)]
    return read_table(path, HEADERS, required)


def _parse(row: TableRow, default_category: str | None) -> tuple[CandidateFields, list[Message]]:
    cells = row.cells
    messages: list[Message] = []
    number = sex = birth = None
    if cells.get("number"):
        number = parse_number(cells["number"])
        if number is None:
            messages.append(error("invalid_number", value=cells["number"]))
    if cells.get("sex"):
        sex = rules.parse_sex(cells["sex"])
        if sex is None:
            messages.append(error("invalid_value", field="sex", value=cells["sex"]))
    if cells.get("birth"):
        birth = rules.parse_birth(unicodedata.normalize("NFKC", cells["birth"]))
        if birth is None:
            messages.append(error("invalid_value", field="birth", value=cells["birth"]))
    fields = CandidateFields(
        name=cells.get("name", ""), category=cells.get("category") or default_category or "",
        unit=cells.get("unit", ""), number=number, sex=sex, birth=birth,
        political=cells.get("political", ""), post=cells.get("post", ""),
        awards=cells.get("awards", ""), summary=cells.get("summary", ""))
    return clean_fields(fields), messages


def _check(s: Session, campaign: Campaign, table: Table, create_missing: bool,
           default_category: str | None) -> ImportPreview:
    parsed = [(row, *_parse(row, default_category)) for row in table.rows]
    categories = set(s.scalars(select(Category.name).where(Category.campaign_id == campaign.id)))
    units = set(s.scalars(select(Unit.name).where(Unit.campaign_id == campaign.id)))
    missing_categories = tuple(rules.unique_names(
        f.category for _, f, _ in parsed if f.category and f.category not in categories))
    missing_units = tuple(rules.unique_names(
        f.unit for _, f, _ in parsed if f.unit and f.unit not in units))
    # Check every row as if the missing ones existed, so that all other problems show now;
    # without create_missing, their absence is one error each below.
    batch = Batch(new_categories=set(missing_categories), new_units=set(missing_units))
    first_row: dict[tuple[str, int], tuple[int, str]] = {}
    rows = []
    for table_row, fields, messages in parsed:
        for m in check_candidate(s, campaign, fields, batch=batch):
            earlier = first_row.get((fields.category, fields.number or 0))
            if m.code == "duplicate_number" and earlier is not None:
                messages.append(error("duplicate_in_file", category=fields.category,
                                      number=fields.number, other_row=earlier[0],
                                      other=earlier[1]))
            else:
                messages.append(m)
        batch.add(fields)
        if fields.number is not None:
            first_row.setdefault((fields.category, fields.number), (table_row.number, fields.name))
        rows.append(ImportRow(table_row.number, table_row.cells, fields, tuple(messages)))
    file_messages = _file_messages(campaign, table, create_missing, missing_categories,
                                   missing_units)
    return ImportPreview(
        campaign.id, table.path, table.sha256, table.encoding, table.sheet, create_missing,
        default_category, tuple(rows), tuple(file_messages), table.unknown_columns,
        missing_categories, missing_units)


def _file_messages(campaign: Campaign, table: Table, create_missing: bool,
                   categories: tuple[str, ...], units: tuple[str, ...]) -> list[Message]:
    messages: list[Message] = []
    if create_missing:
        if categories:
            messages.append(warning("categories_to_create", names=joined(categories),
                                    winners=NEW_CATEGORY_WINNERS))
        if units:
            messages.append(warning("units_to_create", names=joined(units),
                                    quota=campaign.default_quota))
    else:
        if categories:
            messages.append(error("missing_categories", names=joined(categories)))
        if units:
            messages.append(error("missing_units", names=joined(units)))
        if categories or units:
            messages.append(warning("create_missing_hint"))
    if table.unknown_columns:
        messages.append(warning("unknown_columns", columns=joined(table.unknown_columns)))
    if table.other_sheets:
        messages.append(warning("other_sheets_ignored", sheet=table.sheet,
                                sheets=joined(table.other_sheets)))
    return messages
