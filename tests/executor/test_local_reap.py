"""What a host killed outright leaves behind is found by its owner mark and removed by the next host."""

from __future__ import annotations

import os
import subprocess
import sys

from mlemodernizer.executor import docker as docker_backend
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
