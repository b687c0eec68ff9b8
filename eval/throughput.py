"""Throughput of the harness: notebooks per minute with 1 and with N workers.

    python -m mlemodernizer.eval.throughput --titanic DIR [--notebooks 6] [--work-seconds 30] [--workers 2]

Builds a corpus of identical CPU-bound Titanic notebooks (each trains random
forests single-threaded for about ``--work-seconds``, then writes a submission),
evaluates it with 1 worker and with ``--workers`` workers into fresh result
folders, and prints both rates and their ratio. The data folder needs
``input/train.csv``, ``input/test.csv`` and ``answers.csv``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from .harness import run_eval
from .outcome import EvalSettings

_CELLS = [
    # One BLAS/OpenMP thread per notebook, so that N workers use N cores and no more.
    "import os\nos.environ['OMP_NUM_THREADS'] = '1'\nimport time\nimport pandas as pd\n"
    "from sklearn.ensemble import RandomForestClassifier",
    "train = pd.read_csv('../input/train.csv')\ntest = pd.read_csv('../input/test.csv')\n"
    "features = ['Pclass', 'SibSp', 'Parch']\n"
    "X = pd.get_dummies(train[features + ['Sex']]).astype(float)\n"
    "T = pd.get_dummies(test[features + ['Sex']]).astype(float)",
    "started, fits = time.process_time(), 0\n"
    "while time.process_time() - started < {seconds}:  # CPU time, not wall time: fair under contention\n"
    "    model = RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=fits).fit(X, train['Survived'])\n"
    "    fits += 1\n"
    "print(fits, 'forests')",
    "pd.DataFrame({{'PassengerId': test['PassengerId'], 'Survived': model.predict(T)}}).to_csv('submission.csv', index=False)",
]


def build_corpus(root: Path, titanic: Path, notebooks: int, seconds: float) -> Path:
    comp = root / "titanic"
    (comp / "notebooks").mkdir(parents=True)
    (comp / "data").mkdir()
    for name in ("train.csv", "test.csv"):
        shutil.copyfile(titanic / "input" / name, comp / "data" / name)
    shutil.copyfile(titanic / "answers.csv", comp / "answers.csv")
    node = new_notebook(cells=[new_code_cell(c.format(seconds=seconds)) for c in _CELLS])
    for i in range(notebooks):
        nbformat.write(node, comp / "notebooks" / f"cpu_{i:02d}.ipynb")
    return root


def measure(corpus: Path, workers: int, out: Path) -> float:
    """Notebooks per minute for one fresh evaluation (baseline only: the notebooks run clean)."""
    started = time.monotonic()
    records = run_eval(corpus, EvalSettings(out=out), workers=workers, repair=None, progress=False)
    minutes = (time.monotonic() - started) / 60
    bad = [k for k, r in records.items() if r["outcome"] != "error-free reproducible"]
    if bad:
        raise SystemExit(f"throughput notebooks did not run clean: {', '.join(bad)}")
    return len(records) / minutes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--titanic", type=Path, required=True, help="folder with input/ and answers.csv")
    parser.add_argument("--notebooks", type=int, default=6)
    parser.add_argument("--work-seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mlemod-throughput-") as tmp:
        corpus = build_corpus(Path(tmp) / "corpus", args.titanic, args.notebooks, args.work_seconds)
        one = measure(corpus, 1, Path(tmp) / "w1")
        many = measure(corpus, args.workers, Path(tmp) / f"w{args.workers}")
    print(f"{args.notebooks} CPU-bound notebooks (~{args.work_seconds:g} s of CPU each)")
    print(f"--workers 1: {one:.2f} notebooks/min")
    print(f"--workers {args.workers}: {many:.2f} notebooks/min")
    print(f"ratio: {many / one:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
