"""`mlemod run`: one notebook, as it is, in the fixed modern environment."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..core import CellResult, RunRequest, RunResult, corpus_defaults, load_notebook
from .base import BACKENDS, run_notebook
from .lockenv import PROFILES


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by `run` and `repair`: what to run and where its data is."""
    parser.add_argument("notebook", type=Path, help="the .ipynb to run (nbformat v3 is upgraded)")
    parser.add_argument("--data", type=Path, metavar="DIR",
                        help="the competition's input files; the notebook finds them at ../input/<file>, "
                             "/kaggle/input/<file> and /kaggle/input/<slug>/<file>, zipped or not "
                             "(default for a corpus notebook: its competition's data/)")
    parser.add_argument("--competition", metavar="SLUG", help="Kaggle slug, for /kaggle/input/<slug>/")
    parser.add_argument("--files", type=Path, metavar="DIR",
                        help="the notebook's own files (helper modules it imports, images and tables of its "
                        "repository), copied into its working directory; a read from the author's folder "
                        "(../images/1.jpg) is pointed at the copy")
    parser.add_argument("--cell-timeout", type=float, default=600, metavar="S", help="per cell (default 600)")
    parser.add_argument("--budget", type=float, default=3600, metavar="S", help="whole run (default 3600)")
    parser.add_argument("--backend", choices=sorted(BACKENDS), default="local",
                        help="local: managed virtualenv (default); docker: the sandboxed container")
    parser.add_argument("--profile", choices=PROFILES, default=os.environ.get("MLEMOD_PROFILE", "tabular"),
                        help="environment: tabular (numpy, pandas, scikit-learn, boosting, NLP basics) or full "
                             "(adds tensorflow-cpu, keras 3, tf_keras, torch CPU); default $MLEMOD_PROFILE or tabular")


def backend_options(args: argparse.Namespace) -> dict:
    """The executor config fields the command line sets (both backends take them)."""
    return {"profile": args.profile}


def request_from_args(args: argparse.Namespace, workdir: Path | None = None) -> RunRequest:
    notebook = load_notebook(args.notebook, getattr(args, "written", None))
    implied = corpus_defaults(args.notebook)
    return RunRequest(
        notebook=notebook,
        data_dir=args.data or implied.get("data_dir"),
        competition=args.competition or implied.get("competition"),
        files_dir=args.files or implied.get("files_dir"),
        workdir=workdir,
        cell_timeout=args.cell_timeout,
        budget=args.budget,
    )


def register(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser(
        "run", help="run a notebook as it is and report what failed",
        description="Run NOTEBOOK top to bottom in the fixed modern environment; write the executed notebook "
                    "and the files it wrote; print per-cell status. Exit 0 when every cell ran clean, 1 when not.",
    )
    add_run_options(run)
    run.add_argument("--out", type=Path, metavar="OUT.ipynb",
                     help="executed notebook (default: <name>.run.ipynb in the current folder)")
    run.add_argument("--workdir", type=Path, metavar="DIR",
                     help="where files the notebook writes are kept (default: <out>.files/)")
    run.add_argument("--json", action="store_true", help="print the RunResult as JSON instead of a summary")
    run.set_defaults(func=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    out = args.out or Path(f"{args.notebook.stem}.run.ipynb")
    workdir = args.workdir or out.with_suffix(".files")
    req = request_from_args(args, workdir)
    if req.notebook.python2 and not args.json:
        print("note: this is a Python 2 notebook; expect SyntaxErrors (`mlemod repair` converts it)", file=sys.stderr)
    progress = None if args.json else CellProgress(len(req.notebook.code_indices()))
    try:
        result = run_notebook(req, args.backend, on_cell=progress.update if progress else None,
                              **backend_options(args))
    finally:
        if progress:
            progress.stop()
    out.write_text(req.notebook.with_results(result).dumps())
    if args.json:
        print(result.model_dump_json(indent=1))
    else:
        print_summary(result, out)
    return 0 if result.status == "ok" else 1


class CellProgress:
    """A rich progress bar over code cells, on stderr (stdout stays clean for pipes)."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("cells"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task("", total=total)
        self.progress.start()

    def update(self, cell: CellResult) -> None:
        self.progress.update(self.task, advance=1, description=f"cell {cell.index}: {cell.status}")

    def stop(self) -> None:
        self.progress.stop()


def print_summary(result: RunResult, out: Path) -> None:
    print(result.summary())
    bad = result.first_failure
    if bad and bad.error and bad.error.traceback:
        print("\n".join(bad.error.traceback.strip().splitlines()[-6:]))
    if result.files:
        print(f"files written: {', '.join(f.path for f in result.files)} (submission: {result.submission})")
    fp = result.fingerprint
    if fp:
        print(f"environment: {fp.backend} {fp.lock} lock {fp.lock_hash[:12]}, python {fp.python}, "
              f"network {fp.network}, /kaggle paths by {fp.kaggle_paths}")
    print(f"executed notebook: {out}")
