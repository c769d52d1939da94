"""Compare what the pipeline read with what the corpus drew: the quality bars' counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from scanning import PageResult, Reason, Status
from tests.scanning.corpus import AMBIGUOUS, EMPTY, MARKED, Sample


@dataclass
class Tally:
    sheets: int = 0
    targets: int = 0
    #: A clear mark read as empty or an empty box as marked, on a sheet not sent to review.
    confident_wrong: list[str] = field(default_factory=list)
    #: The same on a sheet that went to review anyway (a human will see it).
    wrong_in_review: list[str] = field(default_factory=list)
    #: Deliberately ambiguous marks whose sheet was not sent to review.
    ambiguous_missed: list[str] = field(default_factory=list)
    ambiguous_drawn: int = 0
    faint_read_empty: list[str] = field(default_factory=list)
    clear_sheets: int = 0
    clear_sheets_in_review: list[str] = field(default_factory=list)
    not_read: list[str] = field(default_factory=list)
    overvote_wrong: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.sheets} sheets, {self.targets} targets; confident wrong "
                f"{len(self.confident_wrong)}, wrong in review {len(self.wrong_in_review)}, "
                f"ambiguous missed {len(self.ambiguous_missed)}/{self.ambiguous_drawn}, "
                f"faint read empty {len(self.faint_read_empty)}, clear sheets in review "
                f"{len(self.clear_sheets_in_review)}/{self.clear_sheets}, not read "
                f"{len(self.not_read)}, overvote wrong {len(self.overvote_wrong)}")


def tally(samples: list[Sample], results: list[PageResult]) -> Tally:
    t = Tally()
    for sample, result in zip(samples, results, strict=True):
        t.sheets += 1
        if (result.serial != sample.serial or result.status is Status.REJECTED
                or not result.marks):
            t.not_read.append(f"{sample.name}: {result.status} {result.reasons}")
            continue
        review = result.status is Status.REVIEW
        read = {f"{m.category}|{m.candidate}": m for m in result.marks}
        for key, allowed in sample.truth.items():
            t.targets += 1
            mark = read[key]
            state = mark.state.value
            where = f"{sample.name} {key} drew {sample.drawn.get(key, '-')} read {state} " \
                    f"({mark.score:.3f}/{mark.faint:.3f}/{mark.extent_mm:.1f} mm)"
            if allowed == [AMBIGUOUS]:
                t.ambiguous_drawn += 1
                if not review or state != AMBIGUOUS:
                    t.ambiguous_missed.append(where)
            elif MARKED in allowed and AMBIGUOUS in allowed and state == EMPTY:
                t.faint_read_empty.append(where)
            elif state not in allowed and state != AMBIGUOUS:
                (t.wrong_in_review if review else t.confident_wrong).append(where)
            elif state not in allowed and allowed == [MARKED] and not review:
                t.confident_wrong.append(where)
        if sample.clear_only and not sample.overvoted:
            t.clear_sheets += 1
            if review:
                t.clear_sheets_in_review.append(f"{sample.name}: {result.reasons} " + ", ".join(
                    f"{k} {m.state.value} {m.score:.3f}/{m.faint:.3f}/{m.extent_mm:.1f}"
                    for k, m in read.items() if m.state.value not in sample.truth[k]))
        for category in result.categories:
            expected = category.category in sample.overvoted
            if category.overvote != expected or (expected and category.selected):
                t.overvote_wrong.append(f"{sample.name} {category.category}")
        if sample.overvoted and Reason.OVERVOTE not in result.reasons:
            t.overvote_wrong.append(f"{sample.name}: no OVERVOTE reason")
    return t
