"""The machine an evaluation ran on, and how fast it is.

An evaluation's limits are wall seconds (a cell's timeout, a notebook's budget), so the
same notebooks restore fewer on a slower machine: two runs compare only with the speed of
their machines beside them. Each invocation of ``mlemod eval`` appends one line to
``machines.jsonl``: the processor, the cores it may use, and the seconds a fixed
pure-Python workload takes (parsing and walking Python source, JSON in and out: what the
static pass and a notebook's own Python do), best of three.
"""

from __future__ import annotations

import ast
import json
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

from ..core import usable_cores
from . import jsonl

MACHINES = "machines.jsonl"
# A notebook-like cell: the workload parses it, walks its tree and round-trips a record of it through JSON.
_CELL = """
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
train = pd.read_csv('../input/train.csv')
features = [c for c in train.columns if c not in ('Id', 'SalePrice') and train[c].dtype != object]
model = RandomForestRegressor(n_estimators=100, max_features='sqrt', random_state=0)
model.fit(train[features].fillna(0), train['SalePrice'])
print({name: round(weight, 4) for name, weight in zip(features, model.feature_importances_)})
"""


def _workload(repeat: int) -> int:
    nodes = 0
    for i in range(repeat):
        tree = ast.parse(_CELL + f"\nstep = {i}\n")
        names = [type(node).__name__ for node in ast.walk(tree)]
        nodes += len(json.loads(json.dumps({"cell": i, "nodes": names, "text": _CELL}))["nodes"])
    return nodes


def reference_seconds(repeat: int = 600, rounds: int = 3) -> float:
    """Seconds the fixed workload takes here, the best of ``rounds`` (about 0.15 s on a 2 GHz core)."""
    best = float("inf")
    for _ in range(rounds):
        began = time.perf_counter()
        _workload(repeat)
        best = min(best, time.perf_counter() - began)
    return round(best, 3)


def _processor() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe(repeat: int = 600) -> dict:
    """This machine: processor, cores this process may use, Python, and the reference workload's seconds."""
    return {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "processor": _processor(),
            "cores": usable_cores(), "python": platform.python_version(), "reference_seconds": reference_seconds(repeat)}


def record(out: Path, repeat: int = 600) -> dict:
    """Append this machine's line to ``out/machines.jsonl``; the line."""
    line = describe(repeat)
    jsonl.append(out / MACHINES, line)
    return line


def read(out: Path) -> list[dict]:
    return jsonl.read(out / MACHINES)


def markdown(machines: list[dict]) -> list[str]:
    """The report's lines on where the evaluation ran (one per distinct machine and speed)."""
    if not machines:
        return []
    seen = dict.fromkeys((m.get("processor", "?"), m.get("cores", "?"), m.get("reference_seconds")) for m in machines)
    lines = ["", "## Machine", "",
             "The time limits are wall seconds: compare runs with their machines' reference seconds (a fixed "
             "pure-Python workload; lower is faster) beside them.", ""]
    lines += [f"- {cpu}, {cores} cores: reference workload {seconds} s" for cpu, cores, seconds in seen]
    return lines
