"""What a host killed outright leaves behind is found by its owner mark and removed by the next host."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time

import pytest
from mlemodernizer.core import RunRequest
from mlemodernizer.executor import docker as docker_backend
from mlemodernizer.executor import image as env_image
from mlemodernizer.executor import local
from mlemodernizer.executor.base import get_executor
from mlemodernizer.executor.layout import Workspace
from mlemodernizer.executor.local import _identity, mark_workspace, reap_workspaces
from support import code_notebook


def workspace(root) -> Workspace:
    ws = Workspace(root)
    ws.conn.mkdir(parents=True)
    return ws


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_only_workspaces_of_dead_hosts_are_removed(tmp_path):
    mine = workspace(tmp_path / "mlemod-mine")
    mark_workspace(mine)
    orphan = workspace(tmp_path / "mlemod-orphan")
    (orphan.conn / "owner").write_text(f"{dead_pid()} 12345")
    reused = workspace(tmp_path / "mlemod-reused")  # a live pid, but not the process that made it
    (reused.conn / "owner").write_text(f"{os.getpid()} 1")
    unmarked = workspace(tmp_path / "mlemod-unmarked")
    assert sorted(p.name for p in reap_workspaces(str(tmp_path / "mlemod-*"))) == ["mlemod-orphan", "mlemod-reused"]
    assert mine.root.exists() and unmarked.root.exists()
    assert not orphan.root.exists() and not reused.root.exists()


class FakeContainer:
    def __init__(self, label):
        self.id, self.labels, self.removed = label, {docker_backend.OWNER_LABEL: label}, False

    def remove(self, force):
        self.removed = True


def test_session_containers_of_dead_hosts_on_this_machine_are_removed(monkeypatch):
    node = os.uname().nodename
    mine = FakeContainer(docker_backend.owner_label())
    orphan = FakeContainer(f"{node}:{dead_pid()}:1")
    old_style = FakeContainer(f"{node}:{os.getpid()}")  # a label without start time: the pid is alive
    elsewhere = FakeContainer(f"other-host:{dead_pid()}:1")
    containers = [mine, orphan, old_style, elsewhere]
    monkeypatch.setattr(docker_backend, "live_containers", lambda client: containers)
    assert docker_backend.reap_containers(client=object()) == [orphan.id]
    assert [c.removed for c in containers] == [False, True, False, False]
    assert _identity(os.getpid()).startswith(f"{os.getpid()} ")


@pytest.mark.docker
def test_on_a_real_engine_the_dead_hosts_container_goes_and_the_live_hosts_stays(engine):
    # The label a host writes on its session container, taken while that host was alive: pid and start time.
    host = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead_label = docker_backend.owner_label(host.pid)
    host.kill()
    host.wait()
    image = env_image.find_image(engine)
    made = []
    try:
        for label in (dead_label, docker_backend.owner_label()):
            made.append(engine.containers.run(image.id, ["sleep", "300"], detach=True, network_mode="none",
                                              labels={docker_backend.OWNER_LABEL: label}))
        orphan, mine = made
        assert {orphan.id, mine.id} <= {c.id for c in docker_backend.live_containers(engine)}
        removed = docker_backend.reap_containers(engine)
        assert orphan.id in removed and mine.id not in removed  # others' leftovers may go too: that is the job
        left = {c.id: c.status for c in docker_backend.live_containers(engine)}
        assert orphan.id not in left and left.get(mine.id) == "running"
    finally:
        from docker.errors import NotFound

        for container in made:
            with contextlib.suppress(NotFound):  # the orphan is gone when the test passed
                container.remove(force=True)


@pytest.mark.parametrize("isolate", ["off", "on"])
def test_closing_a_session_mid_cell_ends_what_the_cell_started(isolate):
    # The host closes a session while a cell still runs when it stops (SIGTERM, a repair's time limit);
    # it gives the runner seconds, not the cell's timeout, before it kills it.
    if isolate == "on" and (why := local.isolation_problem()):
        pytest.skip(f"the local backend cannot isolate here ({why})")
    # Confined, a detached child (a session of its own) is what only the uid-wide kill reaches.
    nb = code_notebook(f"""
        import subprocess, time
        p = subprocess.Popen(["sleep", "300"], start_new_session={isolate == "on"})
        open("child.pid", "w").write(str(p.pid))
        time.sleep(120)
    """)
    session = get_executor("local", isolate=isolate).start(RunRequest(notebook=nb, cell_timeout=300))
    threading.Thread(target=lambda: session.run_cells(nb.sources()), daemon=True).start()
    pid_file = session.workspace.working / "child.pid"
    deadline = time.monotonic() + 60
    while not (pid_file.is_file() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.2)
    pid = int(pid_file.read_text())
    began = time.monotonic()
    session.close()
    closed_in = time.monotonic() - began
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid)
    assert closed_in < 10  # the runner ended the kernel itself rather than wait to be killed


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
