"""One notebook's evaluation: baseline run, repair when needed, outcome class.

The outcome classes of the reference method:

- error-free reproducible      the notebook ran clean as it was (after at most a
                               score calibration) and its score is within tolerance
- error reproducible           it failed as it was; after repair it runs clean and
                               its score is within tolerance
- error-free non-reproducible  it runs clean but its score stays off
- error non-reproducible       it failed as it was; after repair it runs clean but
                               its score is off
- failed                       it still does not run clean (or could not be run)

"Within tolerance" is |measured - reference| / |reference| <= tau against the
reported score of notebooks.csv; without a reported score, running clean is what
counts (the record says which reference was used).

``evaluate`` is a plain top-level function of picklable arguments so that a
process pool and Ray can both ship it to a worker.
"""

from __future__ import annotations

import fnmatch
import shutil
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..core import RepairReport, RunRequest, RunResult, load_notebook
from ..errors import EnvironmentBuildError, ExecutorError, MlemodError
from .corpus import NotebookEntry
from ..competitions.graders import Grade, grade_file
from ..competitions.registry import Competition

CLASSES = (
    "error-free reproducible",
    "error reproducible",
    "error-free non-reproducible",
    "error non-reproducible",
    "failed",
)

Scorer = Callable[[Path, RunResult], "float | None"]

# The executor's names for a run stopped by its limits rather than by an error of the notebook: a cell ran past
# the cell timeout, or the whole run past its budget (executor/runner.py).
TIME_LIMITS = ("CellTimeoutError", "BudgetExceeded")


def stopped_at_time_limit(error: str | None) -> bool:
    """Whether a run summary's ``error`` ("ename: evalue") is one of the time limits, not the notebook's error."""
    return bool(error) and error.split(":", 1)[0] in TIME_LIMITS


@dataclass(frozen=True)
class EvalSettings:
    out: Path
    backend: str = "local"
    profile: str = "tabular"  # the environment every run of the evaluation uses
    model: str | None = None  # None: rules only
    api_base: str | None = None
    tolerance: float = 0.10
    cell_timeout: float = 600.0
    budget: float = 3600.0  # seconds for one whole run of a notebook
    max_fixes: int = 10
    max_dollars: float = 1.0
    repair_seconds: float = 1800.0
    task_cpus: float = 1.0  # declared to Ray per notebook
    task_memory_gb: float = 4.0
    threads: int | None = None  # each notebook's numeric thread pools (RunRequest.threads); None: no limit


@dataclass(frozen=True)
class Task:
    entry: NotebookEntry
    spec: Competition
    data_dir: Path
    answers: Path | None


# (request, task, settings, scorer, baseline run) -> RepairReport. The default calls the agent.
RepairFn = Callable[[RunRequest, Task, EvalSettings, Scorer, RunResult], RepairReport]


def agent_repair(req: RunRequest, task: Task, settings: EvalSettings, scorer: Scorer,
                 baseline: RunResult | None = None) -> RepairReport:
    from ..agent import AgentConfig, repair_notebook  # imported late: eval works without a model

    config = AgentConfig(
        backend=settings.backend,
        backend_options={"profile": settings.profile},
        model=settings.model,
        api_base=settings.api_base,
        max_fixes=settings.max_fixes,
        max_dollars=settings.max_dollars,
        max_seconds=settings.repair_seconds,
        tolerance=settings.tolerance,
        reference_score=task.entry.reported_score,
        metric=task.spec.metric,
        direction=task.spec.better,
        written=task.entry.written,
        # The evaluation's own fix memory: results must not depend on what else ran on this machine.
        memory_path=settings.out / "fix-memory.sqlite",
    )
    # The harness's baseline is the repair's "before": the agent does not run the notebook as it is again.
    return repair_notebook(req, config, scorer=scorer, baseline=baseline)


def within(score: float | None, reference: float | None, tau: float) -> bool:
    if reference is None:
        return True
    if score is None:
        return False
    if reference == 0:
        return abs(score) <= tau
    return abs(score - reference) / abs(reference) <= tau


def published_error(notebook) -> int | None:
    """The first code cell whose stored outputs hold an error: the author's own run failed there (a notebook
    published so cannot be reproduced whole by a repair that only undoes what the libraries changed)."""
    return next((i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
                 and any(o.get("output_type") == "error" for o in cell.get("outputs", []))), None)


def classify(baseline_clean: bool, baseline_repro: bool, final_clean: bool, final_repro: bool) -> str:
    if not final_clean:
        return "failed"
    if baseline_clean:
        return "error-free reproducible" if final_repro or baseline_repro else "error-free non-reproducible"
    return "error reproducible" if final_repro else "error non-reproducible"


def find_submission(run: RunResult, pattern: str) -> Path | None:
    """The newest file the run wrote that matches the competition's submission pattern."""
    if not run.workdir:
        return None
    matches = [f for f in run.files if fnmatch.fnmatch(f.path, pattern) or fnmatch.fnmatch(Path(f.path).name, pattern)]
    if not matches:
        return None
    return Path(run.workdir) / max(matches, key=lambda f: f.mtime).path


def grade_run(run: RunResult, task: Task) -> Grade:
    if task.answers is None:
        return Grade(metric=task.spec.metric, reason="no public answers for this competition")
    return grade_file(find_submission(run, task.spec.submission), task.answers, task.spec, task.data_dir)


