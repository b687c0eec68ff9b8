"""Helpers shared by tests of every package (on sys.path through pytest's pythonpath)."""

from __future__ import annotations

import json
import os
import signal
import textwrap
from pathlib import Path

import nbformat
from mlemodernizer.core import Notebook, RunRequest, parse_notebook
from mlemodernizer.executor.protocol import THREAD_VARIABLES

# ../shared beside the checkout (CI sets MLEMOD_SHARED): real Kaggle data for tests.
SHARED_DATA = Path(os.environ.get("MLEMOD_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "data"


def interruptible() -> None:
    """``preexec_fn`` for a child a test will Ctrl-C: a CI job started in the background runs with
    SIGINT ignored, the child would inherit that, and Python then installs no KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def make_notebook(*cells: str, markdown_first: bool = True, **metadata) -> Notebook:
    node = nbformat.v4.new_notebook()
    if markdown_first:
        node.cells.append(nbformat.v4.new_markdown_cell("# a test notebook"))
    node.cells += [nbformat.v4.new_code_cell(textwrap.dedent(source)) for source in cells]
    node.metadata.update(metadata)
    return parse_notebook(nbformat.writes(node))


def code_notebook(*cells: str, **metadata) -> Notebook:
    """A notebook of code cells only: cell ``i`` of the sources is code cell ``i``."""
    return make_notebook(*cells, markdown_first=False, **metadata)


def needs_full(test):
    """Skip ``test`` where the full profile's local virtualenv is not built (CI builds only the tabular one)."""
    import pytest

    missing = full_ready("local")
    return pytest.mark.skipif(missing is not None, reason=missing or "")(test)


def full_ready(backend: str) -> str | None:
    """Why the full environment (tensorflow, keras, torch) is missing on ``backend``, or None when it is
    there. CI builds only the tabular profile; tests that need the full one skip with this reason."""
    from mlemodernizer.executor import lockenv

    if backend == "local":
        digest = lockenv.lock_hash("full")[:16]
        marker = lockenv.cache_dir() / "envs" / f"full-{digest}" / ".complete"
        return None if marker.exists() else "the full virtualenv is not built"
    try:
        from mlemodernizer.executor.image import docker_client, find_image

        return None if find_image(docker_client(), "full") is not None else "the full image is not built"
    except Exception as exc:  # noqa: BLE001 - any engine trouble means: skip
        return f"no Docker engine ({exc})"


def run_local(nb: Notebook, workdir: Path, profile: str = "tabular", cell_timeout: float = 300):
    """Every cell of ``nb`` in a real kernel of the local backend; the RunResult."""
    from mlemodernizer.core import RunRequest
    from mlemodernizer.executor.base import get_executor

    request = RunRequest(notebook=nb, cell_timeout=cell_timeout, workdir=workdir)
    session = get_executor("local", profile=profile).start(request)
    try:
        return session.run_cells(nb.sources())
    finally:
        session.close()


def stdout(cell) -> str:
    """What a cell of a RunResult printed."""
    return "".join(o["text"] for o in cell.outputs if o.get("name") == "stdout")


# What a kernel's numeric libraries will use: the thread variables, joblib's core count (n_jobs=-1)
# and the sizes of the BLAS and OpenMP pools that numpy and scikit-learn loaded.
THREADS_PROBE = """
import json, os, joblib, numpy, sklearn.ensemble, threadpoolctl
print(json.dumps({"env": {k: os.environ.get(k) for k in NAMES}, "joblib": joblib.cpu_count(),
                  "pools": sorted({p["num_threads"] for p in threadpoolctl.threadpool_info()})}))
"""


def threads_seen(executor, threads: int | None = None) -> dict:
    """Run THREADS_PROBE in a session of ``executor`` (a request for ``threads``); what it printed."""
    nb = code_notebook(f"NAMES = {list(THREAD_VARIABLES)!r}", THREADS_PROBE)
    session = executor.start(RunRequest(notebook=nb, cell_timeout=120, threads=threads))
    try:
        result = session.run_cells(nb.sources())
    finally:
        session.close()
    assert result.status == "ok", result.summary()
    return json.loads(stdout(result.cells[1]))


def git(cwd: Path, *args: str) -> str:
    """``git`` in ``cwd`` with a fixed identity and no user configuration (tests build tiny repositories)."""
    import subprocess

    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
           "HOME": str(cwd), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()
