"""`mlemod eval`: reproducibility over a corpus, and its report.

    mlemod eval CORPUS --out DIR [--competitions a,b] [--backend local|docker]
                       [--workers N] [--threads N] [--ray ADDRESS] [--model M] [--limit N]
    mlemod eval report DIR

Both forms share the verb, so the first positional decides: the word "report"
(write ./report to evaluate a corpus folder of that name).

Every repair is kept under DIR/repaired/<competition>/<notebook>/ (the repaired
notebook with its provenance, its reports) and every attempted edit is a row of
DIR/edits.jsonl (schema: eval/EDITS.md); the report tables and plots edits by
library and by category.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import InputError
from ..executor.lockenv import PROFILES


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="baseline and repair every notebook of a corpus; summary tables and plots",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("corpus", metavar="CORPUS|report", help="corpus folder, or 'report' to regenerate reports")
    parser.add_argument("results", nargs="?", metavar="RESULTS_DIR", help="with 'report': the results folder")
    parser.add_argument("--out", type=Path, help="results folder (results.jsonl, reports, working dirs)")
    parser.add_argument("--competitions", help="comma-separated competition folders to include (default: all)")
    parser.add_argument("--backend", choices=["local", "docker"], default="local")
    parser.add_argument("--profile", choices=PROFILES, default=os.environ.get("MLEMOD_PROFILE", "tabular"),
                        help="environment profile for every run: tabular or full (adds tensorflow, keras, torch)")
    parser.add_argument("--workers", type=int, default=1, help="notebooks run in parallel (process pool)")
    parser.add_argument("--threads", type=int, help="threads each notebook's numeric libraries may use (OpenMP, BLAS, "
                        "joblib's n_jobs=-1); default: the machine's cores shared among --workers")
    parser.add_argument("--ray", metavar="ADDRESS", help="run each notebook as a Ray task: 'auto' (running cluster), an address, or 'local'")
    parser.add_argument("--model", help="LLM for repair (default: rules only)")
    parser.add_argument("--api-base", help="OpenAI-compatible base URL for the model")
    parser.add_argument("--limit", type=int, help="at most N notebooks per competition")
    parser.add_argument("--tolerance", type=float, default=0.10, help="relative score tolerance (default 0.10)")
    parser.add_argument("--budget", type=float, default=3600.0, help="seconds allowed for one run of a notebook")
    parser.add_argument("--cell-timeout", type=float, default=600.0, help="seconds allowed for one cell")
    parser.add_argument("--max-fixes", type=int, default=10, help="repair attempts per notebook (each one a re-run)")
    parser.add_argument("--max-dollars", type=float, default=1.0, help="LLM dollars per notebook")
    parser.add_argument("--repair-seconds", type=float, default=1800.0, help="wall seconds for one notebook's repair")
    parser.add_argument("--no-repair", action="store_true", help="baseline runs only")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    if args.corpus == "report":
        if not args.results:
            raise InputError("usage: mlemod eval report RESULTS_DIR")
        return _report(Path(args.results))
    if args.results:
        raise InputError(f"unexpected argument {args.results!r}; give the results folder with --out")
    if args.out is None:
        raise InputError("--out RESULTS_DIR is required to evaluate a corpus")
    for name in ("workers", "limit", "threads"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise InputError(f"--{name} must be at least 1, not {value}")
    if not 0 <= args.tolerance < 10:
        raise InputError(f"--tolerance must be a fraction such as 0.1, not {args.tolerance}")
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

    from .harness import run_eval
    from .outcome import EvalSettings, agent_repair

    settings = EvalSettings(
        out=args.out.resolve(), backend=args.backend, profile=args.profile, model=args.model, api_base=args.api_base,
        tolerance=args.tolerance, cell_timeout=args.cell_timeout, budget=args.budget,
        max_fixes=args.max_fixes, max_dollars=args.max_dollars, repair_seconds=args.repair_seconds,
        threads=args.threads,
    )
    competitions = [c.strip() for c in args.competitions.split(",") if c.strip()] if args.competitions else None
    records = run_eval(
        Path(args.corpus).resolve(), settings, competitions=competitions, limit=args.limit,
        workers=args.workers, ray_address=args.ray, repair=None if args.no_repair else agent_repair,
        progress=not args.quiet,
    )
    _report(settings.out)
    # 0 when every notebook evaluated ends reproducible, else 1 (the CLI's convention).
    return 0 if records and all(r.get("final_reproducible") for r in records.values()) else 1


def _report(out: Path) -> int:
    from .report import write_report

    if not out.is_dir():
        raise InputError(f"results folder {out} does not exist")
    paths = write_report(out)
    print((out / "summary.md").read_text())
    print("wrote " + ", ".join(p.name for p in paths) + f" in {out}")
    return 0
