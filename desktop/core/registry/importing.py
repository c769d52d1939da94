"""Importing candidates from .xlsx and .csv: a preview first, then an all-or-nothing commit.

``Importer.preview()`` reads the file (:mod:`desktop.core.tabular`), parses each row and
applies the very rules of the service layer (:func:`candidates.check_candidate` with a
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

序号 is a running row count on nearly every Chinese form, not the ballot number: it is
recognised (so not "unknown") and not imported, unless the user's mapping says otherwise.
What each column means can be set by the user (:meth:`Importer.columns` suggests it; the
preview takes ``mapping``); the mapping of a commit is kept for the next file whose header row
has the same shape. A merged 奖项 cell (one category over several rows) leaves the rows below
its first blank: they take the category above them, and the preview says which rows did.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ballotformat.messages import (
    BySeverity,
    Message,
    RuleError,
    Severity,
    error,
    info,
    joined,
    register,
    warning,
)
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.audit import tracked
from desktop.core.enums import CandidateKind, Permission
from desktop.core.registry import rules
from desktop.core.registry.candidates import Batch, check_candidate, clean_fields, insert_candidate
from desktop.core.registry.rules import CandidateFields
from desktop.core.store import Campaign, Category, Database, OnlineMapping, Unit
from desktop.core.tabular import (
    IGNORE,
    Table,
    TableRow,
    read_table,
    shape_key,
)

log = logging.getLogger(__name__)

register({
    "category_filled_down": (
        "第 {rows} 行的奖项为空（合并单元格），已沿用上方的奖项。",
        "Rows {rows} have no category (a merged cell): they take the category above them.",
    ),
})

#: Column key -> header texts that name it. The first is the canonical header the export
#: writes; all are compared after ``tabular.normalise_header``.
HEADERS: dict[str, tuple[str, ...]] = {
    "category": ("奖项", "类别", "奖项类别", "评选类别", "奖项名称", "推荐奖项", "申报奖项",
                 "参评奖项", "推荐类别", "獎項", "推薦獎項", "category", "award"),
    "number": ("编号", "候选编号", "number", "no", "no."),
    "name": ("姓名/名称", "姓名", "名称", "候选对象", "候选人", "name"),
    "unit": ("推荐单位", "单位", "推薦單位", "單位", "nominating unit", "unit"),
    "sex": ("性别", "性別", "sex", "gender"),
    "birth": ("出生年月", "出生日期", "birth", "date of birth", "born"),
    "political": ("政治面貌", "political", "political affiliation"),
    "post": ("工作单位及职务", "工作单位和职务", "单位及职务", "工作单位", "职务", "post",
             "work unit and post"),
    "awards": ("获奖情况", "主要荣誉", "荣誉", "awards"),
    "summary": ("事迹简介", "项目简介", "简介", "主要事迹", "事蹟簡介", "summary"),
    # Written by the export, recognised (not "unknown") but not imported: see the docstring.
    "status": ("状态", "status"),
    "review_note": ("审核意见", "review note"),
    # A running count of the form's rows: recognised, not imported (see the docstring).
    "row_count": ("序号", "序號", "行号", "row"),
}
#: The keys a user may give a column in the mapping step, in the order offered.
MAPPABLE = ("category", "number", "name", "unit", "sex", "birth", "political", "post",
            "awards", "summary", "row_count")
#: Keeps the candidate import's saved mappings apart from the online import's.
MAPPING_KIND = "candidates"
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
class ColumnGuess:
    """What :meth:`Importer.columns` suggests a file's columns mean."""

    #: The header's texts, in file order.
    headers: tuple[str, ...]
    #: header → key of :data:`HEADERS` or ``tabular.IGNORE``.
    mapping: dict[str, str]
    #: "saved" (the last import of this shape) or "suggested" (the header texts).
    origin: str
    #: header → its first cells, joined.
    samples: dict[str, str]


