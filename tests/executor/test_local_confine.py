"""Root with isolation: the local runner confines itself (executor/confine.py) before its kernel starts.

What the escape notebooks (test_escape.py) do not show one by one: each job has a uid of
its own and no privilege, the locked environment under root's closed home still runs,
input the user kept private is read from a copy (their file is not touched), and what a
notebook leaves running, even detached from its process group, ends with the session.
"""

from __future__ import annotations

import os
import stat
import time

import pytest
from mlemodernizer.core import RunRequest
from mlemodernizer.executor import local
from mlemodernizer.executor.base import get_executor
from support import code_notebook, stdout

pytestmark = pytest.mark.skipif(local.isolation_problem() is not None,
                                reason=f"the local backend cannot isolate here ({local.isolation_problem()})")

IDENTITY = """
import os, sys
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
print(os.getuid(), os.getgid(), len(os.getgroups()), int(status["CapEff"], 16), status["NoNewPrivs"].strip(), sys.prefix)
"""


def _start(nb, **fields):
    fields.setdefault("cell_timeout", 60)
    return get_executor("local").start(RunRequest(notebook=nb, **fields))


def test_each_job_has_its_own_unprivileged_uid():
    nb = code_notebook(IDENTITY)
    first, second = _start(nb), _start(nb)
    try:
        seen = [stdout(s.run_cells(nb.sources()).cells[0]).split() for s in (first, second)]
    finally:
        first.close()
        second.close()
    (uid1, gid1, groups, caps, nnp, prefix), (uid2, *_rest) = seen
    assert int(uid1) >= local.UID_BASE and gid1 == uid1 and uid1 != uid2
    assert (groups, caps, nnp) == ("0", "0", "1")
    assert prefix == str(local.lockenv.venv_python().parent.parent)  # the locked venv, wherever it lives


def test_private_input_is_read_from_a_copy_and_the_users_file_is_untouched(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    private = data / "train.csv"
    private.write_text("a\n1\n")
    private.chmod(0o600)
    nb = code_notebook("print(open('/kaggle/input/train.csv').read().split())")
    session = _start(nb, data_dir=data)
    try:
        result = session.run_cells(nb.sources())
    finally:
        session.close()
    assert stdout(result.cells[0]) == "['a', '1']\n", result.summary()
    info = private.stat()
    assert stat.S_IMODE(info.st_mode) == 0o600 and info.st_nlink == 1 and info.st_uid == 0


def test_a_detached_process_ends_with_the_session():
    # Double fork and setsid: out of the kernel's process group, which a group kill would miss.
    nb = code_notebook("""
        import os, subprocess
        p = subprocess.Popen(["sleep", "300"], start_new_session=True)
        print(p.pid)
    """)
    session = _start(nb)
    try:
        pid = int(stdout(session.run_cells(nb.sources()).cells[0]))
        assert os.path.exists(f"/proc/{pid}")
    finally:
        session.close()
    deadline = time.monotonic() + 10
    while os.path.exists(f"/proc/{pid}") and _state(pid) != "Z" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not os.path.exists(f"/proc/{pid}") or _state(pid) == "Z"


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
