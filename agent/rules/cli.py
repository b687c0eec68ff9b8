"""`mlemod lint NOTEBOOK [--fix]`: what would break in the locked environment, without running it."""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import re
import sys
from functools import partial
from pathlib import Path

from ...errors import InputError, NotebookError


def register(sub: argparse._SubParsersAction) -> None:
    lint = sub.add_parser(
        "lint",
        help="list what would break in the fixed environment (no run); --fix applies the rules",
        description="Statically check each NOTEBOOK against the locked environment: each finding names the rule, "
        "the cell and the line. A folder stands for every .ipynb below it; several notebooks are checked in "
        "--jobs processes at once. With --fix, write each notebook with every static rule applied (and, with a "
        "written date, the score-calibration rules). Calls that leave a changed default to itself are reported as "
        "warnings. Exit 0 when nothing breaks (or --fix applied it all), 1 when something does in any notebook, "
        "2 when a notebook could not be read (the others are still checked).",
    )
    lint.add_argument("notebook", type=Path, nargs="*", help="the .ipynb files (or folders of them) to check")
    lint.add_argument("--list-rules", action="store_true", help="print the rule catalogue and exit")
    lint.add_argument("--fix", action="store_true", help="apply the fixes and write the result")
    lint.add_argument(
        "--out",
        type=Path,
        metavar="OUT.ipynb",
        help="where --fix writes, for a single notebook (default: <name>.fixed.ipynb next to each input)",
    )
    lint.add_argument(
        "--written",
        metavar="YYYY-MM",
        help="when the notebooks were written (enables calibration; default: corpus or metadata)",
    )
    lint.add_argument("--data", type=Path, metavar="DIR",
                      help="the competition's input files: reads from paths the run will not have are found "
                      "(default for a corpus notebook: its competition's data/)")
    lint.add_argument("--files", type=Path, metavar="DIR", help="helper files staged next to the notebook")
    lint.add_argument("--jobs", type=int, metavar="N",
                      help="notebooks checked at once, one process each (default: the usable cores)")
    lint.add_argument("--json", action="store_true",
                      help="print findings (and edits) as JSON: one object, or one line per notebook for several")
    lint.set_defaults(func=cmd_lint)


def cmd_lint(args: argparse.Namespace) -> int:
    from . import RULES  # libcst loads only for this command
    from ...core import usable_cores
    from .batch import LintOptions, chosen_folder, lint_file, notebook_paths, over_notebooks

    if args.list_rules:
        for r in RULES.values():
            print(f"{r.id:34} {r.kind:11} {r.changed_in:28} {r.rationale}")
        return 0
    if not args.notebook:
        raise InputError("lint needs a NOTEBOOK (or --list-rules)")
    if args.written and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.written):
        raise InputError(f"--written must look like YYYY-MM, got {args.written!r}")
    if args.out and not args.fix:
        raise InputError("--out only makes sense with --fix")
    if args.jobs is not None and args.jobs < 1:
        raise InputError(f"--jobs must be at least 1, got {args.jobs}")
    for given, flag in ((args.data, "--data"), (args.files, "--files")):
        chosen_folder(given, None, flag)  # a folder that is not one: an error before any work
    paths = notebook_paths(args.notebook)
    single = len(paths) == 1 and args.notebook[0].is_file()
    if args.out and not single:
        raise InputError("--out names one output: with several notebooks, each is written next to its input")
    options = LintOptions(written=args.written, data=args.data, files=args.files, fix=args.fix, out=args.out)
    jobs = args.jobs or usable_cores()
    results = over_notebooks(partial(lint_file, options), paths, jobs)
    if single:
        linted = next(results)
        if linted.error:
            raise NotebookError(f"{linted.path}: {linted.error}")
        _print(linted, args.json, indent=1, name=linted.path.name)
        return 0 if linted.clean else 1
    counts = collections.Counter()
    with _progress(len(paths), quiet=args.json) as advance:
        for linted in results:
            counts["unreadable" if linted.error else "clean" if linted.clean else "breaking"] += 1
            if linted.error:
                print(f"{linted.path}: cannot be read: {linted.error}", file=sys.stderr)
                if args.json:
                    print(json.dumps({"notebook": str(linted.path), "error": linted.error}))
            else:
                _print(linted, args.json, indent=None, name=str(linted.path))
            advance()
    print(f"{len(paths)} notebook(s): {counts['clean']} clean, {counts['breaking']} with something that breaks"
          + (f", {counts['unreadable']} unreadable" if counts["unreadable"] else ""), file=sys.stderr)
    return 2 if counts["unreadable"] else 1 if counts["breaking"] else 0


def _print(linted, as_json: bool, indent: int | None, name: str) -> None:
    if as_json:
        print(json.dumps({
            "notebook": str(linted.path),
            "written": linted.written,
            "findings": [f.model_dump() for f in linted.findings],
            "calibrations": [{"cell": e.cell, "origin": e.origin, "rationale": e.rationale} for e in linted.calibrations],
            "edits": [e.model_dump() for e in linted.edits],
        }, indent=indent))
        return
    for f in linted.findings:
        fix = " [warning]" if f.severity == "warning" else "" if f.fixable else " [not fixable]"
        print(f"{name}: cell {f.cell}, line {f.line}: {f.rule_id}{fix}: {f.message}")
    for e in linted.calibrations:
        print(f"{name}: cell {e.cell}: {e.origin[5:]} (score): {e.rationale}")
    print(
        f"{name}: {len(linted.findings)} finding(s), {len(linted.calibrations)} calibration(s) in {linted.seconds:.2f}s"
        + ("" if linted.written else "; no written date, so no calibration (use --written YYYY-MM)"),
        file=sys.stderr,
    )
    if linted.out is not None:
        print(f"{name}: applied {len(linted.edits)} edit(s); wrote {linted.out}", file=sys.stderr)


@contextlib.contextmanager
def _progress(total: int, quiet: bool):
    """A progress bar on stderr while a batch runs (rich draws it only on a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("lint"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), disable=quiet, transient=True)
    with progress:
        task = progress.add_task("lint", total=total)
        yield lambda: progress.advance(task)
