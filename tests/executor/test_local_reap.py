"""What a host killed outright leaves behind is found by its owner mark and removed by the next host."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest
from mlemodernizer.executor import docker as docker_backend
from mlemodernizer.executor import image as env_image
from mlemodernizer.executor.layout import Workspace
from mlemodernizer.executor.local import _identity, mark_workspace, reap_workspaces


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
