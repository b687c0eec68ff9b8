"""Deterministic diagnosis: what the last run needs, and whether a new run got further."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

from ..core import RunResult
from ..executor.layout import IGNORED_DIRS
from .base import Diagnosis
from .prompting.tracebacks import cap_message

INF = float("inf")


def diagnose(run: RunResult, deviation: float | None, tolerance: float, **context) -> Diagnosis:
    """Over budget -> runtime-reduction; an error -> error-repair on the first failing
    cell; clean but off the reference -> score-calibration; else nothing to do."""
    bad = run.first_failure
    if bad is not None and bad.status == "timeout":
        return Diagnosis(fix_type="runtime-reduction", cell=bad.index, error=bad.error, run=run,
                         reason=f"cell {bad.index} ran out of time: {cap_message(bad.error.evalue, 300) if bad.error else ''}",
                         tolerance=tolerance, **context)
    if bad is not None:
        # capped: a message can carry a whole array (9 KB), and the reason is a line of report.md and results
        what = f"{bad.error.ename}: {cap_message(bad.error.evalue, 300)}" if bad.error else bad.status
        return Diagnosis(fix_type="error-repair", cell=bad.index, error=bad.error, run=run,
                         reason=f"cell {bad.index} failed: {what}", tolerance=tolerance, **context)
    if deviation is not None and deviation > tolerance:
        return Diagnosis(fix_type="score-calibration", run=run, tolerance=tolerance,
                         reason=f"ran clean but {deviation:.1%} off the reference (tolerance {tolerance:.0%})",
                         **context)
    return Diagnosis(fix_type=None, run=run, tolerance=tolerance, reason="ran clean within tolerance", **context)


def progress_key(run: RunResult) -> tuple[float, float, float]:
    """Where a run stopped, as (cell, ran, line): larger is further. A clean run is (inf, inf, inf).

    ``ran`` is 0 when the cell did not compile (none of its lines ran, wherever the parser stopped) and 1
    when it failed while running, so a cell that now compiles and fails on an earlier line got further.
    """
    bad = run.first_failure
    if bad is None:
        return (INF, INF, INF)
    line = bad.error.line if bad.error and bad.error.line else 0
    ran = 0 if bad.error and bad.error.ename in ("SyntaxError", "IndentationError", "TabError") else 1
    return (bad.index, ran, line)


def got_further(new: RunResult, old: RunResult, new_dev: float | None, old_dev: float | None,
                old_sources: list[str] | None = None) -> tuple[bool, str]:
    """Whether to keep an edit: the first failure moved later, or (both clean) the score moved closer.
    ``old_sources``: the cells ``old`` ran, to tell a repeated pattern's next line from a shifted one."""
    before, after = progress_key(old), progress_key(new)
    if after[0] == before[0] and _error(new) == _error(old) and not _next_occurrence(new, old, old_sources):
        after = before  # the same error in the same cell: inserted lines only shifted its line number
    if _error_became_slowness(new, old):
        return True, (f"the error in cell {after[0]:.0f} is gone: the cell now runs past its time limit "
                      "(a runtime task from here)")
    if after > before:
        if after[0] == INF:
            return True, "the notebook now runs to the end"
        return True, f"the first failure moved from cell {before[0]:.0f} to cell {after[0]:.0f} line {after[2]:.0f}"
    bad = new.first_failure
    what = f"{bad.error.ename}: {bad.error.evalue}"[:160] if bad and bad.error else "the same failure"
    if after < before:  # where and with what: the report and the next prompt say why the edit went
        line = f" line {after[2]:.0f}" if after[2] else ""
        return False, f"the first failure moved back to cell {after[0]:.0f}{line} ({what})"
    if after[0] != INF:
        return False, f"no progress: cell {after[0]:.0f} still fails ({what})"
    if new_dev is not None and (old_dev is None or new_dev < old_dev):
        return True, f"score deviation {_pct(old_dev)} -> {_pct(new_dev)}"
    return False, f"score deviation did not improve ({_pct(old_dev)} -> {_pct(new_dev)})"


