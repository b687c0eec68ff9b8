"""The local backend's kernel sees an allowlisted environment only: the host's secrets stay out.

Notebook code is untrusted; the server that runs it holds its API token, model keys and
maybe cloud credentials in its environment. A real kernel prints what it can see.
"""

from __future__ import annotations

import json
import os
import stat
import uuid
from pathlib import Path

import pytest
from mlemodernizer.core import RunRequest
from mlemodernizer.executor import local
from mlemodernizer.executor.base import get_executor
from mlemodernizer.executor.layout import Workspace
from mlemodernizer.executor.protocol import THREAD_VARIABLES
from support import code_notebook, threads_seen

SECRETS = ["MLEMOD_API_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AWS_SECRET_ACCESS_KEY",
           "MLEMOD_TEST_API_TOKEN", "DATABASE_URL", "SOME_UNRELATED_VARIABLE"]
# What IPython, ipykernel and jupyter_client set in the kernel themselves.
KERNEL_SET = {"PYTHONUNBUFFERED", "JPY_PARENT_PID", "JPY_SESSION_NAME", "CLICOLOR", "CLICOLOR_FORCE", "FORCE_COLOR", "PAGER",
              "GIT_PAGER", "TERM", "PYDEVD_USE_FRAME_EVAL", "PYTHONPATH", "MPLBACKEND", "COLUMNS", "LINES",
              "PYDEVD_IPYTHON_COMPATIBLE_DEBUGGING"}
# What an isolated (confined) runner sets: its uid has no passwd entry, getpass.getuser() reads these first.
CONFINED_SET = {"USER", "LOGNAME"}

PROBE = """
import json, os, tempfile
try:
    parent = open(f"/proc/{os.getppid()}/environ", "rb").read().decode(errors="replace")
except OSError as e:
    parent = type(e).__name__
print(json.dumps({"env": dict(os.environ), "self": open("/proc/self/environ", "rb").read().decode(errors="replace"),
                  "parent": parent, "tmp": tempfile.gettempdir(), "cwd": os.getcwd()}))
"""


@pytest.mark.parametrize("isolate", ["off", "auto"])
def test_no_secret_reaches_the_kernel(monkeypatch, tmp_path, isolate):
    values = {name: f"secret-{uuid.uuid4().hex}" for name in SECRETS}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    monkeypatch.setenv("TZ", "UTC")
    nb = code_notebook(PROBE)
    session = get_executor("local", isolate=isolate).start(RunRequest(notebook=nb, cell_timeout=120))
    try:
        root = session.workspace.root
        result = session.run_cells(nb.sources())
    finally:
        session.close()
    assert result.status == "ok", result.summary()
    text = "".join(o.get("text", "") for o in result.cells[0].outputs)
    for value in values.values():
        assert value not in text  # not in os.environ, /proc/self/environ or the runner's environ
    seen = json.loads(text)
    env = seen["env"]
    assert not set(SECRETS) & set(env)
    unexpected = {k for k in env if k not in local.ENV_KEEP | {"HOME", "TMPDIR"} | KERNEL_SET | CONFINED_SET
                  and not k.startswith(local.ENV_KEEP_PREFIXES)}
    assert not unexpected, unexpected
    assert all(env[k] == "kaggle" for k in CONFINED_SET & set(env))  # fixed, never the host's
    assert env["LC_ALL"] == "C.UTF-8" and env["OMP_NUM_THREADS"] == "1" and env["TZ"] == "UTC"
    # HOME and TMPDIR belong to this job's workspace
    assert Path(env["HOME"]).parent == root and Path(env["TMPDIR"]).parent == root
    assert seen["tmp"] == env["TMPDIR"]
    assert env["PATH"].split(os.pathsep)[0].endswith("/bin")  # the locked environment first


def test_workspace_home_and_tmp_are_private(tmp_path):
    nb = code_notebook("print(1)")
    session = get_executor("local", isolate="off").start(RunRequest(notebook=nb, cell_timeout=60))
    try:
        root = session.workspace.root
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (root, root / "home", root / "tmp")}
    finally:
        session.close()
    assert modes == {root.name: 0o700, "home": 0o700, "tmp": 0o700}
    assert not root.exists()


def test_runner_environment_is_an_allowlist(tmp_path):
    ws = Workspace(tmp_path)
    parent = {"PATH": "/usr/bin", "LANG": "C.UTF-8", "LC_CTYPE": "C", "OPENBLAS_NUM_THREADS": "2",
              "MKL_NUM_THREADS": "2", "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "HOME": "/root",
              "TMPDIR": "/var/tmp", "MLEMOD_API_TOKEN": "x", "OPENAI_API_KEY": "y", "LD_PRELOAD": "/evil.so",
              "PYTHONPATH": "/evil", "PYTHONSTARTUP": "/evil.py", "VIRTUAL_ENV": "/v", "SSH_AUTH_SOCK": "/s"}
    env = local.runner_environment(ws, "/envs/x/bin/python", parent)
    assert env == {"PATH": "/envs/x/bin:/usr/bin", "LANG": "C.UTF-8", "LC_CTYPE": "C", "OPENBLAS_NUM_THREADS": "2",
                   "MKL_NUM_THREADS": "2", "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg",
                   "HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path / "tmp")}


@pytest.mark.parametrize("isolate", ["off", "auto"])
def test_a_requests_share_of_the_cores_sizes_the_kernels_thread_pools(monkeypatch, isolate):
    monkeypatch.setenv("OMP_NUM_THREADS", "8")  # the host's setting: the request's share wins over it
    seen = threads_seen(get_executor("local", isolate=isolate), threads=1)
    assert seen["env"] == {name: "1" for name in THREAD_VARIABLES}
    assert seen["joblib"] == 1 and seen["pools"] == [1]


def test_without_a_share_the_kernel_keeps_the_hosts_thread_settings(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    monkeypatch.delenv("LOKY_MAX_CPU_COUNT", raising=False)  # not passed on: joblib counts the cores
    seen = threads_seen(get_executor("local", isolate="off"))
    assert seen["env"]["OMP_NUM_THREADS"] == "3" and seen["env"]["LOKY_MAX_CPU_COUNT"] is None
    assert 3 in seen["pools"]  # the host's own setting sized the OpenMP pool
