#!/usr/bin/env python3
"""How far the deterministic rules alone (no LLM) bring a corpus of real old notebooks.

    rules_corpus_table.py CORPUS [--backend local] [--profile full] [--rounds 8] [--results FILE] [--only TEXT]
    rules_corpus_table.py CORPUS --from-eval RESULTS_DIR/results.jsonl [MORE_RESULTS.jsonl ...]
    rules_corpus_table.py CORPUS --speed-only

For each notebook of CORPUS (the layout of DESIGN.md): run it as it is ("before"),
then repair it with the agent's own loop with rules only (no model, no fix memory;
at most --rounds attempts): an edit is kept only when the run gets further, and
"after" is the loop's verdict, a fresh run of the repaired notebook. Prints a
Markdown table, the remaining first errors, the notebooks that need files the
corpus does not have, and the speed of the static pass over 100 notebooks.
Results are appended to --results (JSON lines) so that an interrupted run
resumes where it stopped.

With --from-eval nothing runs: "before" and "after" are the baseline and final
runs of a rules-only evaluation (`mlemod eval CORPUS --out DIR` without a model),
which repairs with the same loop; several results files make one table (a split
measured in parts). Notebooks not clean afterwards are counted by why: files the
corpus lacks, a download, a time limit (cell timeout, repair budget), or an error.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from mlemodernizer.agent.loop import AgentConfig, repair_notebook  # noqa: E402
from mlemodernizer.agent.rules import fix_static  # noqa: E402
from mlemodernizer.agent.rules.batch import LintOptions, lint_file, over_notebooks  # noqa: E402
from mlemodernizer.core import Notebook, RunRequest, RunResult, corpus_defaults, load_notebook, rule_ids, usable_cores  # noqa: E402
from mlemodernizer.eval.outcome import stopped_at_time_limit  # noqa: E402
from mlemodernizer.executor.base import run_notebook  # noqa: E402
from mlemodernizer.executor.lockenv import PROFILES  # noqa: E402


def notebooks(corpus: Path, only: str | None) -> list[Path]:
    found = sorted(corpus.glob("*/notebooks/*.ipynb"))
    return [p for p in found if not only or only in p.name]


def request(path: Path, nb: Notebook, timeout: float, budget: float) -> RunRequest:
    implied = corpus_defaults(path)
    return RunRequest(
        notebook=nb,
        data_dir=implied.get("data_dir"),
        competition=implied.get("competition"),
        files_dir=implied.get("files_dir"),
        cell_timeout=timeout,
        budget=budget,
    )


def first_error(result: RunResult) -> str | None:
    bad = result.first_failure
    if bad is None:
        return None
    if bad.error is None:
        return bad.status
    # the first line that says something (NLTK's LookupError opens with a row of asterisks)
    line = next((t for t in bad.error.evalue.splitlines() if any(c.isalnum() for c in t)), "")
    return f"{bad.error.ename}: {line.strip()[:120]}"


def measure(path: Path, args) -> dict:
    written = corpus_defaults(path).get("written")
    nb = load_notebook(path, written)
    row = {
        "notebook": path.name,
        "competition": path.parent.parent.name,
        "python2": nb.python2,
        "code_cells": len(nb.code_indices()),
    }
    started = time.time()
    before = run_notebook(request(path, nb, args.cell_timeout, args.budget), args.backend, profile=args.profile)
    row.update(
        before=before.status, before_error=first_error(before), before_ok=sum(c.status == "ok" for c in before.cells)
    )
    # Rules only: no model (whatever MLEMOD_MODEL says, see main) and no fix memory.
    config = AgentConfig(backend=args.backend, backend_options={"profile": args.profile}, memory=False,
                         max_fixes=args.rounds)
    report = repair_notebook(request(path, nb, args.cell_timeout, args.budget), config, baseline=before)
    after = report.final
    row.update(
        after=after.status,
        after_error=first_error(after),
        after_ok=sum(c.status == "ok" for c in after.cells),
        rules=sorted({r for e in report.accepted_edits for r in e.rule_ids}),
        seconds=round(time.time() - started, 1),
    )
    return row


def measure_safely(path: Path, args) -> dict:
    """An executor failure (a runner that stopped answering) is that notebook's result, not the end of the run."""
    try:
        return measure(path, args)
    except Exception as exc:  # noqa: BLE001 - recorded, the other notebooks still run
        nb = load_notebook(path)
        return {
            "notebook": path.name,
            "competition": path.parent.parent.name,
            "python2": nb.python2,
            "code_cells": len(nb.code_indices()),
            "before": "executor-error",
            "before_error": None,
            "before_ok": 0,
            "after": "executor-error",
            "after_error": f"{type(exc).__name__}: {str(exc)[:150]}",
            "after_ok": 0,
            "rules": [],
            "seconds": None,
        }


