"""The docker backend's sandbox: each test is a notebook that tries something and must fail.

Only loopback addresses are ever a target here: the network test listens on the
host's 127.0.0.1 and checks that the container cannot reach it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
import uuid

import pytest
from mlemodernizer.core import RunRequest
from mlemodernizer.executor.base import get_executor
from support import code_notebook, interruptible

pytestmark = pytest.mark.docker




@pytest.fixture
def session_of(engine):
    """Start a docker session with the given limits; closed (and the container gone) afterwards."""
    opened = []

    def _start(nb, options=None, **fields):
        fields.setdefault("cell_timeout", 60)
        session = get_executor("docker", **(options or {})).start(RunRequest(notebook=nb, **fields))
        opened.append(session)
        return session

    yield _start
    for session in opened:
        session.close()


def outputs_text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs)


def test_no_network_not_even_to_the_hosts_loopback(session_of):
    accepted = []
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                accepted.append(listener.accept())
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    # The listener works: a host-side client gets through (so a refusal below means something).
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    time.sleep(0.3)
    assert len(accepted) == 1
    nb = code_notebook(f"""
        import os, socket
        try:
            socket.create_connection(("127.0.0.1", {port}), timeout=3)
            print("connected")
        except OSError as e:
            print("refused", type(e).__name__)
        print("interfaces", sorted(name for _, name in socket.if_nameindex()), sorted(os.listdir("/sys/class/net")))
    """)
    session = session_of(nb)
    result = session.run_cells(nb.sources())
    stop.set()
    thread.join()
    listener.close()
    text = outputs_text(result.cells[0])
    assert result.status == "ok", result.summary()
    assert "refused" in text and "connected" not in text
    assert "interfaces ['lo'] ['lo']" in text
    assert len(accepted) == 1  # nothing from the container arrived
    assert result.fingerprint.network == "none"


def test_root_filesystem_and_input_are_read_only(session_of, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.csv").write_text("a\n1\n")
    nb = code_notebook(
        "open('/usr/mlemod-probe', 'w')",
        """
        for path in ['/kaggle/input/train.csv', '/kaggle/input/new.csv', '/etc/passwd', '/opt/env/bin/python']:
            try:
                open(path, 'a').write('x')
                print(path, 'written')
            except OSError as e:
                print(path, type(e).__name__)
        open('/tmp/scratch', 'w').write('ok'); open('/kaggle/working/out.txt', 'w').write('ok'); print('writable')
        """,
    )
    session = session_of(nb, data_dir=data, workdir=tmp_path / "kept")
    sources = nb.sources()
    first = session.run_cells(sources)
    assert first.cells[0].status == "error"
    assert first.cells[0].error.ename == "OSError" and "Read-only file system" in first.cells[0].error.evalue
    sources[0] = "pass"
    second = session.run_cells(sources)
    assert second.status == "ok", second.summary()
    text = outputs_text(second.cells[1])
    assert "written" not in text and text.count("Error") == 4 and text.endswith("writable\n")
    assert (tmp_path / "kept" / "out.txt").read_text() == "ok"
    assert (data / "train.csv").read_text() == "a\n1\n"


def test_host_files_outside_the_mounts_are_not_visible(session_of, tmp_path):
    secret = tmp_path / "secret.txt"
    token = uuid.uuid4().hex
    secret.write_text(token)
    nb = code_notebook(f"""
        import os
        for path in [{str(secret)!r}, {str(tmp_path)!r}, "/root", "/work"]:
            try:
                print(path, "readable", open(path).read() if os.path.isfile(path) else os.listdir(path))
            except OSError as e:
                print(path, type(e).__name__)
    """)
    result = session_of(nb).run_cells(nb.sources())
    text = outputs_text(result.cells[0])
    assert token not in text
    assert f"{secret} FileNotFoundError" in text and "readable" not in text


def test_unprivileged_user_without_capabilities(session_of):
    nb = code_notebook("""
        import os
        status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
        print(os.getuid(), status["CapEff"].strip(), status["NoNewPrivs"].strip())
    """)
    uid, caps, no_new_privs = outputs_text(session_of(nb).run_cells(nb.sources()).cells[0]).split()
    assert uid != "0" and int(caps, 16) == 0 and no_new_privs == "1"


def test_fork_bomb_hits_the_process_limit(session_of):
    # Every process forks until fork is refused, reports it through a pipe, sleeps a
    # little and exits: a real exponential bomb, but one that ends by itself.
    nb = code_notebook("""
        import os, select, time
        r, w = os.pipe()
        if os.fork() == 0:
            while True:
                try:
                    os.fork()
                except OSError:
                    os.write(w, b"x")
                    time.sleep(2)
                    os._exit(0)
        os.close(w)
        ready, _, _ = select.select([r], [], [], 30)
        print("fork refused" if ready else "no limit hit")
        """,
        "import subprocess, time\ntime.sleep(4)\nprint(subprocess.run(['true']).returncode)",
    )
    session = session_of(nb, {"pids": 64})
    result = session.run_cells(nb.sources())
    assert [c.status for c in result.cells] == ["ok", "ok"], result.summary()
    assert outputs_text(result.cells[0]) == "fork refused\n"
    assert outputs_text(result.cells[1]) == "0\n"  # once the bomb is over, processes start again
    assert subprocess.run([sys.executable, "-c", "pass"]).returncode == 0  # the host was never short of pids


def test_allocating_past_the_memory_limit_kills_the_kernel_only(session_of):
    nb = code_notebook("chunks = []\nfor _ in range(64):\n    chunks.append(b'x' * 2**25)  # 32 MB each, touched", "print('alive')")
    session = session_of(nb, {"memory": "400m"})
    sources = nb.sources()
    first = session.run_cells(sources)
    assert first.cells[0].status == "kernel_died" and first.status == "kernel_died"
    assert first.cells[1].status == "skipped"
    # The session (runner and container) survived: a smaller cell runs in a fresh kernel.
    sources[0] = "chunks = [b'x' * 2**20]"
    again = session.run_cells(sources)
    assert again.status == "ok" and outputs_text(again.cells[1]) == "alive\n"


def test_sleeping_past_the_budget_is_stopped(session_of):
    nb = code_notebook("import time", "time.sleep(120)", "print('never')")
    began = time.monotonic()
    result = session_of(nb, budget=3).run_cells(nb.sources())
    assert [c.status for c in result.cells] == ["ok", "timeout", "skipped"]
    assert result.cells[1].error.ename == "BudgetExceeded"
    assert time.monotonic() - began < 60


def _containers_of(engine, pid: int) -> list:
    from mlemodernizer.executor.docker import OWNER_LABEL, owner_label

    return engine.api.containers(all=True, filters={"label": f"{OWNER_LABEL}={owner_label(pid)}"})


def test_container_is_removed_after_close(engine):
    nb = code_notebook("print(1)")
    session = get_executor("docker").start(RunRequest(notebook=nb))
    assert len(_containers_of(engine, os.getpid())) == 1
    session.run_cells(nb.sources())
    session.close()
    deadline = time.monotonic() + 20
    while _containers_of(engine, os.getpid()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _containers_of(engine, os.getpid()) == []


@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
def test_container_is_removed_when_the_host_process_dies(engine, how):
    # A host process that starts a session, runs a long cell and is then interrupted or killed.
    script = textwrap.dedent("""
        import sys
        from mlemodernizer.core import RunRequest, parse_notebook
        from mlemodernizer.executor.base import run_notebook
        import nbformat
        nb = parse_notebook(nbformat.writes(nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_code_cell("print('started', flush=True)"), nbformat.v4.new_code_cell("import time; time.sleep(300)")])))
        run_notebook(RunRequest(notebook=nb, cell_timeout=600), "docker", on_cell=lambda c: print("cell", flush=True))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, preexec_fn=interruptible)
    try:
        assert proc.stdout.readline().strip() == "cell"  # the first cell ran: the container is up
        assert len(_containers_of(engine, proc.pid)) == 1
        proc.send_signal(getattr(__import__("signal"), how))
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.monotonic() + 40
    while _containers_of(engine, proc.pid) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _containers_of(engine, proc.pid) == []