@dataclass(frozen=True)
class ImportPreview(BySeverity):
    campaign_id: int
    path: Path
    sha256: str
    #: See ``tabular.Decoded``; None for a workbook.
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
    #: The header's texts and what each was read as (key or ``tabular.IGNORE``).
    headers: tuple[str, ...] = ()
    mapping: Mapping[str, str] = field(default_factory=dict)
    #: Other encodings that decode the file (see ``tabular.Table.alternatives``).
    alternatives: tuple[tuple[str, str], ...] = ()

    @property
    def messages(self) -> list[Message]:
        """File messages, then each row's wrapped as "第 N 行：…" with the same severity."""
        return [*self.file_messages, *(
            Message("row_problem", {"row": r.row, "text": m}, m.severity)
            for r in self.rows for m in r.messages)]

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

    def columns(self, campaign_id: int, path: Path | str,
                encoding: str | None = None) -> ColumnGuess:
        """What the file's columns are taken to mean: the mapping saved for its shape, else the
        header texts' (for the wizard's mapping step). Raises ``TableError`` like preview.
        Refused before the file is read for a role that may not import."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        path = Path(path).absolute()
        probe = read_table(path, HEADERS, (), None, encoding)
        with self.db.transaction() as s:
            saved = _saved_mapping(s, campaign_id, probe.headers)
        table = read_table(path, HEADERS, (), saved, encoding) if saved else probe
        # Every header as its own key, to show each column's first cells.
        raw = read_table(path, {}, (), {h: h for h in table.headers if h}, encoding)
        samples = {h: "、".join(c for c in (row.cells.get(h, "") for row in raw.rows[:3]) if c)
                   for h in table.headers if h}
        return ColumnGuess(table.headers, mapping_of(table), "saved" if saved else "suggested",
                           samples)

    def preview(self, campaign_id: int, path: Path | str, create_missing: bool = False,
                default_category: str | None = None, mapping: Mapping[str, str] | None = None,
                encoding: str | None = None) -> ImportPreview:
        """Read and check ``path`` without writing anything. ``mapping`` (header → key or
        ``tabular.IGNORE``) defaults to the one saved for the file's shape; ``encoding`` reads
        a text file in that encoding. A file that cannot be read at all raises
        ``tabular.TableError`` (a ``RuleError``) with one message. Refused before the file is
        read for a role that may not import."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        path = Path(path).absolute()
        with self.db.transaction() as s:
            table = _read(s, campaign_id, path, default_category, mapping, encoding)
            return _check(s, s.get_one(Campaign, campaign_id), table, create_missing,
                          default_category)

    def commit(self, preview: ImportPreview, create_missing: bool | None = None) -> ImportResult:
        """Import what ``preview`` showed, all or nothing; ``create_missing`` defaults to the
        preview's. Keeps the preview's mapping for the next file of the same shape. Raises
        ``RuleError`` (``import_has_errors`` first, then every error)."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        create = preview.create_missing if create_missing is None else create_missing
        with self.db.transaction() as s:
            table = _read(s, preview.campaign_id, preview.path, preview.default_category,
                          preview.mapping, preview.encoding)
            if table.sha256 != preview.sha256:
                raise RuleError([error("file_changed", file=preview.path.name)])
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
                             after=audit.snapshot(candidate), covers=(candidate,))
            self._save_mapping(s, campaign.id, table)
            audit.record(s, actor=self.actor, action="import", entity="campaign",
                         entity_id=campaign.id, campaign_id=campaign.id, after={
                             "file": table.path.name, "sha256": table.sha256,
                             "count": len(ids), "encoding": table.encoding,
                             "sheet": table.sheet, "mapping": mapping_of(table),
                             "categories_created": list(checked.missing_categories),
                             "units_created": list(checked.missing_units)})
        log.info("imported %d candidates into campaign %d from %s%s, %d categories and "
                 "%d units created", len(ids), preview.campaign_id, table.path.name,
                 f" ({table.encoding})" if table.encoding else "",
                 len(checked.missing_categories), len(checked.missing_units))
        return ImportResult(len(ids), tuple(ids), checked.missing_categories,
                            checked.missing_units, tuple(checked.warnings))

    def _save_mapping(self, s: Session, campaign_id: int, table: Table) -> None:
        shape = shape_key(table.headers, MAPPING_KIND)
        saved = s.scalar(select(OnlineMapping).where(OnlineMapping.campaign_id == campaign_id,
                                                     OnlineMapping.shape == shape))
        if saved is None:
            saved = OnlineMapping(campaign_id=campaign_id, shape=shape, saved_by=self.actor.name)
            s.add(saved)
        saved.headers = list(table.headers)
        saved.mapping = {"for": MAPPING_KIND, "columns": mapping_of(table)}

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
                         after=audit.snapshot(obj), covers=tracked(obj))


def mapping_of(table: Table) -> dict[str, str]:
    """What each header of ``table`` was read as: its key, or ``tabular.IGNORE``."""
    keys = {column: key for key, column in table.columns.items()}
    return {h: keys.get(i, IGNORE) for i, h in enumerate(table.headers) if h}


def _saved_mapping(s: Session, campaign_id: int, headers: tuple[str, ...],
                   ) -> dict[str, str] | None:
    saved = s.scalar(select(OnlineMapping.mapping).where(
        OnlineMapping.campaign_id == campaign_id,
        OnlineMapping.shape == shape_key(headers, MAPPING_KIND)))
    return dict(saved["columns"]) if saved else None


def _read(s: Session, campaign_id: int, path: Path, default_category: str | None,
          mapping: Mapping[str, str] | None, encoding: str | None) -> Table:
    """The table with ``mapping``, else the one saved for its shape, else the aliases."""
    required = [key for key in REQUIRED if not (key == "category" and default_category)]
    if mapping is None:
        probe = read_table(path, HEADERS, (), None, encoding)
        mapping = _saved_mapping(s, campaign_id, probe.headers)
    return read_table(path, HEADERS, required, mapping, encoding)


def _fill_down(table: Table) -> tuple[list[TableRow], list[int]]:
    """The rows with a blank category taking the one above it (a merged cell), and which."""
    rows, filled, above = [], [], ""
    for row in table.rows:
        category = row.cells.get("category", "")
        if "category" in table.columns and not category and above:
            rows.append(TableRow(row.number, {**row.cells, "category": above}))
            filled.append(row.number)
        else:
            rows.append(row)
            above = category
    return rows, filled


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
    table_rows, filled = _fill_down(table)
    parsed = [(row, *_parse(row, default_category)) for row in table_rows]
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
    if filled:
        file_messages.append(warning("category_filled_down", rows=joined(filled)))
    return ImportPreview(
        campaign.id, table.path, table.sha256, table.encoding, table.sheet, create_missing,
        default_category, tuple(rows), tuple(file_messages), table.unknown_columns,
        missing_categories, missing_units, table.headers, mapping_of(table),
        table.alternatives)


def _file_messages(campaign: Campaign, table: Table, create_missing: bool,
                   categories: tuple[str, ...], units: tuple[str, ...]) -> list[Message]:
    messages: list[Message] = table.encoding_messages
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
