"""`mlemod lint NOTEBOOK [--fix]`: what would break in the locked environment, without running it."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from ...core import corpus_defaults, load_notebook
from ...errors import InputError
from ..diagnosis import list_files


def register(sub: argparse._SubParsersAction) -> None:
    lint = sub.add_parser(
        "lint",
        help="list what would break in the fixed environment (no run); --fix applies the rules",
        description="Statically check NOTEBOOK against the locked environment: each finding names the rule, "
        "the cell and the line. With --fix, write the notebook with every static rule applied (and, with a "
        "written date, the score-calibration rules). Calls that leave a changed default to itself are reported as "
        "warnings. Exit 0 when nothing breaks (or --fix applied it all), 1 otherwise.",
    )
    lint.add_argument("notebook", type=Path, nargs="?", help="the .ipynb to check")
    lint.add_argument("--list-rules", action="store_true", help="print the rule catalogue and exit")
    lint.add_argument("--fix", action="store_true", help="apply the fixes and write the result")
    lint.add_argument(
        "--out",
        type=Path,
        metavar="OUT.ipynb",
        help="where --fix writes (default: <name>.fixed.ipynb next to the input)",
    )
    lint.add_argument(
        "--written",
        metavar="YYYY-MM",
        help="when the notebook was written (enables calibration; default: corpus or metadata)",
    )
    lint.add_argument("--data", type=Path, metavar="DIR",
                      help="the competition's input files: reads from paths the run will not have are found "
                      "(default for a corpus notebook: its competition's data/)")
    lint.add_argument("--files", type=Path, metavar="DIR", help="helper files staged next to the notebook")
    lint.add_argument("--json", action="store_true", help="print findings (and edits) as JSON")
    lint.set_defaults(func=cmd_lint)


def cmd_lint(args: argparse.Namespace) -> int:
    from . import RULES, calibrate, fix_static, lint  # libcst loads only for this command

    if args.list_rules:
        for r in RULES.values():
            print(f"{r.id:34} {r.kind:11} {r.changed_in:28} {r.rationale}")
        return 0
    if args.notebook is None:
        raise InputError("lint needs a NOTEBOOK (or --list-rules)")
    if args.written and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.written):
        raise InputError(f"--written must look like YYYY-MM, got {args.written!r}")
    if args.out and not args.fix:
        raise InputError("--out only makes sense with --fix")
    defaults = corpus_defaults(args.notebook)
    nb = load_notebook(args.notebook, args.written or defaults.get("written"))
    workspace = [list_files(_folder(args.data, defaults.get("data_dir"), "--data")),
                 list_files(_folder(args.files, defaults.get("files_dir"), "--files"))]
    started = time.perf_counter()
    findings = lint(nb, nb.written, *workspace)
    calibrations = calibrate(nb, nb.written)
    seconds = time.perf_counter() - started
    edits = []
    if args.fix:
        edits = fix_static(nb, nb.written, *workspace)
        fixed = nb.with_sources(_apply(nb.sources(), edits))
        cal = calibrate(fixed, nb.written)
        fixed = fixed.with_sources(_apply(fixed.sources(), cal))
        edits += cal
        out = args.out or args.notebook.with_name(f"{args.notebook.stem}.fixed.ipynb")
        from ..provenance import for_lint_fix, stamp

        stamp(fixed.node, for_lint_fix(nb, fixed, edits, args.data or defaults.get("data_dir")))
        out.write_text(fixed.dumps())
    if args.json:
        print(
            json.dumps(
                {
                    "notebook": str(args.notebook),
                    "written": nb.written,
                    "findings": [f.model_dump() for f in findings],
                    "calibrations": [
                        {"cell": e.cell, "origin": e.origin, "rationale": e.rationale} for e in calibrations
                    ],
                    "edits": [e.model_dump() for e in edits],
                },
                indent=1,
            )
        )
    else:
        for f in findings:
            fix = " [warning]" if f.severity == "warning" else "" if f.fixable else " [not fixable]"
            print(f"{args.notebook.name}: cell {f.cell}, line {f.line}: {f.rule_id}{fix}: {f.message}")
        for e in calibrations:
            print(f"{args.notebook.name}: cell {e.cell}: {e.origin[5:]} (score): {e.rationale}")
        print(
            f"{len(findings)} finding(s), {len(calibrations)} calibration(s) in {seconds:.2f}s"
            + ("" if nb.written else "; no written date, so no calibration (use --written YYYY-MM)"),
            file=sys.stderr,
        )
        if args.fix:
            print(f"applied {len(edits)} edit(s); wrote {out}", file=sys.stderr)
    unfixable = [f for f in findings if not f.fixable and f.severity == "error"]
    breaking = [f for f in findings if f.severity == "error"]  # changed defaults are reported, not counted
    return 0 if (args.fix and not unfixable) or not (breaking or calibrations) else 1


def _folder(given: Path | None, default: Path | None, flag: str) -> Path | None:
    if given is not None and not given.is_dir():
        raise InputError(f"{flag} {given} is not a directory")
    return given or default


def _apply(sources: list[str], edits) -> list[str]:
    sources = list(sources)
    for e in edits:
        sources[e.cell] = e.new
    return sources
