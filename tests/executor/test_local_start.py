"""The local backend where it cannot isolate, or cannot start at all.

Isolation is decided by trying ``unshare`` (a container's root usually may not);
a refusal falls back to the unprivileged path with one warning line. A runner or
kernel that does not start is an ``ExecutorError`` carrying the runner's stderr,
and the CLI exits 3 with it on one line, never a traceback.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from mlemodernizer import cli
from mlemodernizer.core import RunRequest
from mlemodernizer.errors import ExecutorError
from mlemodernizer.executor import local, lockenv
from mlemodernizer.executor.base import get_executor
from support import code_notebook

REFUSED = "unshare: unshare failed: Operation not permitted"


def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.fixture
def fresh_probe():
    """Forget what an earlier test (or the suite) found out about isolation."""
    local.isolation_problem.cache_clear()
    local._warn_not_isolated.cache_clear()
    yield
    local.isolation_problem.cache_clear()
    local._warn_not_isolated.cache_clear()


@pytest.fixture
def refusing_unshare(tmp_path, monkeypatch, fresh_probe):
    """A PATH whose ``unshare`` fails as it does for root in a container, and a process that looks like
    root (so that the probe is tried even where the tests do not run as root)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "unshare-calls"
    _script(bin_dir / "unshare", f'echo "$@" >> {calls}\necho "{REFUSED}" >&2\nexit 1')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(local.os, "geteuid", lambda: 0)
    return calls


def test_refused_unshare_falls_back_with_one_warning(refusing_unshare, tmp_path, caplog):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.csv").write_text("a\n1\n2\n")
    nb = code_notebook("import pandas as pd\nprint(len(pd.read_csv('/kaggle/input/train.csv')))")
    caplog.set_level(logging.WARNING, logger="mlemodernizer.executor")
    for _ in range(2):  # the second session neither probes again nor warns again
        session = get_executor("local").start(RunRequest(notebook=nb, data_dir=data, cell_timeout=60))
        try:
            result = session.run_cells(nb.sources())
        finally:
            session.close()
        assert result.status == "ok", result.summary()
        assert "".join(o.get("text", "") for o in result.cells[0].outputs) == "2\n"
        assert result.fingerprint.network == "open" and result.fingerprint.kaggle_paths == "rewrite"
    # probed once, with the runner's flags
    probes = refusing_unshare.read_text().splitlines()
    assert len(probes) == 1 and probes[0].startswith("--mount --net --propagation private mount --bind")
    warnings = [r.getMessage() for r in caplog.records if r.name == "mlemodernizer.executor"]
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert "without isolation" in warnings[0] and "Operation not permitted" in warnings[0]


def test_isolation_demanded_but_refused_is_an_executor_error(refusing_unshare):
    nb = code_notebook("print(1)")
    with pytest.raises(ExecutorError, match="Operation not permitted"):
        get_executor("local", isolate="on").start(RunRequest(notebook=nb))


def test_isolation_probe_really_works_where_it_says_so(fresh_probe):
    # Where the probe says yes, an isolated session indeed starts; where it says no, it says why.
    problem = local.isolation_problem()
    if problem is not None:
        assert isinstance(problem, str) and problem
        return
    nb = code_notebook("print(1)")
    session = get_executor("local", isolate="on").start(RunRequest(notebook=nb, cell_timeout=60))
    try:
        assert session.run_cells(nb.sources()).fingerprint.network == "none"
    finally:
        session.close()


@pytest.mark.parametrize("how", [
    # stdin closed at once: the host's first write is a broken pipe
    'exec <&-\necho "ModuleNotFoundError: No module named nbclient (runner stderr)" >&2\nsleep 0.5\nexit 1',
    # reads the start message, then dies
    'read line\necho "ModuleNotFoundError: No module named nbclient (runner stderr)" >&2\nexit 1',
    # dies before the host writes anything
    'echo "ModuleNotFoundError: No module named nbclient (runner stderr)" >&2\nexit 1',
])
def test_runner_dying_at_start_is_an_executor_error_with_its_stderr(tmp_path, how):
    dying = _script(tmp_path / "python", how)
    nb = code_notebook("print(1)")
    with pytest.raises(ExecutorError) as caught:
        get_executor("local", python=dying, isolate="off").start(RunRequest(notebook=nb))
    assert "No module named nbclient (runner stderr)" in str(caught.value)
    assert not isinstance(caught.value.__context__, BrokenPipeError) or caught.value.__suppress_context__


def test_runner_that_cannot_be_executed_is_an_executor_error(tmp_path):
    nb = code_notebook("print(1)")
    with pytest.raises(ExecutorError, match="could not be started"):
        get_executor("local", python=tmp_path / "no-such-python", isolate="off").start(RunRequest(notebook=nb))


@pytest.mark.parametrize("command", ["run", "repair"])
def test_cli_exits_3_with_the_runner_stderr_and_no_traceback(tmp_path, monkeypatch, capsys, command):
    dying = _script(tmp_path / "python", 'exec <&-\necho "kernel: cannot start (runner stderr)" >&2\nexit 1')
    monkeypatch.setattr(lockenv, "venv_python", lambda profile="tabular": dying)
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text(code_notebook("print(1)").dumps())
    data = tmp_path / "data"
    data.mkdir()
    code = cli.main([command, str(notebook), "--data", str(data), "--out",
                     str(tmp_path / ("out.ipynb" if command == "run" else "out"))])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "Traceback" not in err and "BrokenPipeError" not in err
    last = err.strip().splitlines()[-1]  # repair says "no model configured" first
    assert last.startswith("mlemod: ") and "kernel: cannot start (runner stderr)" in last