def error_changed_in_place(new: RunResult, old: RunResult, seen: set[str]) -> str | None:
    """Why a rule's edit counts as progress although the run stops where it did: the failing line raises
    another error now, one the repair has not met before. A line can hold two breakages (``df.mean()[0]``
    under pandas 3: the text column, then the label 0) and the second shows only once the first is gone.
    None when it does not count: another position, the same error, an error seen earlier (no cycling
    between two), or a NameError (a rewrite naming something unbound is broken, not progress). Only a
    rule's edit is judged so: it was made for the old error, by a deterministic rewrite."""
    cell, _, line = where = progress_key(new)
    was, now = _error(old), _error(new)
    if where != progress_key(old) or was is None or now is None or now == was \
            or now[0] in ("NameError", "CellTimeoutError", "BudgetExceeded") or error_text(new) in seen:
        return None
    return (f"the error at cell {cell:.0f}{f' line {line:.0f}' if line else ''} changed "
            f"from {was[0]} to {error_text(new)[:160]}: the line's next breakage")


def _error_became_slowness(new: RunResult, old: RunResult) -> bool:
    """The cell that raised now uses its whole time allowance instead: the edit let it past the error (a loop's
    first pass raised; now every pass runs). A time out carries no line to compare, and a run cut short by
    the budget (BudgetExceeded) says nothing of the cell, so only a cell time out counts."""
    was, now = old.first_failure, new.first_failure
    return (was is not None and now is not None and now.index == was.index and was.status == "error"
            and now.status == "timeout" and now.error is not None and now.error.ename == "CellTimeoutError")


def _next_occurrence(new: RunResult, old: RunResult, old_sources: list[str] | None) -> bool:
    """The same error now comes from a line the cell already had, below the one that failed: the edit fixed
    one occurrence of a pattern the cell repeats (s[:, None] on two lines), not merely shifted the line."""
    if old_sources is None or old.first_failure is None or new.first_failure is None:
        return False
    was, now = old.first_failure.error, new.first_failure.error
    if not (was and now and was.line and now.line_source) or now.line_source == was.line_source:
        return False
    below = old_sources[old.first_failure.index].split("\n")[was.line:]
    return now.line_source.strip() in {line.strip() for line in below}


def error_text(run: RunResult) -> str:
    """The first failure's error as "Name: message" (capped), "" for a run without one."""
    error = _error(run)
    return f"{error[0]}: {error[1]}"[:300] if error else ""


def _error(run: RunResult) -> tuple[str, str] | None:
    bad = run.first_failure
    return (bad.error.ename, bad.error.evalue) if bad and bad.error else None


def _pct(value: float | None) -> str:
    return "unmeasured" if value is None else f"{value:.1%}"


def list_files(folder: Path | None) -> list[str]:
    """Every file under ``folder`` (not in the folders a run ignores), as a relative POSIX path."""
    if folder is None or not Path(folder).is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in Path(folder).rglob("*")
                  if p.is_file() and not IGNORED_DIRS.intersection(p.parts))


class DataFacts(NamedTuple):
    lines: list[str]  # one per file: "train.csv: 891 rows x 12 columns (PassengerId, ...)", what a model is told
    none_text_files: list[str]  # the tables holding the text None as a value (the rules pin pandas 1's reading)


def describe_data(data_dir: Path | None, files: list[str], limit: int = 30) -> DataFacts:
    """The first ``limit`` input files (``files``, from ``list_files``), each read once: the shape of a CSV or TSV
    and whether one of its fields is the text None, which pandas 2.0 and later read as missing where the
    notebook's pandas read the text (house prices' MasVnrType: 872 of 1,460 rows); the size of anything else."""
    lines, none_text = [], []
    for rel in files[:limit]:
        path = Path(data_dir) / rel
        if path.suffix.lower() not in (".csv", ".tsv"):
            lines.append(f"{rel}: {path.stat().st_size} bytes")
            continue
        with path.open(newline="", errors="replace") as f:
            reader = csv.reader(f, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
            header = next(reader, [])
            rows, has_none = 0, False
            for row in reader:
                rows += 1
                has_none = has_none or "None" in row  # a field, quoted or not; not "None of these"
        shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
        lines.append(f"{rel}: {rows} rows x {len(header)} columns ({shown})" + (
            "; holds the text None as a value, which pandas 2+ reads as missing (pandas 1 kept it) unless "
            "keep_default_na=False" if has_none else ""))
        if has_none:
            none_text.append(rel)
    return DataFacts(lines, none_text)
