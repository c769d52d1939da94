"""Exporting the registry to .xlsx or .csv, in a form the importer reads back.

One row per candidate in ballot order (category order, then number, then registry order),
under the canonical Chinese headers of :data:`importing.HEADERS`; numbers as printed
(``01``), sex as 男/女, birth as stored (``1985-06``), plus the review status and note. CSV is
UTF-8 with a BOM, so that Excel opens the Chinese text correctly. The file is written beside
its target and moved into place, so a failed export never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ballotformat.messages import RuleError, error
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import Permission
from desktop.core.labels import label
from desktop.core.registry.candidates import CandidateInfo, Candidates, format_number
from desktop.core.registry.importing import HEADERS
from desktop.core.store import Database
from desktop.core.tabular import append_rows, write_csv_rows

COLUMNS = ("category", "number", "name", "unit", "sex", "birth", "political", "post",
           "awards", "summary", "status", "review_note")
SUFFIXES = frozenset({".xlsx", ".csv"})
#: Exported files are for the committee and the importer: always in Chinese.
EXPORT_LANGUAGE = "zh_CN"
#: Column widths in the .xlsx (characters), so a summary does not hide everything else.
_WIDTHS = (20, 6, 16, 16, 6, 10, 10, 24, 30, 50, 10, 24)


def header_row() -> list[str]:
    return [HEADERS[key][0] for key in COLUMNS]


def candidate_row(c: CandidateInfo) -> list[str]:
    return [c.category, format_number(c.number), c.name, c.unit,
            label(c.sex, EXPORT_LANGUAGE) if c.sex else "", c.birth or "", c.political, c.post,
            c.awards, c.summary, label(c.status, EXPORT_LANGUAGE), c.review_note]


class Exporter:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def export(self, campaign_id: int, path: Path | str) -> int:
        """Write the campaign's candidates to ``path`` (.xlsx or .csv, by its extension);
        returns how many. Raises ``RuleError`` (file_unsupported, file_write_failed)."""
        self.actor.require(Permission.EXPORT)
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise RuleError([error("file_unsupported", file=path.name)])
        candidates = Candidates(self.db, self.actor).list(campaign_id)
        rows = [header_row(), *(candidate_row(c) for c in candidates)]
        temporary: Path | None = None
        try:
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}.",
                                             suffix=suffix, delete=False) as handle:
                temporary = Path(handle.name)
            if suffix == ".csv":
                _write_csv(temporary, rows)
            else:
                _write_xlsx(temporary, rows)
            os.replace(temporary, path)
        except OSError as exc:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    temporary.unlink()
            raise RuleError([error("file_write_failed", file=path.name,
                                   reason=exc.strerror or exc)]) from exc
        # The file holds personal data (birth dates, affiliations): who took it is recorded.
        with self.db.transaction() as s:
            audit.record(s, actor=self.actor, action="export", entity="campaign",
                         entity_id=campaign_id, campaign_id=campaign_id,
                         after={"file": path.name, "count": len(candidates)})
        return len(candidates)


def _write_csv(path: Path, rows: Sequence[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        write_csv_rows(handle, rows)


def _write_xlsx(path: Path, rows: Sequence[Sequence[str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "候选对象"
    append_rows(sheet, rows)
    for row_cells in sheet.iter_rows():
        for cell in row_cells:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column >= 8)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    book.save(path)
