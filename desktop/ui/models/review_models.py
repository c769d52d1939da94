"""The review queue as a table, and which targets of a sheet are in question.

:func:`sheet_targets` is plain data over the core's :class:`SheetState` and the stored layout:
the page's targets in the categories a person has to look at, each with how to outline it, and
the ones the zoom panel shows (the boxes in question). Testable without a window.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum
from pathlib import PureWindowsPath
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from ballotformat import Layout
from ballotformat.model import Target
from desktop.core.labels import label_list
from desktop.core.records import SheetState
from desktop.ui.i18n import arg
from desktop.ui.models.ballot_models import serial_label
from desktop.ui.models.rows import Index, RowsModel
from scanning.decide import MarkState
from scanning.reasons import Reason

TargetKey = tuple[str, str]  # (category, candidate number as printed)


class Outline(Enum):
    """How a target is outlined on the sheet image."""

    UNCLEAR = "unclear"  # amber: the reader could not tell
    MARKED = "marked"  # green
    EMPTY = "empty"  # grey
    DECIDED = "decided"  # blue, with a tick: a person decided it


@dataclass(frozen=True)
class SheetTarget:
    target: Target
    state: MarkState
    decided: bool

    @property
    def key(self) -> TargetKey:
        return (self.target.category, self.target.candidate)

    @property
    def outline(self) -> Outline:
        if self.decided:
            return Outline.DECIDED
        return {MarkState.AMBIGUOUS: Outline.UNCLEAR, MarkState.MARKED: Outline.MARKED}.get(
            self.state, Outline.EMPTY)


@dataclass(frozen=True)
class SheetTargets:
    # Every target of the categories in question, in ballot order (outlined on the image).
    outlined: tuple[SheetTarget, ...]
    # The boxes in question (the zoom panel), in ballot order.
    questioned: tuple[SheetTarget, ...]


def sheet_targets(state: SheetState, layout: Layout | None) -> SheetTargets:
    """The targets a reviewer looks at on this sheet.

    A category is in question when it holds an unclear mark or a person's decision, or when it
    is (or, before a person's decisions, may have been) over its limit. In question there are
    the unclear and decided targets, and every marked one in an overvoted category. A sheet held
    for a reason of its own (a duplicate, a wrong page size) puts its marked targets in question
    so the reviewer sees what the sheet would count.
    """
    if layout is None or state.page is None or not 1 <= state.page <= layout.page_count:
        return SheetTargets((), ())
    targets = [SheetTarget(t, state.states.get((t.category, t.candidate), MarkState.EMPTY),
                           (t.category, t.candidate) in state.decided)
               for t in layout.pages[state.page - 1].targets]
    limits = layout.max_marks
    maybe_marked = Counter(t.target.category for t in targets
                           if t.state is MarkState.MARKED or t.decided)
    over = {c for c, n in maybe_marked.items() if n > limits.get(c, n)}
    if Reason.OVERVOTE in state.reasons and not over:  # over across both pages
        over = {t.target.category for t in targets if t.state is MarkState.MARKED}
    questioned = [t for t in targets if t.decided or t.state is MarkState.AMBIGUOUS
                  or (t.target.category in over and t.state is MarkState.MARKED)]
    if not questioned:
        questioned = [t for t in targets if t.state is MarkState.MARKED]
    categories = {t.target.category for t in questioned} or {t.target.category
                                                               for t in targets}
    return SheetTargets(tuple(t for t in targets if t.target.category in categories),
                        tuple(questioned))


def sheet_label(state: SheetState) -> str:
    """``000103 · 第 1 页``, or the sheet's number when its code was not read."""
    if state.serial is None:
        return arg(QCoreApplication.translate("Review", "image %1"), state.sheet_id)
    page = arg(QCoreApplication.translate("Review", "page %1"), state.page or "?")
    return f"{serial_label(state.serial)} · {page}"


def source_name(source: str) -> str:
    """The file name of a source path (Windows or POSIX), else the source as recorded."""
    return PureWindowsPath(source).name or source


class QueueModel(RowsModel):
    """Sheets waiting for a person, in the core's queue order."""

    COL_NUMBER = 0
    COL_SHEET = 1
    COL_REASONS = 2
    COL_SOURCE = 3
    COLUMN_COUNT = 4
    NUMERIC_COLUMNS = frozenset({COL_NUMBER})

    def row_of(self, sheet_id: int) -> int | None:
        for row, state in enumerate(self._rows):
            if state.sheet_id == sheet_id:
                return row
        return None

    def headers(self) -> list[str]:
        return ["#", self.tr("Serial / page"), self.tr("Why"), self.tr("Source")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The number is the sheet's place in the queue, not a property of the sheet.
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() \
                and index.column() == self.COL_NUMBER:
            return str(index.row() + 1)
        return super().data(index, role)

    def cell(self, state: SheetState, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_SHEET:
                return sheet_label(state)
            if column == self.COL_REASONS:
                return label_list(state.reasons).text()
            return source_name(state.source)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_SOURCE:
                return state.source
            if column == self.COL_REASONS:
                return label_list(state.reasons).text()
        return None
