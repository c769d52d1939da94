"""Online votes: sources, the import of platform exports (preview → all-or-nothing commit),
withdrawal, the flagged-vote report.

``Online.preview()`` reads the file (:mod:`online_read`), maps and counts it
(:mod:`online_plan`, :mod:`online_votes`) and writes nothing. ``Online.commit()`` checks that
the file is unchanged (SHA-256), that it was not imported already, that the source settings
and candidates are those of the preview, and writes the import, its per-candidate totals, its
flagged rows, the mapping (for the next file of the same shape) and the audit entry in one
transaction. The database keeps totals and flagged rows, not every vote: a million-row export
stays in the organiser's archive, recognised by its hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ballotformat import messages
from ballotformat.messages import BySeverity, Message, RuleError, error, info, warning
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import Permission
from desktop.core.online.analysis import MappingAnalysis, analyse
from desktop.core.online.match import CandidateIndex, Mapping, suggest_mapping
from desktop.core.online.plan import FlaggedRow, parse
from desktop.core.online.read import Grid, read_grid
from desktop.core.online.results import (
    FlagInfo,
    ImportInfo,
    candidate_index,
    flagged,
    import_rows,
    imports,
)
from desktop.core.online.votes import PERIODS, FraudRules, shared_rows
from desktop.core.store import (
    Campaign,
    Database,
    OnlineImport,
    OnlineMapping,
    OnlineSource,
    OnlineTotal,
)
from desktop.core.tabular import encoding_warnings, shape_key

log = logging.getLogger(__name__)

messages.register({
    "online_already_imported": (
        "文件“{file}”已于 {at} 导入（来源“{source}”，导入编号 {id}），未做任何更改。",
        "“{file}” was already imported on {at} (source “{source}”, import {id}); nothing "
        "changed.",
    ),
    "online_same_totals": (
        "文件“{file}”中各候选对象的票数与导入 {id}（文件“{earlier}”，来源“{source}”，{at}）"
        "完全相同：同样的数据不能计两次。如确为另一批投票，请先撤回导入 {id}。",
        "The votes per candidate in “{file}” are exactly those of import {id} (“{earlier}”, "
        "source “{source}”, {at}): the same data cannot count twice. If these are other votes, "
        "withdraw import {id} first.",
    ),
    "online_same_rows": (
        "文件“{file}”与导入 {id}（文件“{earlier}”，来源“{source}”，{at}）有相同的投票记录"
        "（约占记录较少一方的 {share}%）：同样的投票不能计两次。如为累计导出，请先撤回导入 {id} "
        "再导入。",
        "“{file}” and import {id} (“{earlier}”, source “{source}”, {at}) hold the same vote "
        "rows (about {share}% of the smaller one's): the same votes cannot count twice. For a "
        "cumulative export, withdraw import {id} first.",
    ),
    "online_new_source": ("将新建来源“{source}”。", "The source “{source}” will be created."),
    "online_settings_changed": (
        "预览之后来源设置或候选对象有变化，请重新预览。",
        "The source settings or the candidates changed since the preview; preview again.",
    ),
    "online_bad_period": ("限票周期应为 day 或 total，而不是“{value}”。",
                          "The limit period must be day or total, not “{value}”."),
    "online_bad_threshold": ("{name} 必须是正整数，而不是 {value}。",
                             "{name} must be a positive whole number, not {value}."),
    "online_import_done": (
        "已导入来源“{source}”的 {rows} 行：{votes} 票，其中 {flagged} 行被标记（导入编号 {id}）。",
        "Imported {rows:|row|rows} of source “{source}”: {votes:|vote|votes}, "
        "{flagged:|row|rows} flagged (import {id}).",
    ),
    "online_withdrawn": ("导入 {id} 已于 {at} 撤回。", "Import {id} was withdrawn on {at}."),
    "online_withdraw_note": ("撤回导入需要填写说明。", "Withdrawing an import needs a note."),
    "online_no_import": ("找不到导入 {id}。", "No import {id} was found."),
    "online_no_source": ("找不到来源“{source}”。", "No source “{source}” was found."),
})


#: The share of rows two per-vote files hold both (of the smaller file's) that refuses the
#: second (half: a re-save or a cumulative export shares all; two honest files next to none).
SAME_ROWS_SHARE = 0.5


@dataclass(frozen=True)
class SourceInfo:
    id: int
    campaign_id: int
    name: str
    rules: FraudRules

    @classmethod
    def of(cls, s: OnlineSource) -> SourceInfo:
        return cls(s.id, s.campaign_id, s.name, _rules(s))


@dataclass(frozen=True)
class OnlinePreview(BySeverity):
    campaign_id: int
    source: str
    path: Path
    sha256: str
    encoding: str | None
    sheet: str | None
    #: "totals" or "votes".
    shape: str
    headers: tuple[str, ...]
    mapping: Mapping
    #: "file" (given), "saved" (from the database) or "suggested".
    mapping_origin: str
    rules: FraudRules
    rows: int
    totals: dict[int, int]
    unflagged: dict[int, int]
    flags: tuple[FlaggedRow, ...]
    messages: tuple[Message, ...]
    #: The candidates the preview matched against (re-checked at commit).
    candidate_ids: frozenset[int]
    #: Per-vote files: the kept row fingerprints and their modulus (``online_votes``).
    row_sample: tuple[int, ...] = ()
    sample_modulus: int = 1

    @property
    def votes(self) -> int:
        return sum(self.totals.values())


def _rules(s: OnlineSource) -> FraudRules:
    return FraudRules(s.voter_limit, s.voter_limit_period, s.ip_burst_votes,
                      s.ip_burst_seconds, s.spike_votes_per_minute)


def _source(s: Session, campaign_id: int, name: str) -> OnlineSource | None:
    return s.scalar(select(OnlineSource).where(OnlineSource.campaign_id == campaign_id,
                                               OnlineSource.name == name.strip()))


class Online:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def imports(self, campaign_id: int, source: str | None = None,
                withdrawn: bool = True) -> list[ImportInfo]:
        """The campaign's imports, newest first (see :func:`online.results.imports`)."""
        return imports(self.db, campaign_id, source, withdrawn)

    def flagged(self, campaign_id: int, source: str | None = None) -> list[FlagInfo]:
        """The rows the fraud rules flagged (:func:`online.results.flagged`)."""
        return flagged(self.db, campaign_id, source)

    # -- sources -------------------------------------------------------------------------
    def set_source(self, campaign_id: int, name: str, rules: FraudRules | None = None,
                   ) -> SourceInfo:
        """Create the source ``name`` or change its fraud settings (audited)."""
        self.actor.require(Permission.MANAGE_RESULTS)
        rules = rules or FraudRules()
        problems = [] if rules.voter_limit_period in PERIODS else [
            error("online_bad_period", value=rules.voter_limit_period)]
        for key in ("ip_burst_votes", "ip_burst_seconds", "spike_votes_per_minute",
                    "voter_limit"):
            value = getattr(rules, key)
            if value is not None and (not isinstance(value, int) or value < 1):
                problems.append(error("online_bad_threshold", name=key, value=value))
        if not name.strip():
            problems.append(error("missing_field", field="name"))
        if problems:
            raise RuleError(problems)
        with self.db.transaction() as s:
            source = _source(s, campaign_id, name)
            before = audit.snapshot(source) if source else None
            if source is None:
                source = OnlineSource(campaign_id=campaign_id, name=name.strip())
                s.add(source)
            for key, value in vars(rules).items():
                setattr(source, key, value)
            s.flush()
            audit.record(s, actor=self.actor, action="online_source.set", entity="online_source",
                         entity_id=source.id, campaign_id=campaign_id, before=before,
                         after=audit.snapshot(source))
            return SourceInfo.of(source)

    def sources(self, campaign_id: int) -> list[SourceInfo]:
        with self.db.transaction() as s:
            return [SourceInfo.of(x) for x in s.scalars(select(OnlineSource).where(
                OnlineSource.campaign_id == campaign_id).order_by(OnlineSource.id))]

    # -- mappings ------------------------------------------------------------------------
    def saved_mapping(self, campaign_id: int, headers: tuple[str, ...]) -> Mapping | None:
        with self.db.transaction() as s:
            saved = s.scalar(select(OnlineMapping).where(
                OnlineMapping.campaign_id == campaign_id,
                OnlineMapping.shape == shape_key(headers)))
            return Mapping.from_json(saved.mapping) if saved else None

    def suggest_mapping(self, campaign_id: int, path: Path | str) -> Mapping:
        """The saved mapping of this file's shape, else a guess (for the GUI's wizard)."""
        self.actor.require(Permission.MANAGE_RESULTS)  # before the file is read
        with self.db.transaction() as s:
            index = candidate_index(s, campaign_id)
            known = self._known_headers(s, campaign_id, index)
        grid = read_grid(path, known)
        return (self.saved_mapping(campaign_id, grid.headers)
                or suggest_mapping(grid.headers, grid.sample(), index))

    def _known_headers(self, s: Session, campaign_id: int, index: CandidateIndex) -> set[str]:
        known = set(index.categories.values())
        for headers, mapping in s.execute(select(OnlineMapping.headers, OnlineMapping.mapping)
                                          .where(OnlineMapping.campaign_id == campaign_id)):
            if "for" not in mapping:  # the candidate import's mappings say what they are for
                known.update(headers)
        return known

    # -- import --------------------------------------------------------------------------
    def preview(self, campaign_id: int, path: Path | str, source: str,
                mapping: Mapping | None = None, encoding: str | None = None) -> OnlinePreview:
        """Read, map and count ``path`` without writing; ``encoding`` reads a text file in that
        encoding instead of the detected one. An unreadable file raises
        ``tabular.TableError`` (a ``RuleError``) with one message. Refused before the file is
        read for a role that may not import."""
        return self._read(campaign_id, path, source, mapping, encoding)[0]

    def analyse(self, campaign_id: int, path: Path | str, source: str,
                mapping: Mapping | None = None, encoding: str | None = None) -> MappingAnalysis:
        """The preview, with the columns' first cells and the option texts' matches, from one
        reading of the file (as :meth:`preview`)."""
        return analyse(*self._read(campaign_id, path, source, mapping, encoding))

    def _read(self, campaign_id: int, path: Path | str, source: str, mapping: Mapping | None,
              encoding: str | None) -> tuple[OnlinePreview, Grid, CandidateIndex]:
        self.actor.require(Permission.MANAGE_RESULTS)
        path = Path(path).absolute()
        with self.db.transaction() as s:
            s.get_one(Campaign, campaign_id)
            index = candidate_index(s, campaign_id)
            known = self._known_headers(s, campaign_id, index) | set(
                (mapping or Mapping()).columns)
            existing = _source(s, campaign_id, source)
            rules = _rules(existing) if existing else FraudRules()
        grid = read_grid(path, known, encoding)
        saved = None if mapping else self.saved_mapping(campaign_id, grid.headers)
        origin = "file" if mapping else "saved" if saved else "suggested"
        parsed = parse(grid, index, mapping or saved, rules)
        notes = encoding_warnings(path.name, grid.encoding, grid.encoding_sample,
                                  grid.alternatives)
        if not existing:
            notes.append(warning("online_new_source", source=source))
        preview = OnlinePreview(
            campaign_id, source.strip(), path, grid.sha256, grid.encoding, grid.sheet,
            parsed.shape, grid.headers, parsed.mapping, origin, rules, parsed.rows,
            parsed.totals, parsed.unflagged, tuple(parsed.flags), (),
            frozenset(c.id for c in index.candidates), parsed.row_sample, parsed.sample_modulus)
        with self.db.transaction() as s:
            done = self._imported(s, preview)
        return replace(preview, messages=tuple(done + notes + parsed.messages)), grid, index

    def _imported(self, s: Session, preview: OnlinePreview) -> list[Message]:
        """Why ``preview`` holds what an earlier import (not withdrawn) holds already: the same
        file, the same votes per candidate, or (per-vote files) the same rows."""
        name = preview.path.name
        earlier_imports = s.scalars(select(OnlineImport).where(
            OnlineImport.campaign_id == preview.campaign_id,
            OnlineImport.withdrawn_at.is_(None)).order_by(OnlineImport.id)).all()
        for earlier in earlier_imports:
            source = s.get_one(OnlineSource, earlier.source_id).name
            at = earlier.imported_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if earlier.sha256 == preview.sha256:
                return [error("online_already_imported", file=name, id=earlier.id,
                              source=source, at=at)]
            totals = {row.candidate_id: row.votes for row in s.execute(
                select(OnlineTotal.candidate_id, OnlineTotal.votes).where(
                    OnlineTotal.import_id == earlier.id))}
            named = {"file": name, "id": earlier.id, "earlier": earlier.file_name,
                     "source": source, "at": at}
            rows = earlier.settings.get("rows") or {}
            share = shared_rows(preview.row_sample, preview.sample_modulus,
                                tuple(rows.get("sample", ())), int(rows.get("modulus", 1)))
            if share >= SAME_ROWS_SHARE:
                return [error("online_same_rows", share=round(share * 100), **named)]
            if preview.totals and {k: v for k, v in totals.items() if v} == {
                    k: v for k, v in preview.totals.items() if v}:
                return [error("online_same_totals", **named)]
        return []

    def commit(self, preview: OnlinePreview) -> int:
        """Write what ``preview`` showed, all or nothing; returns the import's id. Raises
        ``RuleError`` (``import_has_errors`` first, then every error)."""
        self.actor.require(Permission.MANAGE_RESULTS)
        if preview.errors:
            raise RuleError([error("import_has_errors", count=len(preview.errors)),
                             *preview.errors])
        try:
            with preview.path.open("rb") as file:  # in pieces: no copy of the whole file
                changed = hashlib.file_digest(file, "sha256").hexdigest() != preview.sha256
        except OSError:
            changed = True
        if changed:
            raise RuleError([error("file_changed", file=preview.path.name)])
        with self.db.transaction() as s:
            campaign_id = preview.campaign_id
            problems = self._imported(s, preview)
            source = _source(s, campaign_id, preview.source)
            index = candidate_index(s, campaign_id)
            if (source and _rules(source) != preview.rules) or not (
                    set(preview.totals) <= {c.id for c in index.candidates}):
                problems.append(error("online_settings_changed"))
            if problems:
                raise RuleError(problems)
            if source is None:
                source = OnlineSource(campaign_id=campaign_id, name=preview.source,
                                      **vars(preview.rules))
                s.add(source)
                s.flush()
                audit.record(s, actor=self.actor, action="online_source.set",
                             entity="online_source", entity_id=source.id,
                             campaign_id=campaign_id, after=audit.snapshot(source))
            row = OnlineImport(
                campaign_id=campaign_id, source_id=source.id, file_name=preview.path.name,
                sha256=preview.sha256, shape=preview.shape, rows=preview.rows,
                flagged_rows=len(preview.flags), encoding=preview.encoding, sheet=preview.sheet,
                settings={"mapping": preview.mapping.to_json(), "rules": vars(preview.rules),
                          "mapping_origin": preview.mapping_origin,
                          "rows": {"modulus": preview.sample_modulus,
                                   "sample": list(preview.row_sample)}},
                imported_by=self.actor.name)
            s.add(row)
            s.flush()
            import_rows(s, row.id, preview.totals, preview.unflagged, preview.flags)
            self._save_mapping(s, campaign_id, preview.headers, preview.mapping)
            audit.record(s, actor=self.actor, action="online.import", entity="online_import",
                         entity_id=row.id, campaign_id=campaign_id, after={
                             "file": row.file_name, "sha256": row.sha256, "source": source.name,
                             "shape": row.shape, "rows": row.rows, "votes": preview.votes,
                             "unflagged": sum(preview.unflagged.values()),
                             "flagged_rows": row.flagged_rows, "encoding": row.encoding},
                         covers=(row,))
        log.info("imported online source %s into campaign %d from %s: %d rows, %d votes, "
                 "%d rows flagged", preview.source, campaign_id, preview.path.name,
                 preview.rows, preview.votes, len(preview.flags))
        return row.id

    def _save_mapping(self, s: Session, campaign_id: int, headers: tuple[str, ...],
                      mapping: Mapping) -> None:
        shape = shape_key(headers)
        saved = s.scalar(select(OnlineMapping).where(OnlineMapping.campaign_id == campaign_id,
                                                     OnlineMapping.shape == shape))
        if saved is None:
            saved = OnlineMapping(campaign_id=campaign_id, shape=shape, saved_by=self.actor.name)
            s.add(saved)
        saved.headers, saved.mapping = list(headers), mapping.to_json()

    def import_message(self, import_id: int) -> Message:
        with self.db.transaction() as s:
            row = s.get_one(OnlineImport, import_id)
            votes = sum(s.scalars(select(OnlineTotal.votes).where(
                OnlineTotal.import_id == import_id)))
            return info("online_import_done", source=s.get_one(OnlineSource, row.source_id).name,
                        rows=row.rows, votes=votes, flagged=row.flagged_rows, id=row.id)

    def withdraw(self, import_id: int, note: str) -> None:
        """Withdraw an import (its totals stop counting); a recorded action with a note."""
        self.actor.require(Permission.MANAGE_RESULTS)
        if not note.strip():
            raise RuleError([error("online_withdraw_note")])
        with self.db.transaction() as s:
            row = s.get(OnlineImport, import_id)
            if row is None:
                raise RuleError([error("online_no_import", id=import_id)])
            if row.withdrawn_at is not None:
                raise RuleError([error("online_withdrawn", id=import_id, at=row.withdrawn_at
                                       .astimezone().strftime("%Y-%m-%d %H:%M"))])
            before = audit.snapshot(row)
            row.withdrawn_at, row.withdrawn_by = dt.datetime.now(dt.UTC), self.actor.name
            row.withdraw_note = note.strip()
            audit.record(s, actor=self.actor, action="online.withdraw", entity="online_import",
                         entity_id=row.id, campaign_id=row.campaign_id, before=before,
                         after=audit.snapshot(row), covers=(row,))

