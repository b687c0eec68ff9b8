"""scripts/rules_corpus_table.py --speed-only: the static pass timed over 100 notebooks, in one process and in
one worker process per usable core, on a real (small) corpus."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from support import code_notebook

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "rules_corpus_table.py"


def test_speed_only_times_the_pass_in_one_process_and_in_worker_processes(tmp_path):
    folder = tmp_path / "corpus" / "titanic" / "notebooks"
    folder.mkdir(parents=True)
    (folder / "old.ipynb").write_text(code_notebook("import pandas as pd\ndf = pd.DataFrame({'a': [1]})\nx = df.ix[0]").dumps())
    (folder / "clean.ipynb").write_text(code_notebook("print(1)").dumps())
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "corpus"), "--speed-only"],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"})
    assert done.returncode == 0, done.stderr
    one, batch = done.stdout.strip().splitlines()
    jobs = min(len(os.sched_getaffinity(0)), 100)
    figures = re.fullmatch(r"Static pass \(fix_static\) over 100 notebooks, loading included: ([\d.]+) s wall, "
                           r"([\d.]+) s CPU in one process; ([\d.]+) s wall in (\d+) worker processes\.", one)
    assert figures is not None, one
    assert int(figures[4]) == jobs and all(float(figures[i]) > 0 for i in (1, 2, 3))
    assert re.fullmatch(rf"`mlemod lint` \(lint and calibrate\) over the same 100 in {jobs} worker "
                        r"processes: [\d.]+ s wall\.", batch), batch


def test_an_empty_corpus_is_a_usage_error(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--speed-only"], capture_output=True,
                          text=True, timeout=600, env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"})
    assert done.returncode == 2 and "no notebooks under" in done.stderr


def _record(notebook: str, final: dict) -> str:
    base = {"status": "error", "error": "AttributeError: gone", "cells": 3, "cells_ok": 1}
    return json.dumps({"key": f"titanic/{notebook}", "competition": "titanic", "baseline": base,
                       "final": {"cells": 3, "cells_ok": 3 if final["status"] == "ok" else 2, **final},
                       "repair": {"edits": [{"origin": "rule:pandas-append"}]}, "wall_seconds": 1.0})


def test_results_of_a_split_in_parts_make_one_table_that_says_why_notebooks_are_not_clean(tmp_path):
    folder = tmp_path / "corpus" / "titanic" / "notebooks"
    folder.mkdir(parents=True)
    (tmp_path / "corpus" / "titanic" / "data").mkdir()
    (tmp_path / "corpus" / "titanic" / "data" / "train.csv").write_text("a\n1\n")
    names = ["clean", "slow", "budget", "budget2", "nofile", "broken", "later"]
    for name in names:
        (folder / f"{name}.ipynb").write_text(code_notebook("print(1)").dumps())
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join([
        _record("clean", {"status": "ok", "error": None}),
        _record("slow", {"status": "error", "error": "CellTimeoutError: the cell ran past its timeout of 150s"}),
        _record("budget", {"status": "error", "error": "BudgetExceeded: the run's budget of 80s was used up"}),
        _record("later", {"status": "error", "error": "KeyError: 'x'"}),
        _record("budget2", {"status": "error", "error": "BudgetExceeded: the run's budget of 95.25s was used up"}),
    ]) + "\n")
    second.write_text("\n".join([
        _record("nofile", {"status": "error", "error": "FileNotFoundError: [Errno 2] No such file or directory: "
                                                      "'../input/images/1.jpg'"}),
        _record("broken", {"status": "error", "error": "NameError: name 'a' is not defined"}),
        _record("later", {"status": "ok", "error": None}),  # the later file's record of a notebook wins
    ]) + "\n")
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "corpus"), "--from-eval", str(first),
                           str(second)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"})
    assert done.returncode == 0, done.stderr
    assert "| 7 | 0 (0%) | 2 (29%) | 1 | 2/6 (33%) | 0 | 2/6 (33%) |" in done.stdout
    assert ("Not clean after rules only: 5. Of these, 1 need files the corpus lacks, 0 a model/corpus download, "
            "3 stopped at a time limit (a cell's timeout or the repair's budget), 1 on another error. Clean after, "
            "of those that neither lack a file or download nor stopped at a time limit: 2/3 (67%).") in done.stdout
    assert "- 1 x NameError: name 'a' is not defined" in done.stdout
    assert "- 2 x BudgetExceeded: the run's budget of N s was used up" in done.stdout
