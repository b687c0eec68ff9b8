"""What the repair loop and its fixers exchange: the diagnosis and the Fixer protocol."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, Field

from ..core import Attempt, CellError, Edit, FixType, Notebook, RunResult, edit_key


class Diagnosis(BaseModel):
    """What the last run says needs fixing; decided deterministically (see diagnose)."""

    fix_type: FixType | None  # None: nothing to fix, the notebook reproduces
    cell: int | None = None  # the cell to work on (first failing, or slowest when over budget)
    error: CellError | None = None
    run: RunResult
    reason: str = ""
    score: float | None = None  # measured on the last run
    target_score: float | None = None
    direction: Literal["max", "min"] | None = None
    tolerance: float = 0.10
    data_files: list[str] = Field(default_factory=list)  # "train.csv: 891 rows x 12 columns (PassengerId, ...)"
    input_files: list[str] = Field(default_factory=list)  # every data file, relative to ../input
    working_files: list[str] = Field(default_factory=list)  # the helper files staged in the working directory
    none_text_files: list[str] = Field(default_factory=list)  # data files with the text None (describe_data)
    written: str | None = None  # "YYYY-MM" the notebook was written, when known


class Fixer(Protocol):
    """Proposes edits for one diagnosis; the loop tries them one at a time, in order."""

    name: str

    def propose(self, notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt]) -> list[Edit]: ...


class StopRepair(Exception):
    """Control flow: a limit was hit (fixes, dollars, seconds); the message says which."""


def stopped_before(run: RunResult, edits: list[Edit]) -> bool:
    """Whether ``run`` failed before every line the cell ``edits`` change (in an earlier cell, or on an earlier
    line of the edited cell): it never ran them."""
    bad = run.first_failure
    if bad is None or not edits or any(e.file is not None for e in edits):
        return False
    line = bad.error.line if bad.error and bad.error.line else None

    def first_changed(edit: Edit) -> int:
        old, new = edit.old.split("\n"), edit.new.split("\n")
        return next((i + 1 for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)) + 1)

    return all(bad.index < e.cell or bad.index == e.cell and line is not None and line < first_changed(e)
               for e in edits)


def tried_edits(history: list[Attempt], run: RunResult) -> set[str]:
    """The edit keys of ``history`` not to propose again at ``run``'s failure. An edit reverted because its run
    stopped before its lines (an earlier line of its cell failed) was not tried: once ``run``'s failure has
    reached those lines, the same proposal gets its turn."""
    return {edit_key(a.edits) for a in history
            if not (getattr(a, "unreached", False) and not stopped_before(run, a.edits))}