def rows_from_eval(results: Path, paths: list[Path]) -> dict[str, dict]:
    """Table rows from an evaluation's results.jsonl, keyed by notebook file name."""
    by_key = {p.parent.parent.name + "/" + p.stem: p for p in paths}
    rows = {}
    for line in results.read_text().splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        path = by_key.get(record["key"])
        if path is None:
            continue
        repair, base = record.get("repair") or {}, record.get("baseline") or {}
        final = record.get("final") or base
        if repair.get("llm_calls"):
            print(f"{path.name}: its repair called a model; this table is about rules only", file=sys.stderr)
        rules = {r for e in repair.get("edits", []) for r in rule_ids(e["origin"])}  # the eval keeps no sources
        rows[path.name] = {
            "notebook": path.name, "competition": record["competition"], "python2": None,
            "code_cells": base.get("cells", 0),
            "before": base.get("status", "failed"), "before_error": base.get("error"), "before_ok": base.get("cells_ok", 0),
            "after": final.get("status", "failed"), "after_error": final.get("error"), "after_ok": final.get("cells_ok", 0),
            "rules": sorted(rules),
            "seconds": record.get("wall_seconds"),
        }
    return rows


_MISSING_FILE = re.compile(r"^(FileNotFoundError|OSError|IOError).*(No such file|does not exist).*?'([^']+)'")
# Resources a fixed, offline environment cannot carry: language models and corpora that their
# libraries download from a hub at run time (spaCy's en_core_web_* are not on PyPI; NLTK's data
# is not a package at all).
_OFFLINE_RESOURCE = re.compile(r"^(LookupError:.*Resource|OSError: \[E050\]|ModuleNotFoundError: No module named 'spacy')", re.S)


def lacks_corpus_file(row: dict, corpus: Path) -> bool:
    """The run stopped on a file that no alias of the competition's data provides."""
    match = _MISSING_FILE.match(row["after_error"] or "") if row["after"] != "ok" else None
    if not match:
        return False
    data = corpus / row["competition"] / "data"
    have = {p.name for p in data.rglob("*")} if data.is_dir() else set()
    name = Path(match.group(3)).name
    return name not in have and name + ".zip" not in have and name.removesuffix(".zip") not in have


def report(rows: list[dict], speed: dict | None, corpus: Path) -> str:
    n = len(rows)
    missing = [r for r in rows if lacks_corpus_file(r, corpus)]
    offline = [r for r in rows if r["after"] != "ok" and _OFFLINE_RESOURCE.match(r["after_error"] or "")]
    counted = [r for r in rows if r not in missing]
    strict = [r for r in counted if r not in offline]
    before_ok = sum(r["before"] == "ok" for r in rows)
    after_ok = sum(r["after"] == "ok" for r in rows)
    lines = [
        "| notebooks | ran clean before | ran clean after rules only | need files the corpus lacks | "
        "clean after, of the rest | need a model/corpus download too | clean after, of the rest |",
        "|---|---|---|---|---|---|---|",
        f"| {n} | {before_ok} ({before_ok / max(n, 1):.0%}) | {after_ok} ({after_ok / max(n, 1):.0%}) | "
        f"{len(missing)} | {after_ok}/{len(counted)} ({after_ok / max(len(counted), 1):.0%}) | "
        f"{len(offline)} | {after_ok}/{len(strict)} ({after_ok / max(len(strict), 1):.0%}) |",
        "",
    ]
    by_comp = collections.defaultdict(list)
    for r in rows:
        by_comp[r["competition"]].append(r)
    lines += ["| competition | notebooks | clean before | clean after |", "|---|---|---|---|"]
    for comp, rs in sorted(by_comp.items()):
        lines.append(
            f"| {comp} | {len(rs)} | {sum(r['before'] == 'ok' for r in rs)} | {sum(r['after'] == 'ok' for r in rs)} |"
        )
    failed = [r for r in strict if r["after"] != "ok"]
    timed = [r for r in failed if stopped_at_time_limit(r["after_error"])]
    lines += ["", f"Not clean after rules only: {n - after_ok}. Of these, {len(missing)} need files the corpus lacks, "
              f"{len(offline)} a model/corpus download, {len(timed)} stopped at a time limit (a cell's timeout or "
              f"the repair's budget), {len(failed) - len(timed)} on another error. Clean after, of those that "
              f"neither lack a file or download nor stopped at a time limit: {after_ok}/{len(strict) - len(timed)} "
              f"({after_ok / max(len(strict) - len(timed), 1):.0%})."]
    remaining = collections.Counter(_signature(r["after_error"]) for r in failed)
    lines += ["", "Top remaining first errors (rules only):", ""]
    lines += [f"- {count} x {sig}" for sig, count in remaining.most_common(12)]
    if missing:
        lines += ["", "Need files the corpus does not have:", ""]
        lines += [f"- {r['notebook']}: {r['after_error']}" for r in missing]
    if offline:
        lines += ["", "Need a model or corpus that its library downloads at run time (no network in the sandbox):", ""]
        lines += [f"- {r['notebook']}: {_one_line(r['after_error'])}" for r in offline]
    lines += ["", "| notebook | before | after | cells ok before -> after | rules applied |", "|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['notebook']} | {r['before']} | {r['after']} | {r['before_ok']} -> {r['after_ok']} of "
            f"{r['code_cells']} | {', '.join(r['rules'])} |"
        )
    if speed:
        lines += ["", *speed_lines(speed)]
    return "\n".join(lines)


