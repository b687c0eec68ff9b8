"""scripts/rules_corpus_table.py --speed-only: the static pass timed over 100 notebooks, in one process and in
one worker process per usable core, on a real (small) corpus."""

from __future__ import annotations

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
