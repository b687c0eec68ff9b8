"""Executor benchmark: `python -m mlemodernizer.executor.bench [--cells 200] [--repeat 3]`.

Prints, measured side by side in one run:
- cold start: a new session (locked environment already cached) to the first cell done,
  and the kernel-ready part of it;
- per-cell cost of a trivial cell through the executor and through plain nbclient
  driving the same kernel in the same environment, and their ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat

from ..core import RunRequest, parse_notebook
from . import lockenv
from .base import get_executor

# Plain nbclient, run with the locked environment's interpreter: same kernel, no runner.
_NBCLIENT_SCRIPT = """
import json, sys, time
import nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
client = NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True)
with client.setup_kernel():
    began = time.perf_counter()
    for index, cell in enumerate(nb.cells):
        client.execute_cell(cell, index)
    print(json.dumps({"seconds": time.perf_counter() - began}))
"""


def trivial_notebook(cells: int) -> nbformat.NotebookNode:
    node = nbformat.v4.new_notebook()
    node.cells = [nbformat.v4.new_code_cell(f"x{i} = {i}") for i in range(cells)]
    return node


def measure_executor(node: nbformat.NotebookNode, backend: str) -> dict:
    notebook = parse_notebook(nbformat.writes(node))
    began = time.perf_counter()
    session = get_executor(backend).start(RunRequest(notebook=notebook))
    try:
        first = session.run_cells(notebook.sources()[:1] + [""] * (len(node.cells) - 1))
        cold = time.perf_counter() - began
        began = time.perf_counter()
        session.run_cells(notebook.sources(), start=0)
        run = time.perf_counter() - began
    finally:
        session.close()
    return {"cold_start": cold, "kernel_ready": session.kernel_start_seconds, "run": run,
            "first_cell_ok": first.cells[0].status == "ok"}


def measure_nbclient(node: nbformat.NotebookNode) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.ipynb"
        nbformat.write(node, path)
        out = subprocess.run([str(lockenv.venv_python()), "-c", _NBCLIENT_SCRIPT, str(path)],
                             capture_output=True, text=True, check=True, cwd=tmp)
    return json.loads(out.stdout.strip().splitlines()[-1])["seconds"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cells", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median is reported")
    parser.add_argument("--backend", default="local")
    args = parser.parse_args(argv)

    lockenv.venv_python()  # build outside the measurement
    node = trivial_notebook(args.cells)
    ours, plain = [], []
    for _ in range(args.repeat):  # interleaved, so drift in machine load hits both alike
        ours.append(measure_executor(node, args.backend))
        plain.append(measure_nbclient(node))
    cold = statistics.median(r["cold_start"] for r in ours)
    ready = statistics.median(r["kernel_ready"] for r in ours)
    per_ours = statistics.median(r["run"] for r in ours) / args.cells * 1000
    per_plain = statistics.median(plain) / args.cells * 1000
    print(f"backend                         {args.backend}")
    print(f"cold start to first cell done   {cold:.2f} s")
    print(f"  of which kernel ready         {ready:.2f} s   (target < 2 s)")
    print(f"per cell, executor              {per_ours:.2f} ms  ({args.cells} trivial cells, median of {args.repeat})")
    print(f"per cell, plain nbclient        {per_plain:.2f} ms")
    print(f"overhead ratio executor/nbclient {per_ours / per_plain:.3f}  (target <= 1.10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