def _run_summary(run: RunResult, graded: Grade) -> dict:
    bad = run.first_failure
    return {
        "status": run.status,
        "cells": len(run.cells),
        "cells_ok": sum(c.status == "ok" for c in run.cells),
        "first_failure": bad.index if bad else None,
        "error": (f"{bad.error.ename}: {bad.error.evalue}"[:300] if bad and bad.error else (bad.status if bad else None)),
        "score": graded.score,
        "grade": graded.reason or "scored",
        "seconds": round(run.wall_seconds, 2),  # the cells, from the first one sent to the last result
        "kernel_start": round(run.kernel_start_seconds, 2),  # before them: the session's kernel coming up
    }


def _repair_summary(report: RepairReport) -> dict:
    return {
        "verdict": report.verdict,
        "reason": report.reason[:300],
        "agent_reference": report.reference,
        "attempts": len(report.attempts),
        "edits": [{"cell": e.cell, "file": e.file, "fix_type": e.fix_type, "origin": e.origin}
                  for e in report.accepted_edits],
        "llm_calls": report.cost.llm_calls,
        "prompt_tokens": report.cost.prompt_tokens,
        "completion_tokens": report.cost.completion_tokens,
        "dollars": report.cost.dollars,
        "memory_hits": report.cost.memory_hits,
        "seconds": round(report.cost.wall_seconds, 2),
    }


def _fresh(path: Path) -> Path:
    # A resumed notebook starts from an empty working directory, not from leftovers.
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def evaluate(task: Task, settings: EvalSettings, repair: RepairFn | None = agent_repair) -> dict:
    """Baseline, repair if it did not reproduce, classify: one results.jsonl record."""
    from ..executor.base import run_notebook  # late: workers import only what they use

    entry = task.entry
    started = time.monotonic()
    record: dict = {
        "key": entry.key,
        "competition": entry.competition,
        "notebook": entry.name,
        "written": entry.written,
        "metric": task.spec.metric,
        "reference": "reported_score" if entry.reported_score is not None else "none (runs clean)",
        "reference_score": entry.reported_score,
        "tolerance": settings.tolerance,
        "threads": settings.threads,
        "baseline": None,
        "repair": None,
        "final": None,
        "error": None,
        "infra_error": False,
    }
    work = settings.out / "work" / entry.competition / entry.name
    try:
        notebook = load_notebook(entry.path, written=entry.written)
        record["published_error"] = published_error(notebook)
        req = RunRequest(
            notebook=notebook,
            data_dir=task.data_dir,
            competition=entry.competition,
            files_dir=entry.files_dir,
            workdir=_fresh(work / "baseline"),
            cell_timeout=settings.cell_timeout,
            budget=settings.budget,
            threads=settings.threads,
        )
        baseline = run_notebook(req, backend=settings.backend, profile=settings.profile)
        base_grade = grade_run(baseline, task)
        record["baseline"] = _run_summary(baseline, base_grade)
        record["fingerprint"] = baseline.fingerprint.lock_hash if baseline.fingerprint else None
        base_clean = baseline.status == "ok"
        base_repro = base_clean and within(base_grade.score, entry.reported_score, settings.tolerance)
        final, final_grade = baseline, base_grade
        if not base_repro and repair is not None:

            def scorer(workdir: Path, run: RunResult) -> float | None:
                return grade_run(run, task).score

            try:
                report = repair(req.model_copy(update={"workdir": _fresh(work / "repair")}), task, settings, scorer,
                                baseline)
            except ImportError as exc:  # the agent package is not there: baseline only, retried next time
                record["repair"] = {"verdict": "skipped", "reason": f"repair unavailable ({exc})", "edits": []}
                record["infra_error"] = True
            else:
                record["repair"] = _repair_summary(report)
                # A repair never makes a clean notebook crash; if its final run did, keep the baseline.
                if report.final is not None and (report.final.status == "ok" or not base_clean):
                    final, final_grade = report.final, grade_run(report.final, task)
        record["final"] = _run_summary(final, final_grade)
        final_clean = final.status == "ok"
        final_repro = final_clean and within(final_grade.score, entry.reported_score, settings.tolerance)
        record["baseline_reproducible"] = base_repro
        record["final_reproducible"] = final_repro
        record["outcome"] = classify(base_clean, base_repro, final_clean, final_repro)
    except EnvironmentBuildError:
        raise  # every notebook would fail the same way: stop the whole evaluation
    except (ExecutorError, OSError) as exc:
        # Not the notebook's fault: recorded, and retried by the next invocation.
        record.update(outcome="failed", error=f"{type(exc).__name__}: {exc}", infra_error=True,
                      baseline_reproducible=False, final_reproducible=False)
    except MlemodError as exc:
        record.update(outcome="failed", error=str(exc), baseline_reproducible=False, final_reproducible=False)
    except Exception as exc:  # a bug must not lose the other notebooks' results
        tail = traceback.format_exc(limit=3).strip().splitlines()[-1]
        record.update(outcome="failed", error=f"{type(exc).__name__}: {exc} ({tail})"[:500], infra_error=True,
                      baseline_reproducible=False, final_reproducible=False)
    record["wall_seconds"] = round(time.monotonic() - started, 2)
    return record
