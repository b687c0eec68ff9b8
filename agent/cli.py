"""`mlemod repair`: run, diagnose, fix, re-run; write the repaired notebook and reports."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..core import RunResult
from ..errors import InputError
from ..executor.cli import add_run_options, backend_options, request_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "repair", help="repair a notebook until it runs and reproduces",
        description="Run NOTEBOOK in the fixed modern environment, diagnose what fails, edit the code (rules first, "
                    "then fix memory, then an LLM if one is configured), re-run; never downgrades the environment. "
                    "Writes <out>/<name>.repaired.ipynb, report.json and report.md. Exit 0 when the final fresh run "
                    "reproduces, 1 when not.",
    )
    add_run_options(p)
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: <name>.repair/)")
    p.add_argument("--model", help="litellm model string, e.g. openai/gpt-4o-mini (default: $MLEMOD_MODEL; "
                                   "none: rules and memory only)")
    p.add_argument("--api-base", metavar="URL", help="an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1")
    p.add_argument("--reference-score", type=float, metavar="X", help="the score the notebook should reproduce")
    p.add_argument("--metric", help="how to grade the submission CSV: accuracy, rmse, rmsle, mae, logloss, auc, "
                                    "f1_micro, f1_macro (or the competition's, when known)")
    p.add_argument("--answers", type=Path, metavar="F", help="ground truth CSV to grade the submission against")
    p.add_argument("--tolerance", type=float, default=0.10, help="relative score tolerance (default 0.10)")
    p.add_argument("--written", metavar="YYYY-MM", help="when the notebook was written (pins back old defaults)")
    p.add_argument("--max-fixes", type=int, default=16, help="attempts at most (default 16)")
    p.add_argument("--max-dollars", type=float, default=1.0, help="LLM spend at most (default 1.0)")
    p.add_argument("--max-tokens", type=int, default=None, metavar="N",
                   help="LLM tokens (prompt + completion) at most, counted for every model, priced or not "
                        "(default: no limit); a request that would pass it is not sent")
    p.add_argument("--max-seconds", type=float, default=3600,
                   help="repair wall time at most, runs and model calls included: a run still going at the "
                        "limit is stopped (default 3600)")
    p.add_argument("--no-memory", action="store_true", help="do not use or update the fix memory")
    p.set_defaults(func=cmd_repair)


def build_scorer(args: argparse.Namespace, competition: str | None, data_dir: Path | None):
    """A grader over the submission CSV when --reference-score and --answers are given."""
    if args.reference_score is None:
        return None
    if args.answers is None:
        raise InputError("--reference-score needs --answers (the ground truth to grade the submission against)")
    if not args.answers.is_file():
        raise InputError(f"answers file {args.answers} does not exist")
    import csv
    from dataclasses import replace

    from ..competitions.graders import grade_file  # the agent itself never grades: its CLI does
    from ..competitions.registry import Competition, known

    comp = known(competition) if competition else None
    if comp is not None and args.metric:
        comp = replace(comp, metric=args.metric)
    elif comp is None:
        if not args.metric:
            raise InputError("--reference-score needs --metric: the competition is not one the registry knows")
        with args.answers.open(newline="") as f:
            header = next(csv.reader(f), [])
        if len(header) < 2:
            raise InputError(f"{args.answers}: expected an id column and at least one target column")
        comp = Competition(competition or "custom", args.metric, header[0], tuple(header[1:]))

    def scorer(workdir: Path, run: RunResult) -> float | None:
        return grade_file(workdir / run.submission if run.submission else None, args.answers, comp, data_dir).score

    return scorer


def cmd_repair(args: argparse.Namespace) -> int:
    from .loop import AgentConfig, RepairLoop
    from .progress import RepairProgress
    from .report import write_outputs

    out = args.out or Path(f"{args.notebook.stem}.repair")
    req = request_from_args(args, workdir=out / "files")
    config = AgentConfig(
        backend=args.backend, backend_options=backend_options(args), model=args.model, api_base=args.api_base,
        max_fixes=args.max_fixes,
        max_dollars=args.max_dollars, max_tokens=args.max_tokens, max_seconds=args.max_seconds,
        tolerance=args.tolerance,
        reference_score=args.reference_score, metric=args.metric or "score", written=args.written,
        memory=not args.no_memory,
    )
    scorer = build_scorer(args, req.competition, req.data_dir)
    with RepairProgress(req.notebook) as progress:
        loop = RepairLoop(req, config, scorer, progress.event)
        if loop.rules_only:
            progress.say("no model configured (--model or MLEMOD_MODEL): repairing with rules and fix memory only")
        report = loop.run()
    paths = write_outputs(out, loop.notebook, report, data_dir=req.data_dir)
    base, final = report.baseline, report.final
    print(f"{report.verdict}: {report.reason}")
    print(f"before: {base.summary()}")
    print(f"after:  {final.summary()}")
    accepted = report.accepted_edits
    tokens = report.cost.prompt_tokens + report.cost.completion_tokens
    print(f"edits: {len(accepted)} accepted of {sum(len(a.edits) for a in report.attempts)} tried; "
          f"LLM calls {report.cost.llm_calls} ({tokens} tokens, ${report.cost.dollars:.4f}); "
          f"{report.cost.wall_seconds:.1f}s")
    for key, path in paths.items():
        print(f"{key}: {path}")
    hint = own_file_hint(args.notebook, req.files_dir, final)
    if hint:
        print(f"hint: {hint}")
    return 0 if report.verdict in ("reproduced", "runs") else 1


def own_file_hint(notebook: Path, files_dir: Path | None, final: RunResult, scan: int = 20_000) -> str | None:
    """When the run stopped on a missing file that sits beside the notebook on this disk (its folder, or the
    folder above it: a repository's), what to pass so that the run gets it; None otherwise. At most ``scan``
    paths are looked at."""
    from .rules.datapath_rules import missing_path

    bad = final.first_failure
    missing = missing_path(bad.error.evalue) if bad and bad.error else None
    if files_dir is not None or not missing:
        return None
    name = missing.replace("\\", "/").rsplit("/", 1)[-1]
    here = Path(notebook).resolve().parent
    seen = 0
    for root in (here, here.parent):
        for folder, dirs, files in os.walk(root):
            seen += len(dirs) + len(files)
            if seen > scan:
                return None
            # hidden folders hold no notebook's files; the notebook's own folder was walked first
            dirs[:] = [d for d in dirs if not d.startswith(".") and Path(folder, d) != here]
            if name in files:
                return (f"{Path(folder) / name} is one of the notebook's own files: pass --files {root} to copy "
                        f"that folder into its working directory (reads from the author's folder are pointed at "
                        f"the copy)")
    return None


