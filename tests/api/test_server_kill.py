"""A real `mlemod serve` killed with a job running: nothing lost, nothing left behind.

The job's notebook sleeps in a cell. The server is killed (SIGKILL: no clean-up
code runs at all; SIGTERM: the graceful path) while the kernel sleeps. Then: no
runner or kernel of that server is alive (psutil, and `ps` printed), the job is
queued again with its attempt count, and after a restart it runs to the end and
its workspace under /tmp is gone.
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from api_support import ProcessServer, client, notebook_bytes, post_job, read_events, wait_for
from mlemodernizer.api.store import JobStore

pytestmark = pytest.mark.slow


def sleepy(seconds: int) -> bytes:
    """Sleeps until ``seconds`` from now: long past the kill (a runner that outlived its server would
    still be there when it is checked), and not much longer when it runs again after the restart."""
    deadline = time.time() + seconds
    return notebook_bytes(f"import time\nopen('started', 'w').close()\ntime.sleep(max(0, {deadline} - time.time()))",
                          "print('slept')")


def kernel_running(server: ProcessServer, timeout: float = 120) -> tuple[list[psutil.Process], Path]:
    """The server's runner and kernel processes, once the kernel runs the job's cell; and the job's workspace."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in psutil.Process(server.proc.pid).children(recursive=True):
            try:
                argv = proc.cmdline()
            except psutil.Error:
                continue
            if any("ipykernel" in a for a in argv) and "-f" in argv:
                workspace = Path(argv[argv.index("-f") + 1]).parent.parent
                if (workspace / "working" / "started").exists():  # the sleeping cell is under way
                    return psutil.Process(server.proc.pid).children(recursive=True), workspace
        time.sleep(0.2)
    raise AssertionError(f"no kernel started: {server.log_text()}")


def ps(workspace: Path, pids: set[int] = frozenset()) -> str:
    """`ps` lines of the server's runner and kernel if still alive (the kernel's argv names the workspace)."""
    out = subprocess.run(["ps", "-ww", "-eo", "pid,ppid,stat,args"], capture_output=True, text=True).stdout
    return "\n".join(line for line in out.splitlines()
                     if workspace.name in line or (line.split() and line.split()[0].isdigit() and int(line.split()[0]) in pids))


def assert_all_gone(procs: list[psutil.Process], workspace: Path, what: str) -> None:
    names = [f"{p.pid}:{p.name()}" for p in procs]
    began = time.monotonic()
    _, alive = psutil.wait_procs(procs, timeout=5)  # the cell sleeps far longer: only the watcher ends them
    alive = [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]
    print(f"\n{what}: the server's children were {names}; alive {time.monotonic() - began:.2f}s later: {alive}; "
          f"ps: {ps(workspace, {p.pid for p in procs})!r}")
    assert not alive, alive
    assert workspace.name not in ps(workspace)


def restart_and_finish(db: Path, job_id: str, workspace: Path, reason: str) -> None:
    again = ProcessServer(db, "--allow-local-backend")
    try:
        with client(again.url) as c:
            assert not workspace.exists()  # reaped at start-up
            done = wait_for(c, job_id, ("done", "failed"), timeout=300)
            assert done["status"] == "done" and done["verdict"] == "reproduced", done
            assert done["attempts"] == 2
            statuses = [e["data"] for e in read_events(c, job_id) if e["event"] == "status"]
            assert [s["status"] for s in statuses] == ["queued", "running", "queued", "running", "done"]
            assert statuses[2]["attempt"] == 1 and reason in statuses[2]["reason"]
            print(f"after the restart: {[(s['status'], s.get('attempt')) for s in statuses]}")
    finally:
        again.stop()
    assert not workspace.exists()


def test_sigkill_leaves_no_kernel_and_the_job_runs_again(tmp_path):
    db = tmp_path / "jobs.sqlite"
    server = ProcessServer(db, "--allow-local-backend")
    with client(server.url) as c:
        job = post_job(c, sleepy(30), backend="local", cell_timeout=120).json()
        wait_for(c, job["id"], ("running",), timeout=60)
    procs, workspace = kernel_running(server)
    assert workspace.exists()
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait()
    server.log.close()
    assert_all_gone(procs, workspace, "after SIGKILL")
    store = JobStore(db)
    print(f"job after SIGKILL: {store.get(job['id']).status}")  # running: nobody was left to say otherwise
    assert store.get(job["id"]).status == "running"
    store.close()
    restart_and_finish(db, job["id"], workspace, "the server stopped while attempt 1 ran")


def test_sigterm_drains_requeues_and_leaves_no_kernel(tmp_path):
    db = tmp_path / "jobs.sqlite"
    server = ProcessServer(db, "--allow-local-backend", "--shutdown-grace", "3")
    with client(server.url) as c:
        job = post_job(c, sleepy(25), backend="local", cell_timeout=120).json()  # past the 3 s grace
        wait_for(c, job["id"], ("running",), timeout=60)
    procs, workspace = kernel_running(server)
    began = time.monotonic()
    assert server.stop() in (0, -signal.SIGTERM)
    waited = time.monotonic() - began
    print(f"SIGTERM to exit: {waited:.1f}s")
    assert 3 <= waited < 10, "the server waits its --shutdown-grace for the running repair, not the default 10 s"
    assert_all_gone(procs, workspace, "after SIGTERM")
    store = JobStore(db)
    stopped = store.get(job["id"])
    print(f"job after SIGTERM: {stopped.status}, attempts {stopped.attempts}, {store.events(job['id'])[-1].data}")
    assert stopped.status == "queued" and stopped.attempts == 1
    store.close()
    restart_and_finish(db, job["id"], workspace, "the server is stopping")
