"""The audit log as a file a third party can check without BallotDesk (docs/audit.md).

``.csv`` (UTF-8 with BOM, for Excel/WPS) or ``.jsonl`` (one entry per line). Every entry is
written with ``prev_hash`` and ``hash``; ``at`` is the exact text that was hashed, and in the
CSV ``before``/``after`` are canonical JSON (``null`` when empty), so the hashes can be
recomputed from the file alone. :func:`read_export` reads either format back into rows for
:func:`desktop.core.audit.log.verify_chain`.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ballotformat.messages import RuleError, error, register
from desktop.core.accounts import Actor
from desktop.core.audit import entries as audit
from desktop.core.audit.canonical import at_text, canonical_json
from desktop.core.audit.log import AuditLog, AuditRecord
from desktop.core.enums import Permission
from desktop.core.store import Database
from desktop.core.tabular import csv_text, write_csv_rows

#: Columns of both formats, in order.
EXPORT_COLUMNS = ("id", "at", "actor", "campaign_id", "action", "entity", "entity_id",
                  "before", "after", "prev_hash", "hash")
EXPORT_SUFFIXES = (".csv", ".jsonl")
_NUMBERS = ("campaign_id", "entity_id")
_JSON = ("before", "after")

register({
    "audit_export_suffix": ("审计日志只能导出为 .csv 或 .jsonl 文件，而不是“{file}”。",
                            "The audit log is exported as .csv or .jsonl, not “{file}”."),
    "audit_export_unreadable": ("无法读取审计日志文件“{file}”第 {line} 行：{error}",
                                "Cannot read the audit log file “{file}”, line {line}: {error}"),
})


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise RuleError([error("audit_export_suffix", file=path.name)])
    return suffix


def export_row(entry: AuditRecord) -> dict[str, Any]:
    """An entry as exported to JSON lines (``at`` as hashed)."""
    row = entry.as_dict()
    row["at"] = at_text(entry.at)
    return row


def write_export(entries: Iterable[AuditRecord], path: Path) -> int:
    """Write ``entries`` to ``path`` (through a temporary file: never half a log); the count."""
    suffix = _suffix(path)
    partial = path.with_name(path.name + ".partial")
    count = 0
    try:
        with partial.open("w", encoding="utf-8-sig" if suffix == ".csv" else "utf-8",
                          newline="") as out:
            if suffix == ".csv":
                write_csv_rows(out, [EXPORT_COLUMNS])
            for entry in entries:
                row = export_row(entry)
                if suffix != ".csv":
                    out.write(canonical_json(row) + "\n")
                else:
                    for key in _JSON:
                        row[key] = canonical_json(row[key])
                    write_csv_rows(out, [[row[key] for key in EXPORT_COLUMNS]])
                count += 1
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def export_log(db: Database, actor: Actor, path: Path) -> int:
    """Export the whole log to ``path`` and record that export on the log itself (who took a
    copy of the log, when, which file, up to which entry): the count of entries written."""
    actor.require(Permission.EXPORT)
    count = write_export(AuditLog(db).iter_all(), path)
    with db.transaction() as s:
        audit.record(s, actor=actor, action="audit_export.write", entity="audit_entry",
                     entity_id=None, campaign_id=None,
                     after={"file": path.name, "entries": count})
    return count


def _complete(row: dict[str, Any]) -> dict[str, Any]:
    missing = [key for key in EXPORT_COLUMNS if key not in row]
    if missing:
        raise KeyError(", ".join(missing))
    return row


def _from_csv(written: dict[str, str]) -> dict[str, Any]:
    cells = {key: csv_text(cell) for key, cell in written.items()}
    row: dict[str, Any] = _complete(dict(cells))
    row["id"] = int(cells["id"])
    for key in _NUMBERS:
        row[key] = int(cells[key]) if cells[key] else None
    for key in _JSON:
        row[key] = json.loads(cells[key])
    return row


def read_export(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of an exported file, as :func:`verify_chain` takes them."""
    suffix = _suffix(path)
    line = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as source:
            if suffix == ".csv":
                reader = csv.DictReader(source)
                for cells in reader:
                    line = reader.line_num
                    yield _from_csv(cells)
            else:
                for line, text in enumerate(source, start=1):  # noqa: B007 - reported on error
                    if text.strip():
                        yield _complete(dict(json.loads(text)))
    except (ValueError, KeyError, TypeError) as failed:
        raise RuleError([error("audit_export_unreadable", file=path.name, line=line,
                               error=failed)]) from failed
