"""What the repair loop and its fixers exchange: the diagnosis and the Fixer protocol."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, Field

from ..core import Attempt, CellError, Edit, FixType, Notebook, RunResult


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
    written: str | None = None  # "YYYY-MM" the notebook was written, when known


class Fixer(Protocol):
    """Proposes edits for one diagnosis; the loop tries them one at a time, in order."""

    name: str

    def propose(self, notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt]) -> list[Edit]: ...


class StopRepair(Exception):
    """Control flow: a limit was hit (fixes, dollars, seconds); the message says which."""
