"""Benchmark: what the container costs over the local backend.

    python -m mlemodernizer.executor.bench_docker [--data DIR] [--repeat N] [--json]

Prints (1) container session start to first cell done: from ``start()`` until
the first (trivial) cell's result arrives, with the image already built; and
(2) whole-notebook wall time, docker vs local, on the same notebook (a small
Titanic model when the shared data is present, else a synthetic one), as a
ratio. Runs alternate between backends and the median is reported, so that a
busy machine slows both alike. Targets: start < 3 s, ratio <= 1.15.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import nbformat

from ..core import RunRequest, parse_notebook
from .base import get_executor

START_TARGET_SECONDS = 3.0
RATIO_TARGET = 1.15
# The shared data folder beside the checkout (as the tests find it), or $MLEMOD_SHARED.
DEFAULT_DATA = Path(os.environ.get("MLEMOD_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data" / "titanic" / "input"

# A notebook shaped like a typical old Kaggle kernel: read, engineer, fit, predict, write.
TITANIC_CELLS = [
    "import numpy as np\nimport pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\n"
    "from sklearn.model_selection import cross_val_score",
    "train = pd.read_csv('../input/train.csv')\ntest = pd.read_csv('../input/test.csv')",
    "def prep(df):\n    out = pd.DataFrame({'Pclass': df.Pclass, 'Sex': (df.Sex == 'male').astype(int)})\n"
    "    out['Age'] = df.Age.fillna(train.Age.median())\n    out['Fare'] = df.Fare.fillna(train.Fare.median())\n"
    "    out['Family'] = df.SibSp + df.Parch\n    return out",
    "model = RandomForestClassifier(n_estimators=300, random_state=0)\n"
    "print(cross_val_score(model, prep(train), train.Survived, cv=5).mean())",
    "model.fit(prep(train), train.Survived)\n"
    "pd.DataFrame({'PassengerId': test.PassengerId, 'Survived': model.predict(prep(test))})"
    ".to_csv('submission.csv', index=False)",
]
SYNTHETIC_CELLS = [
    "import numpy as np\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.model_selection import cross_val_score",
    "rng = np.random.default_rng(0)\nX = rng.normal(size=(20000, 40))\ny = (X[:, 0] + rng.normal(size=20000) > 0).astype(int)",
    "print(cross_val_score(LogisticRegression(max_iter=500), X, y, cv=5).mean())",
]


def _notebook(cells: list[str]):
    node = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    return parse_notebook(nbformat.writes(node))


def time_to_first_cell(backend: str) -> float:
    nb = _notebook(["1 + 1"])
    began = time.perf_counter()
    first: list[float] = []
    session = get_executor(backend).start(RunRequest(notebook=nb, cell_timeout=60))
    try:
        session.run_cells(nb.sources(), on_cell=lambda _c: first.append(time.perf_counter() - began))
    finally:
        session.close()
    return first[0]


def whole_notebook(backend: str, cells: list[str], data: Path | None) -> tuple[float, str]:
    """Start, run every cell, close: the wall time a user waits. Returns (seconds, status)."""
    nb = _notebook(cells)
    began = time.perf_counter()
    session = get_executor(backend).start(RunRequest(notebook=nb, data_dir=data, cell_timeout=600))
    try:
        result = session.run_cells(nb.sources())
    finally:
        session.close()
    return time.perf_counter() - began, result.status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlemodernizer.executor.bench_docker", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Titanic input folder (default: ../shared)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per backend (median reported)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    data = args.data if (args.data / "train.csv").is_file() else None
    cells, which = (TITANIC_CELLS, "titanic") if data else (SYNTHETIC_CELLS, "synthetic")

    # One warm-up each: the first local run may build the locked virtualenv, the first
    # container start pages the image in; neither is what a session normally costs.
    time_to_first_cell("local")
    time_to_first_cell("docker")
    starts = {backend: [] for backend in ("local", "docker")}
    walls = {backend: [] for backend in ("local", "docker")}
    for _ in range(args.repeat):
        for backend in ("local", "docker"):
            starts[backend].append(time_to_first_cell(backend))
            seconds, status = whole_notebook(backend, cells, data)
            if status != "ok":
                print(f"bench: the {which} notebook did not run clean on {backend} ({status})", file=sys.stderr)
                return 1
            walls[backend].append(seconds)
    start = {b: statistics.median(v) for b, v in starts.items()}
    wall = {b: statistics.median(v) for b, v in walls.items()}
    ratio = wall["docker"] / wall["local"]
    report = {
        "notebook": which, "repeat": args.repeat,
        "docker_start_to_first_cell_s": round(start["docker"], 3),
        "local_start_to_first_cell_s": round(start["local"], 3),
        "docker_wall_s": round(wall["docker"], 3), "local_wall_s": round(wall["local"], 3),
        "ratio": round(ratio, 3),
        "start_ok": start["docker"] < START_TARGET_SECONDS, "ratio_ok": ratio <= RATIO_TARGET,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"container session start to first cell done: {start['docker']:.2f}s "
              f"(local {start['local']:.2f}s; target < {START_TARGET_SECONDS:g}s)")
        print(f"whole notebook ({which}), median of {args.repeat}: docker {wall['docker']:.2f}s, "
              f"local {wall['local']:.2f}s, ratio {ratio:.3f} (target <= {RATIO_TARGET})")
    return 0 if report["start_ok"] and report["ratio_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