def _one_line(error: str) -> str:
    """An error message as one short line (NLTK frames its message in asterisks over many lines)."""
    return re.sub(r"[\s*]+", " ", error).strip()[:120]


def _signature(error: str | None) -> str:
    if not error:
        return "?"
    if stopped_at_time_limit(error):  # one line per limit, whatever budget was left for the final run
        error = re.sub(r"\b\d+(\.\d+)?s\b", "N s", error)
    return re.sub(r"'[^']{25,}'", "'...'", error)[:100]


def static_speed(paths: list[Path], count: int = 100) -> dict:
    """Time the static pass over ``count`` notebooks (the corpus repeated), loading included: fix_static in
    worker processes, one per usable core (as `mlemod lint DIR` runs), then `mlemod lint`'s whole work (lint
    and calibrate) the same way, then fix_static in this one process (wall and CPU). The workers run first,
    forked from a process that has not run a pass yet: no cache of this process's serves them."""
    chosen = (paths * (count // max(len(paths), 1) + 1))[:count]
    jobs = min(usable_cores(), len(chosen))
    started = time.perf_counter()
    for _ in over_notebooks(_static_pass, chosen, jobs):
        pass
    parallel = time.perf_counter() - started
    started = time.perf_counter()
    for _ in over_notebooks(partial(lint_file, LintOptions()), chosen, jobs):
        pass
    linted = time.perf_counter() - started
    wall, cpu = time.perf_counter(), time.process_time()
    for p in chosen:
        _static_pass(p)
    return {"count": len(chosen), "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
            "jobs": jobs, "parallel_wall": parallel, "lint_wall": linted}


def _static_pass(path: Path) -> int:
    return len(fix_static(load_notebook(path)))


def speed_lines(speed: dict) -> list[str]:
    return [f"Static pass (fix_static) over {speed['count']} notebooks, loading included: {speed['wall']:.2f} s "
            f"wall, {speed['cpu']:.2f} s CPU in one process; {speed['parallel_wall']:.2f} s wall in {speed['jobs']} "
            f"worker processes.",
            f"`mlemod lint` (lint and calibrate) over the same {speed['count']} in {speed['jobs']} worker processes: "
            f"{speed['lint_wall']:.2f} s wall."]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--backend", default="local")
    parser.add_argument("--profile", choices=PROFILES, default=os.environ.get("MLEMOD_PROFILE", "tabular"),
                        help="environment profile (full: the TensorFlow/Keras notebooks can import them)")
    parser.add_argument("--rounds", type=int, default=8, help="repair attempts per notebook (default 8)")
    parser.add_argument("--results", type=Path, default=Path("results/rules_corpus.jsonl"))
    parser.add_argument("--only", help="only notebooks whose file name contains this text")
    parser.add_argument("--cell-timeout", type=float, default=300)
    parser.add_argument("--budget", type=float, default=900)
    parser.add_argument("--reverse", action="store_true", help="measure the notebooks in reverse order")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks measured at the same time (default 1)")
    parser.add_argument("--speed-only", action="store_true", help="only time the static pass")
    parser.add_argument("--report-only", action="store_true", help="print the table from --results, run nothing")
    parser.add_argument("--from-eval", type=Path, metavar="RESULTS_JSONL", nargs="+",
                        help="print the table from rules-only `mlemod eval` results.jsonl files, run nothing (a "
                             "notebook in several files: the last file's record)")
    args = parser.parse_args()
    os.environ.pop("MLEMOD_MODEL", None)  # the table is about rules alone
    paths = notebooks(args.corpus, args.only)
    if not paths:
        print(f"no notebooks under {args.corpus}/*/notebooks/", file=sys.stderr)
        return 2
    speed = static_speed(paths)
    if args.speed_only:
        print("\n".join(speed_lines(speed)))
        return 0
    done = {}
    if args.from_eval:
        for results in args.from_eval:
            done.update(rows_from_eval(results, paths))
        args.report_only = True
    elif args.results.exists():
        for line in args.results.read_text().splitlines():
            row = json.loads(line)
            done[row["notebook"]] = row
    if not args.report_only:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        todo = [p for p in paths if p.name not in done]
        if args.reverse:  # a second process can work from the other end of the same results file
            todo.reverse()
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:  # each run is its own kernel process
            for path, row in zip(todo, pool.map(lambda p: measure_safely(p, args), todo)):
                done[path.name] = row
                with args.results.open("a") as out:
                    out.write(json.dumps(row) + "\n")
                print(
                    f"{path.name}: before {row['before']} -> after {row['after']} ({row['after_error']})",
                    file=sys.stderr,
                    flush=True,
                )
    rows = [done[p.name] for p in paths if p.name in done]
    print(report(rows, speed, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
